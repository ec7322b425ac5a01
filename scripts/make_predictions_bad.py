"""Makes Fixtures/predictions/bad/: the first 5 docs of Fixtures/corpus/dev.spacy as gold (gold5.spacy), their
predictions from Fixtures/scorer/alice-basic/dev.pred.spacy (pred5.spacy), and predictions `import --predictions`
must refuse: short.pred.spacy (4 docs), text.pred.spacy (doc 2 with another text), words.pred.spacy (the words
only, no annotation a score needs); and other.pred.spacy, valid predictions other than pred5.spacy (doc 0 without
its entities), for the replace rule. Run with spaCy 3.8.18: "$(scripts/venv.sh)" scripts/make_predictions_bad.py"""
import os
import spacy
from spacy.tokens import Doc, DocBin

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
out = os.path.join(root, 'Fixtures', 'predictions', 'bad')
os.makedirs(out, exist_ok=True)
nlp = spacy.blank('en')
gold = list(DocBin().from_disk(os.path.join(root, 'Fixtures', 'corpus', 'dev.spacy')).get_docs(nlp.vocab))[:5]
pred = list(DocBin().from_disk(os.path.join(root, 'Fixtures', 'scorer', 'alice-basic', 'dev.pred.spacy')).get_docs(nlp.vocab))[:5]


def write(name, docs):
    db = DocBin(store_user_data=True)
    for doc in docs:
        db.add(doc)
    db.to_disk(os.path.join(out, name))


write('gold5.spacy', gold)
write('pred5.spacy', pred)
write('short.pred.spacy', pred[:4])
changed = Doc(nlp.vocab, words=['Another'] + [t.text for t in pred[2]][1:], spaces=[bool(t.whitespace_) for t in pred[2]])
write('text.pred.spacy', pred[:2] + [changed] + pred[3:])
write('words.pred.spacy', [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in pred])
other = pred[0].copy()
other.ents = []
write('other.pred.spacy', [other] + pred[1:])
