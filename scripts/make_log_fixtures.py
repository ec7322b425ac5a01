"""Make the training-log fixtures in Fixtures/logs/ with real `spacy train` runs.

Run from the repository root with the spaCy 3.8.18 venv:

    "$(scripts/venv.sh)" scripts/make_log_fixtures.py

Each training is tiny (a few docs of Fixtures/corpus, a handful of steps) so the logs stay a few KB.
Terminal recordings are made with util-linux `script -q` on a 100-column pty, so they hold the tqdm
progress bars (carriage returns) and CRLF line ends exactly as a terminal session records them.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from spacy.util import load_config

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Fixtures" / "logs"
PY = sys.executable
CORPUS = ROOT / "Fixtures" / "corpus"

# A user callback that prints a Python warning and a traceback between rows, as user code may.
NOISY_CODE = '''
import sys, traceback, warnings
from spacy.util import registry

@registry.callbacks("fixture.noisy_update.v1")
def make_noisy():
    def before_update(nlp, args):
        if args["step"] == 3:
            warnings.warn("fixture warning printed between rows")
        if args["step"] == 5:
            try:
                raise ValueError("fixture exception printed between rows")
            except ValueError:
                traceback.print_exc()
    return before_update


@registry.callbacks("fixture.failing_update.v1")
def make_failing():
    def before_update(nlp, args):
        if args["step"] == 5:
            raise RuntimeError("fixture failure at step 5")
    return before_update
'''


def make_config(path, pipes, logger, *, rename=None, max_steps=8, eval_frequency=4, callback=None,
                extra_weights=None):
    """`spacy init config` for `pipes`, made tiny, with `logger` as [training.logger]."""
    subprocess.run(
        [PY, "-m", "spacy", "init", "config", str(path), "-l", "en", "-p", ",".join(pipes), "-o", "efficiency",
         "-F"],
        check=True, capture_output=True,
    )
    config = load_config(path, interpolate=False)
    if rename:
        old, new = rename
        config["nlp"]["pipeline"] = [new if p == old else p for p in config["nlp"]["pipeline"]]
        config["components"][new] = config["components"].pop(old)
        # listeners name their upstream tok2vec; nothing to change for a renamed head.
    config["training"]["logger"] = logger
    config["training"]["max_steps"] = max_steps
    config["training"]["eval_frequency"] = eval_frequency
    config["corpora"]["train"]["limit"] = 24
    config["corpora"]["dev"]["limit"] = 8
    config["paths"]["train"] = str(CORPUS / "train.spacy")
    config["paths"]["dev"] = str(CORPUS / "dev.spacy")
    if callback:
        config["training"]["before_update"] = {"@callbacks": callback}
    for key, weight in (extra_weights or {}).items():
        config["training"]["score_weights"][key] = weight
    config.to_disk(path)


def columns_of(cfg):
    """What spaCy itself resolves for a config: pipe names and the non-null score weight keys in order."""
    import spacy
    from spacy.util import load_config as load
    config = load(cfg, interpolate=True)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    weights = nlp.config["training"]["score_weights"]
    return {"pipeline": list(nlp.pipe_names), "score_weights": [k for k, v in weights.items() if v is not None]}


def python_rows(path):
    """An independent reading of a console log's tables (plain Python, not the Swift decoder): per
    training, the printed header cells and every row's printed cells."""
    import re
    trainings = []
    for raw in path.read_bytes().split(b"\n"):
        line = raw.rstrip(b"\r").split(b"\r")[-1]
        line = re.sub(rb"\x1b\[[0-9;?]*[@-~]", b"", line).decode("utf-8")
        if line.startswith("E    #"):
            trainings.append({"header": line, "rows": []})
        elif trainings and re.match(r"^\s*\d+\s+\d+\s", line):
            trainings[-1]["rows"].append(line.split())
    return trainings


def train_command(cfg, out_dir, code=None):
    cmd = [PY, "-m", "spacy", "train", str(cfg), "-o", str(out_dir)]
    if code:
        cmd += ["--code", str(code)]
    return cmd


