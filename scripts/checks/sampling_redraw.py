#!/usr/bin/env python3
"""Redoes a sampling draw from its published inputs (docs/SAMPLING.md), sharing no code with
qualityd: reads a plan's JSON (seed, classes, min_per_stratum, inspectors, population), draws
again, and compares the input hash, the strata and the plan. Exit 0 when all three match."""
import hashlib, json, sys
from collections import defaultdict

def h(*parts):
    return hashlib.sha256(":".join(parts).encode("utf-8")).hexdigest()

doc = json.load(open(sys.argv[1], encoding="utf-8"))
seed, minimum = doc["seed"], doc["min_per_stratum"]
population = sorted(doc["population"], key=lambda e: e["uscc"].encode())
lines = "".join(f'{e["uscc"]},{e["district"]},{e["class"]}\n' for e in population)
order = [c["id"] for c in doc["classes"]]
ratio = {c["id"]: round(c["ratio"] * 10000) for c in doc["classes"]}
strata = defaultdict(list)
for e in population:
    strata[(e["district"], e["class"])].append(e)
counts, plan = [], []
for district, cls in sorted(strata, key=lambda k: (k[0].encode(), order.index(k[1]))):
    members = sorted(strata[(district, cls)], key=lambda e: h(seed, e["uscc"]))
    n = len(members)
    k = min(n, max(-(-ratio[cls] * n // 10000), minimum))
    counts.append({"district": district, "class": cls, "enterprises": n, "selected": k})
    for e in members[:k]:
        eligible = [i["id"] for i in doc["inspectors"] if i["active"] and i["district"] != district]
        plan.append([e["uscc"], district, cls, sorted(eligible, key=lambda i: h(seed, e["uscc"], i))[:2]])
published = [[p["uscc"], p["district"], p["class"], p["inspectors"]] for p in doc["plan"]]
strata_published = [{k: s[k] for k in ("district", "class", "enterprises", "selected")} for s in doc["strata"]]
results = {"input_sha256": hashlib.sha256(lines.encode()).hexdigest() == doc["input_sha256"],
           "strata": counts == strata_published, "plan": plan == published}
print(" ".join(f"{k}={'same' if v else 'DIFFERENT'}" for k, v in results.items()),
      f"({len(population)} enterprises, {len(plan)} selected, seed {seed})")
sys.exit(0 if all(results.values()) else 1)
