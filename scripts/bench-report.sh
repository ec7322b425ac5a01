#!/usr/bin/env bash
# Benchmark of the static reports (not a timed test): renders the site for 1,000 runs made from the
# fixture trainings on all cores, and prints the time, the site's size and one run page's time in ms.
# CONFIG=debug for a quick look; the figures worth quoting come from the default release build.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-release}"
RUNS="${RUNS:-1000}"
AIM_SPACY_BENCH_RUNS="$RUNS" swift test -c "$CONFIG" --filter 'AimSpacyReportTests.ReportBenchmark' 2>&1 | grep -E '^bench|passed|failed|error' || true
