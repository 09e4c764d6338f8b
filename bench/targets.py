"""The speed targets of issue 15, two builds side by side (see BENCHMARKS.md, "Issue 15").

    python3 bench/targets.py --bin before=DIR --bin after=DIR [--sim DIR] [--sizes province,national]
        [--runs N] [--stages ingest,score,daemon] [--pandas-sizes province] [--out DIR] [--keep]

For each size bureau-sim serves the simulated bureaus (from --sim, else the last --bin), and every measure runs
each build in turn, round after round, so that all of them see the same load on a shared machine:

- ingest: `qualityd pull` of every source into a fresh store: records per wall second (and per
  qualityd CPU-second), peak RSS;
- score: `qualityd score` of the pulled snapshot (wall, CPU, peak RSS), and `bench/pandas_score.py`
  (the same rules in pandas) on the same file at the --pandas-sizes; the builds' results must be
  byte-identical, and the pandas result must agree with them (every district total and award);
- daemon: `qualityd serve` from an empty store: the scoring run after the first pull (snapshot,
  store, assess; the daemon's own log line), peak RSS (VmHWM) once settled, and RSS once serving.

Writes OUT/targets.json and prints a markdown table: median (min–max) per build, and the ratio of
medians of the first build to each other one.
"""

import argparse
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import stages  # noqa: E402
from procs import Proc, free_port, start_sim, timed, wait_until  # noqa: E402
from report import fmt_num, stats  # noqa: E402

SIZES = {"ningbo": (10, 3_000), "province": (100, 100_000), "national": (3_000, 1_000_000)}
PANDAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pandas_score.py")


def pull(binary, config, sqlite, snapshot):
    stages.remove_store(sqlite)
    t = timed([os.path.join(binary, "qualityd"), "pull", "--config", config, "--period", "2026", "--out", snapshot],
              env=stages.clean_env())
    if t["status"] != 0:
        raise RuntimeError(f"qualityd pull failed ({t['status']}): {t['stderr'][-2000:]}")
    records = sum(int(c[2]) + int(c[3]) for c in (line.split() for line in t["stdout"].splitlines()[1:])
                  if len(c) >= 4 and c[1] in ("success", "partial"))
    cpu = t["user_s"] + t["sys_s"]
    return {"wall_s": t["wall_s"], "cpu_s": cpu, "records": records, "records_per_s": records / t["wall_s"],
            "records_per_cpu_s": records / cpu, "max_rss_kb": t["max_rss_kb"]}


def score(binary, config, snapshot, out):
    t = timed([os.path.join(binary, "qualityd"), "score", "--config", config, "--snapshot", snapshot, "--out", out],
              env=stages.clean_env())
    if t["status"] != 0:
        raise RuntimeError(f"qualityd score failed: {t['stderr'][-2000:]}")
    return {"wall_s": t["wall_s"], "cpu_s": t["user_s"] + t["sys_s"], "max_rss_kb": t["max_rss_kb"]}


def pandas(config, snapshot, check):
    t = timed([sys.executable, PANDAS, "--config", config, "--snapshot", snapshot] + (["--check", check] if check else []))
    if t["status"] != 0:
        raise RuntimeError(f"pandas_score.py failed or disagrees: {t['stderr'][-2000:]}")
    return {"wall_s": t["wall_s"], "cpu_s": t["user_s"] + t["sys_s"], "max_rss_kb": t["max_rss_kb"],
            "check": t["stderr"].strip().splitlines()[-1:] if check else None}


