"""The scoring and subsidy rules of docs/SEMANTICS.md §5–§7 written again with pandas, for the
config `bureau-sim print-config` prints: the reference `qualityd score` is compared with, side by
side on the same snapshot (bench/targets.py).

    python3 bench/pandas_score.py --config C --snapshot S [--out result.json] [--check qualityd-result.json]

Reads the snapshot with `json`, builds one DataFrame of the enterprises, computes the indicators by
district with `groupby`, scores them (target, minmax, bands; missing zero or exclude; bonus,
penalty, veto, grade, rank), then the subsidies (eligibility, programs, once_per_years, groups,
enterprise cap, program and overall budgets pro rata). The expressions of that config are written
out as pandas operations; budgets, weights, bands, caps and amounts are read from the config.
`--check` compares every district total and every award's granted fen with a qualityd result.
"""

import argparse
import json
import math
import sys

import numpy as np
import pandas as pd
import yaml

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
VALUE = {c: i for i, c in enumerate(ALPHABET)}
EPS = 1e-9


def uscc_valid(code):
    if len(code) != 18 or any(c not in VALUE for c in code):
        return False
    c = 31 - sum(VALUE[code[k]] * WEIGHTS[k] for k in range(17)) % 31
    return VALUE[code[17]] == (0 if c == 31 else c)


def fen(yuan):
    y = yuan * 100
    return int(math.copysign(math.floor(abs(y) + 0.5 + EPS), y))


def has(awards, name):
    return awards.map(lambda a: isinstance(a, list) and name in a)


def indicators(frame, codes):
    """The config's eight indicator expressions by district (§4.3: sums skip missing, x / 0 is missing)."""
    g = frame.groupby("district")
    n = g.size().reindex(codes, fill_value=0).astype(float)

    def s(col):
        return g[col].sum().reindex(codes, fill_value=0.0) if col in frame else pd.Series(0.0, index=codes)

    def c(mask):
        return mask.groupby(frame["district"]).sum().reindex(codes, fill_value=0).astype(float)

    def div(a, b):
        return (a / b).where(b != 0)

    awards = frame["awards"] if "awards" in frame else pd.Series(np.nan, index=frame.index, dtype=object)
    return pd.DataFrame({
        "sampling_pass_rate": div(s("batches_passed"), s("batches_sampled")) * 100,
        "return_share": div(c((frame["returns"] > 0) | (frame["notifications"] > 0)), n) * 100,
        "cnas_labs_per_100": div(s("cnas_labs"), n) * 100,
        "standards_per_100": div(s("standards_led"), n) * 100,
        "demo_enterprise_share": div(c(frame.get("demo_enterprise", pd.Series(dtype=float)) > 0), n) * 100,
        "export_quality_awards": div(c(has(awards, "city_export_quality_award")
                                       | has(awards, "district_export_quality_award")), n) * 100,
        "rectification_rate": div(s("issues_rectified"), s("issues_found")) * 100,
        "ccc_processing_days": div(s("ccc_days_total"), s("ccc_applications")),
    }), awards, g


def method_score(entry, direction, v):
    kind = entry["method"]
    if kind == "target":
        return ((v - entry["floor"]) / (entry["target"] - entry["floor"])).clip(0, 1)
    if kind == "minmax":
        lo, hi = v.min(), v.max()
        if hi == lo:
            return v.where(v.isna(), 1.0)
        return (v - lo) / (hi - lo) if direction == "higher" else (hi - v) / (hi - lo)
    if kind == "bands":
        key = "min" if direction == "higher" else "max"
        bands = sorted(((b[key], i, b["score"]) for i, b in enumerate(entry["bands"]) if key in b),
                       key=lambda t: ((-t[0] if direction == "higher" else t[0]), t[1]))
        out = pd.Series(0.0, index=v.index).where(v.notna())
        hit = pd.Series(False, index=v.index)
        for bound, _, score in bands:
            now = ~hit & ((v >= bound) if direction == "higher" else (v <= bound))
            out[now] = score
            hit |= now
        return out
    raise ValueError(f"method {kind} is not written here")


