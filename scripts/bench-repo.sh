#!/usr/bin/env bash
# Benchmark of the run repository: inserts N synthetic runs (default 10,000; each with four
# series of 12 points, final scores, a config tree and a source object) into a fresh repository
# with `aim-spacy repo fill`, reports the time per insert, then times `aim-spacy runs --query ...`
# over them. Debug build unless CONFIG=release.
#   scripts/bench-repo.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10000}"
config="${CONFIG:-debug}"
repo="$(mktemp -d)/bench-repo"
trap 'rm -rf "$(dirname "$repo")"' EXIT

swift build -c "$config" --product aim-spacy >/dev/null
bin="$(swift build -c "$config" --show-bin-path)/aim-spacy"

echo "bench-repo: $("$bin" repo fill --repo "$repo" --count "$runs")"

echo "bench-repo: repository size $(du -sh "$repo" | cut -f1) for $("$bin" runs --repo "$repo" --json | grep -c '"hash"') runs"

queries=(
    ''
    'run.experiment == "ner" and "baseline" in run.tags'
    'run.experiment == "spancat" and run.hparams.training.optimizer.learn_rate < 0.001'
    'run.final.ents_f >= 0.7 and run.complete'
    'metric("ents_f").max > 0.9 or metric("loss", component="ner").last < 9'
)
for query in "${queries[@]}"; do
    args=(runs --repo "$repo")
    [ -n "$query" ] && args+=(--query "$query")
    start=$(date +%s.%N)
    matched=$("$bin" "${args[@]}" | tail -n +2 | wc -l)
    end=$(date +%s.%N)
    printf 'bench-repo: %6.3f s  %5d runs  runs --query %s\n' "$(echo "$end - $start" | bc)" "$matched" "${query:-(none)}"
done
