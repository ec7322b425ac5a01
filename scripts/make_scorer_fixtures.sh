#!/usr/bin/env bash
# Makes every scoring fixture set in Fixtures/scorer/ with spaCy 3.8.18 (see Fixtures/scorer/README.md);
# trains one small pipeline per set (a few minutes each on 2 cores). Keeps the weights of alice-basic's
# alice-partial pipeline under .build-bench/scorer/ for scripts/bench-score.sh.
# Usage: scripts/make_scorer_fixtures.sh [SET...]   (default: all sets)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$(scripts/venv.sh)}"
# spaCy fills ents_per_type and spans_*_per_type by iterating sets of strings: a fixed hash seed keeps their order.
export PYTHONHASHSEED=0
out=Fixtures/scorer
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(alice-basic alice-morph alice-partial cases)
for set in "${sets[@]}"; do
    case "$set" in
    alice-basic)
        "$PYTHON" scripts/make_scorer_fixture.py Fixtures/corpus "$out/alice-basic" tagger,parser,ner,textcat 1 ;;
    alice-morph)
        "$PYTHON" scripts/make_scorer_corpus.py Fixtures/corpus "$tmp/multilabel" multilabel
        "$PYTHON" scripts/make_scorer_fixture.py "$tmp/multilabel" "$out/alice-morph" \
            morphologizer,trainable_lemmatizer,senter,spancat,textcat_multilabel 2 --steps 200 \
            --set 'components.spancat.spans_key="chunks"' --set 'components.textcat_multilabel.threshold=0.3' \
            --retokenized "$out/alice-morph-retokenized" ;;
    alice-partial)
        "$PYTHON" scripts/make_scorer_corpus.py Fixtures/corpus "$tmp/partial" partial
        "$PYTHON" scripts/make_scorer_fixture.py "$tmp/partial" "$out/alice-partial" tagger,parser,ner,textcat 3 --steps 200 \
            --set 'initialize.components.textcat.positive_label="DIALOGUE"' \
            --retokenized "$out/alice-partial-retokenized" --keep-model .build-bench/scorer/alice-partial/model-best ;;
    cases) "$PYTHON" scripts/make_scorer_cases.py "$out" ;;
    *) echo "unknown set: $set" >&2; exit 2 ;;
    esac
done
