"""Reads every run folder of a TensorBoard export with TensorBoard's own EventAccumulator (no size
limit) and prints, as JSON, what TensorBoard sees: per folder the scalars ({step, wall_time, value}
per point, values as float32 widened to float), the text summaries and the hparams plugin data.
With --hparams-tab it also starts TensorBoard itself on DIR and adds what its HParams tab is served
(`/data/plugin/hparams/experiment` and `session_groups`).

Usage: $PYTHON scripts/check_tensorboard_export.py DIR [--hparams-tab]   (PYTHON from `scripts/venv.sh tensorboard`)
"""
import json
import math
import os
import socket
import sys
import time
import urllib.request

from google.protobuf import json_format
from tensorboard.backend.event_processing import event_accumulator
from tensorboard.plugins.hparams import plugin_data_pb2
from tensorboard.util import tensor_util


def number(value):
    return value if math.isfinite(value) else repr(value)


def read_folder(folder):
    guidance = {kind: 0 for kind in event_accumulator.DEFAULT_SIZE_GUIDANCE}
    accumulator = event_accumulator.EventAccumulator(folder, size_guidance=guidance)
    accumulator.Reload()
    tags = accumulator.Tags()
    scalars = {
        tag: [{"step": e.step, "wall_time": e.wall_time, "value": number(e.value)} for e in accumulator.Scalars(tag)]
        for tag in tags["scalars"]
    }
    text = {}
    for tag in tags["tensors"]:
        if accumulator.SummaryMetadata(tag).plugin_data.plugin_name == "text":
            text[tag] = [tensor_util.make_ndarray(e.tensor_proto).item().decode("utf-8") for e in accumulator.Tensors(tag)]
    hparams = {}
    for tag, content in accumulator.PluginTagToContent("hparams").items():
        data = plugin_data_pb2.HParamsPluginData.FromString(content)
        hparams[tag] = json_format.MessageToDict(data, preserving_proto_field_name=True)
    return {"file_version": accumulator.file_version, "scalars": scalars, "text": text, "hparams": hparams}


def post(url, body):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def hparams_tab(root, run_count):
    """What TensorBoard's HParams tab gets for `root`, once every run is loaded."""
    from tensorboard import program

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    board = program.TensorBoard()
    board.configure(argv=[None, "--logdir", root, "--host", "127.0.0.1", "--port", str(port), "--load_fast", "false"])
    url = board.launch().rstrip("/") + "/data/plugin/hparams/"
    statuses = ["STATUS_SUCCESS", "STATUS_FAILURE", "STATUS_RUNNING", "STATUS_UNKNOWN"]
    query = {"experimentName": "", "allowedStatuses": statuses, "colParams": [], "startIndex": 0, "sliceSize": 100000}
    deadline = time.time() + 120
    while True:
        groups = post(url + "session_groups", query)
        if len(groups.get("sessionGroups", [])) >= run_count or time.time() > deadline:
            break
        time.sleep(0.5)
    experiment = post(url + "experiment", {"experimentName": ""})
    return {
        "hparams": [info["name"] for info in experiment.get("hparamInfos", [])],
        "metrics": [info["name"]["tag"] for info in experiment.get("metricInfos", [])],
        "session_groups": {
            group["name"]: {
                "hparams": group["hparams"],
                "metrics": {m["name"]["tag"]: number(m["value"]) for m in group.get("metricValues", [])},
                "status": [session.get("status") for session in group["sessions"]],
            }
            for group in groups.get("sessionGroups", [])
        },
    }


def main():
    root = sys.argv[1]
    runs = {}
    for folder, _, files in sorted(os.walk(root)):
        if any(name.startswith("events.out.tfevents.") for name in files):
            runs[os.path.relpath(folder, root)] = read_folder(folder)
    result = {"runs": runs}
    if "--hparams-tab" in sys.argv[2:]:
        result["hparams_tab"] = hparams_tab(root, len(runs))
    json.dump(result, sys.stdout, sort_keys=True)
    sys.stdout.flush()
    os._exit(0)  # TensorBoard's server threads are not daemons


if __name__ == "__main__":
    main()
