#!/usr/bin/env bash
# Log ingest benchmark, side by side in one run (release build, medians of RUNS):
#  1. `log parse --json` of a 100,000-row ConsoleLogger.v3 JSONL vs Python's json.loads per line plus
#     json.dumps (scripts/log_parse_baseline.py), whole processes;
#  2. `import` of the 100,000-row training (console log + JSONL) into an empty repository: time, and
#     the repository's bytes (database, objects) per logged point;
#  3. peak RSS of `log parse` (and `--json`) of a large log (LARGE_MB, default 500, under the 512 MiB
#     limit) made by repeating the 100,000-row JSONL and console table; and the refusal of a log over
#     the limit (a sparse 1 GiB file with a real log's head).
# The training is made by scripts/make_large_training.py (spaCy's own ConsoleLogger.v3) once per
# BENCH_DIR. Usage: scripts/bench-log.sh [RUNS]   (env: PYTHON, BENCH_DIR, ROWS, LARGE_MB, BIN)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
ROWS="${ROWS:-100000}"
LARGE_MB="${LARGE_MB:-500}"
PYTHON="${PYTHON:-$(scripts/venv.sh)}"
DIR="${BENCH_DIR:-$(mktemp -d)}"
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$DIR"' EXIT
mkdir -p "$DIR"

if [ -z "${BIN:-}" ]; then
    swift build -c release --product aim-spacy >/dev/null
    BIN="$(swift build -c release --show-bin-path)/aim-spacy"
fi

TRAINING="$DIR/training-$ROWS"
if [ ! -s "$TRAINING/training/log.jsonl" ]; then
    "$PYTHON" scripts/make_large_training.py "$TRAINING" "$ROWS"
fi
JSONL="$TRAINING/training/log.jsonl"

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { local start end; start=$(now); "$@" >/dev/null 2>&1; end=$(now); echo "$end - $start" | bc -l; }

echo "== log parse --json of $ROWS JSONL rows ($(du -m "$JSONL" | cut -f1) MB), $RUNS runs"
ours=(); python=()
for _ in $(seq 1 "$RUNS"); do
    ours+=("$(seconds "$BIN" log parse "$JSONL" --json)")
    python+=("$(seconds "$PYTHON" scripts/log_parse_baseline.py "$JSONL")")
done
o=$(printf '%s\n' "${ours[@]}" | median); p=$(printf '%s\n' "${python[@]}" | median)
printf 'aim-spacy %.3f s, Python json %.3f s: %.1fx\n' "$o" "$p" "$(echo "$p / $o" | bc -l)"

echo "== import of the $ROWS-row training (console log + JSONL), $RUNS runs"
times=()
for i in $(seq 1 "$RUNS"); do
    rm -rf "$DIR/repo"
    times+=("$(seconds "$BIN" import "$TRAINING" --repo "$DIR/repo")")
done
t=$(printf '%s\n' "${times[@]}" | median)
hash=$("$BIN" runs --repo "$DIR/repo" --json | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)[0]["hash"])')
points=$(("$("$BIN" metrics "$hash" --repo "$DIR/repo" --csv | wc -l)" - 1))
database=$(find "$DIR/repo" -maxdepth 1 -type f -name 'runs.sqlite*' -printf '%s\n' | paste -sd+ | bc)
objects=$(find "$DIR/repo/objects" -type f -printf '%s\n' | paste -sd+ | bc)
total=$(find "$DIR/repo" -type f -printf '%s\n' | paste -sd+ | bc)
printf 'import %.3f s; %d points; repository %.1f MB = %.1f bytes per point (database %.1f MB = %.1f bytes per point, objects %.1f MB)\n' \
    "$t" "$points" "$(echo "$total / 1048576" | bc -l)" "$(echo "$total / $points" | bc -l)" \
    "$(echo "$database / 1048576" | bc -l)" "$(echo "$database / $points" | bc -l)" "$(echo "$objects / 1048576" | bc -l)"

LARGE="$DIR/large-$LARGE_MB"
if [ ! -s "$LARGE/log.jsonl" ]; then
    mkdir -p "$LARGE"
    size=$(stat -c %s "$JSONL")
    copies=$(( (LARGE_MB * 1048576 + size - 1) / size ))
    for _ in $(seq 1 "$copies"); do cat "$JSONL"; done >"$LARGE/log.jsonl"
    log="$TRAINING/train.log"
    header=$(grep -n '^E    #' "$log" | cut -d: -f1)
    saved=$(grep -n 'Saved pipeline' "$log" | cut -d: -f1)
    {
        head -n $((header + 1)) "$log"
        for _ in $(seq 1 $(( (LARGE_MB * 1048576) / $(stat -c %s "$log") + 1 ))); do
            sed -n "$((header + 2)),$((saved - 1))p" "$log"
        done
        tail -n +"$saved" "$log"
    } >"$LARGE/train.log"
fi
echo "== peak RSS of log parse of a large log"
for file in "$LARGE/log.jsonl" "$LARGE/train.log"; do
    mb=$(du -m "$file" | cut -f1)
    for flag in "" "--json"; do
        start=$(now)
        /usr/bin/time -o "$DIR/rss" -f '%M' "$BIN" log parse "$file" $flag >/dev/null 2>&1 || true
        rss=$(tail -1 "$DIR/rss")
        end=$(now)
        printf '%s (%d MB) log parse %s: peak RSS %.0f MB, %.2f s\n' "$(basename "$file")" "$mb" "${flag:-(summary)}" \
            "$(echo "$rss / 1024" | bc -l)" "$(echo "$end - $start" | bc -l)"
    done
done

over="$DIR/over-limit.jsonl"
head -c 1048576 "$JSONL" >"$over"
truncate -s 1G "$over"
start=$(now)
/usr/bin/time -o "$DIR/rss" -f '%M' "$BIN" log parse "$over" >/dev/null 2>"$DIR/refusal" || true
end=$(now)
printf 'over the limit (1024 MB): %.3f s, peak RSS %.0f MB: %s\n' "$(echo "$end - $start" | bc -l)" \
    "$(echo "$(tail -1 "$DIR/rss") / 1024" | bc -l)" "$(head -1 "$DIR/refusal")"
