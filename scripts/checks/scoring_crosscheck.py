"""An independent implementation of the scoring rules (docs/CONFIG.md, scoring), checked against
`qualityd score` on generated cases.

Each case is a random config and snapshot: every method and variant (target, minmax, bands, rank
with rates and rest or with step, ratio to the best or the mean), both directions (from the
indicator and from the entry), every missing policy (default and per entry), values drawn from a
small set so that ties and near-ties (within 1e-9) are common, references of 0 or below, bonus and
penalty caps and a veto. For every district the indicator values, scores and points, dimension
points, base, bonus, penalty, total, grade and rank must agree within 1e-9.

    python3 scripts/checks/scoring_crosscheck.py --qualityd .build/debug/qualityd [--cases 40] [--seed 1]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter

TOL = 1e-9
GRADES = [("excellent", 90), ("good", 80), ("pass", 60), ("fail", 0)]
VALUES = [0.0, 1.0, 2.5, 5.0, 5.0 + 5e-10, 7.5, 10.0, 10.0, -3.0, 40.0]


# ---------------------------------------------------------------- the rules, written again


def method_score(entry, direction, v, present):
    """The rate s of value v (not missing); `present` are the values of every district that has one."""
    kind = entry["method"]
    if kind == "target":
        s = (v - entry["floor"]) / (entry["target"] - entry["floor"])
        return min(max(s, 0.0), 1.0)
    if kind == "minmax":
        lo, hi = min(present), max(present)
        if hi == lo:
            return 1.0
        return (v - lo) / (hi - lo) if direction == "higher" else (hi - v) / (hi - lo)
    if kind == "bands":
        key = "min" if direction == "higher" else "max"
        bands = [(i, b[key], b["score"]) for i, b in enumerate(entry["bands"]) if key in b]
        if direction == "higher":
            bands.sort(key=lambda t: (-t[1], t[0]))
            hit = next((t for t in bands if v >= t[1]), None)
        else:
            bands.sort(key=lambda t: (t[1], t[0]))
            hit = next((t for t in bands if v <= t[1]), None)
        return hit[2] if hit else 0.0
    if kind == "rank":
        if direction == "higher":
            r = 1 + sum(1 for o in present if o > v + 1e-9)
        else:
            r = 1 + sum(1 for o in present if o < v - 1e-9)
        if "rates" in entry:
            rates = entry["rates"]
            return rates[r - 1] if r <= len(rates) else entry.get("rest", 0.0)
        return max(0.0, 1 - entry["step"] * (r - 1))
    if kind == "ratio":
        if entry.get("reference", "best") == "best":
            ref = max(present) if direction == "higher" else min(present)
        else:
            total = 0.0
            for o in present:
                total += o
            ref = total / len(present)
        if direction == "higher":
            return 1.0 if v >= ref else 0.0 if ref <= 0 else v / ref
        return 1.0 if v <= ref else 0.0 if ref <= 0 else ref / v
    raise ValueError(kind)


def expected(case, adjustments=None):
    """Every district's expected figures; `adjustments` (code -> bonus, penalty, vetoed) replaces the
    bonus, penalty and veto items of generated cases when checking a real config's result."""
    cfg, facts = case["config"], case["facts"]
    codes = [d for d in cfg["districts"]]
    entries = [(dim["id"], e) for dim in cfg["dimensions"] for e in dim["indicators"]]
    indicators = {i["id"]: i for i in cfg["indicators"]}
    total_weight = 0.0
    for _, e in entries:
        total_weight += e["weight"]
    # Per entry: every district's value (None when missing), then the values present.
    columns = {}
    for _, e in entries:
        col = [facts[c].get(e["indicator"]) for c in codes]
        columns[e["indicator"]] = (col, [v for v in col if v is not None])
    out = {}
    for d, code in enumerate(codes):
        scored, excluded_weight, incomplete = {}, 0.0, False
        for _, e in entries:
            ind = indicators[e["indicator"]]
            direction = e.get("direction", ind.get("direction", "higher"))
            policy = e.get("missing", cfg["missing"])
            col, present = columns[e["indicator"]]
            v = col[d]
            if v is None:
                if policy == "zero":
                    scored[e["indicator"]] = (None, 0.0, 0.0)
                elif policy == "exclude":
                    excluded_weight += e["weight"]
                    scored[e["indicator"]] = (None, None, None)
                else:
                    incomplete = True
                    scored[e["indicator"]] = (None, None, None)
                continue
            s = method_score(e, direction, v, present)
            scored[e["indicator"]] = (v, s, e["weight"] * s)
        remaining = total_weight - excluded_weight
        if remaining <= 0:
            incomplete = True
        factor = total_weight / remaining if excluded_weight > 0 and remaining > 0 else 1.0
        dims, base = {}, 0.0
        for dim in cfg["dimensions"]:
            acc = 0.0
            for e in dim["indicators"]:
                v, s, p = scored[e["indicator"]]
                if p is not None and excluded_weight > 0:
                    p = p * factor
                    scored[e["indicator"]] = (v, s, p)
                if p is not None:
                    acc += p
            dims[dim["id"]] = acc
        for dim in cfg["dimensions"]:
            base += dims[dim["id"]]

        def adjust(items, cap):
            acc = 0.0
            for item in items:
                p = facts[code].get(item["fact"])
                p = 0.0 if p is None else p
                if item.get("cap") is not None:
                    p = min(p, item["cap"])
                acc += max(p, 0.0)
            return min(acc, cap) if cap is not None else acc

        if adjustments:
            bonus, penalty, vetoed = adjustments[code]
        else:
            bonus = adjust(cfg["bonus"], cfg.get("bonus_cap"))
            penalty = adjust(cfg["penalties"], cfg.get("penalty_cap"))
            vetoed = (facts[code].get("veto_fact") or 0) > 0
        total = None if incomplete else min(max(base + bonus - penalty, 0.0), cfg["max_total"])
        out[code] = {"indicators": scored, "dimensions": dims, "base": base, "bonus": bonus, "penalty": penalty,
                     "total": total, "incomplete": incomplete, "vetoed": vetoed}
    totals = [r["total"] for r in out.values() if r["total"] is not None]
    grades = sorted(cfg.get("grades", GRADES), key=lambda g: -g[1])
    for r in out.values():
        if r["total"] is None:
            r["grade"], r["rank"] = None, None
            continue
        if r["vetoed"]:
            r["grade"] = grades[-1][0]
        else:
            r["grade"] = next(g for g, m in grades if r["total"] >= m - 1e-9)
        r["rank"] = 1 + sum(1 for t in totals if t - r["total"] > 1e-9)
    return out


