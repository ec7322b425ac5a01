#!/usr/bin/env bash
# Builds and runs a libFuzzer target: scripts/fuzz.sh TARGET [SECONDS] [extra libFuzzer flags...]
# Targets: docbin (Fuzz/DocBinFuzz.swift). To add one, add a case below naming its entry file and seeds.
# The target is compiled with `swiftc -sanitize=fuzzer,address` together with the sources of
# AimSpacyModel and AimSpacyDecoding (built as two modules in .build-fuzz/). Crashes land in
# .build-fuzz/TARGET/artifacts/; the corpus grows in .build-fuzz/TARGET/corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS] [libFuzzer flags...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))

case "$target" in
    docbin)
        entry=Fuzz/DocBinFuzz.swift
        seeds=(Fixtures/docbin/*.spacy Fixtures/corpus/dev.spacy)
        ;;
    *)
        echo "unknown fuzz target '$target' (known: docbin)" >&2
        exit 2
        ;;
esac

out=".build-fuzz/$target"
mkdir -p "$out/corpus" "$out/artifacts" "$out/modules"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6
       -I "$out/modules" -I Sources/CAimZlib -I Sources/CLibXML2 -Xcc -I/usr/include/libxml2)

model_sources=$(find Sources/AimSpacyModel -name '*.swift' | sort)
decoding_sources=$(find Sources/AimSpacyDecoding -name '*.swift' | sort)

# shellcheck disable=SC2086
swiftc "${flags[@]}" -emit-module -emit-object -wmo -module-name AimSpacyModel \
    -emit-module-path "$out/modules/AimSpacyModel.swiftmodule" -o "$out/AimSpacyModel.o" $model_sources
# shellcheck disable=SC2086
swiftc "${flags[@]}" -emit-module -emit-object -wmo -module-name AimSpacyDecoding \
    -emit-module-path "$out/modules/AimSpacyDecoding.swiftmodule" -o "$out/AimSpacyDecoding.o" $decoding_sources
swiftc "${flags[@]}" -module-name "${target}_fuzz" "$entry" "$out/AimSpacyModel.o" "$out/AimSpacyDecoding.o" \
    -lz -lxml2 -o "$out/fuzz"

for seed in "${seeds[@]}"; do cp -n "$seed" "$out/corpus/" 2>/dev/null || true; done
if [ "$target" = docbin ]; then
    # Inflated payloads too, so that mutations reach the msgpack and DocBin layers directly.
    python3 -c 'import sys, zlib, os
for p in sys.argv[2:]:
    open(os.path.join(sys.argv[1], os.path.basename(p) + ".payload"), "wb").write(zlib.decompress(open(p, "rb").read()))' \
        "$out/corpus" Fixtures/docbin/*.spacy
fi
echo "fuzzing $target for ${seconds}s" >&2
"$out/fuzz" "$out/corpus" -max_total_time="$seconds" -artifact_prefix="$out/artifacts/" -max_len=200000 -rss_limit_mb=4096 "$@"
