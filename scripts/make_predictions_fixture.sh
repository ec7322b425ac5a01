#!/bin/sh
# Assembles Fixtures/predictions/alice-basic/, a training folder for `import --predictions`, from the real files of
# the scorer set Fixtures/scorer/alice-basic (made by make_scorer_fixture.py with spaCy 3.8.18): its model-best
# config.cfg and meta.json as the training's model-best, and the same config as the training's config.cfg. Its
# paths.dev, corpus/dev.spacy, is Fixtures/corpus/dev.spacy (byte-identical to the set's dev.gold.spacy); the
# predictions are the set's dev.pred.spacy. No DocBin is copied, and the training's log was not kept by the
# scorer script, so the folder has none.
set -eu
cd "$(dirname "$0")/.."
set_dir=Fixtures/scorer/alice-basic
out=Fixtures/predictions/alice-basic
cmp -s "$set_dir/dev.gold.spacy" Fixtures/corpus/dev.spacy || { echo "the gold DocBin differs from Fixtures/corpus/dev.spacy" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/training/model-best"
cp "$set_dir/model-best/config.cfg" "$set_dir/model-best/meta.json" "$out/training/model-best/"
cp "$set_dir/model-best/config.cfg" "$out/config.cfg"
echo "wrote $out"
