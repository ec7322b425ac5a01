"""Make the config parity fixtures in Fixtures/config/ with confection 1.3.4 (spaCy 3.8.18's).

Run with the spaCy venv: "$(scripts/venv.sh)" scripts/make_config_fixtures.py
[--fuzz-corpus .build/fuzz-config/corpus]  (also rewrites fuzz.json from the fuzzer's corpus)

Writes
- Fixtures/config/cases.json: small configs, each parsed by confection with and without
  interpolation (and with overrides when given), the result or the exception class, and
  `to_str()` of each result.
- Fixtures/config/random.json: seeded generated configs (some with overrides), the same way.
- Fixtures/config/floats.json: doubles (as float.hex()) with Python's repr and json.dumps.
- Fixtures/config/overrides.json: `spacy train` override arguments as spaCy parses them.
- Fixtures/config/fuzz.json (with --fuzz-corpus): inputs found by the config fuzzer.
- Fixtures/config/real.<name>.json: the same for every config.cfg under Fixtures/configs and
  Fixtures/trainings, keeping Python's key order (Fixtures/expected has them sorted).
"""
import json
import sys
import warnings
from pathlib import Path

from confection import Config
from spacy.cli._util import parse_config_overrides

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Fixtures" / "config"

PATHS = """[paths]
train = "corpus/train.spacy"
dev = null
n = 10
f = 0.5
b = true
lst = [1, 2]
raw = some text

[sec]
a = 1
b = "x"
"""