def daemon(binary, config, sqlite, workdir, label):
    stages.remove_store(sqlite)
    log = os.path.join(workdir, f"serve-{label}.log")
    if os.path.exists(log):
        os.remove(log)
    qd = Proc([os.path.join(binary, "qualityd"), "serve", "--config", config], log, env=stages.clean_env(),
              cwd=workdir)
    try:
        scored = re.compile(r"scored \S+: .*, ([0-9.]+) s \(run")
        # VmRSS sampled every 0.2 s: its peak while pulling (up to the last pull logged) and after.
        pulls, samples, last_pull = 0, [], 0.0
        deadline = time.monotonic() + 3600
        while scored.search(qd.output()) is None:
            if not qd.alive() or time.monotonic() > deadline:
                raise RuntimeError(f"qualityd did not score: {qd.output()[-3000:]}")
            now = time.monotonic()
            samples.append((now, qd.status_kb("VmRSS") or 0))
            seen = len(re.findall(r"\bpull \S+ \S+: success", qd.output()))
            if seen > pulls:
                pulls, last_pull = seen, now
            time.sleep(0.2)
        peak = stages.settled_peak(qd)
        # The run's stages, as the daemon logs them after its summary.
        parts = re.search(r"assembled ([0-9.]+) s, stored ([0-9.]+) s \(serialised ([0-9.]+) s, written ([0-9.]+) s\) "
                          r"while assessed ([0-9.]+) s", qd.output())
        split = {} if parts is None else {
            key: float(parts.group(i + 1))
            for i, key in enumerate(["assembling_s", "storing_s", "serialising_s", "writing_s", "assessing_s"])}
        return {**split, "scoring_s": float(scored.search(qd.output()).group(1)), "peak_rss_kb": peak,
                "rss_kb": qd.status_kb("VmRSS"),
                "pull_peak_rss_kb": max([r for t, r in samples if t <= last_pull] or [0]),
                "scoring_peak_rss_kb": max([r for t, r in samples if t > last_pull] or [0])}
    finally:
        qd.stop()


def run_size(args, size, builds, workdir, log):
    districts, enterprises = SIZES[size]
    last = args.sim or builds[-1][1]
    sim, listen = start_sim(last, districts, enterprises, workdir)
    config = os.path.join(workdir, "config.yaml")
    sqlite = os.path.join(workdir, "qualityd.sqlite")
    out = {}
    try:
        printed = subprocess.run([os.path.join(last, "bureau-sim"), "print-config", "--districts", str(districts),
                                  "--enterprises", str(enterprises), "--listen", listen],
                                 capture_output=True, text=True, check=True).stdout
        with open(config, "w", encoding="utf-8") as f:
            f.write(stages.prepare_config(printed, f"127.0.0.1:{free_port()}", sqlite, "2026"))
        snapshot = os.path.join(workdir, "snapshot.json")
        if "ingest" in args.stages or not os.path.exists(snapshot):
            runs = {label: [] for label, _ in builds}
            for r in range(args.runs if "ingest" in args.stages else 1):
                for label, binary in builds:
                    log(f"{size} ingest {label} {r + 1}")
                    runs[label].append(pull(binary, config, sqlite, os.path.join(workdir, f"snapshot-{label}.json")))
            shutil.copy(os.path.join(workdir, f"snapshot-{builds[-1][0]}.json"), snapshot)
            if "ingest" in args.stages:
                out["ingest"] = summarise(runs)
        if "score" in args.stages:
            runs = {label: [] for label, _ in builds}
            with_pandas = size in args.pandas_sizes
            if with_pandas:
                runs["pandas"] = []
            for r in range(args.runs):
                for label, binary in builds:
                    log(f"{size} score {label} {r + 1}")
                    runs[label].append(score(binary, config, snapshot, os.path.join(workdir, f"result-{label}.json")))
                if with_pandas:
                    log(f"{size} score pandas {r + 1}")
                    check = os.path.join(workdir, f"result-{builds[-1][0]}.json") if r == 0 else None
                    runs["pandas"].append(pandas(config, snapshot, check))
            first = os.path.join(workdir, f"result-{builds[0][0]}.json")
            out["score"] = summarise(runs)
            out["score"]["identical"] = all(
                filecmp.cmp(first, os.path.join(workdir, f"result-{label}.json"), shallow=False) for label, _ in builds)
            if with_pandas:
                out["score"]["pandas_check"] = runs["pandas"][0]["check"]
        if "daemon" in args.stages:
            runs = {label: [] for label, _ in builds}
            for r in range(args.daemon_runs):
                for label, binary in builds:
                    log(f"{size} daemon {label} {r + 1}")
                    runs[label].append(daemon(binary, config, sqlite, workdir, label))
            out["daemon"] = summarise(runs)
    finally:
        sim.stop()
    return out


def summarise(runs):
    keys = sorted({k for rs in runs.values() for r in rs for k, v in r.items() if isinstance(v, (int, float))})
    return {label: {k: stats([r.get(k) for r in rs]) for k in keys} for label, rs in runs.items()}


