"""The measurements of one size: ingestion, scoring, rendering, the live daemon and its restart."""

import hashlib
import json
import os
import re
import subprocess

from procs import Proc, free_port, get, timed, wait_until
from report import stats

VALUE = r"(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s,}#]+)"


def prepare_config(printed, listen, sqlite, period):
    """The printed config with our listen address, store, a fixed period and no scheduled re-pulls."""
    out = []
    for line in printed.split("\n"):
        if not line.lstrip().startswith("#"):
            line = re.sub(r"(?<![\w-])(listen:\s*)" + VALUE, lambda m: f'{m.group(1)}"{listen}"', line)
            line = re.sub(r"(?<![\w-])(sqlite:\s*)" + VALUE, lambda m: f'{m.group(1)}"{sqlite}"', line)
            line = re.sub(r"(?<![\w-])(interval:\s*)" + VALUE, lambda m: f"{m.group(1)}24h", line)
            line = re.sub(r"^current_period:\s*" + VALUE, f'current_period: "{period}"', line)
        out.append(line)
    return "\n".join(out)


# Two rank and two ratio indicators (issue 17), added to a printed config by `extend_scoring`. Their
# values are new aggregates over the enterprises (as the existing indicators' are), or district facts
# (`district_facts`: the methods' cost alone); `old_methods` scores the same aggregates by minmax and
# target, to tell the cost of the methods from the cost of the values.
EXTRA_INDICATORS = [
    ("rank_pass_rate", "higher", "sum(batches_passed) / sum(batches_sampled) * 100", "complaints"),
    ("rank_ccc_days", "lower", "sum(ccc_days_total) / sum(ccc_applications)", "major_incidents"),
    ("ratio_labs", "higher", "sum(cnas_labs) / count() * 100", "complaints + major_incidents"),
    ("ratio_returns", "lower", "count(returns > 0 || notifications > 0) / count() * 100",
     "complaints / (major_incidents + 1)"),
]
EXTRA_METHODS = {
    "rank_ratio": ["method: rank, rates: [1, 0.95, 0.9, 0.85, 0.8], rest: 0.5", "method: rank, step: 0.001",
                   "method: ratio, reference: best", "method: ratio, reference: mean"],
    "old_methods": ["method: minmax", "method: minmax", "method: target, floor: 0, target: 10",
                    "method: target, floor: 20, target: 0"],
}
EXTRA_METHODS["district_facts"] = EXTRA_METHODS["rank_ratio"]


def extend_scoring(config, variant="rank_ratio"):
    """The config with four indicators added (weight 10 each; total and max_total + 40), scored by rank
    and ratio (or, for `old_methods`, by minmax and target)."""
    indicators, entries = [], []
    for (ident, direction, value, fact), method in zip(EXTRA_INDICATORS, EXTRA_METHODS[variant]):
        expression = fact if variant == "district_facts" else value
        indicators += [f"  - id: {ident}", f"    name: {ident}", f"    direction: {direction}",
                       f'    value: "{expression}"']
        entries.append(f"        - {{ indicator: {ident}, weight: 10, {method} }}")
    dimension = ["    - id: extra", "      name: { zh: 排名与比例, en: Rank and ratio }", "      indicators:"] + entries
    out, in_scoring = [], False
    for line in config.split("\n"):
        if line.startswith("scoring:"):
            out += indicators
            in_scoring = True
        elif in_scoring and re.match(r"^  (total|max_total):\s*[0-9.]+", line):
            key, value = line.split(":", 1)
            line = f"{key}: {float(value.split('#')[0]) + 40:g}"
        elif in_scoring and line.startswith("  dimensions:"):
            out.append(line)
            out += dimension
            continue
        elif line and not line.startswith((" ", "#")):
            in_scoring = line.startswith("scoring:")
        out.append(line)
    return "\n".join(out)


