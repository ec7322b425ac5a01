#!/usr/bin/env bash
# Benchmark of `aim-spacy docbin stats` (a benchmark, not a test): builds release, makes a
# 100,000-doc DocBin from the corpus with the shared make_large.py, then runs side by side
#   - aim-spacy docbin stats --json          (ours)
#   - spacy_baseline.py stats                (spaCy doing the same counting)
#   - python zlib.decompress of the file     (zlib alone, in-process time)
#   - aim-spacy docbin stats --inflate-only  (our inflate alone)
# and prints medians, peak memory (max RSS) against the inflated size, and the ratios.
# Environment: PYTHON (default: scripts/venv.sh), BENCH_SHARED (default ../shared/bench,
# relative to the repository root),
# BENCH_DOCS (100000), BENCH_REPS (3), BENCH_SPACY_REPS (1; spaCy takes minutes), BENCH_DIR (a kept work dir).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-$(scripts/venv.sh)}"
SHARED="${BENCH_SHARED:-../shared/bench}"
DOCS="${BENCH_DOCS:-100000}"
REPS="${BENCH_REPS:-3}"
SPACY_REPS="${BENCH_SPACY_REPS:-1}"
WORK="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$WORK"

swift build -c release --product aim-spacy >&2
BIN="$(swift build -c release --show-bin-path)/aim-spacy"

LARGE="$WORK/large-$DOCS.spacy"
if [ ! -s "$LARGE" ]; then
    echo "making $LARGE ($DOCS docs)" >&2
    "$PYTHON" "$SHARED/make_large.py" Fixtures/corpus/train.spacy "$LARGE" "$DOCS"
fi

# run LABEL CMD...: wall seconds and max RSS (KiB) of one run, appended to $WORK/LABEL.times
run() {
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time.out" "$@" > "$WORK/$label.stdout"
    cat "$WORK/time.out" >> "$WORK/$label.times"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

rm -f "$WORK"/*.times
for _ in $(seq "$REPS"); do
    run ours "$BIN" docbin stats --json "$LARGE"
    run inflate "$BIN" docbin stats --inflate-only "$LARGE"
    "$PYTHON" -c 'import sys, time, zlib
data = open(sys.argv[1], "rb").read()
t = time.perf_counter(); out = zlib.decompress(data); t = time.perf_counter() - t
print(f"{t:.3f} {len(out)}")' "$LARGE" >> "$WORK/zlib.times"
done
for _ in $(seq "$SPACY_REPS"); do
    run spacy "$PYTHON" "$SHARED/spacy_baseline.py" stats "$LARGE"
    "$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["seconds"])' "$WORK/spacy.stdout" >> "$WORK/spacy-inner.times"
done

ours=$(cut -d' ' -f1 "$WORK/ours.times" | median)
ours_rss=$(cut -d' ' -f2 "$WORK/ours.times" | sort -n | tail -1)
inflate=$(cut -d' ' -f1 "$WORK/inflate.times" | median)
zlib=$(cut -d' ' -f1 "$WORK/zlib.times" | median)
inflated=$(head -1 "$WORK/zlib.times" | cut -d' ' -f2)
spacy=$(cut -d' ' -f1 "$WORK/spacy.times" | median)
spacy_inner=$(median < "$WORK/spacy-inner.times")
compressed=$(stat -c %s "$LARGE")

echo "file: $LARGE ($compressed bytes, $inflated inflated, $DOCS docs)"
echo "ours:  $(tr '\n' ' ' < "$WORK/ours.stdout" | cut -c1-160)..."
echo "spaCy: $(cat "$WORK/spacy.stdout")"
awk -v o="$ours" -v i="$inflate" -v z="$zlib" -v s="$spacy" -v si="$spacy_inner" -v r="$ours_rss" -v n="$inflated" -v reps="$REPS" -v sreps="$SPACY_REPS" 'BEGIN {
    printf "aim-spacy docbin stats:   %7.3f s (median of %d, wall, whole process)\n", o, reps
    printf "spaCy baseline stats:     %7.3f s wall, %.3f s as it reports itself (median of %d)\n", s, si, sreps
    printf "our inflate alone:        %7.3f s (whole process)\n", i
    printf "python zlib.decompress:   %7.3f s (in-process, file already read)\n", z
    printf "peak memory (max RSS):    %7.1f MiB, inflated payload %.1f MiB\n", r / 1024, n / 1048576
    printf "speed-up vs spaCy:        %7.1fx wall (%.1fx vs its own timer)   target >= 50x\n", s / o, si / o
    printf "vs zlib alone:            %7.2fx python zlib, %.2fx our inflate   target <= 1.5x\n", o / z, o / i
    printf "peak memory / inflated:   %7.2fx   target <= 1.3x\n", r * 1024 / n
}'
