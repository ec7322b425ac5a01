#!/usr/bin/env bash
# Benchmark of `export --to tensorboard` (not a timed test): imports N copies of both fixture
# trainings (2N runs; default 1,000) with a release build, then, REPEAT times side by side, times the
# export into an empty folder, the re-export over it (all unchanged), and the baseline: TensorBoard's
# own Python EventFileWriter writing the same scalar points (scripts/bench_export_baseline.py).
# Prints medians of whole-process wall times. Usage: scripts/bench-export.sh [N]   (env: REPEAT, PYTHON, BENCH_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
N="${1:-500}"
REPEAT="${REPEAT:-5}"
DIR="${BENCH_DIR:-$(mktemp -d)}"
trap 'rm -rf "$DIR"' EXIT
PYTHON="${PYTHON:-$(scripts/venv.sh tensorboard)}"

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
"$BIN" import "$DIR/project/trainings" --repo "$DIR/repo" >/dev/null
runs=$("$BIN" runs --repo "$DIR/repo" --json | grep -c '"hash"')
for t in ner-aim-1 spancat-jsonl-1; do "$BIN" metrics "$t" --repo "$DIR/repo" --json >"$DIR/$t.json"; done

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
created=(); unchanged=(); baseline=()
for r in $(seq 1 "$REPEAT"); do
    rm -rf "$DIR/tb" "$DIR/baseline"
    created+=("$(seconds "$BIN" export --repo "$DIR/repo" --to tensorboard "$DIR/tb")")
    unchanged+=("$(seconds "$BIN" export --repo "$DIR/repo" --to tensorboard "$DIR/tb")")
    baseline+=("$(seconds "$PYTHON" scripts/bench_export_baseline.py "$DIR/baseline" "$N" "$DIR/ner-aim-1.json" "$DIR/spancat-jsonl-1.json")")
done
points=$("$BIN" export --repo "$DIR/repo" --to tensorboard "$DIR/tb" --json | grep '"points"' | tr -dc '0-9\n' | paste -sd+ | bc)
printf 'export --to tensorboard, %d runs, %d points, median of %d:\n' "$runs" "$points" "$REPEAT"
printf '  into an empty folder: %.2f s (%s MB written)\n' "$(median "${created[@]}")" "$(du -sm "$DIR/tb" | cut -f1)"
printf '  again (all unchanged): %.2f s\n' "$(median "${unchanged[@]}")"
printf '  baseline, tensorboard EventFileWriter (scalars only): %.2f s\n' "$(median "${baseline[@]}")"
