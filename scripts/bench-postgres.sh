#!/usr/bin/env bash
# The PostgreSQL repository beside the SQLite one, side by side in one run, release build, medians:
#   A. `runs --query` over 10,000 synthetic runs (`repo fill`; the queries of scripts/bench-repo.sh);
#   B. importing 400 runs (200 copies of both fixture trainings, as scripts/bench-import.sh);
#   C. `repo copy` of 1,000 runs SQLite → PostgreSQL against importing them into PostgreSQL.
# The server is $AIM_SPACY_BENCH_POSTGRES_URL (a role that may create databases), else a throwaway
# one started with scripts/postgres-test-server.sh over loopback. $AIM_SPACY_BIN: a release binary already built.
#   scripts/bench-postgres.sh [RUNS=10000] [REPEAT=5]      (BENCH_PARTS=AC runs parts A and C only)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

runs="${1:-10000}"
repeat="${2:-5}"
work="$(mktemp -d)"
export AIM_SPACY_TEST_POSTGRES_STATE="$work/server.env"
cleanup() {
    if [ -n "${started:-}" ]; then
        scripts/postgres-test-server.sh stop
    else
        while read -r db; do psql -q "$base" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true; done < <(cat "$work/databases" 2>/dev/null)
    fi
    rm -rf "$work"
}
trap cleanup EXIT

base="${AIM_SPACY_BENCH_POSTGRES_URL:-}"
if [ -z "$base" ]; then
    base="$(scripts/postgres-test-server.sh start)"
    started=1
fi
# A fresh database on the server: its URL.
database() {
    psql -q "$base" -c "CREATE DATABASE $1" >/dev/null
    echo "$1" >> "$work/databases"
    local path="${base%%\?*}" query=""
    [[ "$base" == *\?* ]] && query="?${base#*\?}"
    echo "${path%/*}/$1$query"
}

if [ -z "${AIM_SPACY_BIN:-}" ]; then
    swift build -c release --product aim-spacy >/dev/null
fi
bin="${AIM_SPACY_BIN:-$(swift build -c release --show-bin-path)/aim-spacy}"

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
timed() { for _ in $(seq 1 "$repeat"); do seconds "$@"; done | median; }

parts="${BENCH_PARTS:-ABC}"
if [[ "$parts" == *A* ]]; then
echo "== A. runs --query over $runs runs (median of $repeat)"
sqlite="$work/sqlite-repo"
pg="$(database "bench_a_$$")"
echo "fill sqlite:     $("$bin" repo fill --repo "$sqlite" --count "$runs")"
echo "fill postgresql: $("$bin" repo fill --repo "$pg" --count "$runs")"
queries=(
    ''
    'run.experiment == "ner" and "baseline" in run.tags'
    'run.experiment == "spancat" and run.hparams.training.optimizer.learn_rate < 0.001'
    'run.final.ents_f >= 0.7 and run.complete'
    'metric("ents_f").max > 0.9 or metric("loss", component="ner").last < 9'
)
printf '%-9s %-9s %-6s %s\n' sqlite postgres ratio query
for query in "${queries[@]}"; do
    args=(runs)
    [ -n "$query" ] && args+=(--query "$query")
    a=$(timed "$bin" "${args[@]}" --repo "$sqlite")
    b=$(timed "$bin" "${args[@]}" --repo "$pg")
    [ "$("$bin" "${args[@]}" --repo "$sqlite" --json | md5sum)" = "$("$bin" "${args[@]}" --repo "$pg" --json | md5sum)" ] || echo "MISMATCH: $query"
    printf '%7.3fs  %7.3fs  %5.2fx %s\n' "$a" "$b" "$(echo "$b / $a" | bc -l)" "${query:-(none)}"
done

fi

copies() { # N: N copies of both fixture trainings under $work/project-N/trainings
    local dir="$work/project-$1"
    mkdir -p "$dir/trainings"
    cp -r Fixtures/corpus "$dir/corpus"
    for i in $(seq 1 "$1"); do
        for t in ner-aim spancat-jsonl; do
            dest="$dir/trainings/$t-$i"
            cp -r "Fixtures/trainings/$t" "$dest"
            for cfg in "$dest"/training/model-*/config.cfg; do sed -i "s/^seed = 0$/seed = $i/" "$cfg"; done
        done
    done
    echo "$dir/trainings"
}

flags=(--viz-path corpus/dev.spacy --model-log-interval 100)
if [[ "$parts" == *B* ]]; then
echo "== B. import of 400 runs into an empty repository (median of 3)"
trainings="$(copies 200)"
a=$(for i in 1 2 3; do seconds "$bin" import "$trainings" --repo "$work/import-$i" "${flags[@]}"; done | median)
b=$(for i in 1 2 3; do seconds "$bin" import "$trainings" --repo "$(database "bench_b${i}_$$")" "${flags[@]}"; done | median)
printf 'sqlite %.2fs (%.1f ms/run), postgresql %.2fs (%.1f ms/run): %.2fx\n' "$a" "$(echo "$a * 2.5" | bc -l)" "$b" "$(echo "$b * 2.5" | bc -l)" "$(echo "$b / $a" | bc -l)"

fi

if [[ "$parts" == *C* ]]; then
echo "== C. 1,000 runs into PostgreSQL: repo copy from SQLite against importing them"
trainings="$(copies 500)"
into_sqlite=$(seconds "$bin" import "$trainings" --repo "$work/source" "${flags[@]}")
into_pg=$(seconds "$bin" import "$trainings" --repo "$(database "bench_c1_$$")" "${flags[@]}")
target="$(database "bench_c2_$$")"
copy=$(seconds "$bin" repo copy --from "$work/source" --to "$target")
again=$(seconds "$bin" repo copy --from "$work/source" --to "$target")
printf 'import into sqlite %.2fs; import into postgresql %.2fs; repo copy sqlite → postgresql %.2fs (%.2fx the import); copy again (unchanged) %.2fs\n' \
    "$into_sqlite" "$into_pg" "$copy" "$(echo "$copy / $into_pg" | bc -l)" "$again"
fi
