#!/usr/bin/env bash
# Imports N distinct copies of the fixture trainings (each with its own seed line, so each is a new run)
# into an empty repository with a release build, then times `runs --query` over the result.
# Prints the time per run and the repository's size. Usage: scripts/bench-import.sh [N]   (env: BENCH_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-200}"
DIR="${BENCH_DIR:-$(mktemp -d)}"
trap 'rm -rf "$DIR"' EXIT

swift build -c release --product aim-spacy >/dev/null
BIN="$(swift build -c release --show-bin-path)/aim-spacy"

mkdir -p "$DIR/project/trainings"
cp -r Fixtures/corpus "$DIR/project/corpus"
for i in $(seq 1 "$N"); do
    for t in ner-aim spancat-jsonl; do
        dest="$DIR/project/trainings/$t-$i"
        cp -r "Fixtures/trainings/$t" "$dest"
        for cfg in "$dest"/training/model-*/config.cfg; do sed -i "s/^seed = 0$/seed = $i/" "$cfg"; done
    done
done
runs=$((N * 2))

start=$(date +%s.%N)
"$BIN" import "$DIR/project/trainings" --repo "$DIR/repo" --viz-path corpus/dev.spacy --model-log-interval 100 >/dev/null
end=$(date +%s.%N)
total=$(echo "$end - $start" | bc -l)
printf 'import: %d runs in %.2f s, %.1f ms per run\n' "$runs" "$total" "$(echo "$total * 1000 / $runs" | bc -l)"
printf 'repository: %s\n' "$(du -sh "$DIR/repo" | cut -f1)"

start=$(date +%s.%N)
"$BIN" import "$DIR/project/trainings" --repo "$DIR/repo" >/dev/null
end=$(date +%s.%N)
printf 're-import (all unchanged): %.2f s\n' "$(echo "$end - $start" | bc -l)"

start=$(date +%s.%N)
"$BIN" runs --repo "$DIR/repo" --query 'run.final.ents_f >= 0.7 and metric("score").max > 0.5' --json >/dev/null
end=$(date +%s.%N)
printf 'runs --query over %d runs: %.3f s\n' "$runs" "$(echo "$end - $start" | bc -l)"
