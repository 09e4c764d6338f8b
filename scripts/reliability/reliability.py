#!/usr/bin/env python3
"""Helpers of scripts/reliability/{soak,crash,load} (standard library only).

  probe         GET a URL every INTERVAL seconds for SECONDS, sampling a process's RSS; summary and verdict
  actions       publish / confirm / revoke a period's list from three threads until the daemon is gone
                or SECONDS pass; every acknowledged (2xx) action appended to a JSON-lines file
  verify        after a kill -9: integrity_check, every acknowledged action durable, no payout twice
  http-metrics  qualityd_http_requests_total and the p99 bucket per route, from a daemon's /metrics
  wrk-summary   the figures of `wrk --latency` outputs as one line each
"""
import argparse
import json
import os
import re
import sqlite3
import sys
import threading
import time
import urllib.error
import urllib.request


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(p / 100 * (len(ordered) - 1)))))
    return ordered[k]


def probe(args):
    deadline = time.monotonic() + args.seconds
    next_probe = time.monotonic()
    next_rss = next_probe
    latencies, failures, rss = [], [], []
    while time.monotonic() < deadline:
        now = time.monotonic()
        if now >= next_rss:
            value = rss_kib(args.pid)
            if value is None:
                failures.append(f"{time.strftime('%H:%M:%S')}: process {args.pid} is gone")
                break
            rss.append(value)
            next_rss += args.rss_every
        start = time.monotonic()
        try:
            with urllib.request.urlopen(args.url, timeout=args.timeout) as response:
                response.read()
                if response.status != 200:
                    failures.append(f"status {response.status}")
        except (urllib.error.URLError, OSError) as error:
            failures.append(f"{time.strftime('%H:%M:%S')}: {error}")
        latencies.append((time.monotonic() - start) * 1000)
        next_probe += args.interval
        pause = next_probe - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        else:
            next_probe = time.monotonic()
    summary = {
        "probes": len(latencies),
        "failures": len(failures),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "max_ms": round(max(latencies), 2) if latencies else None,
        "rss_first_mb": round(rss[0] / 1024, 1) if rss else None,
        "rss_last_mb": round(rss[-1] / 1024, 1) if rss else None,
        "rss_max_mb": round(max(rss) / 1024, 1) if rss else None,
        "rss_samples": len(rss),
        # One sample a minute, to tell warm-up (flattening) from a leak (a steady slope).
        "rss_by_minute_mb": [round(v / 1024, 1) for v in rss[:: max(1, int(60 / args.rss_every))]],
    }
    print(json.dumps(summary))
    for failure in failures[:10]:
        print("failure:", failure, file=sys.stderr)
    problems = []
    if failures:
        problems.append(f"{len(failures)} failed probes")
    if latencies and summary["p99_ms"] > args.max_p99_ms:
        problems.append(f"p99 {summary['p99_ms']} ms > {args.max_p99_ms} ms")
    # Growth counts from the sample after two minutes of warm-up (first pulls, results, caches) when
    # the run is long enough, else from the first sample.
    warm = int(120 / args.rss_every)
    base = rss[warm] if len(rss) > 2 * warm else (rss[0] if rss else None)
    if base and len(rss) >= 2 and rss[-1] > base * (1 + args.max_rss_growth):
        problems.append(f"RSS grew from {round(base / 1024, 1)} MB (after warm-up) to {summary['rss_last_mb']} MB")
    for p in problems:
        print("soak: FAIL:", p, file=sys.stderr)
    return 1 if problems else 0


def post(url, token, body):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b"{}")


def alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    # A killed child stays a zombie until its parent waits for it.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(") ")[-1][:1] != "Z"
    except OSError:
        return False


def actions(args):
    stop = threading.Event()
    lock = threading.Lock()
    counts = {"acknowledged": 0, "refused": 0, "stopped_by": ""}
    deadline = time.monotonic() + args.seconds
    base = f"{args.url}/api/v1/subsidies/{args.period}"
    steps = {
        "publish": (f"{base}/publish", {}),
        "confirm": (f"{base}/confirm", {}),
        "revoke": (f"{base}/revoke", {"reason": "crash test"}),
    }

    def worker(action):
        url, body = steps[action]
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                status, answer = post(url, args.token, body)
            except urllib.error.HTTPError as error:
                error.read()
                with lock:
                    counts["refused"] += 1  # 409: the list is not in a state for it; fine
                continue
            except (urllib.error.URLError, OSError, ValueError) as error:
                if alive(args.pid):
                    time.sleep(0.1)  # still starting (not listening yet): try again
                    continue
                with lock:
                    counts["stopped_by"] = counts["stopped_by"] or f"{action}: {error}"
                stop.set()  # the daemon is gone (killed): stop
                return
            if 200 <= status < 300:
                lst = answer.get("list", {})
                line = json.dumps({"action": action, "id": lst.get("id"), "status": lst.get("status")})
                with lock:
                    counts["acknowledged"] += 1
                    with open(args.log, "a", encoding="utf-8") as f:
                        f.write(line + "\n")
                        f.flush()
                        os.fsync(f.fileno())

    threads = [threading.Thread(target=worker, args=(a,)) for a in steps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(counts))
    return 0


