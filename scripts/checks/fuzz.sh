#!/usr/bin/env bash
# A short run of every libFuzzer harness (20 s each), so that a change that makes a reader of
# outside input crash is caught on every test run. The long runs are `scripts/fuzz 1800`
# (fuzz/README.md); this one builds the same ASan harnesses into .build-fuzz first.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-20}
if [ "$seconds" = 0 ]; then # FUZZ_SECONDS=0: no sanitizer build, no run
    echo "fuzz: skipped (FUZZ_SECONDS=0)"
    exit 0
fi
exec scripts/fuzz "$seconds"
