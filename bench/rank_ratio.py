"""bench/rank_ratio.py: `assess` with and without two rank and two ratio indicators (issue 17).

Generates one snapshot at the given size (bureau-sim, `qualityd pull`), writes the printed config
and the same config extended by `stages.extend_scoring`, then runs `qualityd-bench score` on each
in turn, PAIRS times each, alternating, so that both see the same load on a shared machine.
Prints the assess medians and ranges of both and their ratio as JSON.

    python3 bench/rank_ratio.py --bin .build/release [--size national] [--pairs 5] [--variants original,rank_ratio,district_facts] [--keep DIR]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import stages  # noqa: E402
from harness import SIZES  # noqa: E402
from procs import start_sim  # noqa: E402
from report import stats  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--size", default="national", choices=sorted(SIZES))
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--runs", type=int, default=1, help="assess runs per qualityd-bench invocation")
    parser.add_argument("--period", default="2026")
    parser.add_argument("--keep", help="work directory to keep (and reuse: a snapshot there is not pulled again)")
    parser.add_argument("--variants", default="original,rank_ratio",
                        help="original and any of stages.EXTRA_METHODS (rank_ratio, old_methods, district_facts)")
    args = parser.parse_args()
    tool = lambda name: os.path.join(os.path.abspath(args.bin), name)  # noqa: E731
    workdir = args.keep or tempfile.mkdtemp(prefix=f"qualityd-rank-ratio-{args.size}-")
    os.makedirs(workdir, exist_ok=True)
    base = os.path.join(workdir, "config.yaml")
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    configs = {v: base if v == "original" else os.path.join(workdir, f"config-{v}.yaml") for v in variants}
    snapshot = os.path.join(workdir, "snapshot.json")
    try:
        if not os.path.exists(snapshot):
            districts, enterprises = SIZES[args.size]
            sim, listen = start_sim(os.path.abspath(args.bin), districts, enterprises, workdir)
            try:
                printed = subprocess.run(
                    [tool("bureau-sim"), "print-config", "--districts", str(districts), "--enterprises",
                     str(enterprises), "--listen", listen], capture_output=True, text=True, check=True).stdout
                config = stages.prepare_config(printed, "127.0.0.1:0", os.path.join(workdir, "q.sqlite"), args.period)
                with open(base, "w", encoding="utf-8") as f:
                    f.write(config)
                t = stages.timed([tool("qualityd"), "pull", "--config", base, "--period", args.period, "--out",
                                  snapshot], env=stages.clean_env(), cwd=workdir)
                if t["status"] != 0:
                    raise RuntimeError(f"qualityd pull failed: {t['stderr'][-2000:]}")
                print(f"pulled in {t['wall_s']:.1f} s", file=sys.stderr)
            finally:
                sim.stop()
        with open(base, encoding="utf-8") as f:
            config = f.read()
        for variant, path in configs.items():
            if variant != "original":
                with open(path, "w", encoding="utf-8") as f:
                    f.write(stages.extend_scoring(config, variant))
            subprocess.run([tool("qualityd"), "check", "--config", path], check=True, capture_output=True)
        assess = {v: [] for v in variants}
        for i in range(args.pairs):
            order = list(configs.items())
            for name, path in order if i % 2 == 0 else reversed(order):
                r = stages.bench_json([tool("qualityd-bench"), "score", "--config", path, "--snapshot", snapshot,
                                       "--runs", str(args.runs), "--load-runs", "1"])
                assess[name].append(r["assess_s"]["median"])
                print(f"{name}: assess {r['assess_s']}", file=sys.stderr)
        out = {k: stats(v) for k, v in assess.items()}
        for v in variants[1:]:
            out[f"{v}_over_{variants[0]}"] = out[v]["median"] / out[variants[0]]["median"]
        out["samples"] = assess
        print(json.dumps(out, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