# ---------------------------------------------------------------- random cases


def variant_of(entry, direction, policy):
    kind = entry["method"]
    if kind == "rank":
        kind += ".rates.rest" if "rest" in entry else ".rates" if "rates" in entry else ".step"
    elif kind == "ratio":
        kind += "." + entry.get("reference", "best")
    return (kind, direction, policy)


def random_entry(rng, ind_id, direction):
    kind = rng.choice(["target", "minmax", "bands", "rank", "rank", "rank", "ratio", "ratio"])
    e = {"indicator": ind_id, "weight": float(rng.randint(1, 20)), "method": kind}
    if rng.random() < 0.3:
        e["direction"] = rng.choice(["higher", "lower"])
        direction = e["direction"]
    if kind == "target":
        a, b = rng.sample([-3.0, 0.0, 2.0, 5.0, 8.0, 12.0], 2)
        lo, hi = min(a, b), max(a, b)
        e["floor"], e["target"] = (hi, lo) if direction == "lower" else (lo, hi)
    elif kind == "bands":
        e["bands"] = [{"min": rng.choice(VALUES[:8]), "max": rng.choice(VALUES[:8]),
                       "score": rng.choice([0.0, 0.25, 0.5, 0.8, 1.0])} for _ in range(rng.randint(1, 4))]
    elif kind == "rank":
        if rng.random() < 0.6:
            e["rates"] = [rng.choice([1.0, 0.95, 0.9, 0.6, 0.5, 0.25, 0.0]) for _ in range(rng.randint(1, 5))]
            if rng.random() < 0.5:
                e["rest"] = rng.choice([0.0, 0.1, 0.5, 1.0])
        else:
            e["step"] = rng.choice([0.05, 0.1, 0.25, 0.5, 1.0])
    elif kind == "ratio":
        if rng.random() < 0.5:
            e["reference"] = rng.choice(["best", "mean"])
    if rng.random() < 0.4:
        e["missing"] = rng.choice(["zero", "exclude", "fail"])
    return e, direction


