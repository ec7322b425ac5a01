"""Makes the hand-written scoring cases in Fixtures/scorer/: small gold/predicted doc pairs built with spaCy's Doc API
for the rules a trained pipeline rarely exercises, scored by spaCy's Scorer with untrained pipelines (scoring reads
the config and labels only; `nlp.initialize` on the gold docs supplies the labels).
python make_scorer_cases.py OUT_DIR        (OUT_DIR: Fixtures/scorer)
Writes OUT_DIR/quirks, OUT_DIR/quirks-multilabel, OUT_DIR/empty (gold, pred, model-best/{config.cfg,meta.json},
scores.json) and OUT_DIR/errors/ (predicted DocBins spaCy cannot score against quirks/dev.gold.spacy, with
spacy-errors.json: what spaCy's Scorer raises for them, or null where it scores without complaint)."""
import json, os, shutil, sys, tempfile
import spacy
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example

out = sys.argv[1]
vocab = spacy.blank('en').vocab
TAGS = {'NNP': 'PROPN', 'VBD': 'VERB', 'DT': 'DET', 'IN': 'ADP', '.': 'PUNCT', 'PRP': 'PRON', 'NN': 'NOUN', 'UH': 'INTJ', 'JJ': 'ADJ'}
MORPH = {'PROPN': 'Number=Sing', 'VERB': 'Tense=Past|VerbForm=Fin', 'DET': 'Definite=Def|PronType=Art', 'ADP': '',
         'PUNCT': 'PunctType=Peri', 'PRON': 'Case=Nom|Number=Sing|Person=3', 'NOUN': 'Number=Sing', 'INTJ': '', 'ADJ': 'Degree=Pos'}


def doc(words, tags=None, heads=None, deps=None, ents=None, spaces=None, cats=None, spans=None, lemmas=None,
        morphs=None, unknown_spaces=False):
    """A doc with the given annotation; tags imply POS and morphology ('' tag: all three missing)."""
    kw = {}
    if tags is not None:
        kw['tags'] = tags
        kw['pos'] = [TAGS.get(t, '') for t in tags]
        kw['morphs'] = morphs or [MORPH.get(TAGS.get(t, ''), None) if t else None for t in tags]
        kw['lemmas'] = lemmas or [w.lower() if t else '' for w, t in zip(words, tags)]
    if heads is not None:
        kw['heads'], kw['deps'] = heads, deps
    if ents is not None:
        kw['ents'] = ents
    if not unknown_spaces and spaces is None:
        spaces = [True] * (len(words) - 1) + [False] if words else []
    d = Doc(vocab, words=words, spaces=None if unknown_spaces else spaces, **kw)
    if cats is not None:
        d.cats = cats
    for key, group in (spans or {}).items():
        d.spans[key] = [Span(d, s[0], s[1], label=s[2]) for s in group]
    return d


