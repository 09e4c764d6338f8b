#!/usr/bin/env bash
# `qualityd pull` at province size (100 districts, 100,000 enterprises, bureau-sim) through the
# built-in HTTP client and through libcurl (`transport: curl` on every source), RUNS times each,
# checking that both give the same snapshot. bench/transports.sh [BIN_DIR (.build/release)] [RUNS (3)]
set -euo pipefail
bin=${1:-.build/release}
runs=${2:-3}
work=$(mktemp -d)
cd "$(dirname "$0")/.."
"$bin/bureau-sim" --listen 127.0.0.1:0 --districts 100 --enterprises 100000 >"$work/sim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 600); do grep -q "listening on http://" "$work/sim.log" && break; sleep 0.2; done
addr=$(grep -o "listening on http://[0-9.:]*" "$work/sim.log" | head -1 | sed 's#listening on http://##')
echo "bureau-sim on $addr"
"$bin/bureau-sim" print-config --districts 100 --enterprises 100000 --listen "$addr" >"$work/printed.yaml"
python3 -c "
import sys; sys.path.insert(0, 'bench'); import stages
print(stages.prepare_config(open('$work/printed.yaml').read(), '127.0.0.1:0', '$work/store.sqlite', '2026'))" >"$work/http.yaml"
sed 's/^\(    url: .*\)$/\1\n    transport: curl/' "$work/http.yaml" >"$work/curl.yaml"
echo "sources: $(grep -c '^  - id:' "$work/http.yaml" | head -1), curl lines: $(grep -c 'transport: curl' "$work/curl.yaml")"
"$bin/qualityd" check --config "$work/curl.yaml" >/dev/null
for i in $(seq "$runs"); do
    for t in http curl; do
        rm -f "$work"/store.sqlite*
        /usr/bin/time -f "$t run $i: %e s wall, %U s user, %S s sys, %M KB max RSS" \
            "$bin/qualityd" pull --config "$work/$t.yaml" --period 2026 --out "$work/$t.json" >"$work/$t.out" 2>"$work/$t.err" \
            || { cat "$work/$t.out" "$work/$t.err"; exit 1; }
        tail -n1 "$work/$t.err"
    done
    cmp -s <(python3 -c "import json,sys; d=json.load(open('$work/http.json')); d.pop('pulled_at',None); print(json.dumps(d,sort_keys=True))") \
           <(python3 -c "import json,sys; d=json.load(open('$work/curl.json')); d.pop('pulled_at',None); print(json.dumps(d,sort_keys=True))") \
        && echo "run $i: snapshots equal" || echo "run $i: snapshots DIFFER"
done
cat "$work/curl.out" | head -20
