"""Derives the corpora the scoring fixtures need from Fixtures/corpus (which has tags, POS, morphology, lemmas,
dependencies, entities, span groups `sc` and `chunks`, and the exclusive categories DIALOGUE/NARRATION).
python make_scorer_corpus.py CORPUS_DIR OUT_DIR multilabel|partial
- multilabel: adds two non-exclusive categories, QUESTION (the text has a "?") and ALICE (it names Alice), to
  DIALOGUE/NARRATION, for textcat_multilabel.
- partial: gold with missing annotation, rebuilt token by token with `None` where spaCy reads "missing": every 4th
  doc has no entity annotation at all (every IOB missing); in every 3rd other doc the tokens outside entities at
  positions 5..9 have a missing IOB; every 11th token has a missing tag, every 13th a missing POS and morphology,
  and in every 5th doc the heads and labels are missing (no dependency annotation for that doc).
Deterministic (no randomness); writes OUT_DIR/train.spacy and OUT_DIR/dev.spacy."""
import os, sys
import spacy
from spacy.tokens import Doc, DocBin, Span

corpus, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
nlp = spacy.blank('en')


def multilabel(doc, i):
    doc.cats = dict(doc.cats)
    doc.cats['QUESTION'] = 1.0 if '?' in doc.text else 0.0
    doc.cats['ALICE'] = 1.0 if 'Alice' in doc.text else 0.0
    return doc


def partial(doc, i):
    n = len(doc)
    no_deps = i % 5 == 2
    iobs = []
    for t in doc:
        iob = t.ent_iob_
        if i % 4 == 1:
            iobs.append(None)
        elif i % 3 == 0 and iob == 'O' and 5 <= t.i <= 9:
            iobs.append(None)
        else:
            iobs.append(iob if iob == 'O' else f'{iob}-{t.ent_type_}')
    new = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
              tags=['' if t.i % 11 == 3 else t.tag_ for t in doc],
              pos=["" if t.i % 13 == 4 else t.pos_ for t in doc],
              lemmas=[t.lemma_ for t in doc],
              heads=None if no_deps else [t.head.i for t in doc],
              deps=None if no_deps else [t.dep_ for t in doc],
              sent_starts=[t.is_sent_start for t in doc] if no_deps else None,
              ents=iobs)
    morphs = doc.to_array(['MORPH'])
    morphs[4::13] = 0
    new.from_array(['MORPH'], morphs)
    new.cats = dict(doc.cats)
    for key, group in doc.spans.items():
        new.spans[key] = [Span(new, s.start, s.end, label=s.label_) for s in group]
    return new


change = {'multilabel': multilabel, 'partial': partial}[mode]
for name in ('train', 'dev'):
    docs = DocBin().from_disk(os.path.join(corpus, f'{name}.spacy')).get_docs(nlp.vocab)
    db = DocBin(store_user_data=True)
    for i, doc in enumerate(docs):
        db.add(change(doc, i))
    db.to_disk(os.path.join(out, f'{name}.spacy'))