CASES = {
    # Values (§2.3)
    "values": """[v]
int = 1
neg = -2
exp = 1e-3
small = 0.001
big_e = 1E5
half = .5
five = 5.
octal = 007
plus = +1
hex = 0x10
inf = Infinity
ninf = -Infinity
nan = NaN
upper_true = TRUE
yes = yes
words = hello world
quoted = "hello world"
single = 'single'
list = [1, 2, "x"]
bad_list = [1, 2, x]
dict = {"a": 1, "b": [true]}
t = true
f = false
n = null
py_t = True
py_f = False
py_n = None
unterminated = "unterminated
empty =
escaped = "tab\\tnew\\nline \\u00e9 \\ud83d\\ude00"
unicode = "café ☕ 𝄞"
bare_unicode = naïve 東京
float_int = 1.0
float_big = 1e16
float_repr = 0.1
tiny = 1e-08
neg_zero = -0.0
zero = 0
minus_zero = -0
huge = 12345678901234567
colon : value with colon
eq==1
spaced key = 3
dotted.key = 4
nested = {"x": {"y": [1, {"z": null}]}}
""",
    "float_reprs": "[f]\n" + "".join(
        f"f{i} = {v}\n"
        for i, v in enumerate([
            "1e22", "1e21", "1e-7", "0.0001", "0.00001", "123456789.123", "1e15", "9999999999999998.0",
            "1e16", "2.5e-308", "5e-324", "1.7976931348623157e308", "1e400", "-1e400", "0.1e1", "3.0e0",
            "1.00000000000000000001", "123456789012345678901234567890.0", "1.5E+3", "-0.0001",
        ])
    ),
    "tabs_and_feeds": "[a]\nx = [1,\n\t2]\ny = \x0cv\x0c\nz\t=\t1\n\n[b]\n\tk = 1\n",
    "unicode_names": "[sección]\nclé = \"v\"\n\n[sección.子]\nk = ${sección.clé}\n",
    "raw_tab": "[a]\nx = \"tab\there\"\n",
    "comments": """# leading comment
; semicolon comment
[a]
# comment in section
x = 5 # not a comment
y = 6 ; not a comment either
z = [1,
    # comment inside a value
    2]
""",
    "multiline": """[a]
x = [
    1,
    2,
    3
    ]
y = {
    "k": "v",
    "n": [1, 2]
    }
text = first
    second


    third
swallowed = 1
    b = 2
header_like = 1
  [b]
after = 3
""",
    "multiline_crlf": "[a]\r\nx = [\r\n    1,\r\n    2]\r\ny = 2\r\n\r\n[b]\r\nz = \"w\"\r\n",
    "trailing_text_header": "[a] # comment\nx = 1\n[ b ]\ny = 2\n",
    "case_sensitive": "[a]\nx = 1\nX = 2\n[A]\nx = 3\n",
    "empty_sections": "[a]\n\n[a.b]\n\n[c]\n",
    "positional": """[a]
@misc = "foo.v1"

[a.*.first]
@misc = "bar.v1"
x = 1

[a.*.second]
y = 2

[b]
* = [1, 2]
""",
    "positional_deep": "[a]\n\n[a.*.x]\nk = 1\n\n[a.*.x.y]\nm = 2\n",
    "registry": """[model]
@architectures = "spacy.Tok2Vec.v2"
width = 96

[model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${model.width}
attrs = ["NORM", "PREFIX"]

[inline]
x = {"@misc": "foo.v1", "x": 1}
""",
    "interp_table": PATHS
    + """
[t]
whole = ${paths.train}
dev = ${paths.dev}
n = ${paths.n}
f = ${paths.f}
b = ${paths.b}
lst = ${paths.lst}
raw = ${paths.raw}
colon = ${paths:n}
embedded = "prefix/${paths.train}/suffix"
bare_embedded = prefix/${paths.train}
n_text = "n=${paths.n}"
dev_text = "dev=${paths.dev}"
l_text = "l=${paths.lst}"
b_text = "b=${paths.b}"
f_text = "f=${paths.f}"
twice = ${paths.n}${paths.n}
mixed_list = [${paths.n}, ${paths.train}]
section = ${sec}
section_list = [${sec}]
dollars = "cost $$5"
home = $$HOME
local = 7
uses_local = ${local}
""",
    "interp_string_list": "[a]\nx = \"p\"\n\n[b]\nl = [\"${a.x}\", \"q\"]\n",
    "interp_chain": """[a]
x = ${b.y}
s = "pre ${b.z}"
[b]
y = ${c.v}
z = ${c.w}
[c]
v = 3
w = "deep"
""",
    "interp_nested_text": "[a]\nx = \"pre ${b.y}\"\n[b]\ny = mid ${c.z}\n[c]\nz = \"v\"\n",
    "interp_dict_value": "[a]\nd = {\"k\": 1, \"s\": \"q\"}\nx = \"d=${a.d}\"\ny = ${a.d}\n",
    "interp_section_path": "[a]\n\n[a.b]\nk = 1\n\n[c]\nx = ${a.b}\ny = ${a.b.k}\n",
    "interp_section_ref_of_ref": "[a]\nk = 1\n\n[b]\nr = ${a}\n\n[c]\nr = ${b}\n",
    "interp_section_in_dict": "[a]\nk = 1\n\n[b]\nd = {\"x\": ${a}}\n",
    "interp_self_named_section": "[x]\nk = 1\n\n[a]\nx = ${x}\n",
    "interp_float_in_text": "[a]\nf = 1e3\ng = 1.50\nx = \"v${a.f}/${a.g}\"\n",
    "interp_unicode": "[a]\ns = \"é☕\"\nx = \"<${a.s}>\"\ny = ${a.s}\n",
    "interp_numbers_concat": "[a]\nn = 1\nm = 2.5\nx = ${a.n}.${a.n}\ny = ${a.m}${a.n}\n",
    "interp_dollar_space": "[a]\nx = cost $$ 2\ny = a$$b\n",
    "interp_null_text": "[a]\nn = null\nx = pre${a.n}\n",
    "interp_multiline_var": "[a]\nv = 1\nx = [\n    ${a.v},\n    2]\n",
    "spacy_paths": """[paths]
train = null
dev = null

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
max_steps = 20000
""",
    "section_order_breadth_first": "[b]\nx = 1\n\n[b.c]\ny = 2\n\n[a]\nz = 3\n\n[a.d]\nw = 4\n\n[b.c.e]\nv = 5\n",
    "star_only_container": "[a]\n\n[a.*]\n\n[a.*.x]\nk = 1\n",
    "star_with_leaves": "[a]\n\n[a.*]\nq = 1\n",
    "dollar_in_values": "[a]\nx = \"$5\"\ny = \"a$$b\"\nz = [\"$\"]\n",
    "indented_header": "  [a]\n  x = 1\n  y = 2\n",
    "whitespace_unicode": "[a]\nx =\u00a0padded\u00a0\ny = 1\n\u3000z = 2\n",
    "keys_with_spaces": "[a b]\nkey with space = 1\n",
    "empty_value_then_continuation": "[a]\nx =\n    [1,\n    2]\n",
    "value_then_blank_in_list": "[a]\nx = 1\n\n\n    2\n",
    "percent_and_braces": "[a]\nx = 100%\ny = {braces}\nz = }\n",
    "default_section_empty": "[DEFAULT]\n\n[a]\nx = 1\n",
    "section_name_with_colon": "[a:b]\nx = 1\n\n[c]\ny = ${a:b.x}\n",
    "nested_variable_section": "[a]\n\n[a.b]\n\n[a.b.c]\nk = \"v\"\n\n[d]\nx = ${a.b.c.k}\ny = ${a.b.c}\n",
    "literal_section_prefix": "[a]\nk = 1\n\n[b]\nx = __SECTION__:a\n",
    "variable_regex_edge": "[a]\nv = 2\nx = ${a.v}x\ny = \"${a.v}\"\n",
    # Errors (§2.8)
    "err_missing_key": "[a]\nx = ${b.y}\n\n[b]\nz = 1\n",
    "err_missing_section": "[a]\nx = ${nope.y}\n",
    "err_missing_whole": "[a]\nx = ${nope}\n",
    "err_self_reference": "[a]\nx = ${x}\n",
    "err_cycle": "[a]\nx = ${a.y}\ny = ${a.x}\n",
    "err_long_chain": "[a]\n" + "".join(f"k{i} = ${{a.k{i + 1}}}\n" for i in range(11)) + "k11 = 1\n",
    "ok_chain_of_ten": "[a]\n" + "".join(f"k{i} = ${{a.k{i + 1}}}\n" for i in range(9)) + "k9 = 1\n",
    "err_bad_dollar": "[a]\nx = $foo\n",
    "err_trailing_dollar": "[a]\nx = cost$\n",
    "err_unclosed_brace": "[a]\nx = ${a.y\n",
    "err_empty_braces": "[a]\nx = ${}\n",
    "err_space_in_variable": "[a]\nx = ${a b}\n",
    "err_undefined_parent": "[a.b]\nx = 1\n",
    "err_parent_after_child": "[a.b]\nx = 1\n\n[a]\ny = 2\n",
    "err_duplicate_key": "[a]\nx = 1\nx = 2\n",
    "err_duplicate_section": "[a]\nx = 1\n\n[a]\ny = 2\n",
    "err_no_section": "x = 1\n[a]\n",
    "err_bom": "\ufeff[a]\nx = 1\n",
    "err_no_delimiter": "[a]\nx = 1\njust words\n",
    "err_empty_key": "[a]\n= 1\n",
    "err_conflict": "[a]\nb = 1\n\n[a.b]\nc = 2\n",
    "err_section_in_string": "[sec]\na = 1\n\n[b]\nx = \"${sec}\"\n",
    "err_section_in_text": "[sec]\na = 1\n\n[b]\nx = \"x ${sec}\"\n",
    "err_default_values": "[DEFAULT]\nx = 1\n\n[a]\ny = 2\n",
    "err_section_cycle": "[a]\nx = ${b}\n\n[b]\ny = ${a}\n",
    "err_section_self": "[a]\nk = 1\nx = ${a}\n",
    "err_missing_intermediate": "[a]\n\n[a.b.c]\nx = 1\n",
    "err_star_child_before_parent": "[a]\n\n[a.*.x.y]\nk = 1\n",
    "err_parse_then_duplicate": "[a]\nbad line\n\n[b]\n\n[b]\n",
    "err_unknown_section_ref_in_list": "[a]\nx = [${nope}]\n",
    "err_dollar_in_raw": "[a]\nv = 1\nx = ${a.v} $y\n",
}

