"""Statistics of runs and the markdown tables of bench/run."""

import statistics


def stats(values):
    """Median, minimum and maximum of a list of numbers."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def fmt_num(x, unit):
    if x is None:
        return "–"
    if unit == "s":
        if x < 0.01:
            return f"{x * 1000:.2f} ms"
        return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"
    if unit == "ms":
        return f"{x:.2f} ms"
    if unit == "MB":
        return f"{x / 1024:.0f} MB"
    if unit == "bytes":
        return f"{x / 1e6:.1f} MB" if x >= 1e6 else f"{x / 1e3:.0f} kB"
    if unit == "/s":
        return f"{x:,.0f}/s"
    return f"{x:,.0f}" if isinstance(x, (int, float)) else str(x)


def cell(s, unit):
    """`median (min–max)` of a stats dict, or a single value."""
    if s is None:
        return "–"
    if not isinstance(s, dict):
        return fmt_num(s, unit)
    if s["runs"] == 1 or s["min"] == s["max"]:
        return fmt_num(s["median"], unit)
    return f"{fmt_num(s['median'], unit)} ({fmt_num(s['min'], unit)}–{fmt_num(s['max'], unit)})"


# (label, path in a size's results, unit)
ROWS = [
    ("snapshot: districts / enterprises", ("score", "shape"), None),
    ("ingestion: records", ("ingest", "records"), None),
    ("ingestion: `qualityd pull` wall", ("ingest", "wall_s"), "s"),
    ("ingestion: throughput", ("ingest", "records_per_s"), "/s"),
    ("ingestion: peak RSS", ("ingest", "max_rss_kb"), "MB"),
    ("snapshot file read", ("score", "read_s"), "s"),
    ("snapshot parse", ("score", "parse_s"), "s"),
    ("snapshot canonical JSON", ("score", "canonical_json_s"), "s"),
    ("snapshot SHA-256", ("score", "sha256_s"), "s"),
    ("**scoring (`assess`)**", ("score", "assess_s"), "s"),
    ("scoring: peak RSS (snapshot loaded + assess)", ("score", "assess_peak_rss_kb"), "MB"),
    ("result JSON write", ("score", "result_json_s"), "s"),
    ("weight sensitivity, 10,000 samples (100 with --smoke)", ("sensitivity", "sensitivity_s"), "s"),
    ("`qualityd score` wall (load, hash, assess, write)", ("score_cli", "wall_s"), "s"),
    ("`qualityd score` peak RSS", ("score_cli", "max_rss_kb"), "MB"),
    ("daemon: start to first result (pull + score)", ("daemon", "ready_s"), "s"),
    ("daemon: scoring run (snapshot, store, assess)", ("daemon", "scoring_s"), "s"),
    ("daemon: peak RSS (pull of every source, then scoring)", ("daemon", "peak_rss_kb"), "MB"),
    ("daemon: RSS once scored (serving)", ("daemon", "rss_kb"), "MB"),
    ("ingestion: records per qualityd CPU-second", ("ingest", "records_per_cpu_s"), "/s"),
    ("`/metrics` body / gzip", ("daemon", "body"), None),
    ("`/metrics` series", ("daemon", "series"), None),
    ("`/metrics` plain: requests/s", ("daemon", "wrk_plain", "requests_per_s"), "/s"),
    ("`/metrics` plain: p99", ("daemon", "wrk_plain", "p99_ms"), "ms"),
    ("`/metrics` gzip: requests/s", ("daemon", "wrk_gzip", "requests_per_s"), "/s"),
    ("`/metrics` gzip: p99", ("daemon", "wrk_gzip", "p99_ms"), "ms"),
    ("`/metrics` socket errors (plain / gzip, per run)", ("daemon", "wrk_errors"), None),
    ("exposition: stored result parse", ("render", "result_parse_s"), "s"),
    ("exposition: domain render", ("render", "domain_render_s"), "s"),
    ("exposition: operational + join + gzip", ("render", "publish_s"), "s"),
    ("**exposition render total**", ("render", "render_total_s"), "s"),
    ("**restart: spawn to `/readyz` 200**", ("restart", "ready_s"), "s"),
    ("**restart: spawn to scores in `/metrics`**", ("restart", "metrics_s"), "s"),
    ("restart: peak RSS", ("restart", "peak_rss_kb"), "MB"),
]


def lookup(results, path):
    node = results
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def markdown(all_results, sizes):
    lines = ["| measure | " + " | ".join(sizes) + " |", "|---|" + "---|" * len(sizes)]
    for label, path, unit in ROWS:
        cells = [cell(lookup(all_results["sizes"].get(size, {}), path), unit) for size in sizes]
        if all(c == "–" for c in cells):
            continue
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    x = all_results.get("xlsx")
    if x:
        lines += ["", "| export | value |", "|---|---|",
                  f"| XLSX, {x['rows']:,} awards | {cell(x['xlsx_s'], 's')} ({fmt_num(x['xlsx_bytes'], 'bytes')}) |",
                  f"| CSV, {x['rows']:,} awards | {cell(x['csv_s'], 's')} ({fmt_num(x['csv_bytes'], 'bytes')}) |"]
    return "\n".join(lines) + "\n"
