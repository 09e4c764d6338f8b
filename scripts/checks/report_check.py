#!/usr/bin/env python3
"""The industry report's figures equal a pandas aggregation of the same snapshot.

Usage: report_check.py CONFIG SNAPSHOT REPORT_JSON... Each REPORT_JSON is what
`qualityd report industry --industry ID --snapshot SNAPSHOT --format json` wrote. The figures are
recomputed here from the snapshot alone, as docs/CONFIG.md (reports) defines them for the demo:
over the industry's enterprises in a configured district, a missing fact counting as absent."""
import json, math, re, sys
import pandas as pd

config, snapshot, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
codes = re.findall(r'^  - \{ code: "(\d{6})"', open(config, encoding="utf-8").read(), re.M)
frame = pd.DataFrame.from_dict(json.load(open(snapshot, encoding="utf-8"))["enterprises"], orient="index")
frame = frame[frame["district"].isin(codes)]


def figures(g):
    def col(name):
        return pd.to_numeric(g[name], errors="coerce") if name in g else pd.Series(dtype=float)
    sampled, passed = col("batches_sampled").sum(), col("batches_passed").sum()
    return {
        "enterprises": len(g),
        "exporters": int((col("export_value_usd") > 0).sum()),
        "batches_sampled": sampled,
        "batches_passed": passed,
        "pass_rate": passed / sampled * 100 if sampled else None,
        "with_returns": int((col("returns") > 0).sum()),
        "with_notifications": int((col("notifications") > 0).sum()),
        "cnas_labs": col("cnas_labs").sum(),
        "standards_led": col("standards_led").sum(),
        "award_holders": int(g["awards"].apply(lambda a: isinstance(a, list) and len(a) > 0).sum()) if "awards" in g else 0,
    }


def same(a, b):
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9))


compared = 0
for path in reports:
    report = json.load(open(path, encoding="utf-8"))
    group = frame[frame["industry"] == report["group"]]
    expected = [("", figures(group), report["figures"])]
    for d in report["districts"]:
        expected.append((d["code"], figures(group[group["district"] == d["code"]]), d["figures"]))
    for where, want, got in expected:
        got = {f["id"]: f.get("value") for f in got}
        assert set(got) == set(want), f"{path} {where}: figures {sorted(got)} != {sorted(want)}"
        for k, v in want.items():
            assert same(got[k], v), f"{path} {report['group']} {where or 'all'} {k}: qualityd {got[k]}, pandas {v}"
            compared += 1
print(f"report figures equal pandas: {len(reports)} industries, {compared} values, {len(frame)} enterprises")
