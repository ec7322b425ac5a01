"""Make a large training folder for the log benchmarks: Fixtures/trainings/spancat-jsonl with its
console log and JSONL redrawn by spaCy's own ConsoleLogger.v3 over ROWS evaluations.

    $PYTHON scripts/make_large_training.py OUT_DIR ROWS

The config, metas and the lines `spacy train` prints around the table are the fixture's; the table
rows and the JSONL lines are written by `console_logger_v3`'s `log_step`, fed losses and scores that
wander like a real training's (seeded, so every run makes the same files).
"""

import io
import os
import random
import shutil
import sys
from pathlib import Path

import spacy
from spacy.training.loggers import console_logger_v3

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "Fixtures" / "trainings" / "spancat-jsonl"


def main():
    out, rows = Path(sys.argv[1]).resolve(), int(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(FIXTURE, out)
    fixture_log = (FIXTURE / "train.log").read_text(encoding="utf-8").splitlines(keepends=True)
    # The logger prints its own "Saving results to" line above the table.
    table = next(i for i, line in enumerate(fixture_log) if "Saving results to" in line)
    saved = next(i for i, line in enumerate(fixture_log) if "Saved pipeline" in line)

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("spancat")
    nlp._config["training"]["score_weights"] = {"spans_sc_f": 1.0, "spans_sc_p": 0.0, "spans_sc_r": 0.0}
    os.chdir(out)
    jsonl = Path("training") / "log.jsonl"
    jsonl.unlink()
    table_out = io.StringIO()
    log_step, finalize = console_logger_v3(progress_bar=None, console_output=True, output_file=jsonl)(
        nlp, table_out, table_out)

    rng = random.Random(11)
    f, p, r = 0.001, 0.0005, 0.35
    for row in range(rows):
        f = min(0.99, max(0.0, f + rng.uniform(-0.01, 0.012)))
        p = min(0.99, max(0.0, p + rng.uniform(-0.01, 0.012)))
        r = min(0.99, max(0.0, r + rng.uniform(-0.01, 0.012)))
        log_step({
            "epoch": row // 250, "step": row * 50,
            "losses": {"tok2vec": rng.uniform(0.0, 300.0), "spancat": rng.uniform(100.0, 5000.0)},
            "other_scores": {"spans_sc_f": f, "spans_sc_p": p, "spans_sc_r": r},
            "score": f, "checkpoints": [], "seconds": 0, "words": 0,
        })
    finalize()
    with open("train.log", "w", encoding="utf-8") as log:
        log.writelines(fixture_log[:table])
        log.write(table_out.getvalue())
        log.writelines(fixture_log[saved:])


if __name__ == "__main__":
    main()
