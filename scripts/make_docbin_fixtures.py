"""Writes Fixtures/docbin/: small DocBins made with spaCy 3.8.18 that cover what the corpus fixtures
leave untested, each with what spaCy itself makes of it.

    "$(scripts/venv.sh)" scripts/make_docbin_fixtures.py

For every NAME.spacy:
  NAME.docs.jsonl    Doc.to_json() of every doc (as spaCy's DocBin(...).from_disk().get_docs() gives them)
  NAME.tokens.jsonl  per doc the token attributes to_json leaves out (norm, ent_iob_, kb ids, sent_start,
                     whitespace, lexeme attributes), entities with kb/ent ids, span groups with ids, title
Broken files (bad-*.spacy) get NAME.error.json instead: the doc, token and attribute spaCy fails on,
and the payload offset of the offending uint64 (found by reading the msgpack with srsly).
"""
import json, os, sys, zlib
import numpy
import srsly
import spacy
from spacy.tokens import Doc, DocBin, Span, SpanGroup
from spacy.attrs import ORTH, DEP
from spacy.util import get_words_and_spaces

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "docbin")
os.makedirs(OUT, exist_ok=True)
nlp = spacy.blank("en")
vocab = nlp.vocab


def parsed(words, spaces, tags, pos, morphs, lemmas, heads, deps, ents=None, sent_starts=None):
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas,
               heads=heads, deps=deps, ents=ents, sent_starts=sent_starts)


def save(name, docs, **docbin_kwargs):
    db = DocBin(**docbin_kwargs)
    for d in docs:
        db.add(d)
    path = os.path.join(OUT, name + ".spacy")
    db.to_disk(path)
    write_expected(name, path)


def write_raw(name, payload):
    path = os.path.join(OUT, name + ".spacy")
    with open(path, "wb") as f:
        f.write(zlib.compress(srsly.msgpack_dumps(payload)))
    return path