def score(config, frame, codes):
    sc = config["scoring"]
    values, awards, g = indicators(frame, codes)
    directions = {i["id"]: i.get("direction", "higher") for i in config["indicators"]}
    facts = pd.DataFrame(config.get("_district_facts", {})).T.reindex(codes)
    entries = [(d["id"], e) for d in sc["dimensions"] for e in d["indicators"]]
    total_weight = sum(e["weight"] for _, e in entries)
    points, excluded_weight, failed = {}, pd.Series(0.0, index=codes), pd.Series(False, index=codes)
    for _, e in entries:
        v = values[e["indicator"]]
        s = method_score(e, e.get("direction", directions[e["indicator"]]), v)
        policy = e.get("missing", sc.get("missing", "zero"))
        if policy == "zero":
            points[e["indicator"]] = (e["weight"] * s).fillna(0.0)
        elif policy == "exclude":
            points[e["indicator"]] = e["weight"] * s
            excluded_weight += v.isna() * e["weight"]
        else:
            points[e["indicator"]] = e["weight"] * s
            failed |= v.isna()
    factor = total_weight / (total_weight - excluded_weight)
    base = pd.Series(0.0, index=codes)
    for d in sc["dimensions"]:
        dim = pd.Series(0.0, index=codes)
        for e in d["indicators"]:
            dim = dim + (points[e["indicator"]] * factor).fillna(0.0)
        base = base + dim
    incomplete = failed | (excluded_weight >= total_weight)

    def capped(items, cap, series):
        out = pd.Series(0.0, index=codes)
        for item, pts in zip(items, series):
            out = out + pts.where(pts > 0, 0.0).fillna(0.0).clip(upper=item.get("cap", math.inf))
        return out.clip(upper=cap if cap is not None else math.inf)

    awards_count = {name: has(awards, name).groupby(frame["district"]).sum().reindex(codes, fill_value=0)
                    for name in ("provincial_brand", "zhejiang_made")}
    sums = {col: (g[col].sum().reindex(codes, fill_value=0.0) if col in frame else pd.Series(0.0, index=codes))
            for col in ("cnas_labs_new", "notifications")}
    bonus = capped(sc.get("bonus", []), sc.get("bonus_cap"), [
        0.5 * awards_count["provincial_brand"] + 0.5 * awards_count["zhejiang_made"],
        0.5 * sums["cnas_labs_new"]])
    penalty = capped(sc.get("penalties", []), sc.get("penalty_cap"), [
        0.2 * sums["notifications"], 0.05 * facts.get("complaints", pd.Series(np.nan, index=codes))])
    max_total = sc.get("max_total", sc["total"])
    total = (base + bonus - penalty).clip(0, max_total)
    vetoed = facts.get("major_incidents", pd.Series(np.nan, index=codes)) > 0
    grades = sorted(sc["grades"], key=lambda gr: -gr["min"])
    lowest = min(sc["grades"], key=lambda gr: gr["min"])["id"]
    grade = pd.Series(None, index=codes, dtype=object)
    for gr in reversed(grades):
        grade[total >= gr["min"] - EPS] = gr["id"]
    grade[vetoed] = lowest
    complete = total[~incomplete]
    ordered = np.sort(complete.to_numpy())
    rank = complete.map(lambda t: 1 + len(ordered) - np.searchsorted(ordered, t + EPS, side="right"))
    total[incomplete] = np.nan
    grade[incomplete] = None
    return pd.DataFrame({"total": total, "grade": grade, "rank": rank.reindex(codes)})


