#!/usr/bin/env bash
# Installs Debian's chromium for the report's browser tests, when it is missing (idempotent).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
