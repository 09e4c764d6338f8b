"""Summarises a `perf record -g` profile: self and inclusive shares of the samples whose stack
holds a frame matching FILTER (a substring of the mangled Swift name), demangled.

    perf record -F 999 -g -o perf.data .build/release/qualityd-bench score --config C --snapshot S --runs 2
    python3 bench/profile.py perf.data AssessmentModelV6assess      # scoring only
    python3 bench/profile.py perf.data '' 40                        # everything, top 40
"""

import collections
import subprocess
import sys


def stacks(data):
    out = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym"], capture_output=True, text=True).stdout
    current = []
    for line in out.split("\n"):
        if not line.strip():
            if current:
                yield current
            current = []
            continue
        parts = line.strip().split(None, 1)
        current.append(parts[1] if len(parts) > 1 else parts[0])
    if current:
        yield current


def demangle(names):
    out = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                         capture_output=True, text=True).stdout.split("\n")
    return dict(zip(names, out))


def main():
    data, pattern = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    everything = list(stacks(data))
    chosen = [s for s in everything if any(pattern in f for f in s)]
    if not chosen:
        print(f"no samples under {pattern!r}")
        return 1
    own = collections.Counter(s[0] for s in chosen)
    under = collections.Counter(f for s in chosen for f in set(s))
    names = demangle(list(dict.fromkeys([k for k, _ in own.most_common(top)] + [k for k, _ in under.most_common(top)])))
    print(f"samples {len(everything)}, under {pattern!r}: {len(chosen)} ({100 * len(chosen) / len(everything):.1f}%)")
    for title, counter in (("self", own), ("inclusive", under)):
        print(f"-- {title} (% of those samples)")
        for k, n in counter.most_common(top):
            print(f"{100 * n / len(chosen):5.1f}% {names.get(k, k)[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
