"""Writes Fixtures/docbin/bad-span-*.spacy: DocBins made with spaCy 3.8.18 in which one span of a span
group lies outside its doc (past the end, negative, reversed), in the current (map) and the old (array)
serialization of `Doc.spans`, each with NAME.error.json: where spaCy refuses it and with what.

    $(scripts/venv.sh) scripts/make_span_offset_fixtures.py

spaCy reads such a file without complaint, then raises E035 as soon as the group's spans are made
(`Doc.to_json()`, iterating `doc.spans[key]`, `displacy.render(style="span")`); this script checks that it
does, and records the doc index, group name, span index, offsets and the payload byte offset of the
span's `start` field (the struct is `>QQQllll`: id, kb_id, label, start, end, start_char, end_char),
and what displaCy renders of that doc in the styles that do not make the broken group (ent; span with
another group's key).
"""
import json, os, struct, zlib
import srsly
import spacy
from spacy import displacy
from spacy.tokens import DocBin, Span

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "docbin")
nlp = spacy.blank("en")


def docs():
    a = nlp("Alice met Bob in Paris today")
    a.spans["sc"] = [Span(a, 0, 1, "PER"), Span(a, 2, 3, "PER")]
    b = nlp("The river flows past the old mill into the sea")
    b.spans["sc"] = [Span(b, 1, 2, "NAT")]
    b.spans["places"] = [Span(b, 5, 7, "BUILDING"), Span(b, 9, 10, "WATER")]
    return [a, b]


def make(name, doc, group, span, start, end, old_format=False):
    db = DocBin()
    for d in docs():
        db.add(d)
    msg = srsly.msgpack_loads(zlib.decompress(db.to_bytes()))
    groups = srsly.msgpack_loads(msg["span_groups"][doc])
    serialized = {}
    for group_bytes, keys in groups.items():
        g = srsly.msgpack_loads(group_bytes)
        if group in keys:
            fields = list(struct.unpack(">QQQllll", g["spans"][span]))
            fields[3:5] = [start, end]
            g["spans"][span] = struct.pack(">QQQllll", *fields)
            bad = g["spans"][span]
        serialized[srsly.msgpack_dumps(g)] = keys
    if old_format:
        msg["span_groups"][doc] = srsly.msgpack_dumps(list(serialized))
    else:
        msg["span_groups"][doc] = srsly.msgpack_dumps(serialized)
    payload = srsly.msgpack_dumps(msg)
    path = os.path.join(OUT, name + ".spacy")
    with open(path, "wb") as f:
        f.write(zlib.compress(payload))
    assert payload.count(bad) == 1
    loaded = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    for i, d in enumerate(loaded):
        if i < doc:
            d.to_json()
            continue
        try:
            d.to_json()
            raise SystemExit(f"{name}: spaCy accepted doc {i}")
        except IndexError as err:
            to_json = str(err)
        try:
            displacy.render(d, style="span", options={"spans_key": group})
            raise SystemExit(f"{name}: displaCy rendered doc {i}")
        except IndexError as err:
            render = str(err)
        assert render == to_json and "[E035]" in to_json, (render, to_json)
        # What displaCy renders of the doc when the broken group is not shown.
        renders = {"ent": displacy.render(d, style="ent")}
        others = [key for key in d.spans if key != group]
        if others:
            renders["span:" + others[0]] = displacy.render(d, style="span", options={"spans_key": others[0]})
        break
    json.dump({"doc": doc, "group": group, "span": span, "start": start, "end": end, "length": len(loaded[doc]),
               "offset": payload.index(bad) + 24, "spacy": to_json, "renders": renders},
              open(os.path.join(OUT, name + ".error.json"), "w"), ensure_ascii=False, indent=1)
    print(name, to_json)


make("bad-span-end", 1, "places", 1, 9, 12)
make("bad-span-negative", 1, "sc", 0, -1, 1)
make("bad-span-reversed", 0, "sc", 1, 3, 2)
make("bad-span-old-format", 1, "places", 0, 5, 40, old_format=True)
