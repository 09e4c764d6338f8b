#!/usr/bin/env python3
"""Helpers of scripts/checks/replicas.sh (several qualityd replicas behind haproxy).

  poll         GET paths through the load balancer until a stop file appears; print the counts
  wait-leader  until one of the replicas' /readyz says it leads (other than --not); print who and when
"""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request


def get(url, headers=None, timeout=2.0):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.read()


def poll(args):
    headers = dict(h.split(": ", 1) for h in args.header)
    counts = {path: {"requests": 0, "failed": 0} for path in args.path}
    failures = []
    started = time.monotonic()
    i = 0
    while not os.path.exists(args.stop) and time.monotonic() - started < args.limit:
        path = args.path[i % len(args.path)]
        i += 1
        counts[path]["requests"] += 1
        try:
            status, _ = get(args.url + path, headers)
            ok = status == 200
            detail = f"status {status}"
        except urllib.error.HTTPError as e:
            ok, detail = False, f"status {e.code}"
        except Exception as e:  # connection refused, reset, timeout: a failed request all the same
            ok, detail = False, f"{type(e).__name__}: {e}"
        if not ok:
            counts[path]["failed"] += 1
            failures.append(f"{time.time():.3f} {path}: {detail}")
        time.sleep(args.interval)
    summary = {"counts": counts, "failures": failures[:20], "seconds": round(time.monotonic() - started, 1)}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(summary, f)
    return 0


def wait_leader(args):
    deadline = time.time() + args.timeout
    while time.time() < deadline:
        for url in args.url:
            try:
                _, body = get(url + "/readyz", timeout=0.5)
                ready = json.loads(body)
            except Exception:
                continue
            if ready.get("leading") and ready.get("replica") != args.not_:
                seconds = time.time() - args.since if args.since else 0.0
                print(f"{ready['replica']} {url} {seconds:.2f}")
                return 0
        time.sleep(0.05)
    print(f"no replica but {args.not_} leads within {args.timeout:g} s", file=sys.stderr)
    return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("poll")
    p.add_argument("--url", required=True)
    p.add_argument("--path", action="append", required=True)
    p.add_argument("--header", action="append", default=[])
    p.add_argument("--stop", required=True, help="stop when this file exists")
    p.add_argument("--out", required=True, help="JSON summary")
    p.add_argument("--interval", type=float, default=0.02)
    p.add_argument("--limit", type=float, default=120, help="seconds at most")
    p.set_defaults(func=poll)
    p = sub.add_parser("wait-leader")
    p.add_argument("--url", action="append", required=True, help="a replica's base URL")
    p.add_argument("--not", dest="not_", default=None, help="the replica id that must not be the answer")
    p.add_argument("--since", type=float, default=0, help="Unix time the seconds are counted from")
    p.add_argument("--timeout", type=float, default=15)
    p.set_defaults(func=wait_leader)
    args = parser.parse_args()
    sys.exit(args.func(args))


if __name__ == "__main__":
    main()
