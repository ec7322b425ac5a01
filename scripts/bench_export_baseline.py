"""Baseline of scripts/bench-export.sh: TensorBoard's own Python writer (EventFileWriter, as a
tracker's logger would use it) writing the same scalar points, one event per point and one run
folder per copy. Only scalars: no config text and no HParams records.

Usage: $PYTHON scripts/bench_export_baseline.py OUT COPIES METRICS.json...   (METRICS: `aim-spacy metrics RUN --json`)
"""
import json
import os
import sys
import time

from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter


def main():
    out, copies, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    trainings = []
    for path in paths:
        with open(path) as file:
            points = json.load(file)
        trainings.append([
            (p["name"] + ("." + p["context"].split("=", 1)[1] if p["context"] else ""), p["step"], p["value"]) for p in points
        ])
    start = time.perf_counter()
    for copy in range(copies):
        for index, points in enumerate(trainings):
            writer = EventFileWriter(os.path.join(out, f"{index}-{copy}"))
            for tag, step, value in points:
                summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=value)])
                writer.add_event(event_pb2.Event(wall_time=1.7e9 + step, step=step, summary=summary))
            writer.close()
    print(f"baseline in-process: {time.perf_counter() - start:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
