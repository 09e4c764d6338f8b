"""bench/run: the benchmarks of qualityd at three sizes (see BENCHMARKS.md).

For each size: bureau-sim serves the simulated bureaus; `qualityd pull` ingests them (records per
second); qualityd-bench times scoring and the exposition; a live `qualityd serve` is loaded with
wrk; then it restarts with bureau-sim stopped. Results go to OUT/results.json and OUT/results.md.
Benchmarks never assert timings: --smoke checks the outputs (shape of the snapshot, result, /metrics and
XLSX; `qualityd score` agreeing with qualityd-bench), so the harness never rots.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import stages  # noqa: E402
from procs import free_port, start_sim  # noqa: E402
from report import markdown  # noqa: E402

SIZES = {"ningbo": (10, 3_000), "province": (100, 100_000), "national": (3_000, 1_000_000)}
DEFAULT_RUNS = {"ningbo": 5, "province": 5, "national": 3}


class Context:
    def __init__(self, args, size, workdir):
        self.bin = os.path.abspath(args.bin)
        self.size = size
        self.workdir = workdir
        self.period = args.period
        self.runs = args.runs or (1 if args.smoke else DEFAULT_RUNS[size])
        self.load_runs = 1 if size == "national" else min(self.runs, 3)
        self.wrk_seconds = 1 if args.smoke else args.wrk_seconds
        self.smoke = args.smoke
        self.ready_timeout = 3600
        self.config = os.path.join(workdir, "config.yaml")
        self.sqlite = os.path.join(workdir, "qualityd.sqlite")
        self.snapshot = os.path.join(workdir, "snapshot.json")
        self.result = os.path.join(workdir, "result.compact.json")
        self.result_full = os.path.join(workdir, "result.json")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def tool(self, name):
        return os.path.join(self.bin, name)


def machine():
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    return {"cpus": os.cpu_count(), "model": model, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "kernel": platform.release(), "date": datetime.datetime.now(datetime.timezone.utc).isoformat()}


def run_size(args, size, workdir, log):
    districts, enterprises = SIZES[size]
    ctx = Context(args, size, workdir)
    log(f"== {size}: {districts} districts, {enterprises} enterprises, {ctx.runs} runs ({workdir})")
    sim, listen = start_sim(ctx.bin, districts, enterprises, workdir)
    results = {"districts": districts, "enterprises": enterprises, "runs": ctx.runs}
    try:
        printed = stages.subprocess.run(
            [ctx.tool("bureau-sim"), "print-config", "--districts", str(districts), "--enterprises",
             str(enterprises), "--listen", listen], capture_output=True, text=True, check=True).stdout
        with open(ctx.config, "w", encoding="utf-8") as f:
            f.write(stages.prepare_config(printed, f"127.0.0.1:{ctx.port}", ctx.sqlite, ctx.period))
        log("-- ingest (qualityd pull)")
        results["ingest"] = stages.ingest(ctx)
        log("-- score (qualityd-bench score, qualityd score)")
        results["score"], results["score_cli"] = stages.score(ctx)
        log("-- sensitivity (qualityd-bench sensitivity)")
        results["sensitivity"] = stages.sensitivity(ctx)
        log("-- render (qualityd-bench render)")
        results["render"] = stages.render(ctx)
        log("-- daemon (qualityd serve, wrk)")
        results["daemon"] = stages.daemon(ctx)
        log("-- restart (bureau-sim stopped)")
        results["restart"] = stages.restart(ctx, sim)
        if size == args.xlsx_size:
            log("-- xlsx (qualityd-bench xlsx)")
            results["xlsx"] = stages.xlsx(ctx, args.xlsx_awards)
    finally:
        sim.stop()
    return results


def check_smoke(results):
    """The shape of the results (never timings): every number present and finite."""
    problems = []

    def walk(node, path):
        if isinstance(node, dict):
            if set(node) >= {"median", "min", "max", "runs"}:
                if not all(isinstance(node[k], (int, float)) and node[k] >= 0 for k in ("median", "min", "max")):
                    problems.append(f"{path}: not a number")
            for k, v in node.items():
                walk(v, f"{path}.{k}")
        elif node is None:
            problems.append(f"{path}: missing")

    walk(results, "results")
    expected_families = {
        "quality_district_info", "quality_district_score", "quality_district_rank", "quality_district_enterprises",
        "quality_subsidy_granted_yuan", "quality_subsidy_budget_yuan", "qualityd_source_up",
        "qualityd_scoring_runs_total", "qualityd_build_info"}
    for size, r in results["sizes"].items():
        for key in ("ingest", "score", "score_cli", "sensitivity", "render", "daemon", "restart"):
            if key not in r:
                problems.append(f"{size}: no {key} results")
        districts, enterprises = SIZES[size]
        score, cli, daemon = r.get("score", {}), r.get("score_cli", {}), r.get("daemon", {})
        if (score.get("districts"), score.get("enterprises")) != (districts, enterprises):
            problems.append(f"{size}: snapshot has {score.get('districts')} districts and "
                            f"{score.get('enterprises')} enterprises, expected {districts} and {enterprises}")
        # Every enterprise comes from at least one bureau record.
        if r.get("ingest", {}).get("records", 0) < enterprises:
            problems.append(f"{size}: {r.get('ingest', {}).get('records')} records ingested, "
                            f"fewer than {enterprises} enterprises")
        if cli.get("districts") != districts:
            problems.append(f"{size}: `qualityd score` result has {cli.get('districts')} districts")
        if not cli.get("same_as_bench"):
            problems.append(f"{size}: `qualityd score` and qualityd-bench score computed different results")
        if not score.get("awards"):
            problems.append(f"{size}: no awards")
        missing = expected_families - set(daemon.get("families", []))
        if missing:
            problems.append(f"{size}: /metrics lacks {sorted(missing)}")
        if daemon.get("district_info_series") != districts:
            problems.append(f"{size}: /metrics has {daemon.get('district_info_series')} quality_district_info "
                            f"series, expected {districts}")
        if not daemon.get("subsidy_enterprises_match"):
            problems.append(f"{size}: quality_subsidy_enterprises in /metrics does not count the result's awards")
    xlsx = results.get("xlsx", {})
    if xlsx.get("rows") != results.get("xlsx_awards") or not xlsx.get("xlsx_bytes"):
        problems.append(f"xlsx: {xlsx.get('rows')} rows, expected {results.get('xlsx_awards')}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="directory of qualityd, bureau-sim, qualityd-bench")
    parser.add_argument("--sizes", default="ningbo,province,national")
    parser.add_argument("--runs", type=int, help="runs per measure (default 5; 3 at national size)")
    parser.add_argument("--out", default=".build/bench", help="where results.json and results.md go")
    parser.add_argument("--period", default="2026")
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--xlsx-awards", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the work directories (data, logs)")
    parser.add_argument("--smoke", action="store_true", help="Ningbo size, one short run: outputs, not timings")
    parser.add_argument("--no-build", action="store_true", help="(bench/run) use the binaries as built")
    args = parser.parse_args()
    sizes = ["ningbo"] if args.smoke else [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; known: {', '.join(SIZES)}")
    args.xlsx_size = sizes[0]
    if args.smoke:
        args.xlsx_awards = 1_000

    def log(line):
        print(line, file=sys.stderr, flush=True)

    os.makedirs(args.out, exist_ok=True)
    results = {"machine": machine(), "bin": args.bin, "argv": sys.argv[1:], "xlsx_awards": args.xlsx_awards,
               "sizes": {}}
    for size in sizes:
        workdir = tempfile.mkdtemp(prefix=f"qualityd-bench-{size}-")
        try:
            results["sizes"][size] = run_size(args, size, workdir, log)
            if "xlsx" in results["sizes"][size]:
                results["xlsx"] = results["sizes"][size].pop("xlsx")
        except Exception:
            log(f"work directory kept: {workdir}")
            raise
        # Written after each size, so that a failure at a later size keeps the earlier ones.
        with open(os.path.join(args.out, "results.json"), "w") as f:
            json.dump(results, f, indent=2)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log(f"work directory: {workdir}")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    table = markdown(results, sizes)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(table)
    print(table)
    if args.smoke:
        problems = check_smoke(results)
        for p in problems:
            log(f"bench smoke: FAIL: {p}")
        if problems:
            return 1
        log("bench smoke: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
