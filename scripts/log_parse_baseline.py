"""The Python baseline of `aim-spacy log parse --json` on a ConsoleLogger JSONL: what a user writes
to read the log and print it back as JSON, `json.loads` per line and one `json.dumps`.

    $PYTHON scripts/log_parse_baseline.py FILE.jsonl

Writes the JSON to stdout and the seconds taken (reading, parsing, dumping, writing) to stderr.
"""

import json
import sys
import time


def main():
    start = time.perf_counter()
    with open(sys.argv[1], "rb") as log:
        rows = [json.loads(line) for line in log if line.strip()]
    text = json.dumps({"trainings": [{"rows": rows}]})
    sys.stdout.write(text)
    sys.stdout.flush()
    print(json.dumps({"seconds": time.perf_counter() - start}), file=sys.stderr)


if __name__ == "__main__":
    main()