def random_case(rng, n):
    districts = [str(330201 + i) for i in range(rng.randint(2, 9))]
    count = rng.randint(3, 10)
    indicators, dimensions, coverage = [], [], []
    default_policy = rng.choice(["zero", "exclude", "fail"])
    for k in range(count):
        ind = {"id": f"x{k}"}
        if rng.random() < 0.5:
            ind["direction"] = rng.choice(["higher", "lower"])
        indicators.append(ind)
        entry, direction = random_entry(rng, ind["id"], ind.get("direction", "higher"))
        coverage.append(variant_of(entry, direction, entry.get("missing", default_policy)))
        if not dimensions or rng.random() < 0.4:
            dimensions.append({"id": f"d{len(dimensions)}", "indicators": []})
        dimensions[-1]["indicators"].append(entry)
    total = 0.0
    for dim in dimensions:
        for e in dim["indicators"]:
            total += e["weight"]
    cfg = {
        "districts": districts, "indicators": indicators, "dimensions": dimensions, "missing": default_policy,
        "total": total, "max_total": total + rng.choice([0.0, 5.0]),
        "bonus": [{"id": "b0", "fact": "bonus_fact", "cap": rng.choice([None, 2.0, 4.0])}],
        "penalties": [{"id": "p0", "fact": "penalty_fact", "cap": rng.choice([None, 1.0])}],
        "bonus_cap": rng.choice([None, 3.0]), "penalty_cap": rng.choice([None, 0.5]),
    }
    # Values from a small set: ties, near-ties, zeros and negatives; some missing; now and then an
    # indicator that every district lacks, or where all values are 0 or below.
    facts = {c: {} for c in districts}
    for ind in indicators:
        pool = VALUES if rng.random() < 0.8 else [-3.0, -1.0, 0.0]
        p_missing = rng.choice([0.0, 0.15, 0.3, 1.0 if rng.random() < 0.1 else 0.2])
        for c in districts:
            if rng.random() >= p_missing:
                facts[c][ind["id"]] = rng.choice(pool)
    for c in districts:
        if rng.random() < 0.7:
            facts[c]["bonus_fact"] = rng.choice([-1.0, 0.5, 1.5, 3.0, 5.0])
        if rng.random() < 0.7:
            facts[c]["penalty_fact"] = rng.choice([0.0, 0.25, 2.0])
        facts[c]["veto_fact"] = 1.0 if rng.random() < 0.1 else 0.0
    return {"name": f"case{n}", "config": cfg, "facts": facts, "coverage": coverage}


def num(x):
    return repr(float(x))


