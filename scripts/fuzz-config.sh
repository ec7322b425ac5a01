#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the config.cfg reader.
#   scripts/fuzz-config.sh [seconds]   (default 120; corpus in .build/fuzz-config/corpus, seeded
#                                       from every config in Fixtures; crashes land in .build/fuzz-config/)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-120}"
OUT=.build/fuzz-config
mkdir -p "$OUT/corpus"
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -package-name aim_spacy)

swiftc "${FLAGS[@]}" -wmo -c -module-name AimSpacyModel Sources/AimSpacyModel/*.swift \
  -emit-module -emit-module-path "$OUT/AimSpacyModel.swiftmodule" -o "$OUT/AimSpacyModel.o"
swiftc "${FLAGS[@]}" -wmo -c -module-name AimSpacyDecoding -I "$OUT" \
  Sources/AimSpacyDecoding/DecodingError.swift Sources/AimSpacyDecoding/Config/*.swift \
  -emit-module -emit-module-path "$OUT/AimSpacyDecoding.swiftmodule" -o "$OUT/AimSpacyDecoding.o"
swiftc "${FLAGS[@]}" -I "$OUT" Fuzz/config/main.swift "$OUT/AimSpacyModel.o" "$OUT/AimSpacyDecoding.o" -o "$OUT/fuzz-config"

find Fixtures -name '*.cfg' -exec cp {} "$OUT/corpus/" \;
python3 - "$OUT/corpus" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
for name, case in json.load(open("Fixtures/config/cases.json")).items():
    text = case["text"]
    if case.get("overrides"):
        args = [f"--{k}={json.dumps(v)}" for k, v in case["overrides"].items()]
        text += "\0" + "\n".join(args)
    (out / f"case-{name}.cfg").write_text(text, encoding="utf8")
PY
"$OUT/fuzz-config" "$OUT/corpus" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 \
  -artifact_prefix="$OUT/" -print_final_stats=1