W1 = ['Alice', 'met', 'the', 'Queen', 'in', 'London', '.']
W2 = ['The', 'Cat', 'smiled', 'at', 'Alice', '.']
W3 = ['Queen', 'Alice', 'went', 'to', 'Wonderland', '.']
W4 = ['Oh', 'dear', '!']
W5 = ['Hello', ' ', 'world', '!']
W7 = ['She', 'laughed', '.']
gold = [
    doc(W1, ['NNP', 'VBD', 'DT', 'NNP', 'IN', 'NNP', '.'], [1, 1, 3, 1, 1, 4, 1],
        ['nsubj', 'ROOT', 'det', 'dobj', 'prep', 'pobj', 'punct'], ['B-PERSON', 'O', 'O', 'B-PERSON', 'O', 'B-GPE', 'O'],
        cats={'POS': 1.0, 'NEG': 0.0, 'ODD': 0.0},
        spans={'custom': [(0, 1, 'PERSON'), (3, 4, 'PERSON'), (3, 4, 'PERSON'), (2, 4, 'TITLE'), (5, 6, 'PLACE')]}),
    # No entity annotation at all; tag of "smiled" missing; first three dependencies missing.
    doc(W2, ['DT', 'NN', '', 'IN', 'NNP', '.'], [1, 2, 2, 2, 3, 2], [None, None, None, 'prep', 'pobj', 'punct'],
        None, cats={}, spans={'custom': []}),
    # IOB missing on "to Wonderland"; a gold value of 0.5 for ODD.
    doc(W3, ['NNP', 'NNP', 'VBD', 'IN', 'NNP', '.'], [1, 2, 2, 2, 3, 2], ['compound', 'nsubj', 'ROOT', 'prep', 'pobj', 'punct'],
        ['B-PERSON', 'I-PERSON', 'O', None, None, 'O'], cats={'POS': 0.0, 'NEG': 1.0, 'ODD': 0.5},
        spans={'custom': [(0, 2, 'PERSON'), (4, 5, 'PLACE')]}),
    # Unknown spaces: skipped by the tokenization score.
    doc(W4, ['UH', 'JJ', '.'], [0, 0, 0], ['ROOT', 'npadvmod', 'punct'], ['O', 'O', 'O'], unknown_spaces=True,
        cats={'POS': 0.0, 'NEG': 1.0, 'ODD': 1.0}),
    # A whitespace token.
    doc(W5, ['UH', '_SP', 'NN', '.'], [0, 0, 0, 0], ['ROOT', 'dep', 'npadvmod', 'punct'], ['O', 'O', 'O', 'O'],
        spaces=[True, False, False, False], cats={'POS': 1.0, 'NEG': 0.0, 'ODD': 0.0}),
    # An empty doc.
    doc([], [], [], [], [], cats={'POS': 1.0, 'NEG': 0.0, 'ODD': 0.0}),
    doc(W7, ['PRP', 'VBD', '.'], [1, 1, 1], ['nsubj', 'ROOT', 'punct'], ['O', 'O', 'O'],
        cats={'POS': 0.0, 'NEG': 1.0, 'ODD': 0.0}, spans={'custom': [(0, 1, 'PERSON')]}),
]
pred = [
    doc(W1, ['NNP', 'VBD', 'DT', 'NN', 'IN', 'NNP', '.'], [1, 1, 3, 4, 1, 4, 5],
        ['nsubj', 'ROOT', 'det', 'pobj', 'prep', 'pobj', 'PUNCT'], ['B-PERSON', 'O', 'B-PERSON', 'I-PERSON', 'O', 'B-LOC', 'O'],
        cats={'NEG': 0.3, 'POS': 0.3, 'ODD': 0.4},
        spans={'custom': [(0, 1, 'PERSON'), (3, 4, 'ORG'), (2, 4, 'TITLE'), (2, 4, 'TITLE'), (4, 6, 'PLACE')]}),
    doc(W2, ['DT', 'NNP', 'VBD', 'IN', 'NNP', '.'], [1, 2, 2, 2, 3, 2], ['det', 'nsubj', 'ROOT', 'prep', 'pobj', 'punct'],
        ['O', 'B-PERSON', 'O', 'O', 'B-PERSON', 'O'], cats={'POS': 0.9, 'NEG': 0.1, 'ODD': 0.6},
        spans={'custom': [(1, 2, 'PERSON')]}),
    # Tokens 0-2 skipped by the dependency score: their indices were missing in the previous gold doc.
    doc(W3, ['NNP', 'NNP', 'VBD', 'IN', 'NNP', '.'], [2, 2, 2, 2, 3, 2], ['nsubj', 'nsubj', 'ROOT', 'prep', 'pobj', 'punct'],
        ['B-PERSON', 'O', 'O', 'O', 'B-GPE', 'O'], cats={'POS': 0.7, 'NEG': 0.3, 'ODD': 0.2},
        spans={'custom': [(0, 1, 'PERSON'), (4, 5, 'PLACE')]}),
    doc(W4, ['UH', 'NN', '.'], [0, 0, 0], ['ROOT', 'npadvmod', 'punct'], ['O', 'O', 'O'], spaces=[True, True, True],
        cats={'POS': 0.2, 'NEG': 0.8, 'ODD': 0.9}),
    # Retokenised: "Hel" "lo" split, "world!" merged.
    doc(['Hel', 'lo', ' ', 'world!'], ['UH', 'UH', '_SP', 'NN'], [1, 1, 1, 1], ['dep', 'ROOT', 'dep', 'npadvmod'],
        ['O', 'O', 'O', 'B-ORG'], spaces=[False, True, False, False], cats={'POS': 0.6, 'NEG': 0.4, 'ODD': 0.0}),
    doc([], [], [], [], [], cats={'POS': 0.5, 'NEG': 0.5, 'ODD': 0.5}),
    # No dependencies and no sentence starts: labels '' are scored, sentences not.
    doc(W7, ['PRP', 'VBD', '.'], None, None, ['O', 'O', 'O'], cats={'POS': 0.1, 'NEG': 0.9, 'ODD': 0.0},
        spans={'custom': [(0, 1, 'PERSON'), (0, 1, 'PERSON')]}),
]


def model(pipes, init, docs):
    nlp = spacy.blank('en')
    for name, cfg in pipes:
        nlp.add_pipe(name, config=cfg)
    for name, settings in init.items():
        nlp.config['initialize']['components'][name] = settings
    nlp.initialize(lambda: [Example(nlp.make_doc(g.text), g) for g in docs if len(g)])
    return nlp


