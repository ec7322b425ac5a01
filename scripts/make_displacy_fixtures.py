"""Expected displaCy markup made by spaCy 3.8.18 for the cases dev.displacy.jsonl does not cover.

Run from the repository root: "$(scripts/venv.sh)" scripts/make_displacy_fixtures.py
Writes Fixtures/displacy/:
  docs.spacy    a DocBin (user data stored) of the docs built here, in order
  docs.jsonl    the same docs as plain JSON the Swift tests can load without a DocBin decoder:
                {"name", "lang", "words", "spaces", "tags", "pos", "lemmas", "deps", "heads" (absolute),
                 "ents": [[start, end, start_char, end_char, label, kb_id]], "spans": {key: [...same...]},
                 "title", "parsed"}
  cases.jsonl   {"name", "style", "docs": [{"custom": i} | {"dev": i}] or "manual": [dicts], "page", "minify",
                 "options", "expected"}; dev indices point into Fixtures/corpus/dev.spacy
                 (= Fixtures/expected/dev.docs.jsonl). The random 32-hex dep id is replaced by ID.
"""
import json
import os
import re

import spacy
from spacy import displacy
from spacy.tokens import Doc, DocBin, Span

OUT = "Fixtures/displacy"
os.makedirs(OUT, exist_ok=True)
norm = lambda s: re.sub(r"[0-9a-f]{32}", "ID", s)

dev = list(DocBin().from_disk("Fixtures/corpus/dev.spacy").get_docs(spacy.blank("en").vocab))
vocabs = {}


def vocab(lang):
    if lang not in vocabs:
        vocabs[lang] = spacy.blank(lang).vocab
    return vocabs[lang]


custom = []  # (name, lang, doc)


def make(name, lang, words, spaces=None, tags=None, pos=None, lemmas=None, deps=None, heads=None,
         ents=(), spans=None, title=None):
    doc = Doc(vocab(lang), words=words, spaces=spaces, tags=tags, pos=pos, lemmas=lemmas, deps=deps, heads=heads)
    if ents:
        doc.ents = [Span(doc, s, e, label=l, kb_id=k) for s, e, l, k in ents]
    for key, group in (spans or {}).items():
        doc.spans[key] = [Span(doc, s, e, label=l, kb_id=k) for s, e, l, k in group]
    if title is not None:
        doc.user_data["title"] = title
    custom.append((name, lang, doc))
    return len(custom) - 1


def record(name, lang, doc):
    def span(s):
        return [s.start, s.end, s.start_char, s.end_char, s.label_, s.kb_id_]
    return {
        "name": name, "lang": lang, "words": [t.text for t in doc], "spaces": [bool(t.whitespace_) for t in doc],
        "tags": [t.tag_ for t in doc], "pos": [t.pos_ for t in doc], "lemmas": [t.lemma_ for t in doc],
        "deps": [t.dep_ for t in doc], "heads": [t.head.i for t in doc], "parsed": doc.has_annotation("DEP"),
        "ents": [span(e) for e in doc.ents], "spans": {k: [span(s) for s in g] for k, g in doc.spans.items()},
        "title": doc.user_data.get("title"),
    }


