"""Makes a gold/predicted fixture for scoring: trains a small pipeline on a corpus, applies model-best to the
dev corpus (as `spacy apply` would), and writes what spaCy's Scorer says of the pairs.
python make_scorer_fixture.py CORPUS_DIR OUT_DIR PIPELINE [SEED] [--steps N] [--set SECTION.KEY=JSON ...]
                              [--retokenized OUT_DIR2] [--keep-model DIR]
e.g. make_scorer_fixture.py Fixtures/corpus Fixtures/scorer/alice-basic tagger,parser,ner,textcat 1
Writes OUT_DIR/{dev.gold.spacy, dev.pred.spacy, model-best/config.cfg, model-best/meta.json, scores.json};
the model weights are not kept (scoring needs the config and the labels, not the weights).
--set changes the generated config before training (e.g. components.spancat.spans_key="chunks").
--retokenized also writes a second set whose predicted docs are retokenised (some token pairs merged, some long
  tokens split in two), scored against the same gold: spaCy aligns the two tokenisations.
--keep-model copies the trained model-best, weights included, to DIR (for the benchmark's spaCy baseline)."""
import argparse, json, os, shutil, subprocess, sys, tempfile

parser = argparse.ArgumentParser()
parser.add_argument('corpus'); parser.add_argument('out'); parser.add_argument('pipeline')
parser.add_argument('seed', nargs='?', default='0')
parser.add_argument('--steps', default='300')
parser.add_argument('--set', action='append', default=[])
parser.add_argument('--retokenized')
parser.add_argument('--keep-model')
args = parser.parse_args()

os.makedirs(os.path.join(args.out, 'model-best'), exist_ok=True)
work = tempfile.mkdtemp()
py = sys.executable
cfg = os.path.join(work, 'config.cfg')
subprocess.run([py, '-m', 'spacy', 'init', 'config', cfg, '--lang', 'en', '--pipeline', args.pipeline,
                '--optimize', 'efficiency', '--force'], check=True)
import spacy
from spacy.util import load_config
config = load_config(cfg)
for setting in args.set:
    path, value = setting.split('=', 1)
    *sections, key = path.split('.')
    node = config
    for s in sections:
        node = node.setdefault(s, {})
    node[key] = json.loads(value)
config.to_disk(cfg)
subprocess.run([py, '-m', 'spacy', 'train', cfg, '--output', os.path.join(work, 'training'),
                '--paths.train', os.path.join(args.corpus, 'train.spacy'), '--paths.dev', os.path.join(args.corpus, 'dev.spacy'),
                '--training.max_steps', args.steps, '--training.eval_frequency', '100', '--training.max_epochs', '0',
                '--system.seed', args.seed], check=True)
from spacy.scorer import Scorer
from spacy.tokens import DocBin
from spacy.training import Example
model = os.path.join(work, 'training', 'model-best')
nlp = spacy.load(model)
gold = list(DocBin().from_disk(os.path.join(args.corpus, 'dev.spacy')).get_docs(nlp.vocab))


def write_set(out, preds):
    os.makedirs(os.path.join(out, 'model-best'), exist_ok=True)
    db = DocBin(store_user_data=True)
    for doc in preds:
        db.add(doc)
    db.to_disk(os.path.join(out, 'dev.pred.spacy'))
    shutil.copy(os.path.join(args.corpus, 'dev.spacy'), os.path.join(out, 'dev.gold.spacy'))
    for f in ('config.cfg', 'meta.json'):
        shutil.copy(os.path.join(model, f), os.path.join(out, 'model-best', f))
    pred = list(DocBin().from_disk(os.path.join(out, 'dev.pred.spacy')).get_docs(nlp.vocab))
    scores = Scorer(nlp).score([Example(p, g) for p, g in zip(pred, gold)])
    json.dump(scores, open(os.path.join(out, 'scores.json'), 'w'), indent=1)


def retokenized(doc, n):
    """Merges the tokens n, n+1 of every 7 (where the merge is allowed) and splits every 5th token of 6+ letters."""
    doc = doc.copy()
    groups = {key: [(s.start_char, s.end_char, s.label_) for s in group] for key, group in doc.spans.items()}
    doc.spans.clear()
    with doc.retokenize() as retokenizer:
        for start in range(n % 7, len(doc) - 1, 7):
            span = doc[start:start + 2]
            if not any(e.start < span.end and span.start < e.end and not (e.start <= span.start and span.end <= e.end)
                       for e in doc.ents):
                retokenizer.merge(span)
    long_tokens = [t for t in doc if len(t.text) >= 6 and t.text.isalpha()][::5]
    with doc.retokenize() as retokenizer:
        for t in long_tokens:
            retokenizer.split(t, [t.text[:3], t.text[3:]], heads=[(t, 1), t.head])
    for key, spans in groups.items():
        doc.spans[key] = [doc.char_span(start, end, label=label, alignment_mode='expand') for start, end, label in spans]
    return doc


preds = list(nlp.pipe(nlp.make_doc(g.text) for g in gold))
write_set(args.out, preds)
if args.retokenized:
    write_set(args.retokenized, [retokenized(p, i) for i, p in enumerate(preds)])
if args.keep_model:
    shutil.rmtree(args.keep_model, ignore_errors=True)
    shutil.copytree(model, args.keep_model)
shutil.rmtree(work)