ROWS = [
    ("ingest", "records_per_s", "/s", "ingestion: records / wall s"),
    ("ingest", "records_per_cpu_s", "/s", "ingestion: records / qualityd CPU s"),
    ("ingest", "wall_s", "s", "ingestion: `qualityd pull` wall"),
    ("ingest", "max_rss_kb", "MB", "ingestion: peak RSS"),
    ("score", "wall_s", "s", "`qualityd score` wall"),
    ("score", "cpu_s", "s", "`qualityd score` CPU (user + sys)"),
    ("score", "max_rss_kb", "MB", "`qualityd score` peak RSS"),
    ("daemon", "scoring_s", "s", "daemon: scoring run (snapshot, store, assess)"),
    ("daemon", "assembling_s", "s", "daemon: … assembling the snapshot"),
    ("daemon", "storing_s", "s", "daemon: … storing it (beside assessing)"),
    ("daemon", "serialising_s", "s", "daemon: … … its canonical JSON and hash"),
    ("daemon", "writing_s", "s", "daemon: … … the store's write"),
    ("daemon", "assessing_s", "s", "daemon: … assessing it"),
    ("daemon", "peak_rss_kb", "MB", "daemon: peak RSS (pull + scoring)"),
    ("daemon", "rss_kb", "MB", "daemon: RSS once serving"),
    ("daemon", "pull_peak_rss_kb", "MB", "daemon: VmRSS peak up to the last pull (0.2 s samples)"),
    ("daemon", "scoring_peak_rss_kb", "MB", "daemon: VmRSS peak after it (scoring)"),
]


def cell(s, unit):
    if not s:
        return "–"
    spread = f" ({fmt_num(s['min'], unit)}–{fmt_num(s['max'], unit)})" if s["runs"] > 1 else ""
    return fmt_num(s["median"], unit) + spread


def markdown(results, labels):
    lines = []
    for size, res in results.items():
        cols = labels + (["pandas"] if "pandas" in res.get("score", {}) else [])
        lines += [f"### {size}", "", "| measure | " + " | ".join(cols) + " | ratio |",
                  "|---|" + "---|" * (len(cols) + 1)]
        for stage, key, unit, name in ROWS:
            if stage not in res:
                continue
            row = [cell(res[stage].get(c, {}).get(key), unit) for c in cols]
            a, b = (res[stage].get(labels[0], {}).get(key), res[stage].get(labels[-1], {}).get(key))
            ratio = f"{a['median'] / b['median']:.2f}×" if a and b and b["median"] else "–"
            lines.append(f"| {name} | " + " | ".join(row) + f" | {ratio} |")
            if stage == "score" and key == "wall_s" and "pandas" in res["score"]:
                p = res["score"]["pandas"]["wall_s"]["median"]
                lines.append("| pandas wall ÷ `qualityd score` wall | " + " | ".join(
                    f"{p / res['score'][c]['wall_s']['median']:.1f}×" if c != "pandas" else "" for c in cols) + " | |")
        if "score" in res:
            lines.append("")
            lines.append(f"Results byte-identical across builds: {res['score']['identical']}; pandas: "
                         f"{res['score'].get('pandas_check')}")
        lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", action="append", required=True, help="LABEL=DIR of qualityd and bureau-sim")
    ap.add_argument("--sim", help="directory of the bureau-sim to serve with (default: the last --bin's)")
    ap.add_argument("--sizes", default="province,national")
    ap.add_argument("--stages", default="ingest,score,daemon")
    ap.add_argument("--pandas-sizes", default="province")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--daemon-runs", type=int, default=1)
    ap.add_argument("--out", default=".build/bench-targets")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    args.stages = args.stages.split(",")
    args.pandas_sizes = args.pandas_sizes.split(",")
    builds = [(b.split("=", 1)[0], os.path.abspath(b.split("=", 1)[1])) for b in args.bin]
    os.makedirs(args.out, exist_ok=True)
    results = {}

    def log(line):
        print(line, file=sys.stderr, flush=True)

    for size in args.sizes.split(","):
        workdir = os.path.join(args.out, size) if args.keep else tempfile.mkdtemp(prefix=f"targets-{size}-")
        os.makedirs(workdir, exist_ok=True)
        try:
            results[size] = run_size(args, size, builds, workdir, log)
        finally:
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
        with open(os.path.join(args.out, "targets.json"), "w") as f:
            json.dump(results, f, indent=1)
    print(markdown(results, [label for label, _ in builds]))


if __name__ == "__main__":
    main()