def record_terminal(cmd, log_path, cwd):
    """Run `cmd` inside `script` on a 100-column pty; the recording goes to `log_path`."""
    inner = "stty cols 100 rows 40; " + " ".join(f"'{c}'" for c in cmd)
    subprocess.run(["script", "-q", "-e", "-c", inner, str(log_path)], check=True, cwd=cwd,
                   stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


def scrub(path, work):
    """Replace the temporary directory in a log by a fixed name so reruns give the same text."""
    data = path.read_bytes().replace(str(work).encode(), b"work").replace(str(ROOT).encode(), b".")
    # `script` brackets the recording with dated lines unless quiet; drop any that remain.
    lines = [l for l in data.split(b"\n") if not l.startswith(b"Script started on")
             and not l.startswith(b"Script done on")]
    path.write_bytes(b"\n".join(lines))


def edge_table(log_path, jsonl_path):
    """Edge cases of the table drawn by spaCy's own code without training: the lines `train()` prints
    around it (same wasabi calls as spacy/training/loop.py) and spaCy's ConsoleLogger.v3 `log_step`
    fed with chosen values. Component names with hyphens (textwrap may break there), non-ASCII and a
    quote (repr switches to double quotes); a frozen component (no loss column); values wider than
    their column, -0.00, ties, a `speed` column, a missing score (printed 0.00)."""
    import io
    import spacy
    from spacy.training.loggers import console_logger_v3
    from wasabi import Printer

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("tagger")
    nlp.add_pipe("ner", name="entity-recognizer-with-many-hyphens-in-it")
    nlp.add_pipe("textcat", name="textcat_\u00fcmlaut")
    nlp.add_pipe("parser", name="it's_parser")
    nlp._config["training"]["score_weights"] = {"speed": 0.0}
    frozen = ["tagger"]
    out = io.StringIO()
    msg = Printer(no_print=True)
    out.write(msg.info(f"Pipeline: {nlp.pipe_names}") + "\n")
    out.write(msg.info(f"Frozen components: {frozen}") + "\n")
    out.write(msg.info(f"Initial learn rate: {0.001}") + "\n")
    if jsonl_path.exists():
        jsonl_path.unlink()
    with nlp.select_pipes(disable=frozen):
        log_step, finalize = console_logger_v3(progress_bar=None, console_output=True,
                                               output_file=jsonl_path)(nlp, out, out)
        logged = [n for n, p in nlp.pipeline if getattr(p, "is_trainable", False)]
    rows = [
        (0, 0, 0.0, {}, 0.0),
        (1, 200, 12345.678, {"ents_f": 0.125, "ents_p": 1.0, "ents_r": 0.135, "dep_uas": 0.5, "dep_las": 0.25,
                             "cats_score": 0.3333333333, "speed": 123456.789, "tag_acc": 0.9}, 0.135),
        (2, 400, -0.001, {"ents_f": 0.875, "speed": 98.765, "sents_f": 2.675 / 100}, 0.125),
    ]
    for epoch, step, loss, scores, score in rows:
        log_step({"epoch": epoch, "step": step, "losses": {name: loss * (i + 1) for i, name in enumerate(logged)},
                  "other_scores": scores, "score": score, "checkpoints": [], "seconds": 0, "words": 0})
    finalize()
    out.write(msg.good("Saved pipeline to output directory", "work/edge-out/model-last") + "\n")
    log_path.write_text(out.getvalue(), encoding="utf-8")
    weights = nlp.config["training"]["score_weights"]
    return {"pipeline": list(nlp.pipe_names), "frozen": frozen,
            "score_weights": [k for k, v in weights.items() if v is not None], "jsonl": jsonl_path.name}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="aimlogs-"))
    env_code = work / "noisy.py"
    env_code.write_text(NOISY_CODE)
    manifest = {}

    # 1. ConsoleLogger.v1 with its progress bar, many components: the Pipeline line wraps and
    #    `LOSS MORPH...`, `LOSS TEXTC...` headers are cut; recorded from a terminal.
    cfg = work / "v1.cfg"
    make_config(cfg, ["tagger", "morphologizer", "parser", "ner", "textcat_multilabel"],
                {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": True})
    record_terminal(train_command(cfg, work / "v1-out"), OUT / "v1-bar-terminal.log", work)
    scrub(OUT / "v1-bar-terminal.log", work)
    shutil.copy(work / "v1-out" / "model-last" / "config.cfg", OUT / "v1-bar-terminal.cfg")
    scrub(OUT / "v1-bar-terminal.cfg", work)
    manifest["v1-bar-terminal.log"] = {"logger": "spacy.ConsoleLogger.v1", "terminal": True, **columns_of(cfg)}

    # 2. ConsoleLogger.v2 with bar and JSONL output, a long component name (cut header), terminal.
    cfg = work / "v2.cfg"
    jsonl = work / "v2.jsonl"
    make_config(cfg, ["ner"], {"@loggers": "spacy.ConsoleLogger.v2", "progress_bar": True,
                               "console_output": True, "output_file": str(jsonl)},
                rename=("ner", "entity_recognizer_long"))
    record_terminal(train_command(cfg, work / "v2-out"), OUT / "v2-long-name-terminal.log", work)
    scrub(OUT / "v2-long-name-terminal.log", work)
    shutil.copy(jsonl, OUT / "v2-long-name.jsonl")
    shutil.copy(work / "v2-out" / "model-last" / "config.cfg", OUT / "v2-long-name.cfg")
    scrub(OUT / "v2-long-name.cfg", work)
    manifest["v2-long-name-terminal.log"] = {"logger": "spacy.ConsoleLogger.v2", "terminal": True,
                                             "jsonl": "v2-long-name.jsonl", **columns_of(cfg)}

    # 3. ConsoleLogger.v3 with the "train" bar, textcat, a warning and a traceback between rows.
    cfg = work / "v3.cfg"
    jsonl = work / "v3.jsonl"
    make_config(cfg, ["textcat"], {"@loggers": "spacy.ConsoleLogger.v3", "progress_bar": "train",
                                   "console_output": True, "output_file": str(jsonl)},
                max_steps=8, eval_frequency=2, callback="fixture.noisy_update.v1",
                extra_weights={"cats_macro_auc": 0.0, "speed": 0.0})
    record_terminal(train_command(cfg, work / "v3-out", env_code), OUT / "v3-train-bar-noisy-terminal.log", work)
    scrub(OUT / "v3-train-bar-noisy-terminal.log", work)
    shutil.copy(jsonl, OUT / "v3-train-bar-noisy.jsonl")
    manifest["v3-train-bar-noisy-terminal.log"] = {"logger": "spacy.ConsoleLogger.v3", "terminal": True,
                                                   "jsonl": "v3-train-bar-noisy.jsonl", **columns_of(cfg)}

    # 4. Two trainings in one file (stdout and stderr of both, not a terminal).
    cfg_a = work / "two-a.cfg"
    cfg_b = work / "two-b.cfg"
    make_config(cfg_a, ["ner"], {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False},
                max_steps=4, eval_frequency=2)
    make_config(cfg_b, ["tagger"], {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False},
                max_steps=4, eval_frequency=2)
    with open(OUT / "two-trainings.log", "wb") as f:
        for c, o in ((cfg_a, "two-a-out"), (cfg_b, "two-b-out")):
            subprocess.run(train_command(c, work / o), stdout=f, stderr=subprocess.STDOUT, cwd=work, check=True)
    scrub(OUT / "two-trainings.log", work)
    manifest["two-trainings.log"] = {"logger": "spacy.ConsoleLogger.v1", "trainings": 2}

    # 4b. The same small training printed without icons/colours (WASABI_NO_PRETTY, ANSI_COLORS_DISABLED)
    #     and with an ASCII stdout (wasabi's `[i]`/`[+]` icons).
    for name, extra in (("no-pretty.log", {"WASABI_NO_PRETTY": "1", "ANSI_COLORS_DISABLED": "1"}),
                        ("ascii-icons.log", {"PYTHONIOENCODING": "ascii"})):
        with open(OUT / name, "wb") as f:
            subprocess.run(train_command(cfg_a, work / ("out-" + name)), stdout=f, stderr=subprocess.STDOUT,
                           cwd=work, check=True, env={**os.environ, **extra})
        scrub(OUT / name, work)
        manifest[name] = {"logger": "spacy.ConsoleLogger.v1", **extra}

    # 5b. A training that fails: spaCy prints its abort line, saves, and re-raises (traceback on stderr).
    cfg = work / "abort.cfg"
    make_config(cfg, ["ner"], {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False},
                max_steps=20, eval_frequency=2, callback="fixture.failing_update.v1")
    with open(OUT / "aborted.log", "wb") as f:
        subprocess.run(train_command(cfg, work / "abort-out", env_code), stdout=f, stderr=subprocess.STDOUT,
                       cwd=work, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    scrub(OUT / "aborted.log", work)
    manifest["aborted.log"] = {"logger": "spacy.ConsoleLogger.v1", "complete": False}

    # 5. An interrupted training: SIGINT after the third row; spaCy prints its abort line and traceback.
    cfg = work / "int.cfg"
    jsonl = work / "int.jsonl"
    make_config(cfg, ["ner"], {"@loggers": "spacy.ConsoleLogger.v3", "progress_bar": None,
                               "console_output": True, "output_file": str(jsonl)},
                max_steps=100000, eval_frequency=2)
    log_path = OUT / "interrupted.log"
    with open(log_path, "wb") as f:
        proc = subprocess.Popen(train_command(cfg, work / "int-out"), stdout=f, stderr=subprocess.STDOUT, cwd=work,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                                # a shell's background jobs ignore SIGINT; let Python see it again
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.time() + 600
        while time.time() < deadline:
            time.sleep(0.2)
            rows = [l for l in log_path.read_bytes().split(b"\n") if l.strip()[:1].isdigit()]
            if len(rows) >= 3 or proc.poll() is not None:
                break
        proc.send_signal(signal.SIGINT)
        proc.wait()
    scrub(log_path, work)
    shutil.copy(jsonl, OUT / "interrupted.jsonl")
    manifest["interrupted.log"] = {"logger": "spacy.ConsoleLogger.v3", "complete": False,
                                   "jsonl": "interrupted.jsonl"}

    # 5c. Table edge cases drawn by spaCy's logger code itself.
    manifest["edge-table.log"] = edge_table(OUT / "edge-table.log", OUT / "edge-table.jsonl")
    scrub(OUT / "edge-table.log", work)

    # 6. `spacy evaluate` outputs of tiny models: ent + dep pages (v1's model-last) and a span page.
    evaluate = OUT / "evaluate"
    evaluate.mkdir(exist_ok=True)
    subprocess.run([PY, "-m", "spacy", "evaluate", str(work / "v1-out" / "model-last"), str(CORPUS / "dev.spacy"),
                    "--output", str(evaluate / "metrics.json"), "--displacy-path", str(evaluate),
                    "--displacy-limit", "2"], check=True, capture_output=True, cwd=work)
    cfg = work / "spancat.cfg"
    make_config(cfg, ["spancat"], {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False},
                max_steps=4, eval_frequency=2)
    subprocess.run(train_command(cfg, work / "spancat-out"), check=True, capture_output=True, cwd=work)
    spans = work / "spans"
    spans.mkdir()
    subprocess.run([PY, "-m", "spacy", "evaluate", str(work / "spancat-out" / "model-last"),
                    str(CORPUS / "dev.spacy"), "--displacy-path", str(spans), "--displacy-limit", "2"],
                   check=True, capture_output=True, cwd=work)
    shutil.copy(spans / "spans.html", evaluate / "spans.html")
    for page in evaluate.glob("*.html"):
        scrub(page, work)

    # Independent readings of every console log, the bundled real ones included.
    expected = {name: python_rows(OUT / name) for name in manifest}
    for real in ("trainings/ner-aim/train.log", "trainings/spancat-jsonl/train.log"):
        expected["../" + real] = python_rows(ROOT / "Fixtures" / real)
    (OUT / "expected-rows.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