# Read as Config().from_disk reads files: Python's text mode turns "\r\n" and a lone "\r" into "\n".
UNIVERSAL_CASES = {
    "universal_lone_cr": "[a]\rx = 1\ry = [1,\r    2]\r\n[b]\r\nz = 3",
    "universal_mixed": "[a]\r\nx = 1\n\ry = 2\r",
}

# spacy train's extra arguments, parsed by spacy.cli._util.parse_config_overrides.
OVERRIDE_ARGS = [
    ["--paths.train", "corpus/train.spacy", "--paths.dev", "corpus/dev.spacy"],
    ["--training.max_steps", "600", "--training.eval_frequency=50"],
    ["--training.dropout", "0.2", "--nlp.batch_size", "007", "--x.flag", "--x.other", "1."],
    ["--a.list", "[1, 2]", "--a.obj", '{"k": "v"}', "--a.str", '"quoted"', "--a.nan", "NaN", "--a.neg", "-"],
    ["--a.dashed-key=1", "--a.dashed-other", "2", "--a.t", "true", "--a.n", "null", "--a.f", "1e-3"],
    ["--a.b", "x", "--a.b", "y"],
    ["--a.tab", "a\tb", "--a.big", "12345678901234567890", "--a.bigger", "123456789012345678901234"],
    ["--toplevel", "1"],
    ["paths.train", "x"],
]

