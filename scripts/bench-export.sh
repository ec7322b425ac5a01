#!/usr/bin/env bash
# Benchmark of `export --to tensorboard` (not a timed test): imports N copies of both fixture
# trainings (2N runs; default 1,000) with a release build, then, REPEAT times side by side, times the
# export into an empty folder, the re-export over it (all unchanged), and the baseline: TensorBoard's
# own Python EventFileWriter writing the same scalar points (scripts/bench_export_baseline.py).
# Prints medians of whole-process wall and CPU (user + system) times. With MLFLOW_RUNS=M, also
# exports M of the runs to a local `mlflow server` (SQLite store, served artifacts) and again (all
# unchanged). Usage: scripts/bench-export.sh [N]   (env: REPEAT, PYTHON, BENCH_DIR, MLFLOW_RUNS)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
N="${1:-500}"
REPEAT="${REPEAT:-5}"
DIR="${BENCH_DIR:-$(mktemp -d)}"
trap 'rm -rf "$DIR"' EXIT
PYTHON="${PYTHON:-$(scripts/venv.sh tensorboard ${MLFLOW_RUNS:+mlflow})}"

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

# "wall cpu" of one command, in seconds.
times_of() { local TIMEFORMAT='%R %U %S'; { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%s %.3f", $1, $2 + $3}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A wall cpu
measure() {
    local name="$1" result; shift
    result=$(times_of "$@")
    wall[$name]+="${result% *} "
    cpu[$name]+="${result#* } "
}
report() { printf '  %s: %.2f s wall, %.2f s CPU\n' "$2" "$(median ${wall[$1]})" "$(median ${cpu[$1]})"; }
for r in $(seq 1 "$REPEAT"); do
    rm -rf "$DIR/tb" "$DIR/baseline"
    measure created "$BIN" export --repo "$DIR/repo" --to tensorboard "$DIR/tb"
    measure unchanged "$BIN" export --repo "$DIR/repo" --to tensorboard "$DIR/tb"
    measure baseline "$PYTHON" scripts/bench_export_baseline.py "$DIR/baseline" "$N" "$DIR/ner-aim-1.json" "$DIR/spancat-jsonl-1.json"
done
points=$("$BIN" export --repo "$DIR/repo" --to tensorboard "$DIR/tb" --json | grep '"points"' | tr -dc '0-9\n' | paste -sd+ | bc)
printf 'export --to tensorboard, %d runs, %d points, median of %d (%s MB written):\n' "$runs" "$points" "$REPEAT" "$(du -sm "$DIR/tb" | cut -f1)"
report created "into an empty folder"
report unchanged "again (all unchanged)"
report baseline "baseline, tensorboard's EventFileWriter (same scalars, no text/HParams)"

if [ -n "${MLFLOW_RUNS:-}" ]; then
    port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$DIR/mlflow"
    mkfifo "$DIR/mlflow/stdin"
    # The server runs while this script holds the FIFO open (the launcher stops it on end of input).
    "$PYTHON" scripts/mlflow_test_server.py --host 127.0.0.1 --port "$port" --workers 1 \
        --backend-store-uri "sqlite:///$DIR/mlflow/mlflow.db" --serve-artifacts --artifacts-destination "$DIR/mlflow/artifacts" \
        <"$DIR/mlflow/stdin" >"$DIR/mlflow/server.log" 2>&1 &
    server=$!
    exec 9>"$DIR/mlflow/stdin"
    trap 'exec 9>&-; wait "$server" 2>/dev/null; rm -rf "$DIR"' EXIT
    until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.5; done
    mapfile -t chosen < <("$BIN" runs --repo "$DIR/repo" --json | grep '"hash"' | cut -d'"' -f4 | head -n "$MLFLOW_RUNS")
    printf 'export --to mlflow, %d runs (mlflow server, 1 worker, SQLite):\n' "${#chosen[@]}"
    measure mlflow "$BIN" export "${chosen[@]}" --repo "$DIR/repo" --to mlflow "http://127.0.0.1:$port"
    report mlflow "first export"
    measure mlflow_again "$BIN" export "${chosen[@]}" --repo "$DIR/repo" --to mlflow "http://127.0.0.1:$port"
    report mlflow_again "again (all unchanged)"
fi
