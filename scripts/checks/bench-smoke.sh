#!/usr/bin/env bash
# The benchmark harness does not rot: `bench/run --smoke` runs every stage at Ningbo size (10
# districts, 3,000 enterprises) with the debug build, in seconds, and checks the outputs, never
# the timings (BENCHMARKS.md has the figures). Builds nothing new: scripts/test has built it.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in qualityd bureau-sim qualityd-bench; do
    if [ ! -x ".build/debug/$tool" ]; then
        echo "bench smoke: .build/debug/$tool is not built; run scripts/test (or swift build) first" >&2
        exit 1
    fi
done
if ! command -v wrk >/dev/null; then
    echo "bench smoke: wrk is not installed; apt-get install -y wrk (.ci/run does)" >&2
    exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bench/run --smoke --no-build --out "$out" >/dev/null
