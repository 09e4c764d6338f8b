#!/usr/bin/env bash
# The subsidy list exports as finance staff open them (docs/SEMANTICS.md §13): the built qualityd
# exports the worked example and an injection corpus to XLSX and CSV, then openpyxl and Python's
# csv module read them back (scripts/checks/xlsx_check.py). Builds nothing: scripts/test has.
set -euo pipefail
cd "$(dirname "$0")/../.."

qualityd=.build/debug/qualityd
if [ ! -x "$qualityd" ]; then
    echo "xlsx check: $qualityd is not built; run scripts/test (or swift build) first" >&2
    exit 1
fi
if ! python3 -c 'import openpyxl' 2>/dev/null; then
    echo "xlsx check: python3 cannot import openpyxl; pip install openpyxl (.ci/run does)" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
config=Tests/Fixtures/worked/config.yaml
for case in worked injection; do
    snapshot=Tests/Fixtures/worked/snapshot.json
    [ "$case" = injection ] && snapshot=Tests/QualityExportTests/Fixtures/injection/snapshot.json
    "$qualityd" score --config "$config" --snapshot "$snapshot" --out "$work/$case-result.json"
    for lang in zh en; do
        for format in xlsx csv; do
            "$qualityd" export --config "$config" --snapshot "$snapshot" --format "$format" --lang "$lang" \
                --out "$work/$case-$lang.$format"
        done
    done
done
python3 scripts/checks/xlsx_check.py "$work"