def verify(args):
    problems = []
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    result = db.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        problems.append(f"integrity_check: {result}")
    acks = []
    if os.path.exists(args.acks):
        with open(args.acks, encoding="utf-8") as f:
            acks = [json.loads(line) for line in f if line.strip()]
    lists = {row[0]: row[1:] for row in db.execute(
        "SELECT id, status, confirmed_at, revoked_at FROM subsidy_lists")}
    for ack in acks:
        row = lists.get(ack["id"])
        if row is None:
            problems.append(f"acknowledged {ack['action']} of list {ack['id']} is not in the store")
            continue
        status, confirmed_at, revoked_at = row
        if ack["action"] == "confirm" and confirmed_at is None:
            problems.append(f"acknowledged confirm of list {ack['id']} lost (status {status})")
        if ack["action"] == "revoke" and (status != "revoked" or revoked_at is None):
            problems.append(f"acknowledged revoke of list {ack['id']} lost (status {status})")
    audited = dict(db.execute(
        "SELECT action, COUNT(*) FROM audit_log WHERE action IN ('publish','confirm','revoke') GROUP BY action"))
    for action in ("publish", "confirm", "revoke"):
        n = sum(1 for a in acks if a["action"] == action)
        if audited.get(action, 0) < n:
            problems.append(f"{n} acknowledged {action}, {audited.get(action, 0)} audited")
    twice = db.execute(
        "SELECT uscc, program, year, COUNT(*) FROM payouts WHERE voided_at IS NULL "
        "GROUP BY uscc, program, year HAVING COUNT(*) > 1").fetchall()
    if twice:
        problems.append(f"{len(twice)} payouts in force twice, e.g. {twice[0]}")
    in_force = db.execute(
        "SELECT period, COUNT(*) FROM subsidy_lists WHERE status IN ('published','confirmed') "
        "GROUP BY period HAVING COUNT(*) > 1").fetchall()
    if in_force:
        problems.append(f"more than one list in force: {in_force}")
    print(json.dumps({"integrity": result, "acknowledged": len(acks), "lists": len(lists),
                      "audited": audited, "payouts_twice": len(twice)}))
    for p in problems:
        print("crash: FAIL:", p, file=sys.stderr)
    return 1 if problems else 0


def http_metrics(args):
    """Per route: requests by code and the bucket holding the p99, from the daemon's own histograms."""
    with urllib.request.urlopen(args.url, timeout=10) as response:
        text = response.read().decode()
    codes, buckets = {}, {}
    for line in text.splitlines():
        m = re.match(r'qualityd_http_requests_total\{route="([^"]*)",code="(\d+)"\} (\S+)', line)
        if m:
            codes.setdefault(m.group(1), {})[m.group(2)] = int(float(m.group(3)))
        m = re.match(r'qualityd_http_request_duration_seconds_bucket\{route="([^"]*)",le="([^"]+)"\} (\S+)', line)
        if m:
            buckets.setdefault(m.group(1), []).append((float(m.group(2)), float(m.group(3))))
    for route in sorted(codes):
        entries = sorted(buckets.get(route, []))
        total = entries[-1][1] if entries else 0
        p99 = next((le for le, n in entries if total and n >= 0.99 * total), None)
        print(f"{route}: {codes[route]}; p99 <= {p99} s (daemon histogram)")
    return 0


def wrk_summary(args):
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
        p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
        p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
        total = re.search(r"(\d+) requests in", text)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        socket = re.search(r"Socket errors: (.*)", text)
        print(f"{os.path.basename(path)}: {rps.group(1) if rps else '?'} req/s, "
              f"{total.group(1) if total else '?'} requests, p50 {p50.group(1) if p50 else '?'}, "
              f"p99 {p99.group(1) if p99 else '?'}, non-2xx {errors.group(1) if errors else 0}"
              + (f", socket errors {socket.group(1)}" if socket else ""))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("probe")
    p.add_argument("--url", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--interval", type=float, default=0.1)
    p.add_argument("--rss-every", type=float, default=5)
    p.add_argument("--timeout", type=float, default=2)
    p.add_argument("--max-p99-ms", type=float, default=100)
    p.add_argument("--max-rss-growth", type=float, default=0.2)
    p.set_defaults(run=probe)
    p = sub.add_parser("actions")
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--period", required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--pid", type=int, required=True, help="the daemon: actions stop when it is gone")
    p.set_defaults(run=actions)
    p = sub.add_parser("verify")
    p.add_argument("--db", required=True)
    p.add_argument("--acks", required=True)
    p.set_defaults(run=verify)
    p = sub.add_parser("http-metrics")
    p.add_argument("--url", required=True)
    p.set_defaults(run=http_metrics)
    p = sub.add_parser("wrk-summary")
    p.add_argument("files", nargs="+")
    p.set_defaults(run=wrk_summary)
    args = parser.parse_args()
    sys.exit(args.run(args))


if __name__ == "__main__":
    main()
