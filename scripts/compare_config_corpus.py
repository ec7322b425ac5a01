"""Differential check: every file in a directory (e.g. the fuzz corpus .build/fuzz-config/corpus)
read by confection (Config().from_disk) and by `aim-spacy config show` (--json and cfg text).

    "$(scripts/venv.sh)" scripts/compare_config_corpus.py .build/debug/aim-spacy DIR [--no-interpolate]

Prints each disagreement and a summary; exits non-zero if any.
"""
import json
import subprocess
import sys
import warnings
from pathlib import Path

from confection import Config


def confection(path, interpolate):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cfg = Config().from_disk(path, interpolate=interpolate)
        dumped = json.dumps(cfg, sort_keys=True)
    except UnicodeDecodeError:
        return ("error", None, None)
    except Exception:  # noqa: BLE001 - any exception means "rejects"
        return ("error", None, None)
    try:
        text = cfg.to_str()
    except Exception:  # noqa: BLE001
        text = None
    return ("ok", dumped, text)


def ours(binary, path, interpolate):
    extra = [] if interpolate else ["--no-interpolate"]
    j = subprocess.run([binary, "config", "show", str(path), "--json", *extra], capture_output=True, timeout=60)
    if j.returncode != 0:
        return ("error", None, None)
    dumped = json.dumps(json.loads(j.stdout), sort_keys=True)
    t = subprocess.run([binary, "config", "show", str(path), *extra], capture_output=True, timeout=60)
    text = t.stdout.decode("utf8")[:-1] if t.returncode == 0 else None
    return ("ok", dumped, text)


def main():
    binary, directory = sys.argv[1], Path(sys.argv[2])
    interpolate = "--no-interpolate" not in sys.argv
    bad = 0
    files = sorted(p for p in directory.iterdir() if p.is_file())
    for path in files:
        theirs, mine = confection(path, interpolate), ours(binary, path, interpolate)
        if theirs != mine:
            bad += 1
            print(f"DIFF {path}: confection={theirs[0]} ours={mine[0]}")
            if theirs[0] == mine[0] == "ok" and theirs[1] != mine[1]:
                print("  json differs")
            elif theirs[0] == mine[0] == "ok":
                print(f"  to_str differs: {theirs[2]!r} vs {mine[2]!r}"[:400])
    print(f"{len(files)} files, {bad} disagreements")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
