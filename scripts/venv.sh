#!/usr/bin/env bash
# Creates (once) the reference Python venv inside the repository, at .venv/ (git-ignored), with spaCy
# pinned to the version the fixtures come from, and prints its interpreter's path. Every fixture and
# benchmark script takes its interpreter from here unless $PYTHON names another.
# Usage: scripts/venv.sh [EXTRA_PACKAGE...]   e.g. scripts/venv.sh mlflow tensorboard
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${AIM_SPACY_VENV:-$root/.venv}"
spacy_version="3.8.18"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q --upgrade pip >&2
fi
if ! "$venv/bin/python" -c "import spacy, sys; sys.exit(spacy.__version__ != '$spacy_version')" 2>/dev/null; then
    "$venv/bin/pip" install -q "spacy==$spacy_version" >&2
fi
for pkg in "$@"; do
    module="${pkg%%[=<>]*}"
    "$venv/bin/python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('${module//-/_}') is None)" 2>/dev/null \
        || "$venv/bin/pip" install -q "$pkg" >&2
done
echo "$venv/bin/python"
