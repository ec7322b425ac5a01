#!/usr/bin/env bash
# Builds and runs a libFuzzer target: scripts/fuzz.sh TARGET [SECONDS] [extra libFuzzer flags...]
# Targets: docbin (Fuzz/DocBinFuzz.swift), displacy (Fuzz/DisplacyFuzz.swift: every decoded doc rendered).
# To add one, add a case below naming its entry file, seeds and modules.
# The target is compiled with `swiftc -sanitize=fuzzer,address` together with the sources of
# AimSpacyModel, AimSpacyDecoding (and AimSpacyDisplacy), each built as a module in .build-fuzz/.
# Crashes land in .build-fuzz/TARGET/artifacts/; the corpus grows in .build-fuzz/TARGET/corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS] [libFuzzer flags...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))

case "$target" in
    docbin)
        entry=Fuzz/DocBinFuzz.swift
        seeds=(Fixtures/docbin/*.spacy Fixtures/corpus/dev.spacy)
        modules=(AimSpacyModel AimSpacyDecoding)
        ;;
    displacy)
        entry=Fuzz/DisplacyFuzz.swift
        seeds=(Fixtures/displacy/docs.spacy Fixtures/docbin/*.spacy Fixtures/corpus/dev.spacy)
        modules=(AimSpacyModel AimSpacyDecoding AimSpacyDisplacy)
        ;;
    *)
        echo "unknown fuzz target '$target' (known: docbin, displacy)" >&2
        exit 2
        ;;
esac

out=".build-fuzz/$target"
mkdir -p "$out/corpus" "$out/artifacts" "$out/modules"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -package-name aim_spacy
       -I "$out/modules" -I Sources/CAimZlib -I Sources/CLibXML2 -Xcc -I/usr/include/libxml2)

objects=()
for module in "${modules[@]}"; do
    # shellcheck disable=SC2046
    swiftc "${flags[@]}" -emit-module -emit-object -wmo -module-name "$module" \
        -emit-module-path "$out/modules/$module.swiftmodule" -o "$out/$module.o" \
        $(find "Sources/$module" -name '*.swift' | sort)
    objects+=("$out/$module.o")
done
swiftc "${flags[@]}" -module-name "${target}_fuzz" "$entry" "${objects[@]}" -lz -lxml2 -o "$out/fuzz"

for seed in "${seeds[@]}"; do cp -n "$seed" "$out/corpus/" 2>/dev/null || true; done
if [ "$target" = docbin ] || [ "$target" = displacy ]; then
    # Inflated payloads too, so that mutations reach the msgpack and DocBin layers directly.
    python3 -c 'import sys, zlib, os
for p in sys.argv[2:]:
    open(os.path.join(sys.argv[1], os.path.basename(p) + ".payload"), "wb").write(zlib.decompress(open(p, "rb").read()))' \
        "$out/corpus" Fixtures/docbin/*.spacy
fi
echo "fuzzing $target for ${seconds}s" >&2
"$out/fuzz" "$out/corpus" -max_total_time="$seconds" -artifact_prefix="$out/artifacts/" -max_len=200000 -rss_limit_mb=4096 "$@"
