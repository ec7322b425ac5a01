#!/usr/bin/env bash
# Benchmark of hostile input (a benchmark, not a test): builds release, makes each input, and runs it
# once through aim-spacy, printing wall time and peak memory (max RSS); confection runs beside ours on the
# nested config it can still read. Every input is refused or read in bounded time and memory:
#   - config.cfg with sections nested 500 levels deep (aim-spacy and confection read it)
#   - config.cfg with one 80 KB header of 40,000 dotted parts (refused: deeper than confection can read)
#   - config.cfg of 2 KB whose variables refer 3× to the level below, 9 levels (refused by the budget)
#   - a 4 MB DocBin that inflates to 4 GiB (refused by its ratio)
#   - runs --query with 10,000 nested parentheses (refused by the nesting limit)
# Environment: PYTHON (default: the venv scripts/venv.sh makes), BENCH_DIR (a kept work dir).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-$(scripts/venv.sh)}"
WORK="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$WORK"

swift build -c release --product aim-spacy >&2
BIN="$(swift build -c release --show-bin-path)/aim-spacy"

"$PYTHON" - "$WORK" <<'PY'
import os, sys, zlib
work = sys.argv[1]
with open(os.path.join(work, "nested.cfg"), "w") as f:
    for level in range(1, 501):
        f.write("[" + ".".join(["a"] * level) + "]\nx = %d\n" % level)
with open(os.path.join(work, "header.cfg"), "w") as f:
    f.write("[a]\nx = 1\n\n[a" + ".*" * 39999 + "]\ny = 2\n")
with open(os.path.join(work, "bomb.cfg"), "w") as f:
    for level in range(9):
        f.write("[b%d]\nv = %s\n" % (level, "x" * 1000 if level == 8 else " ".join(["${b%d.v}" % (level + 1)] * 3)))
    for top in range(1000):
        f.write("[t%d]\nv = %s\n" % (top, " ".join(["${b1.v}"] * 3)))
path = os.path.join(work, "bomb.spacy")
if not os.path.exists(path):
    c = zlib.compressobj(9)
    with open(path, "wb") as f:
        zeros = bytes(1 << 20)
        for _ in range(4096):
            f.write(c.compress(zeros))
        f.write(c.flush())
PY

# run LABEL CMD...: one run's exit status, wall seconds and max RSS, and its first line on stderr
run() {
    local label="$1"; shift
    local status=0
    /usr/bin/time -f "%e %M" -o "$WORK/time.out" "$@" > /dev/null 2> "$WORK/stderr" || status=$?
    read -r seconds rss < <(tail -n 1 "$WORK/time.out")
    printf '%-34s exit %-3s %7.2f s %8.1f MiB  %s\n' "$label" "$status" "$seconds" "$(echo "$rss / 1024" | bc -l)" \
        "$(grep -v '^Command exited' "$WORK/stderr" | head -n 1 | cut -c 1-110)"
}

echo "input sizes: nested.cfg $(stat -c %s "$WORK/nested.cfg") B, header.cfg $(stat -c %s "$WORK/header.cfg") B," \
    "bomb.cfg $(stat -c %s "$WORK/bomb.cfg") B, bomb.spacy $(stat -c %s "$WORK/bomb.spacy") B"
run "nested 500 levels: aim-spacy" "$BIN" config show "$WORK/nested.cfg" --json
run "nested 500 levels: confection" "$PYTHON" -c "import sys; from confection import Config; Config().from_disk(sys.argv[1])" "$WORK/nested.cfg"
run "80 KB header: aim-spacy" "$BIN" config show "$WORK/header.cfg" --json
run "interpolation bomb: aim-spacy" "$BIN" config show "$WORK/bomb.cfg" --json
run "4 MB -> 4 GiB DocBin: docbin stats" "$BIN" docbin stats "$WORK/bomb.spacy"
run "4 MB -> 4 GiB DocBin: displacy" "$BIN" displacy "$WORK/bomb.spacy" --style ent
QUERY="$("$PYTHON" -c 'print("(" * 10000 + "1" + ")" * 10000)')"
run "10,000 nested parentheses: runs" "$BIN" runs --repo "$WORK/repo" --query "$QUERY"
