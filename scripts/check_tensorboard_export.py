"""Reads every run folder of a TensorBoard export with TensorBoard's own EventAccumulator (no size
limit) and prints, as JSON, what TensorBoard sees: per folder the scalars ({step, wall_time, value}
per point, values as float32 widened to float), the text summaries and the hparams plugin data.

Usage: $PYTHON scripts/check_tensorboard_export.py DIR   (PYTHON from `scripts/venv.sh tensorboard`)
"""
import json
import math
import os
import sys

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


def main():
    root = sys.argv[1]
    runs = {}
    for folder, _, files in sorted(os.walk(root)):
        if any(name.startswith("events.out.tfevents.") for name in files):
            runs[os.path.relpath(folder, root)] = read_folder(folder)
    json.dump({"runs": runs}, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
