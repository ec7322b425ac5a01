#!/usr/bin/env bash
# Benchmark of `aim-spacy score` (a benchmark, not a test): builds release, makes a 20,000-doc gold/predicted pair
# from one scoring fixture set with the shared make_large.py (both files repeat the set's docs in the same order),
# then runs side by side
#   - aim-spacy score GOLD PRED --model MODEL --json      (ours: whole process, reading both DocBins included)
#   - spacy_baseline.py score GOLD PRED MODEL              (spaCy's Scorer.score over the same pairs; reading
#                                                           both DocBins included, loading the pipeline not)
# and prints medians and the ratio. The baseline loads the trained pipeline with its weights, which
# scripts/make_scorer_fixtures.sh keeps in .build-bench/scorer/<set>/model-best (git-ignored).
# Environment: PYTHON (default: scripts/venv.sh), BENCH_SHARED (default ../shared/bench from the repository root),
# BENCH_SET (alice-partial), BENCH_DOCS (20000), BENCH_REPS (5), BENCH_SPACY_REPS (3), BENCH_DIR (a kept work dir).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

PYTHON="${PYTHON:-$(scripts/venv.sh)}"
SHARED="${BENCH_SHARED:-../shared/bench}"
SET="${BENCH_SET:-alice-partial}"
DOCS="${BENCH_DOCS:-20000}"
REPS="${BENCH_REPS:-5}"
SPACY_REPS="${BENCH_SPACY_REPS:-3}"
WORK="${BENCH_DIR:-$(mktemp -d)}"
MODEL=".build-bench/scorer/$SET/model-best"
mkdir -p "$WORK"

if [ ! -f "$MODEL/config.cfg" ]; then
    echo "no trained pipeline at $MODEL: run scripts/make_scorer_fixtures.sh $SET first" >&2
    exit 2
fi
swift build -c release --product aim-spacy >&2
BIN="$(swift build -c release --show-bin-path)/aim-spacy"

GOLD="$WORK/gold-$SET-$DOCS.spacy"
PRED="$WORK/pred-$SET-$DOCS.spacy"
[ -s "$GOLD" ] || "$PYTHON" "$SHARED/make_large.py" "Fixtures/scorer/$SET/dev.gold.spacy" "$GOLD" "$DOCS"
[ -s "$PRED" ] || "$PYTHON" "$SHARED/make_large.py" "Fixtures/scorer/$SET/dev.pred.spacy" "$PRED" "$DOCS"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
rm -f "$WORK"/*.times
for _ in $(seq "$REPS"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time.out" "$BIN" score "$GOLD" "$PRED" --model "$MODEL" --json > "$WORK/ours.json"
    cat "$WORK/time.out" >> "$WORK/ours.times"
done
for _ in $(seq "$SPACY_REPS"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time.out" "$PYTHON" "$SHARED/spacy_baseline.py" score "$GOLD" "$PRED" "$MODEL" > "$WORK/spacy.stdout"
    cat "$WORK/time.out" >> "$WORK/spacy.times"
    "$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["seconds"])' "$WORK/spacy.stdout" >> "$WORK/spacy-inner.times"
done

ours=$(cut -d' ' -f1 "$WORK/ours.times" | median)
ours_rss=$(cut -d' ' -f2 "$WORK/ours.times" | sort -n | tail -1)
spacy=$(cut -d' ' -f1 "$WORK/spacy.times" | median)
spacy_inner=$(median < "$WORK/spacy-inner.times")
keys=$("$PYTHON" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/ours.json")
echo "pairs: $GOLD, $PRED ($DOCS docs each, set $SET); $keys keys scored"
awk -v o="$ours" -v s="$spacy" -v si="$spacy_inner" -v r="$ours_rss" -v reps="$REPS" -v sreps="$SPACY_REPS" 'BEGIN {
    printf "aim-spacy score:          %7.3f s (median of %d, wall, whole process), peak RSS %.1f MiB\n", o, reps, r / 1024
    printf "spaCy Scorer.score:       %7.3f s as it reports itself (reading + scoring), %.3f s wall incl. loading the pipeline (median of %d)\n", si, s, sreps
    printf "speed-up vs spaCy:        %7.1fx (its own timer vs our whole process)   target >= 20x\n", si / o
}'
