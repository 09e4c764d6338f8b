#!/usr/bin/env bash
# The sampling draw is exact and reproducible (docs/SAMPLING.md): the built qualityd draws the
# demo's plan from a pulled snapshot twice with one seed (byte-identical), once with another
# (different plan, same input hash), and scripts/checks/sampling_redraw.py, which shares no code
# with qualityd, redoes each draw from the plan's published inputs. Builds nothing.
set -euo pipefail
# shellcheck source=scripts/checks/lib.sh
. "$(dirname "$0")/lib.sh"
checks_init

start_bureau_sim
"$bin/bureau-sim" print-config --listen "$sim_listen" >"$tmp/config.yaml"
step "pull 2025 from bureau-sim"
(cd "$tmp" && "$bin/qualityd" pull --config config.yaml --period 2025 --out snapshot.json >pull.out 2>pull.log)

draw() { # SEED FORMAT OUT
    "$bin/qualityd" sampling-plan --config "$tmp/config.yaml" --snapshot "$tmp/snapshot.json" --seed "$1" \
        --format "$2" --out "$3" 2>>"$tmp/draw.log"
}
step "draw twice with one seed, once with another"
draw 2026-demo json "$tmp/a.json"
draw 2026-demo json "$tmp/b.json"
draw 2026-other json "$tmp/c.json"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "two draws with seed 2026-demo differ"
cmp -s "$tmp/a.json" "$tmp/c.json" && fail "seeds 2026-demo and 2026-other gave the same plan"
for f in a c; do
    python3 "$root/scripts/checks/sampling_redraw.py" "$tmp/$f.json" || fail "redraw of $f.json differs"
done
step "table, csv and xlsx"
draw 2026-demo table "$tmp/plan.txt"
draw 2026-demo csv "$tmp/plan.csv"
draw 2026-demo xlsx "$tmp/plan.xlsx"
python3 - "$tmp" <<'PY' || fail "the CSV, XLSX or table does not list the JSON's plan"
import csv, json, sys, openpyxl
d = sys.argv[1]
plan = [p["uscc"] for p in json.load(open(f"{d}/a.json", encoding="utf-8"))["plan"]]
rows = list(csv.reader(open(f"{d}/plan.csv", encoding="utf-8-sig")))
sheet = openpyxl.load_workbook(f"{d}/plan.xlsx").active
cells = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]
table = open(f"{d}/plan.txt", encoding="utf-8").read()
assert [r[1] for r in rows[1:]] == plan == cells, "csv or xlsx rows"
assert all(u in table for u in plan), "table rows"
print(f"csv, xlsx and table list the {len(plan)} selected enterprises")
PY
echo "sampling check: OK ($(wc -l <"$tmp/draw.log") draws; $(head -n 1 "$tmp/draw.log"))"
