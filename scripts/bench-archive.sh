#!/usr/bin/env bash
# Measures `aim-spacy archive` and `aim-spacy verify` on a ~1 GB experiment folder: throughput (MB/s)
# and peak resident memory, which stays flat because file contents are streamed in chunks.
# Usage: scripts/bench-archive.sh [SIZE_MB]   (default 1024). Deletes its temporary data at the end.
set -euo pipefail

size_mb=${1:-1024}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/aim-spacy-bench-archive.XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product aim-spacy --package-path "$root" >/dev/null 2>&1
bin="$root/.build/release/aim-spacy"

# An experiment folder: a config, a log of numbers (deflated, ~4:1), and model weights that
# are random bytes (stored: incompressible), archived with --include-models so every byte is read.
exp="$work/bench-run"
mkdir -p "$exp/training/model-best/ner" "$exp/training/model-last/ner"
printf '[nlp]\nlang = "en"\npipeline = ["ner"]\n' > "$exp/config.cfg"
printf '{"lang":"en"}\n' > "$exp/training/model-best/meta.json"
text_mb=$((size_mb / 4))
seq 1 100000000 | head -c "$((text_mb * 1024 * 1024))" > "$exp/train.log" || true  # seq stops on SIGPIPE
weights_mb=$(((size_mb - text_mb) / 6))
for i in 1 2 3; do
    head -c "$((weights_mb * 1024 * 1024))" /dev/urandom > "$exp/training/model-best/ner/model-$i"
    head -c "$((weights_mb * 1024 * 1024))" /dev/urandom > "$exp/training/model-last/ner/model-$i"
done
bytes=$(du -sb "$exp" | cut -f1)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "folder: $mb MB in $(find "$exp" -type f | wc -l) files"

measure() { # name, command...
    local name=$1
    shift
    /usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.time"
    local seconds rss
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/$name.time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/$name.time")
    awk -v n="$name" -v mb="$mb" -v s="$seconds" -v r="$rss" \
        'BEGIN { printf "%-8s %7.2f s  %7.1f MB/s  peak RSS %6.1f MB\n", n, s, mb / s, r }'
}

measure archive "$bin" archive "$exp" --include-models --out "$work/bench.zip"
echo "archive: $(awk -v b="$(stat -c %s "$work/bench.zip")" 'BEGIN { printf "%.1f", b / 1048576 }') MB"
measure verify "$bin" verify "$work/bench.zip"
measure extract "$bin" extract "$work/bench.zip" --to "$work/extracted"