# --- docs built from words -------------------------------------------------------------------------
# English with a parse, entities with kb ids, two span groups and a title.
EN = make(
    "en_parsed", "en",
    ["Alice", "met", "the", "White", "Rabbit", "in", "London", ",", "didn't", "she", "?", "!"],
    spaces=[True, True, True, True, True, True, False, True, True, False, False, False],
    tags=["NNP", "VBD", "DT", "NNP", "NNP", "IN", "NNP", ",", "VBD", "PRP", ".", "."],
    pos=["PROPN", "VERB", "DET", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT", "AUX", "PRON", "PUNCT", "PUNCT"],
    lemmas=["Alice", "meet", "the", "White", "Rabbit", "in", "London", ",", "do", "she", "?", "!"],
    deps=["nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj", "punct", "ccomp", "nsubj", "punct", "punct"],
    heads=[1, 1, 4, 4, 1, 1, 5, 1, 1, 8, 1, 1],
    ents=[(0, 1, "PERSON", "Q1"), (3, 5, "CHARACTER", ""), (6, 7, "GPE", "Q84")],
    spans={"sc": [(0, 1, "PERSON", "Q1"), (2, 5, "NP", ""), (3, 5, "CHARACTER", "Q2"), (3, 4, "ADJ", ""),
                  (0, 7, "CLAUSE", "")],
           "other": [(6, 7, "PLACE", "")]},
    title="Alice & the Rabbit")
# Markup-like strings in tags, lemmas, labels, title, kb ids: spaCy leaves them raw.
MARKUP = make(
    "markup", "en", ["<b>", "Tom", "&", "\"Jerry\""],
    tags=["<T>", "NNP", "CC&", "\"Q\""], pos=["X", "PROPN", "CCONJ", "PROPN"],
    lemmas=["<lemma>", "tom", "&amp;", "'j'"], deps=["<dep>", "ROOT", "a&b", "\"conj\""],
    heads=[1, 1, 1, 1],
    ents=[(1, 2, "X<\"&>", "Q&1"), (3, 4, "<i>", "")],
    spans={"sc": [(0, 2, "<span>", "K<1>"), (2, 4, "\"q\"", "")]},
    title="<h1>\"Tom & Jerry\"</h1>")
# Non-ASCII, astral code points and newlines (whitespace tokens).
UNICODE = make(
    "unicode", "en", ["Ünïcödé", "😀", "naïve", "\n", "café", "日本語", "\n\n", "𝔘𝔫𝔦", "end"],
    spaces=[True, True, False, False, True, False, False, True, False],
    tags=["NN", "SYM", "JJ", "_SP", "NN", "NNP", "_SP", "NNP", "NN"],
    pos=["NOUN", "SYM", "ADJ", "SPACE", "NOUN", "PROPN", "SPACE", "PROPN", "NOUN"],
    lemmas=["ünïcödé", "😀", "naïve", "\n", "café", "日本語", "\n\n", "𝔘𝔫𝔦", "end"],
    deps=["nsubj", "dep", "amod", "dep", "ROOT", "compound", "dep", "appos", "dobj"],
    heads=[4, 0, 4, 2, 4, 7, 5, 4, 4],
    ents=[(0, 1, "MISC", ""), (4, 6, "ORG", ""), (7, 9, "WORK_OF_ART", "Q😀")],
    spans={"sc": [(1, 3, "EMO", ""), (3, 5, "WS", ""), (5, 8, "CJK", "")]})
# Right-to-left languages.
AR = make(
    "arabic", "ar", ["ذهب", "الولد", "إلى", "المدرسة", "في", "القاهرة", "."],
    spaces=[True, True, True, True, True, False, False],
    tags=["VBD", "NN", "IN", "NN", "IN", "NNP", "."], pos=["VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
    lemmas=["ذهب", "ولد", "إلى", "مدرسة", "في", "القاهرة", "."],
    deps=["ROOT", "nsubj", "case", "obl", "case", "nmod", "punct"], heads=[0, 0, 3, 0, 5, 3, 0],
    ents=[(5, 6, "GPE", "Q85")], spans={"sc": [(1, 2, "PER", ""), (3, 6, "LOC", ""), (5, 6, "GPE", "")]},
    title="مثال")
HE = make(
    "hebrew", "he", ["אליס", "הלכה", "לירושלים", "היום", "."], spaces=[True, True, True, False, False],
    tags=["NNP", "VB", "NNP", "RB", "."], pos=["PROPN", "VERB", "PROPN", "ADV", "PUNCT"],
    lemmas=["אליס", "הלך", "ירושלים", "היום", "."], deps=["nsubj", "ROOT", "obl", "advmod", "punct"],
    heads=[1, 1, 1, 1, 1], ents=[(0, 1, "PERSON", ""), (2, 3, "GPE", "")],
    spans={"sc": [(0, 1, "PERSON", ""), (2, 4, "WHERE", "")]})
FA = make("persian", "fa", ["سلام", "دنیا"], deps=["ROOT", "dep"], heads=[0, 0], pos=["INTJ", "NOUN"],
          tags=["UH", "NN"], ents=[(1, 2, "LOC", "")])
# No parse, no entities, no spans.
BARE = make("bare", "en", ["Just", "words", ",", "nothing", "else", "."], spaces=[True, False, True, True, False, False])
# Parsed, but no entities and an empty span group.
NOENTS = make("no_ents", "en", ["Go", "now", "!"], spaces=[True, False, False], pos=["VERB", "ADV", "PUNCT"],
              tags=["VB", "RB", "."], deps=["ROOT", "advmod", "punct"], heads=[0, 0, 0], spans={"sc": []})
# A very long doc: a right-branching chain (arcs of every length) plus long-distance arcs to the root.
n = 400
words = [f"w{i}" for i in range(n)]
heads = [0] + [i - 1 if i % 7 else 0 for i in range(1, n)]
LONG = make("long", "en", words, pos=["NOUN"] * n, tags=["NN"] * n,
            deps=["ROOT"] + ["dep" if i % 7 else "conj" for i in range(1, n)], heads=heads,
            ents=[(i, i + 2, ["ORG", "PERSON", "DATE", "ZZZ"][i % 4], "") for i in range(0, n - 2, 9)],
            spans={"sc": [(i, i + j, f"L{j}", "") for i in range(0, n - 6, 5) for j in (1, 3, 6)]})
# Deep nesting (levels > 5) for the y_curve == 0 special case with arrow_stroke 0.
DEEP = make("deep", "en", [f"d{i}" for i in range(14)], pos=["X"] * 14, tags=["XX"] * 14,
            deps=["ROOT"] + ["dep"] * 13, heads=[0] + [max(0, i - 2) if i % 2 else 13 - i for i in range(1, 14)])

# An empty doc and a doc that is mostly punctuation (runs at the start, middle and end).
EMPTY = make("empty", "en", [])
PUNCT = make("punct", "en", ["!", "?", "...", "Hi", ",", ";", "-", "x", ".", "\u00bf", "y", "\u3002", "\u201d"],
             spaces=[False, True, True, False, False, True, True, False, True, False, False, False, False],
             pos=["PUNCT", "PUNCT", "PUNCT", "INTJ", "PUNCT", "PUNCT", "PUNCT", "X", "PUNCT", "PUNCT", "X", "PUNCT",
                  "PUNCT"],
             tags=[".", ".", ":", "UH", ",", ":", "HYPH", "XX", ".", ".", "XX", ".", "''"],
             deps=["punct", "punct", "punct", "ROOT", "punct", "punct", "punct", "dep", "punct", "punct", "dep",
                   "punct", "punct"],
             heads=[3, 3, 3, 3, 3, 3, 7, 3, 3, 10, 3, 10, 10], ents=[(3, 4, "X", "")], spans={"sc": [(2, 8, "P", "")]})

# The markup doc with every tag, lemma, label, kb id and title pre-escaped: what the safe mode must
# produce for MARKUP (token text is escaped by spaCy anyway).
from spacy.util import escape_html as esc
MARKUP_ESC = make(
    "markup_escaped", "en", ["<b>", "Tom", "&", "\"Jerry\""],
    tags=[esc(t) for t in ["<T>", "NNP", "CC&", "\"Q\""]], pos=["X", "PROPN", "CCONJ", "PROPN"],
    lemmas=[esc(t) for t in ["<lemma>", "tom", "&amp;", "'j'"]],
    deps=[esc(t) for t in ["<dep>", "ROOT", "a&b", "\"conj\""]], heads=[1, 1, 1, 1],
    ents=[(1, 2, esc("X<\"&>"), esc("Q&1")), (3, 4, esc("<i>"), "")],
    spans={"sc": [(0, 2, esc("<span>"), esc("K<1>")), (2, 4, esc("\"q\""), "")]},
    title=esc("<h1>\"Tom & Jerry\"</h1>"))

docs_jsonl = [record(name, lang, doc) for name, lang, doc in custom]
with open(f"{OUT}/docs.jsonl", "w", encoding="utf-8") as f:
    for r in docs_jsonl:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
bin_ = DocBin(store_user_data=True)
for _, _, doc in custom:
    bin_.add(doc)
bin_.to_disk(f"{OUT}/docs.spacy")

# --- cases -------------------------------------------------------------------------------------------
cases = []


def case(name, style, refs=None, manual=None, page=False, minify=False, options=None):
    options = options or {}
    if manual is not None:
        docs = json.loads(json.dumps(manual))
        html = displacy.render(docs, style=style, page=page, minify=minify, jupyter=False,
                               options=json.loads(json.dumps(options)), manual=True)
    else:
        docs = [custom[r["custom"]][2] if "custom" in r else dev[r["dev"]] for r in refs]
        html = displacy.render(docs, style=style, page=page, minify=minify, jupyter=False,
                               options=json.loads(json.dumps(options)))
    entry = {"name": name, "style": style, "page": page, "minify": minify, "options": options,
             "expected": norm(html) if style == "dep" else html}
    if manual is not None:
        entry["manual"] = manual
    else:
        entry["docs"] = refs
    cases.append(entry)


C = lambda i: {"custom": i}
D = lambda i: {"dev": i}
dep_options = {
    "defaults": {}, "compact": {"compact": True}, "bg": {"bg": "#09a3d5"}, "color": {"color": "white"},
    "font": {"font": "Source Sans Pro"}, "offset_x": {"offset_x": 80}, "distance": {"distance": 120},
    "distance_float": {"distance": 100.5}, "arrow_spacing": {"arrow_spacing": 15},
    "arrow_width": {"arrow_width": 8}, "arrow_stroke": {"arrow_stroke": 3}, "word_spacing": {"word_spacing": 30},
    "word_spacing_float": {"word_spacing": 33.3}, "no_collapse_punct": {"collapse_punct": False},
    "add_lemma": {"add_lemma": True}, "fine_grained": {"fine_grained": True},
    "collapse_phrases": {"collapse_phrases": True},
    "collapse_phrases_no_punct": {"collapse_phrases": True, "collapse_punct": False, "fine_grained": True},
    "everything": {"compact": True, "bg": "#000", "color": "#fff", "font": "Courier", "offset_x": 10,
                   "distance": 90, "arrow_spacing": 5, "arrow_width": 4, "arrow_stroke": 1, "word_spacing": 20,
                   "collapse_punct": True, "collapse_phrases": True, "add_lemma": True, "fine_grained": True},
}
for key, opts in dep_options.items():
    case(f"dep_{key}_en", "dep", [C(EN)], options=opts)
    case(f"dep_{key}_dev7", "dep", [D(7)], options=opts)
for name, idx in [("markup", MARKUP), ("unicode", UNICODE), ("arabic", AR), ("hebrew", HE), ("persian", FA),
                  ("bare", BARE), ("no_ents", NOENTS), ("long", LONG), ("deep", DEEP),
                  ("empty", EMPTY), ("punct", PUNCT)]:
    case(f"dep_{name}", "dep", [C(idx)])
    case(f"dep_{name}_lemma_fine", "dep", [C(idx)], options={"add_lemma": True, "fine_grained": True})
    case(f"dep_{name}_page", "dep", [C(idx)], page=True)
    case(f"ent_{name}", "ent", [C(idx)])
    case(f"ent_{name}_page_minify", "ent", [C(idx)], page=True, minify=True)
    case(f"span_{name}", "span", [C(idx)])
    case(f"span_{name}_page", "span", [C(idx)], page=True)
case("dep_deep_stroke0", "dep", [C(DEEP)], options={"arrow_stroke": 0})
case("dep_deep_stroke0_compact", "dep", [C(DEEP)], options={"arrow_stroke": 0, "compact": True})
case("dep_long_collapse_phrases", "dep", [C(LONG)], options={"collapse_phrases": True})
case("dep_arabic_compact", "dep", [C(AR)], options={"compact": True, "add_lemma": True})
# Several docs in one call; the first doc's language and direction apply to all.
case("dep_multi", "dep", [D(0), C(EN), D(3)])
case("dep_multi_page", "dep", [D(1), D(2)], page=True)
case("dep_multi_page_minify", "dep", [D(1), C(MARKUP)], page=True, minify=True)
case("dep_multi_rtl_first", "dep", [C(HE), C(EN)])
case("dep_minify", "dep", [C(EN)], minify=True)
case("ent_multi", "ent", [D(0), C(EN), C(BARE)])
case("ent_multi_page", "ent", [C(AR), D(5)], page=True)
case("span_multi", "span", [D(0), C(EN)], options={"spans_key": "sc"})
case("span_multi_page_minify", "span", [C(HE), D(4)], page=True, minify=True)
# Entity options.
ent_options = {
    "filter": {"ents": ["ORG", "person"]}, "filter_empty": {"ents": []},
    "colors": {"colors": {"person": "#123456", "CHARACTER": "linear-gradient(90deg, #aa9cfc, #fc9ce7)", "gpe": "red"}},
    "template": {"template": "<b class=\"{label}\" style=\"background: {bg}\">{text}</b>{kb_link}|"},
    "kb_url": {"kb_url_template": "https://www.wikidata.org/wiki/{}"},
    "kb_url_positional": {"kb_url_template": "https://kb.example/{0}?q={0}"},
    "all": {"ents": ["GPE", "CHARACTER"], "colors": {"GPE": "#abc"}, "kb_url_template": "https://x/{}"},
}
for key, opts in ent_options.items():
    for name, idx in [("en", EN), ("markup", MARKUP), ("unicode", UNICODE)]:
        case(f"ent_{key}_{name}", "ent", [C(idx)], options=opts)
    case(f"ent_{key}_dev5", "ent", [D(5)], options=opts)
# Span options.
span_options = {
    "key_other": {"spans_key": "other"}, "key_missing": {"spans_key": "nope"}, "key_chunks": {"spans_key": "chunks"},
    "colors": {"colors": {"person": "#123456", "NP": "#00ff00", "clause": "gold"}},
    "kb_url": {"kb_url_template": "https://www.wikidata.org/wiki/{}"},
    "offsets": {"top_offset": 30, "span_label_offset": 15, "top_offset_step": 12},
    "offsets_float": {"top_offset": 30.5, "top_offset_step": 10},
    "templates": {"template": {"span": "<s h=\"{total_height}\">{text}|{span_slices}|{span_starts}</s>",
                               "slice": "<i bg=\"{bg}\" top=\"{top_offset}\"></i>",
                               "start": "<u bg=\"{bg}\" top=\"{top_offset}\">{label}{kb_link}</u>"}},
}
for key, opts in span_options.items():
    for name, idx in [("en", EN), ("markup", MARKUP), ("unicode", UNICODE)]:
        case(f"span_{key}_{name}", "span", [C(idx)], options=opts)
    case(f"span_{key}_dev7", "span", [D(7)], options=opts)
# Every dev doc: the ent, span and collapse_phrases renders; default dep for some the 20-doc fixture lacks.
for i in range(len(dev)):
    case(f"dev{i}_ent", "ent", [D(i)])
    case(f"dev{i}_span_chunks", "span", [D(i)], options={"spans_key": "chunks"})
    case(f"dev{i}_dep_collapse_phrases", "dep", [D(i)], options={"collapse_phrases": True}, minify=True)
    if i >= 20 and i % 10 == 0:
        case(f"dev{i}_dep", "dep", [D(i)], minify=True)
# Manual input.
dep_manual = {
    "words": [{"text": "This", "tag": "DT"}, {"text": "is", "tag": "VBZ", "lemma": "be"},
              {"text": "a <sentence>", "tag": "NN", "lemma": None}, {"text": "&", "tag": "<X>"}],
    "arcs": [{"start": 0, "end": 1, "label": "nsubj", "dir": "left"},
             {"start": 2, "end": 3, "label": "det", "dir": "left"},
             {"start": 1, "end": 3, "label": "attr", "dir": "right"},
             {"start": 1, "end": 3, "label": "attr", "dir": "right"}],
}
case("manual_dep", "dep", manual=[dep_manual])
case("manual_dep_title_rtl", "dep", manual=[dict(dep_manual, title="Manual <title>",
                                                 settings={"lang": "he", "direction": "rtl"}), dep_manual])
case("manual_dep_compact_page", "dep", manual=[dep_manual], page=True, options={"compact": True, "distance": 99})
ent_manual = {"text": "But Google is starting from behind.\nThe company made a late push into hardware.",
              "ents": [{"start": 4, "end": 10, "label": "ORG", "kb_id": "Q95", "kb_url": "https://g/Q95"},
                       {"start": 0, "end": 3, "label": "CONJ"},
                       {"start": 40, "end": 47, "label": "ORG"}],
              "title": "Manual ents"}
case("manual_ent", "ent", manual=[ent_manual])
case("manual_ent_params", "ent",
     manual=[{"text": "Hello world", "ents": [{"start": 6, "end": 11, "label": "LOC", "params": {"extra": "X!"}}]}],
     options={"template": "[{text}|{label}|{extra}]"})
case("manual_ent_no_ents_page", "ent", manual=[{"text": "Nothing <here>", "ents": []}], page=True)
case("manual_ent_rtl", "ent", manual=[{"text": "שלום עולם", "ents": [{"start": 5, "end": 9, "label": "LOC"}],
                                        "settings": {"lang": "he", "direction": "rtl"}}], page=True)
span_manual = {"text": "Welcome to the Bank of China .", "tokens": ["Welcome", "to", "the", "Bank", "of", "China", "."],
               "spans": [{"start_token": 3, "end_token": 6, "label": "ORG", "kb_id": "Q1", "kb_url": "https://k/1"},
                         {"start_token": 5, "end_token": 6, "label": "GPE"},
                         {"start_token": 0, "end_token": 6, "label": "SENT"}],
               "title": "Manual spans"}
case("manual_span", "span", manual=[span_manual])
case("manual_span_multi_minify", "span", manual=[span_manual, dict(span_manual, title=None)], minify=True)

# Safe mode: rendering MARKUP with escaping "safe" must equal spaCy's render of MARKUP_ESC.
for style, opts in [("dep", {"add_lemma": True, "fine_grained": True}), ("dep", {}),
                    ("ent", {"kb_url_template": "https://kb.example/{}"}), ("ent", {}),
                    ("span", {"kb_url_template": "https://kb.example/{}"}), ("span", {})]:
    for page in (False, True):
        case(f"safe_{style}_{len(opts)}_{page}", style, [C(MARKUP_ESC)], options=opts, page=page)
        cases[-1]["docs"] = [C(MARKUP)]
        cases[-1]["escaping"] = "safe"

with open(f"{OUT}/cases.jsonl", "w", encoding="utf-8") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(custom), "docs,", len(cases), "cases")