def subsidies(config, frame, payouts, year):
    sub = config["subsidies"]
    programs = sub["programs"]
    f = frame.sort_index(kind="stable")
    awards = f["awards"] if "awards" in f else pd.Series(np.nan, index=f.index, dtype=object)

    def col(name):
        return f[name] if name in f else pd.Series(np.nan, index=f.index)

    eligible = (col("major_incidents").fillna(0) == 0) & (col("issues_rectified").fillna(0)
                                                          >= col("issues_found").fillna(0))
    whens = {
        "demo_enterprise": col("demo_enterprise") > 0,
        "city_award": has(awards, "city_export_quality_award"),
        "district_award": has(awards, "district_export_quality_award"),
        "standards": col("standards_led") > 0,
        "lab_cnas": col("cnas_labs_new") > 0,
        "zhejiang_made": has(awards, "zhejiang_made"),
    }
    amounts = {
        "standards": col("standards_award_yuan"),
        "lab_cnas": np.minimum(col("lab_investment_yuan") * 0.2, 150000).where(col("lab_investment_yuan").notna()),
    }
    recent = {}
    for p in payouts.itertuples(index=False):
        recent.setdefault((p.program, p.uscc), []).append(p.year)
    rows = []
    for order, p in enumerate(programs):
        hit = f.index[eligible & whens[p["id"]]]
        amount = amounts.get(p["id"])
        for uscc in hit:
            n = p.get("once_per_years")
            if n and any(0 < year - y < n for y in recent.get((p["id"], uscc), ())):
                continue
            yuan = amount[uscc] if amount is not None else p["amount_yuan"]
            if yuan is None or (isinstance(yuan, float) and math.isnan(yuan)) or fen(yuan) <= 0:
                continue
            rows.append((uscc, order, p.get("group"), fen(yuan)))
    awards_df = pd.DataFrame(rows, columns=["uscc", "order", "group", "requested"])
    # Groups: the highest requested stays, the earlier program on a tie.
    grouped = awards_df[awards_df["group"].notna()].sort_values(["uscc", "group", "requested", "order"],
                                                                ascending=[True, True, False, True])
    losers = grouped.index.difference(grouped.drop_duplicates(["uscc", "group"]).index)
    awards_df = awards_df.drop(losers).sort_values(["uscc", "order"], kind="stable")
    # Enterprise cap, in program order.
    cap = fen(sub["enterprise_cap_yuan"]) if "enterprise_cap_yuan" in sub else None
    granted = awards_df["requested"].to_numpy().copy()
    if cap is not None:
        before = awards_df.groupby("uscc")["requested"].cumsum().to_numpy() - granted
        granted = np.clip(np.minimum(granted, cap - before), 0, None)
    awards_df["granted"] = granted
    awards_df = awards_df.sort_values(["uscc", "order"]).reset_index(drop=True)

    def pro_rata(idx, budget):
        g = [int(x) for x in awards_df.loc[idx, "granted"]]
        total = sum(g)
        if total <= budget:
            return
        share = [x * budget // total for x in g]
        rem = [x * budget % total for x in g]
        left = budget - sum(share)
        order = sorted(range(len(g)), key=lambda i: (-rem[i], awards_df.at[idx[i], "uscc"],
                                                     awards_df.at[idx[i], "order"]))
        for i in order[:left]:
            share[i] += 1
        awards_df.loc[idx, "granted"] = share

    for order, p in enumerate(programs):
        if "budget_yuan" in p:
            pro_rata(list(awards_df.index[awards_df["order"] == order]), fen(p["budget_yuan"]))
    if "budget_yuan" in sub:
        pro_rata(list(awards_df.index), fen(sub["budget_yuan"]))
    awards_df["program"] = [programs[o]["id"] for o in awards_df["order"]]
    return awards_df


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True)
    ap.add_argument("--snapshot", required=True)
    ap.add_argument("--out")
    ap.add_argument("--check", help="a qualityd result to compare with")
    args = ap.parse_args()
    with open(args.config, encoding="utf-8") as fh:
        config = yaml.safe_load(fh)
    with open(args.snapshot, "rb") as fh:
        snap = json.load(fh)
    codes = [str(d["code"]) for d in config["districts"]]
    frame = pd.DataFrame.from_dict(snap["enterprises"], orient="index")
    valid = frame.index.map(uscc_valid).to_numpy(dtype=bool) & frame["district"].isin(codes).to_numpy()
    frame = frame[valid]
    config["_district_facts"] = snap["districts"]
    districts = score(config, frame, codes)
    payouts = pd.DataFrame(snap["payouts"], columns=["uscc", "program", "year", "granted_fen"])
    awards = subsidies(config, frame, payouts, int(str(snap["period"])[:4]))
    out = {"districts": {c: {"total": (None if pd.isna(r["total"]) else float(r["total"])), "grade": r["grade"],
                             "rank": (None if pd.isna(r["rank"]) else int(r["rank"]))}
                         for c, r in districts.iterrows()},
           "awards": [[a.uscc, a.program, int(a.granted)] for a in awards.itertuples()],
           "granted_fen": int(awards["granted"].sum())}
    if args.out:
        with open(args.out, "w") as fh:
            json.dump(out, fh)
    if args.check:
        check(out, args.check)


def check(out, path):
    with open(path, "rb") as fh:
        ref = json.load(fh)
    bad = 0
    for d in ref["districts"]:
        mine = out["districts"][d["code"]]
        same = (d["total"] is None and mine["total"] is None) or (
            d["total"] is not None and mine["total"] is not None and abs(d["total"] - mine["total"]) <= EPS)
        if not same or d["grade"] != mine["grade"] or d["rank"] != mine["rank"]:
            bad += 1
            if bad <= 5:
                print(f"district {d['code']}: qualityd {d['total']} {d['grade']} {d['rank']}, pandas {mine}",
                      file=sys.stderr)
    theirs = sorted((a["uscc"], a["program"], a["granted_fen"]) for a in ref["subsidies"]["awards"])
    mine = sorted(tuple(a) for a in out["awards"])
    if theirs != mine:
        bad += 1
        diff = sorted(set(theirs) ^ set(mine))[:5]
        print(f"awards differ: qualityd {len(theirs)}, pandas {len(mine)}; e.g. {diff}", file=sys.stderr)
    print(f"pandas vs qualityd: {len(ref['districts'])} districts, {len(theirs)} awards, "
          f"{'same' if not bad else f'{bad} differences'}", file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