OVERRIDE_CASES = {
    "ovr_paths": (CASES["spacy_paths"], {"paths.train": "corpus/train.spacy", "paths.dev": "corpus/dev.spacy", "training.max_steps": 600}),
    "ovr_new_key": (CASES["spacy_paths"], {"paths.vectors": None, "training.eval_frequency": 50}),
    "ovr_dict_value": (CASES["spacy_paths"], {"training.batcher": {"@batchers": "x.v1", "size": 10}}),
    "ovr_list_value": (CASES["spacy_paths"], {"training.frozen": ["a", "b"]}),
    "ovr_missing_section": (CASES["spacy_paths"], {"nope.x": 1}),
    "ovr_top_level": (CASES["spacy_paths"], {"paths": 1}),
    "ovr_fixes_missing_var": ("[paths]\n\n[a]\nx = ${paths.train}\n", {"paths.train": "t.spacy"}),
    "ovr_string_with_dollar": (CASES["spacy_paths"], {"paths.train": "a$b.spacy"}),
    "ovr_section_ref": ("[a]\nk = 1\n\n[b]\nr = ${a}\n", {"a.k": 2}),
    "ovr_replaces_section": ("[a]\n\n[a.b]\nk = 1\n\n[c]\nx = ${a.b.k}\n", {"a.b": 5}),
}


def error_name(e):
    if isinstance(e, RecursionError) or (isinstance(e, ValueError) and "Circular reference" in str(e)):
        return "CircularReference"
    return type(e).__name__


