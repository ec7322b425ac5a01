#!/usr/bin/env bash
# Renders all 143 docs of Fixtures/corpus/dev.spacy in each displaCy style with aim-spacy (release build)
# and with spaCy's displacy.render ($BENCH_SHARED/spacy_baseline.py, default ../shared/bench relative to the repository), side by side, REPS times each,
# and prints medians and ratios. Like the baseline's own figure (DocBin loading + rendering, interpreter
# start-up and imports excluded), "aim_in" is aim-spacy's in-process time (reading + decoding the DocBin +
# rendering + writing); "aim_proc" is the whole aim-spacy process, start-up included.
# Usage: scripts/bench-displacy.sh [REPS]   (env: PYTHON, BASELINE, FILE)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS="${1:-5}"
PYTHON="${PYTHON:-$(scripts/venv.sh)}"
BASELINE="${BASELINE:-${BENCH_SHARED:-../shared/bench}/spacy_baseline.py}"
FILE="${FILE:-Fixtures/corpus/dev.spacy}"
N=143

swift build -c release --product aim-spacy >/dev/null
BIN="$(swift build -c release --show-bin-path)/aim-spacy"

TMP="$(mktemp)"
trap 'rm -f "$TMP"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }
now() { date +%s.%N; }
seconds() { "$PYTHON" -c 'import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])["seconds"])'; }

printf '%-5s %10s %10s %10s %9s %9s\n' style spacy_s aim_in_s aim_proc_s ratio_in ratio_proc
for style in dep ent span; do
    opts='{}'
    [ "$style" = span ] && opts='{"spans_key": "sc"}'
    py=(); inproc=(); proc=()
    for _ in $(seq "$REPS"); do
        py+=("$("$PYTHON" "$BASELINE" displacy "$FILE" "$style" "$N" | seconds)")
        t0=$(now)
        "$BIN" displacy "$FILE" --style "$style" --options "$opts" --limit "$N" --jsonl --timing >/dev/null 2>"$TMP"
        t1=$(now)
        inproc+=("$(seconds <"$TMP")")
        proc+=("$(echo "$t1 - $t0" | bc -l)")
    done
    p=$(printf '%s\n' "${py[@]}" | median)
    i=$(printf '%s\n' "${inproc[@]}" | median)
    w=$(printf '%s\n' "${proc[@]}" | median)
    printf '%-5s %10.4f %10.4f %10.4f %8.1fx %8.1fx\n' "$style" "$p" "$i" "$w" "$(echo "$p / $i" | bc -l)" "$(echo "$p / $w" | bc -l)"
done
