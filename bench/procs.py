"""Processes for the benchmarks: spawning and stopping what we start, timing, polling HTTP."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Proc:
    """A process this harness started, with its output in LOG; stopped only by its own pid."""

    def __init__(self, argv, log, env=None, cwd=None):
        self.argv = argv
        self.log = log
        self.started = time.monotonic()
        with open(log, "ab") as out:
            self.popen = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        self.pid = self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def stop(self, seconds=10):
        """SIGTERM, then SIGKILL after `seconds`."""
        if not self.alive():
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(seconds)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()

    def status_kb(self, field):
        """A /proc/PID/status field in kB (VmHWM: peak RSS, VmRSS: current)."""
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def output(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()


def start_sim(bin_dir, districts, enterprises, workdir):
    """bureau-sim on a free port; returns (Proc, 'host:port') once it listens."""
    log = os.path.join(workdir, "bureau-sim.log")
    sim = Proc([os.path.join(bin_dir, "bureau-sim"), "--listen", "127.0.0.1:0", "--districts", str(districts),
                "--enterprises", str(enterprises)], log)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        m = re.search(r"listening on http://([0-9.]+:[0-9]+)", sim.output())
        if m:
            return sim, m.group(1)
        if not sim.alive():
            raise RuntimeError(f"bureau-sim exited: {sim.output()[-2000:]}")
        time.sleep(0.1)
    sim.stop()
    raise RuntimeError("bureau-sim did not listen within 600 s")


def timed(argv, env=None, cwd=None):
    """Runs argv under /usr/bin/time -v; wall, user and system seconds, peak RSS, output and status."""
    fmt = "%e %U %S %M"
    p = subprocess.run(["/usr/bin/time", "-f", "BENCH-TIME " + fmt] + argv, capture_output=True, text=True,
                       env=env, cwd=cwd)
    stats = {}
    err_lines = []
    for line in p.stderr.splitlines():
        if line.startswith("BENCH-TIME "):
            wall, user, system, rss = line.split()[1:5]
            stats = {"wall_s": float(wall), "user_s": float(user), "sys_s": float(system), "max_rss_kb": int(rss)}
        else:
            err_lines.append(line)
    if not stats:
        raise RuntimeError(f"{argv[0]}: no timing from /usr/bin/time: {p.stderr[-2000:]}")
    stats.update({"stdout": p.stdout, "stderr": "\n".join(err_lines), "status": p.returncode})
    return stats


def get(url, headers=None, timeout=30):
    """(status, headers, body) of a GET; status 0 when nothing answers."""
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
    except (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError):
        return 0, {}, b""


def wait_until(check, proc, timeout, interval=0.01):
    """Polls check() until it is true; seconds since proc started, or None on timeout or exit."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return time.monotonic() - proc.started
        if not proc.alive():
            return None
        time.sleep(interval)
    return None
