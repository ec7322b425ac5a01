"""Reads back, with MLflow's own client, every active run of an MLflow tracking server and prints
them as JSON: experiment, status, times, params, tags, every point of every metric
(`get_metric_history`, ordered by step) and the sha256 of every artifact file.

Usage: $PYTHON scripts/check_mlflow_export.py URL   (PYTHON from `scripts/venv.sh mlflow`)
"""
import hashlib
import json
import math
import os
import sys
import tempfile

from mlflow.tracking import MlflowClient


def number(value):
    return value if math.isfinite(value) else repr(value)


def artifact_digests(client, run_id, path=None):
    digests = {}
    for entry in client.list_artifacts(run_id, path):
        if entry.is_dir:
            digests.update(artifact_digests(client, run_id, entry.path))
        else:
            with tempfile.TemporaryDirectory() as folder:
                local = client.download_artifacts(run_id, entry.path, folder)
                with open(local, "rb") as file:
                    digests[entry.path] = hashlib.sha256(file.read()).hexdigest()
    return digests


def main():
    client = MlflowClient(tracking_uri=sys.argv[1])
    experiments = {e.experiment_id: e.name for e in client.search_experiments()}
    runs = []
    for run in client.search_runs(list(experiments), max_results=50000):
        metrics = {}
        for key in run.data.metrics:
            history = sorted(client.get_metric_history(run.info.run_id, key), key=lambda m: m.step)
            metrics[key] = [{"step": m.step, "timestamp": m.timestamp, "value": number(m.value)} for m in history]
        runs.append({
            "run_id": run.info.run_id,
            "experiment": experiments[run.info.experiment_id],
            "status": run.info.status,
            "start_time": run.info.start_time,
            "end_time": run.info.end_time,
            "params": run.data.params,
            "tags": run.data.tags,
            "metrics": metrics,
            "artifacts": artifact_digests(client, run.info.run_id),
        })
    json.dump({"runs": runs}, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