def write(name, nlp, golds, preds):
    folder = os.path.join(out, name)
    os.makedirs(os.path.join(folder, 'model-best'), exist_ok=True)
    for file, docs in (('dev.gold.spacy', golds), ('dev.pred.spacy', preds)):
        db = DocBin(store_user_data=True)
        for d in docs:
            db.add(d)
        db.to_disk(os.path.join(folder, file))
    tmp = tempfile.mkdtemp()
    nlp.to_disk(tmp)
    for f in ('config.cfg', 'meta.json'):
        shutil.copy(os.path.join(tmp, f), os.path.join(folder, 'model-best', f))
    shutil.rmtree(tmp)
    g = list(DocBin().from_disk(os.path.join(folder, 'dev.gold.spacy')).get_docs(nlp.vocab))
    p = list(DocBin().from_disk(os.path.join(folder, 'dev.pred.spacy')).get_docs(nlp.vocab))
    json.dump(Scorer(nlp).score([Example(x, y) for x, y in zip(p, g)]), open(os.path.join(folder, 'scores.json'), 'w'), indent=1)
    return g, p


exclusive_gold = [g.copy() for g in gold]
for g in exclusive_gold:
    g.cats = {k: v for k, v in g.cats.items() if k != 'ODD'}
exclusive_pred = [p.copy() for p in pred]
for p in exclusive_pred:
    p.cats = {k: v for k, v in p.cats.items() if k != 'ODD'}
quirks = model([('tagger', {}), ('morphologizer', {}), ('trainable_lemmatizer', {}), ('parser', {}), ('ner', {}),
                ('spancat', {'spans_key': 'custom'}), ('textcat', {})], {'textcat': {'positive_label': 'POS'}}, exclusive_gold)
g, p = write('quirks', quirks, exclusive_gold, exclusive_pred)
binary = [d.copy() for d in gold]
for d in binary:
    d.cats = {k: round(v) for k, v in d.cats.items()}
multi = model([('senter', {}), ('textcat_multilabel', {'threshold': 0.4}), ('spancat', {'spans_key': 'custom'})], {}, binary)
write('quirks-multilabel', multi, gold, pred)
write('empty', quirks, [], [])

# Predicted DocBins the tool must refuse against quirks/dev.gold.spacy, and what spaCy does with them.
errors = os.path.join(out, 'errors')
os.makedirs(errors, exist_ok=True)
cases = {
    'fewer-docs': p[:-1],
    'text-mismatch': p[:3] + [doc(['Oh', 'dear', '?'], ['UH', 'JJ', '.'], [0, 0, 0], ['ROOT', 'npadvmod', 'punct'], ['O'] * 3,
                                  spaces=[True, True, True], cats={'POS': 0.2, 'NEG': 0.8})] + p[4:],
    'words-only': [Doc(vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in p],
    'no-cats': [d.copy() for d in p],
}
cases['no-cats'][0].cats = {}
found = {}
for name, docs in cases.items():
    db = DocBin(store_user_data=True)
    for d in docs:
        db.add(d)
    db.to_disk(os.path.join(errors, f'{name}.pred.spacy'))
    try:
        Scorer(quirks).score([Example(x, y) for x, y in zip(docs, g)])
        found[name] = None
    except Exception as e:
        found[name] = f'{type(e).__name__}: {e}'
json.dump(found, open(os.path.join(errors, 'spacy-errors.json'), 'w'), indent=1)

# spaCy's token alignments (Example.alignment.x2y) for word lists that differ in tokenisation, whitespace and case.
from spacy.training.align import get_alignments
pairs = [
    (['Hel', 'lo', ' ', 'world!'], ['Hello', ' ', 'world', '!']),
    (['Hello', 'World'], ['hello', 'world']),
    (['a', ' ', 'b'], ['a', 'b']),
    (['a', 'b'], ['a', '\n', 'b']),
    (['ab', 'c '], ['a', 'bc', ' ']),
    (['New York', 'is'], ['New', 'York', 'is']),
    (['x', '', 'y'], ['x', 'y']),
    ([], []),
]
for name in ('alice-morph-retokenized', 'alice-partial-retokenized'):
    folder = os.path.join(out, name)
    if os.path.exists(folder):
        g = DocBin().from_disk(os.path.join(folder, 'dev.gold.spacy')).get_docs(vocab)
        p = DocBin().from_disk(os.path.join(folder, 'dev.pred.spacy')).get_docs(vocab)
        pairs += [([t.text for t in x], [t.text for t in y]) for x, y in zip(p, g)][:40]
with open(os.path.join(out, 'alignments.jsonl'), 'w') as f:
    for a, b in pairs:
        x2y, _ = get_alignments(a, b)
        f.write(json.dumps({'predicted': a, 'gold': b, 'x2y': x2y}) + '\n')