def remove_store(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def clean_env():
    env = dict(os.environ)
    for name in ("BUREAU_BASE", "BUREAU_TOKEN", "LOG_LEVEL"):
        env.pop(name, None)
    return env


def ingest(ctx):
    """`qualityd pull` of every source, each run into a fresh store; records read per wall second."""
    runs = []
    for _ in range(ctx.runs):
        remove_store(ctx.sqlite)
        t = timed([ctx.tool("qualityd"), "pull", "--config", ctx.config, "--period", ctx.period, "--out",
                   ctx.snapshot], env=clean_env())
        if t["status"] != 0:
            raise RuntimeError(f"qualityd pull failed ({t['status']}): {t['stderr'][-2000:]}")
        records = 0
        for line in t["stdout"].splitlines()[1:]:
            cells = line.split()
            if len(cells) >= 4 and cells[1] in ("success", "partial"):
                records += int(cells[2]) + int(cells[3])
        t["records"] = records
        runs.append(t)
    return {
        "records": runs[-1]["records"],
        "wall_s": stats([r["wall_s"] for r in runs]),
        "cpu_s": stats([r["user_s"] + r["sys_s"] for r in runs]),
        "records_per_s": stats([r["records"] / r["wall_s"] for r in runs if r["wall_s"] > 0]),
        # bureau-sim shares the two cores: what qualityd itself manages per CPU-second.
        "records_per_cpu_s": stats([r["records"] / (r["user_s"] + r["sys_s"]) for r in runs
                                    if r["user_s"] + r["sys_s"] > 0]),
        "max_rss_kb": stats([r["max_rss_kb"] for r in runs]),
        "summary": runs[-1]["stderr"].strip().splitlines()[-1:],
    }


def bench_json(argv):
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:2])} failed ({p.returncode}): {p.stderr[-2000:]}")
    return json.loads(p.stdout)


def score(ctx):
    """qualityd-bench score (in-process timings) and `qualityd score` (the whole command)."""
    r = bench_json([ctx.tool("qualityd-bench"), "score", "--config", ctx.config, "--snapshot", ctx.snapshot,
                    "--runs", str(ctx.runs), "--load-runs", str(ctx.load_runs), "--result-out", ctx.result])
    r["shape"] = f"{r['districts']:,} / {r['enterprises']:,}"
    cli = []
    for _ in range(ctx.load_runs):
        t = timed([ctx.tool("qualityd"), "score", "--config", ctx.config, "--snapshot", ctx.snapshot, "--out",
                   ctx.result_full], env=clean_env())
        if t["status"] != 0:
            raise RuntimeError(f"qualityd score failed: {t['stderr'][-2000:]}")
        cli.append(t)
    with open(ctx.result_full, "rb") as f:
        body = f.read()
    written = json.loads(body)
    with open(ctx.result, "rb") as f:
        benched = json.loads(f.read())
    cli_stats = {"wall_s": stats([t["wall_s"] for t in cli]), "max_rss_kb": stats([t["max_rss_kb"] for t in cli]),
                 "result_sha256": hashlib.sha256(body).hexdigest(), "districts": len(written["districts"]),
                 "awards": len(written["subsidies"]["awards"]),
                 # qualityd-bench and `qualityd score` must agree on what they computed.
                 "same_as_bench": written["districts"] == benched["districts"]
                 and written["subsidies"] == benched["subsidies"]}
    return r, cli_stats


def sensitivity(ctx):
    """qualityd-bench sensitivity on the stored result: 10,000 weight draws (100 with --smoke)."""
    samples = 100 if ctx.smoke else 10_000
    return bench_json([ctx.tool("qualityd-bench"), "sensitivity", "--config", ctx.config, "--result", ctx.result,
                       "--samples", str(samples), "--runs", str(ctx.runs)])


def render(ctx):
    return bench_json([ctx.tool("qualityd-bench"), "render", "--config", ctx.config, "--result", ctx.result,
                       "--runs", str(ctx.runs)])


def start_daemon(ctx, log):
    return Proc([ctx.tool("qualityd"), "serve", "--config", ctx.config], log, env=clean_env(), cwd=ctx.workdir)


def ready(url):
    return lambda: get(url + "/readyz", timeout=5)[0] == 200


def scores_in_metrics(url):
    return lambda: b"\nquality_district_score{" in get(url + "/metrics", timeout=30)[2]