def run(fn):
    """The parsed config (or the exception class) and its to_str() (or that exception class)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = fn()
        json.dumps(value)  # a circular dict fails here, before to_str() would loop forever
    except Exception as e:  # noqa: BLE001 - the class is the fixture
        return {"error": error_name(e)}
    try:
        return {"value": value, "to_str": value.to_str()}
    except Exception as e:  # noqa: BLE001
        return {"value": value, "to_str_error": error_name(e)}


def record(text, overrides=None):
    overrides = overrides or {}
    return {
        "text": text,
        "overrides": overrides,
        "interpolated": run(lambda: Config().from_str(text, overrides=overrides)),
        "raw": run(lambda: Config().from_str(text, interpolate=False, overrides=overrides)),
    }


SAFE_VALUES = [
    "1", "-2", "1.5", "1e-3", ".5", "007", "true", "True", "null", '"str"', "plain text", "[1, 2]", '{"a": 1}',
    "${base.k}", "${base.s}", "${base.l}", "${base.d}", "${base.t}", "${base.f}", "${base.n}", "${base}", "[${base}]",
    '"pre ${base.k} post"', "pre/${base.s}", "${base.k}${base.k}", "[${base.k}, ${base.s}]", '["${base.s}", 1]',
    "${base.k}.${base.f}", '"${base.d}"', "${base.r}", '"x${base.r}y"', "$$", "cost $$5", "{\n  \"m\": ${base.k}\n  }",
    "${base.t} and ${base.l}", '"é ${base.s} ☕"', "${base.e}", "[${base.e}]",
]


def safe_config(rng):
    """A config whose variables all resolve, to compare successful interpolation."""
    lines = ["[base]", "k = 3", 's = "corpus/train.spacy"', "l = [1, 2.5]", 'd = {"q": [true, null]}', "t = some text",
             "f = 0.1", "n = null", "r = ${base.k}", "e = "]
    for name in ["one", "two", "one.sub", "two.*.p"]:
        if rng.random() < 0.8 or name in ("one", "two"):
            lines.append("")
            lines.append(f"[{name}]")
            for i in range(rng.randint(1, 6)):
                lines.append(f"v{i} = {rng.choice(SAFE_VALUES)}")
    return "\n".join(lines)


def random_config(rng):
    """A config from pieces that stress configparser and confection together."""
    ordered = ["a", "a.x", "a.*.p", "b", "b.y", "a.x.z", "c", "b.*.q", "d e", "DEFAULT", "a.*"]
    keys = ["k", "v", "n", "s", "l", "x", "y", "z", "@misc", "*", "K", "k k"]
    values = [
        "1", "-2", "1.5", "1e-3", ".5", "007", "true", "True", "null", "None", "NaN", "-Infinity",
        '"str"', "plain text", "'single'", "[1, 2]", '{"a": 1}', '{"@misc": "f.v1", "q": [1]}', "",
        "${a.k}", "${b.v}", "${a:n}", "${k}", "${v}", "${a}", "${b}", "${a.x}", "${a.x.z}", "${nope}",
        '"pre ${a.k} post"', "pre/${b.s}", "${a.k}${a.k}", "[${a.k}, ${b.s}]", '["${a.s}", 1]', "[${a}]",
        "$$", "cost $$5", "$bad", "${", "${a.k", '"${a}"', "__SECTION__:a", "\\u00e9", '"caf\\u00e9"', "é",
        "[\n  1,\n  2\n  ]", "multi\n  line", '"tab\there"', "x = y", "a:b", "#not comment", "1 ; 2",
        "${a.x.k}", "${b.y.n}", "${c.s}", "${s}", "2", "3.25", '"t"', "[]", "{}", "${a.n}", "${b.l}", "${a.l}", "\u00a0padded", "{\n  \"m\": ${a.k}\n  }",
    ]
    chance = {"DEFAULT": 0.08, "a.x.z": 0.3}
    chosen = [name for name in ordered if rng.random() < chance.get(name, 0.9 if "." not in name else 0.6)]
    chosen = [name for name in chosen if name != "a.x.z" or "a.x" in chosen or rng.random() < 0.2]
    if rng.random() < 0.1:
        rng.shuffle(chosen)
    if rng.random() < 0.05 and chosen:
        chosen.append(rng.choice(chosen))
    lines = []
    for section in chosen:
        indent = " " if rng.random() < 0.03 else ""
        lines.append(f"{indent}[{section}]")
        used = set()
        for _ in range(rng.randint(0, 6)):
            roll = rng.random()
            if roll < 0.08:
                extra = ["# comment", "; comment", "", "   ", "  # indented comment"]
                lines.append(rng.choice(extra + ["    continued", "\u3000[c]"] if rng.random() < 0.2 else extra))
                continue
            key = rng.choice(keys)
            if key in used and rng.random() < 0.95:
                continue
            used.add(key)
            value = rng.choice(values)
            delim = rng.choice([" = ", "=", " : ", " =  "])
            lines.append(f"{key}{delim}{value}")
    ending = rng.choice(["\n", "\n", "\r\n"])
    return ending.join(lines) + rng.choice(["", ending])


def representable(value):
    """Whether aim-spacy's JSONValue can hold the value: no lone surrogates, ints within 64 bits."""
    if isinstance(value, dict):
        return all(representable(k) and representable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(representable(v) for v in value)
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    if isinstance(value, str):
        return not any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    return True


def fuzz_fixtures(corpus):
    """Inputs the config fuzzer found (scripts/fuzz-config.sh), with confection's results."""
    found = {}
    for path in sorted(Path(corpus).iterdir(), key=lambda p: (p.stat().st_size, p.name)):
        if len(found) >= 500 or path.stat().st_size > 700:
            continue
        try:
            text = path.read_bytes().decode("utf8")
        except UnicodeDecodeError:
            continue
        entry = record(text)
        values = [entry[m].get("value") for m in ("interpolated", "raw")]
        if all(representable(v) for v in values if v is not None):
            found[path.name[:16]] = entry
    with (OUT / "fuzz.json").open("w", encoding="utf8") as f:
        json.dump(found, f)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    if len(sys.argv) > 2 and sys.argv[1] == "--fuzz-corpus":
        fuzz_fixtures(sys.argv[2])
    cases = {name: record(text) for name, text in CASES.items()}
    cases.update({name: record(text, ov) for name, (text, ov) in OVERRIDE_CASES.items()})
    for name, text in UNIVERSAL_CASES.items():
        entry = record(text.replace("\r\n", "\n").replace("\r", "\n"))
        entry["text"] = text
        entry["newlines"] = "universal"
        cases[name] = entry
    import random

    rng = random.Random(20261127)
    generated = {}
    for i in range(400):
        generated[f"random_{i:03d}"] = record(random_config(rng))
    for i in range(200):
        generated[f"safe_{i:03d}"] = record(safe_config(rng))
    override_values = [1, 2.5, "text", "a$b", "${base.k}", "x ${base.s}", None, True, [1, "${base.k}"], {"q": 1}, "$$"]
    override_paths = ["base.k", "base.s", "base.new", "one.v0", "one.sub.v1", "two.v9", "nope.x", "base", "one.sub"]
    for i in range(150):
        overrides = {rng.choice(override_paths): rng.choice(override_values) for _ in range(rng.randint(1, 3))}
        generated[f"override_{i:03d}"] = record(safe_config(rng), overrides)
    with (OUT / "random.json").open("w", encoding="utf8") as f:
        json.dump(generated, f)
    floats = []
    for _ in range(1500):
        kind = rng.random()
        if kind < 0.4:
            value = rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30)
        elif kind < 0.7:
            value = round(rng.uniform(0, 10**rng.randint(0, 17)), rng.randint(0, 6))
        else:
            value = float(rng.randint(0, 2**rng.randint(1, 70)))
        floats.append([value.hex(), repr(value), json.dumps(value)])
    for value in [0.0, -0.0, 1e16, 9999999999999998.0, 2.0**53, 2.0**53 + 2, 1e-4, 9.999999999999999e-05, 5e-324, 1.7976931348623157e308]:
        floats.append([value.hex(), repr(value), json.dumps(value)])
    with (OUT / "floats.json").open("w", encoding="utf8") as f:
        json.dump(floats, f)
    parsed_args = []
    for args in OVERRIDE_ARGS:
        try:
            parsed_args.append({"args": args, "overrides": parse_config_overrides(list(args), env_var=None)})
        except BaseException as e:  # noqa: BLE001 - click raises NoSuchOption, msg.fail SystemExit
            parsed_args.append({"args": args, "error": type(e).__name__})
    with (OUT / "overrides.json").open("w", encoding="utf8") as f:
        json.dump(parsed_args, f, indent=1)
    with (OUT / "cases.json").open("w", encoding="utf8") as f:
        json.dump(cases, f, indent=1)
    sources = sorted((ROOT / "Fixtures" / "configs").glob("*.cfg")) + sorted(
        (ROOT / "Fixtures" / "trainings").rglob("config.cfg")
    )
    for path in sources:
        rel = path.relative_to(ROOT / "Fixtures")
        name = ".".join(rel.with_suffix("").parts)
        text = path.read_bytes().decode("utf8")
        entry = record(text)
        entry["text"] = None
        entry["source"] = str(rel)
        entry["interpolated_then_raw_to_str"] = Config().from_str(text, interpolate=False).interpolate().to_str()
        with (OUT / f"real.{name}.json").open("w", encoding="utf8") as f:
            json.dump(entry, f, indent=1)


if __name__ == "__main__":
    main()
