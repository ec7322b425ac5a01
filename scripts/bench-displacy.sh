#!/usr/bin/env bash
# Renders all 143 docs of Fixtures/corpus/dev.spacy in each displaCy style with aim-spacy (release build)
# and with spaCy's displacy.render (/work/shared/bench/spacy_baseline.py), side by side, REPS times each;
# prints the medians and the ratio. aim-spacy is timed as a whole process (decoding the DocBin included);
# spaCy's figure is its own in-process timing of DocBin loading + rendering (interpreter start-up excluded).
# Usage: scripts/bench-displacy.sh [REPS]   (env: PYTHON, BASELINE, FILE)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS="${1:-5}"
PYTHON="${PYTHON:-/work/spacy-venv/bin/python}"
BASELINE="${BASELINE:-/work/shared/bench/spacy_baseline.py}"
FILE="${FILE:-Fixtures/corpus/dev.spacy}"
N=143

swift build -c release --product aim-spacy >/dev/null
BIN="$(swift build -c release --show-bin-path)/aim-spacy"

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }
now() { date +%s.%N; }

printf '%-6s %14s %14s %8s\n' style spacy_s aim_spacy_s ratio
for style in dep ent span; do
    opts='{}'
    [ "$style" = span ] && opts='{"spans_key": "sc"}'
    py_times=(); sw_times=()
    for _ in $(seq "$REPS"); do
        py_times+=("$("$PYTHON" "$BASELINE" displacy "$FILE" "$style" "$N" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')")
        t0=$(now)
        "$BIN" displacy "$FILE" --style "$style" --options "$opts" --limit "$N" --jsonl >/dev/null
        t1=$(now)
        sw_times+=("$(echo "$t1 - $t0" | bc -l)")
    done
    py=$(printf '%s\n' "${py_times[@]}" | median)
    sw=$(printf '%s\n' "${sw_times[@]}" | median)
    printf '%-6s %14.4f %14.4f %7.1fx\n' "$style" "$py" "$sw" "$(echo "$py / $sw" | bc -l)"
done