def wrk(ctx, url, gzip):
    # A 7 MB plain body to 50 connections can take over wrk's default 2 s timeout; such a request
    # would drop out of the latencies, so the timeout is longer and any socket error is reported.
    argv = ["wrk", "-t2", "-c50", f"-d{ctx.wrk_seconds}s", "--timeout", "30s", "--latency", url + "/metrics"]
    if gzip:
        argv[1:1] = ["-H", "Accept-Encoding: gzip"]
    runs = []
    for _ in range(ctx.runs):
        out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
        if "Non-2xx" in out:
            raise RuntimeError(f"wrk saw errors: {out}")
        errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        rps = float(re.search(r"Requests/sec:\s*([0-9.]+)", out).group(1))
        pct = {p: to_ms(v, u) for p, v, u in re.findall(r"^\s+(50|75|90|99)%\s+([0-9.]+)(us|ms|s)\b", out, re.M)}
        runs.append({"requests_per_s": rps, "p50_ms": pct.get("50"), "p99_ms": pct.get("99"),
                     "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0})
    return {k: stats([r[k] for r in runs]) for k in ("requests_per_s", "p50_ms", "p99_ms", "socket_errors")}


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def daemon(ctx):
    """A cold start with bureau-sim up (pull and score), then /metrics under wrk."""
    remove_store(ctx.sqlite)
    qd = start_daemon(ctx, os.path.join(ctx.workdir, "qualityd-first.log"))
    try:
        ready_s = wait_until(ready(ctx.url), qd, ctx.ready_timeout, interval=0.1)
        if ready_s is None:
            raise RuntimeError(f"qualityd not ready: {qd.output()[-3000:]}")
        peak = settled_peak(qd)
        settled = qd.status_kb("VmRSS")
        m = re.search(r"scored \S+: .*, ([0-9.]+) s \(run", qd.output())
        status, _, plain = get(ctx.url + "/metrics")
        _, headers, gz = get(ctx.url + "/metrics", headers={"Accept-Encoding": "gzip"})
        if status != 200 or headers.get("Content-Encoding") != "gzip":
            raise RuntimeError("/metrics did not answer plain and gzip")
        lines = plain.decode("utf-8").split("\n")
        series = sum(1 for line in lines if line and not line.startswith("#"))
        families = sorted({line.split()[2] for line in lines if line.startswith("# TYPE ")})
        district_info = sum(1 for line in lines if line.startswith("quality_district_info{"))
        served = {m.group(1): float(m.group(2)) for m in
                  (re.match(r'quality_subsidy_enterprises\{program="([^"]*)"\} (\S+)$', line) for line in lines) if m}
        with open(ctx.result, "rb") as f:
            awards = json.loads(f.read())["subsidies"]["awards"]
        paid = {}
        for a in awards:
            if a["granted_fen"] > 0:
                paid.setdefault(a["program"], set()).add(a["uscc"])
        result = {
            "ready_s": ready_s, "peak_rss_kb": peak, "rss_kb": settled, "scoring_s": float(m.group(1)) if m else None,
            "body_bytes": len(plain), "gzip_bytes": len(gz), "series": series,
            "families": families, "district_info_series": district_info,
            # The exposition counts what the result holds (the daemon scored the same snapshot).
            "subsidy_enterprises_match": bool(served) and all(
                v == len(paid.get(program, ())) for program, v in served.items()),
            "body": f"{len(plain) / 1e6:.2f} MB / {len(gz) / 1e6:.2f} MB",
            "wrk_plain": wrk(ctx, ctx.url, gzip=False), "wrk_gzip": wrk(ctx, ctx.url, gzip=True),
        }
        result["wrk_errors"] = " / ".join(
            str(int(result[k]["socket_errors"]["max"])) for k in ("wrk_plain", "wrk_gzip"))
    finally:
        qd.stop()
    return result


def restart(ctx, sim):
    """bureau-sim stopped; qualityd serve on the store holding the last result, until it serves it."""
    sim.stop()
    runs = []
    for i in range(ctx.runs):
        qd = start_daemon(ctx, os.path.join(ctx.workdir, f"qualityd-restart-{i}.log"))
        try:
            ready_s = wait_until(ready(ctx.url), qd, 600)
            metrics_s = wait_until(scores_in_metrics(ctx.url), qd, 600)
            if ready_s is None or metrics_s is None:
                raise RuntimeError(f"restarted qualityd does not serve its result: {qd.output()[-3000:]}")
            runs.append({"ready_s": ready_s, "metrics_s": metrics_s, "peak_rss_kb": settled_peak(qd)})
        finally:
            qd.stop()
    return {k: stats([r[k] for r in runs]) for k in ("ready_s", "metrics_s", "peak_rss_kb")}


def settled_peak(proc, quiet=1.0, timeout=120):
    """Peak RSS once the process's CPU time stops moving for `quiet` seconds (restore work done)."""
    import time

    def cpu():
        try:
            with open(f"/proc/{proc.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])
        except OSError:
            return None

    deadline = time.monotonic() + timeout
    last = cpu()
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = cpu()
        if now is None or now - last <= 2:
            break
        last = now
    return proc.status_kb("VmHWM")


def xlsx(ctx, awards):
    return bench_json([ctx.tool("qualityd-bench"), "xlsx", "--config", ctx.config, "--awards", str(awards),
                       "--runs", str(ctx.runs), "--out", os.path.join(ctx.workdir, "awards.xlsx")])