def config_yaml(cfg):
    lines = ["version: 1", "period: year", 'current_period: "2025"', "districts:"]
    for c in cfg["districts"]:
        lines.append(f'  - {{ code: "{c}", name: {{ zh: 区{c}, en: D{c} }} }}')
    lines.append("indicators:")
    for ind in cfg["indicators"]:
        lines.append(f"  - id: {ind['id']}")
        lines.append(f"    name: {ind['id']}")
        if "direction" in ind:
            lines.append(f"    direction: {ind['direction']}")
        lines.append(f'    value: "{ind["id"]}"')
    lines += ["scoring:", f"  total: {num(cfg['total'])}", f"  max_total: {num(cfg['max_total'])}",
              f"  missing: {cfg['missing']}", "  dimensions:"]
    for dim in cfg["dimensions"]:
        lines += [f"    - id: {dim['id']}", "      indicators:"]
        for e in dim["indicators"]:
            parts = [f"indicator: {e['indicator']}", f"weight: {num(e['weight'])}", f"method: {e['method']}"]
            for key in ("direction", "missing", "reference"):
                if key in e:
                    parts.append(f"{key}: {e[key]}")
            for key in ("floor", "target", "step", "rest"):
                if key in e:
                    parts.append(f"{key}: {num(e[key])}")
            if "rates" in e:
                parts.append("rates: [" + ", ".join(num(r) for r in e["rates"]) + "]")
            if "bands" in e:
                bands = ", ".join(
                    "{ " + ", ".join(f"{k}: {num(b[k])}" for k in ("min", "max", "score")) + " }" for b in e["bands"])
                parts.append(f"bands: [{bands}]")
            lines.append("        - { " + ", ".join(parts) + " }")
    for key, items in (("bonus", cfg["bonus"]), ("penalties", cfg["penalties"])):
        lines.append(f"  {key}:")
        for item in items:
            cap = f", cap: {num(item['cap'])}" if item.get("cap") is not None else ""
            lines.append(f'    - {{ id: {item["id"]}, name: {item["id"]}, points: "{item["fact"]}"{cap} }}')
    for key in ("bonus_cap", "penalty_cap"):
        if cfg.get(key) is not None:
            lines.append(f"  {key}: {num(cfg[key])}")
    lines += ["  veto:", '    - { id: v0, name: v0, when: "veto_fact > 0" }', "  grades:"]
    for g, m in GRADES:
        lines.append(f"    - {{ id: {g}, name: {g}, min: {m} }}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- comparison


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOL or abs(a - b) <= TOL * max(abs(a), abs(b))


def compare(case, result, adjustments=None):
    problems = []
    want = expected(case, adjustments)
    got = {d["code"]: d for d in result["districts"]}
    for code, w in want.items():
        g = got.get(code)
        if g is None:
            problems.append(f"{code}: not in the result")
            continue
        where = f"{case['name']} {code}"
        for ind, (v, s, p) in w["indicators"].items():
            gi = g["indicators"].get(ind, {})
            for field, mine in (("value", v), ("score", s), ("points", p)):
                if not close(mine, gi.get(field)):
                    problems.append(f"{where} {ind}.{field}: expected {mine}, qualityd {gi.get(field)}")
        for dim, mine in w["dimensions"].items():
            if not close(mine, g["dimensions"].get(dim)):
                problems.append(f"{where} dimension {dim}: expected {mine}, qualityd {g['dimensions'].get(dim)}")
        for field in ("base", "bonus", "penalty", "total"):
            if not close(w[field], g.get(field)):
                problems.append(f"{where} {field}: expected {w[field]}, qualityd {g.get(field)}")
        for field in ("incomplete", "grade", "rank"):
            if w[field] != g.get(field):
                problems.append(f"{where} {field}: expected {w[field]}, qualityd {g.get(field)}")
    return problems


def verify(config_path, result_path):
    """A real config's result: the indicator values, bonus, penalty and vetoes are qualityd's (they come
    from expressions over the enterprises); every score, point, total, grade and rank is recomputed."""
    import yaml

    with open(config_path, encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    with open(result_path, encoding="utf-8") as f:
        result = json.load(f)
    scoring = raw["scoring"]

    def floats(entry):
        e = dict(entry)
        for key in ("weight", "floor", "target", "step", "rest"):
            if key in e:
                e[key] = float(e[key])
        if "rates" in e:
            e["rates"] = [float(r) for r in e["rates"]]
        if "bands" in e:
            e["bands"] = [{k: float(v) for k, v in b.items()} for b in e["bands"]]
        return e

    cfg = {
        "districts": [str(d["code"]) for d in raw["districts"]],
        "indicators": [{k: v for k, v in i.items() if k in ("id", "direction")} for i in raw["indicators"]],
        "dimensions": [{"id": d["id"], "indicators": [floats(e) for e in d["indicators"]]}
                       for d in scoring["dimensions"]],
        "missing": scoring.get("missing", "zero"), "total": float(scoring.get("total", 100)),
        "max_total": float(scoring.get("max_total", scoring.get("total", 100))),
        "grades": [(g["id"], float(g["min"])) for g in scoring["grades"]],
    }
    facts, adjustments = {}, {}
    for d in result["districts"]:
        facts[d["code"]] = {k: v["value"] for k, v in d["indicators"].items() if v["value"] is not None}
        adjustments[d["code"]] = (d["bonus"], d["penalty"], bool(d["vetoed_by"]))
    case = {"name": os.path.basename(config_path), "config": cfg, "facts": facts}
    problems = compare(case, result, adjustments)
    for p in problems[:40]:
        print("scoring crosscheck: FAIL:", p, file=sys.stderr)
    if problems:
        return 1
    methods = sorted({e["method"] for d in cfg["dimensions"] for e in d["indicators"]})
    print(f"scoring crosscheck: {case['name']}: {len(facts)} districts agree ({', '.join(methods)})")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--qualityd", required=True)
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--verify", nargs=2, metavar=("CONFIG", "RESULT"),
                        help="check the result of a real config instead of generated cases")
    args = parser.parse_args()
    if args.verify:
        return verify(*args.verify)
    rng = random.Random(args.seed)
    coverage, problems, districts = Counter(), [], 0
    with tempfile.TemporaryDirectory() as tmp:
        config_path, snapshot_path = os.path.join(tmp, "config.yaml"), os.path.join(tmp, "snapshot.json")
        for n in range(args.cases):
            case = random_case(rng, n)
            coverage.update(case["coverage"])
            with open(config_path, "w", encoding="utf-8") as f:
                f.write(config_yaml(case["config"]))
            snapshot = {"period": "2025", "districts": case["facts"], "enterprises": {}, "payouts": []}
            with open(snapshot_path, "w", encoding="utf-8") as f:
                json.dump(snapshot, f)
            run = subprocess.run([args.qualityd, "score", "--config", config_path, "--snapshot", snapshot_path],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                problems.append(f"case{n}: qualityd score exited {run.returncode}: {run.stderr.strip()}")
                continue
            problems += compare(case, json.loads(run.stdout))
            districts += len(case["config"]["districts"])
    methods = {k[0] for k in coverage}
    needed = {"target", "minmax", "bands", "rank.rates", "rank.rates.rest", "rank.step", "ratio.best", "ratio.mean"}
    for kind in sorted(needed - methods):
        problems.append(f"no case used {kind}: more cases or another seed")
    for kind in needed:
        for direction in ("higher", "lower"):
            if not any(k[0] == kind and k[1] == direction for k in coverage):
                problems.append(f"no case used {kind} with direction {direction}")
    for policy in ("zero", "exclude", "fail"):
        if not any(k[2] == policy for k in coverage):
            problems.append(f"no case used missing: {policy}")
    for p in problems[:40]:
        print("scoring crosscheck: FAIL:", p, file=sys.stderr)
    if problems:
        print(f"scoring crosscheck: {len(problems)} problems", file=sys.stderr)
        return 1
    print(f"scoring crosscheck: {args.cases} cases, {districts} districts, {sum(coverage.values())} scored "
          f"indicators over {len(coverage)} variants (method, direction, missing policy) agree within {TOL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