def write_expected(name, path):
    db = DocBin().from_disk(path)
    docs = list(db.get_docs(vocab))
    with open(os.path.join(OUT, name + ".docs.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
    arr_attrs = [spacy.attrs.NAMES[a] if a < len(spacy.attrs.NAMES) else str(a) for a in db.attrs]
    with open(os.path.join(OUT, name + ".tokens.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            sent_start = d.to_array(["SENT_START"]).astype("int64").tolist() if len(d) else []
            tokens = []
            for t in d:
                rec = {"text": t.text, "whitespace": t.whitespace_ == " ", "idx": t.idx, "norm": t.norm_,
                       "lemma": t.lemma_, "tag": t.tag_, "pos": t.pos_, "morph": str(t.morph), "dep": t.dep_,
                       "head": t.head.i, "ent_iob": t.ent_iob_, "ent_type": t.ent_type_,
                       "ent_kb_id": t.ent_kb_id_, "ent_id": t.ent_id_, "sent_start": sent_start[t.i]}
                extra = {}
                for a in arr_attrs:
                    if a in ("LOWER", "SHAPE", "PREFIX", "SUFFIX"):
                        extra[a] = getattr(t, a.lower() + "_")
                    elif a == "LENGTH":
                        extra[a] = str(len(t))
                    elif a.startswith("IS_") or a.startswith("LIKE_"):
                        extra[a] = str(int(getattr(t, a.lower())))
                if extra:
                    rec["extra"] = extra
                tokens.append(rec)
            title = d.user_data.get("title")
            f.write(json.dumps({
                "has_unknown_spaces": d.has_unknown_spaces,
                "title": title if isinstance(title, str) else None,
                "ents": [{"start": e.start, "end": e.end, "label": e.label_, "kb_id": e.kb_id_, "id": e.id_}
                         for e in d.ents] if d.has_annotation("ENT_IOB") else None,
                "spans": {k: [{"start": s.start, "end": s.end, "start_char": s.start_char, "end_char": s.end_char,
                               "label": s.label_, "kb_id": s.kb_id_, "id": s.id_} for s in g]
                          for k, g in d.spans.items()},
                "tokens": tokens,
            }, ensure_ascii=False) + "\n")


# A small hand-annotated parse (heads absolute, non-projective doc included).
W1 = ["Alice", "met", "Bob", "in", "Paris", "."]
S1 = [True, True, True, True, False, False]
T1 = ["NNP", "VBD", "NNP", "IN", "NNP", "."]
P1 = ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"]
M1 = ["Number=Sing", "Tense=Past|VerbForm=Fin", "Number=Sing", "", "Number=Sing", "PunctType=Peri"]
L1 = ["Alice", "meet", "Bob", "in", "Paris", "."]
H1 = [1, 1, 1, 1, 3, 1]
D1 = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"]
W2 = ["It", "rained", ".", "We", "stayed", "home", "!"]
H2 = [1, 1, 1, 4, 4, 4, 4]
D2 = ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "npadvmod", "punct"]


def corpus_like():
    a = parsed(W1, S1, T1, P1, M1, L1, H1, D1, ents=["B-PERSON", "O", "B-PERSON", "O", "B-GPE", "O"])
    b = parsed(W2, [False, True, True, True, True, False, False], ["PRP", "VBD", ".", "PRP", "VBD", "NN", "."],
               ["PRON", "VERB", "PUNCT", "PRON", "VERB", "NOUN", "PUNCT"], ["", "", "", "", "", "", ""],
               ["it", "rain", ".", "we", "stay", "home", "!"], H2, D2)
    return [a, b]


# 1. only ORTH
save("only-orth", corpus_like(), attrs=["ORTH"])

# 2. non-ASCII and right-to-left text, astral characters, combining marks
words, spaces = get_words_and_spaces(["שלום", "עולם", "!", "مرحبا", "بالعالم", "🙂", "Café", "e\u0301", "日本語", "X", "_"],
                                     "שלום עולם! مرحبا بالعالم 🙂 Café e\u0301 日本語 X _")
u = Doc(vocab, words=words, spaces=spaces, ents=["B-LOC", "I-LOC", "O", "B-GPE", "I-GPE", "O", "B-ORG", "O", "B-GPE", "O", "O"])
u.spans["sc"] = [Span(u, 0, 2, "מקום"), Span(u, 5, 7, "X")]
u.cats = {"עברית": 1.0, "ascii": 0.0}
save("unicode", [u])

# 3. empty docs: zero-token docs between others, and a DocBin with no doc at all
e0 = Doc(vocab, words=[])
e1 = Doc(vocab, words=["one"], spaces=[False])
e2 = Doc(vocab, words=[])
e2.cats = {"EMPTY": 1.0}
save("empty-docs", [e0, e1, e2, corpus_like()[0]])
save("no-docs", [])

# 4. overlapping spans, kb ids, span ids, symbol labels, a group under two keys, an empty group
o = corpus_like()[0]
g = SpanGroup(o, name="sc", spans=[Span(o, 0, 2, "GREET", kb_id="K", span_id="ID1"), Span(o, 1, 3, "X"),
                                  Span(o, 0, 6, "ORG"), Span(o, 2, 3, "PERSON", kb_id="Q1")])
o.spans["sc"] = g
o.spans["alias"] = g
o.spans["empty"] = []
o.spans["chunks"] = [Span(o, 0, 1, "NP"), Span(o, 2, 3, "NP"), Span(o, 4, 5, "NP")]
o.ents = [Span(o, 0, 1, "PERSON", kb_id="Q_alice", span_id="alice"), Span(o, 4, 5, "GPE")]
save("overlapping-spans", [o])

# 5. partial annotation: missing IOB, some deps missing, tags on some tokens, entities with gaps
p = Doc(vocab, words=["Mr", "Smith", "went", "to", "New", "York", "today"],
        ents=["", "B-PERSON", "", "O", "B-GPE", "I-GPE", ""])
p2 = Doc(vocab, words=["a", "b", "c", "d"], heads=[1, 1, 1, 2], deps=["det", "ROOT", "", "dep"],
         tags=["DT", "", "NN", ""])
p3 = Doc(vocab, words=["x", "y", "z"], sent_starts=[True, False, True])
p4 = Doc(vocab, words=["no", "annotation", "here"])
p5 = Doc(vocab, words=["Only", "I", "tokens"])
p5.set_ents([Span(p5, 0, 1, "ORG")], default="missing")
p6 = Doc(vocab, words=["blocked", "New", "York"])
p6.set_ents([Span(p6, 1, 3, "GPE")], blocked=[Span(p6, 0, 1)], default="outside")
save("partial", [p, p2, p3, p4, p5, p6])

# 6. has_unknown_spaces
h = Doc(vocab, words=["no", "spaces", "given"])
h2 = Doc(vocab, words=["spaces", "given"], spaces=[False, False])
save("unknown-spaces", [h, h2])

# 7. user data: a title, extension attributes (tuple keys), numpy values
t = corpus_like()[0]
t.user_data["title"] = "Chapter One: ✨"
t.user_data[("._.", "flag", None, None)] = True
t.user_data[("._.", "mark", 0, None)] = "token"
t.user_data["vector"] = numpy.arange(3, dtype="<i4")
t2 = Doc(vocab, words=["untitled"])
t2.user_data["title"] = 42
save("user-data", [t, t2, Doc(vocab, words=["plain"])], store_user_data=True)

# 8. custom attrs: lexeme attributes, integer attributes, a duplicate column, LANG
c = corpus_like()[0]
save("custom-attrs", [c], attrs=["ORTH", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "IS_ALPHA", "TAG", "TAG", "LANG", "POS"])

# 9. non-projective parse (crossing arcs) and a sentence start inferred from a subtree's left edge
n = parsed(["A", "hearing", "is", "scheduled", "on", "the", "issue", "today", "."], None,
           ["DT", "NN", "VBZ", "VBN", "IN", "DT", "NN", "NN", "."], None, None, None,
           [1, 3, 3, 3, 1, 6, 4, 3, 3], ["det", "nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "npadvmod", "punct"])
save("nonprojective", [n, corpus_like()[1]])

# 10. old-format span groups (a msgpack array of SpanGroup bytes, before spaCy PR #10707), with a
#     duplicate group name (the later one wins) and entities with I tokens of a different type
base = corpus_like()[0]
db = DocBin()
db.add(base)
msg = srsly.msgpack_loads(zlib.decompress(db.to_bytes()))
sg_a = SpanGroup(base, name="sc", spans=[Span(base, 0, 1, "PERSON")]).to_bytes()
sg_b = SpanGroup(base, name="other", spans=[Span(base, 2, 5, "PHRASE")]).to_bytes()
sg_c = SpanGroup(base, name="sc", spans=[Span(base, 4, 5, "GPE"), Span(base, 0, 3, "PHRASE")]).to_bytes()
msg["span_groups"] = [srsly.msgpack_dumps([sg_a, sg_b, sg_c])]
msg["strings"] = sorted(set(msg["strings"]) | {"PHRASE"})
write_expected("old-span-groups", write_raw("old-span-groups", msg))

# 11. old files: no flags, no span_groups key
msg2 = dict(msg)
del msg2["flags"]
del msg2["span_groups"]
write_expected("no-flags", write_raw("no-flags", msg2))

# 12. broken files: spaCy fails on them; record where
def tokens_offset(payload_bytes):
    # offset of the tokens bin's data inside the payload: find the key then skip the bin header
    key = b"\xa6tokens"
    at = payload_bytes.index(key) + len(key)
    marker = payload_bytes[at]
    header = {0xc4: 2, 0xc5: 3, 0xc6: 5}[marker]
    return at + header


def broken(name, mutate, doc, token, attr, expect):
    db = DocBin()
    for d in corpus_like():
        db.add(d)
    msg = srsly.msgpack_loads(zlib.decompress(db.to_bytes()))
    ncols = len(msg["attrs"])
    toks = bytearray(msg["tokens"])
    col = msg["attrs"].index(spacy.attrs.IDS[attr])
    row = int(sum(numpy.frombuffer(msg["lengths"], dtype="<i4")[:doc])) + token
    mutate(msg, toks, row * ncols + col)
    msg["tokens"] = bytes(toks)
    path = write_raw(name, msg)
    payload = zlib.decompress(open(path, "rb").read())
    try:
        list(d.to_json() for d in DocBin().from_disk(path).get_docs(vocab))
        raise SystemExit(f"{name}: spaCy accepted it")
    except (ValueError, KeyError) as err:
        spacy_error = type(err).__name__ + ": " + str(err).split("\n")[0][:120]
    json.dump({"doc": doc, "token": token, "attr": attr, "expect": expect,
               "offset": tokens_offset(payload) + 8 * (row * ncols + col), "spacy": spacy_error},
              open(os.path.join(OUT, name + ".error.json"), "w"), ensure_ascii=False, indent=1)


def put(value):
    def mutate(msg, toks, cell):
        toks[8 * cell: 8 * cell + 8] = numpy.array([value], dtype="<u8").tobytes()
    return mutate


broken("bad-head", put(2**64 - 9), 1, 2, "HEAD", "E190")
broken("bad-iob", put(1), 1, 0, "ENT_IOB", "E093")
broken("bad-iob-value", put(7), 0, 3, "ENT_IOB", "E982")
broken("bad-tag", put(12345678901234567), 0, 1, "TAG", "unresolvable")
print(sorted(os.listdir(OUT)))

# 13. the symbol table and string IDs, as spaCy computes them
from spacy.symbols import NAMES
with open(os.path.join(OUT, "symbols.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(NAMES[1:]) + "\n")
samples = ["", "a", "apple", "Café", "日本語", "🙂", "12345678", "123456789", "ORG", "nsubj", "ROOT",
           "Number=Sing", "X", "_", "FAC", "compound", "שלום", "a" * 1000, "\u0000", "tab\there"]
with open(os.path.join(OUT, "string-ids.jsonl"), "w", encoding="utf-8") as f:
    for s in samples:
        f.write(json.dumps({"string": s, "hash": str(spacy.strings.hash_string(s)), "id": str(vocab.strings.add(s))},
                           ensure_ascii=False) + "\n")

# 14. every MessagePack format, packed by srsly's vendored msgpack: msgpack-formats.bin holds the
#     values one after another; msgpack-formats.jsonl describes each (type, value, first byte)
from srsly.msgpack import Packer, ExtType
import base64
items = [None, True, False, 0, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**64 - 1,
         -1, -32, -33, -128, -129, -32768, -32769, -2**31, -2**31 - 1, -2**63, 1.5, -0.0, 1e300,
         "", "a" * 31, "b" * 32, "é" * 200, "c" * 70000, b"", b"\x00\xff", b"x" * 300, b"y" * 70000,
         [], [1, 2], list(range(16)), list(range(70000)), {}, {"k": 1}, {str(i): i for i in range(16)},
         {str(i): i for i in range(70000)}, {b"bin": [1, "x"]},
         ExtType(1, b"a"), ExtType(2, b"ab"), ExtType(3, b"abcd"), ExtType(4, b"a" * 8), ExtType(5, b"a" * 16),
         ExtType(6, b"abc"), ExtType(7, b"z" * 300), ExtType(8, b"q" * 70000)]
packer = Packer(use_bin_type=True)
float32 = Packer(use_bin_type=True, use_single_float=True)


def describe(v):
    if v is None: return {"type": "nil"}
    if isinstance(v, bool): return {"type": "bool", "value": v}
    if isinstance(v, int): return {"type": "int", "value": str(v)}
    if isinstance(v, float): return {"type": "float", "value": repr(v)}
    if isinstance(v, str): return {"type": "str", "value": v}
    if isinstance(v, bytes): return {"type": "bin", "value": base64.b64encode(v).decode()}
    if isinstance(v, list): return {"type": "array", "count": len(v), "sum": str(sum(v)) if all(isinstance(x, int) for x in v) else None}
    if isinstance(v, dict): return {"type": "map", "count": len(v)}
    if isinstance(v, ExtType): return {"type": "ext", "ext": v.code, "value": base64.b64encode(v.data).decode()}


blob = bytearray()
with open(os.path.join(OUT, "msgpack-formats.jsonl"), "w", encoding="utf-8") as f:
    for v in items + [0.25]:
        packed = float32.pack(v) if v == 0.25 else packer.pack(v)
        d = describe(v)
        d["offset"] = len(blob)
        d["marker"] = packed[0]
        d["size"] = len(packed)
        blob += packed
        f.write(json.dumps(d) + "\n")
open(os.path.join(OUT, "msgpack-formats.bin"), "wb").write(bytes(blob))

# 15. msgpack-numpy arrays as srsly writes them
import srsly.msgpack as smp
arrays = [numpy.arange(3, dtype="<i4"), numpy.array([[1.5, -2.0], [3.25, 4.0]], dtype=">f8"),
          numpy.array([7, 8], dtype="<u2"), numpy.float32(2.5)]
with open(os.path.join(OUT, "msgpack-numpy.bin"), "wb") as f:
    f.write(srsly.msgpack_dumps(arrays))
with open(os.path.join(OUT, "msgpack-numpy.json"), "w") as f:
    json.dump([{"dtype": a.dtype.str, "shape": list(a.shape), "values": [float(x) for x in numpy.ravel(a)]} for a in arrays], f)

# 16. what `aim-spacy docbin stats` must count, counted by spaCy over the docs it loads
import collections, glob
CORPUS = os.path.join(OUT, "..", "corpus")
stats = {}
for path in sorted(glob.glob(os.path.join(CORPUS, "*.spacy")) + glob.glob(os.path.join(OUT, "*.spacy"))):
    name = os.path.relpath(path, os.path.join(OUT, "..")).replace(os.sep, "/")
    if os.path.basename(path).startswith("bad-"):
        continue
    db = DocBin().from_disk(path)
    docs = list(db.get_docs(vocab))
    ents, spans, cats = collections.Counter(), {}, {}
    sentences = without = unknown = 0
    for d in docs:
        if d.has_annotation("SENT_START"):
            sentences += len(list(d.sents))
        else:
            without += 1
        ents.update(e.label_ for e in d.ents)
        for key, group in d.spans.items():
            spans.setdefault(key, collections.Counter()).update(s.label_ for s in group)
        for label, score in d.cats.items():
            c = cats.setdefault(label, {"docs": 0, "positive": 0})
            c["docs"] += 1
            c["positive"] += int(score >= 0.5)
        unknown += int(d.has_unknown_spaces)
    stats[name] = {"docs": len(docs), "tokens": sum(len(d) for d in docs), "sentences": sentences,
                   "docs_without_sentences": without, "entities": dict(ents),
                   "spans": {k: dict(v) for k, v in spans.items()}, "cats": cats,
                   "attrs": [spacy.symbols.NAMES[a] for a in db.attrs], "docs_with_unknown_spaces": unknown,
                   "docs_with_user_data": sum(1 for u in db.user_data if u and srsly.msgpack_loads(u, use_list=False))}
with open(os.path.join(OUT, "stats.json"), "w", encoding="utf-8") as f:
    json.dump(stats, f, ensure_ascii=False, indent=1, sort_keys=True)
