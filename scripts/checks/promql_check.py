#!/usr/bin/env python3
"""Helper of scripts/checks/prometheus.sh: dashboards and rules against a real Prometheus.

Subcommands (standard library only):

  lint               static checks of dashboards/*.json (no Prometheus needed)
  prepare-config     turn `bureau-sim print-config` output into a test config (listen, db, intervals)
  exposition FILE    every metric family of docs/SEMANTICS.md §12 present in a /metrics body, with its type and labels
  evaluate           every PromQL expression of dashboards/*.json and of the loaded rules must return data
  wait               poll a query until it returns data
  alert              poll /api/v1/alerts until an alert is pending or firing

Exit status 0 when all is well, 1 with one line per problem on stderr otherwise.
"""

import argparse
import json
import math
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARDS = os.path.join(ROOT, "dashboards")
RULES = os.path.join(ROOT, "metrics", "rules")

# Grafana's built-in variables and the values they take here (scrape interval 1s, a young TSDB).
BUILTINS = {"__rate_interval": "1m", "__range": "5m", "__interval": "15s", "__range_s": "300"}


def fail(problems):
    for p in problems:
        print("FAIL: " + p, file=sys.stderr)
    return 1 if problems else 0


# --------------------------------------------------------------------------- dashboards


def load_dashboards(directory):
    out = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".json"):
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as f:
                out.append((name, json.load(f)))
    return out


def all_panels(panels):
    for p in panels:
        yield p
        yield from all_panels(p.get("panels", []))


def variable_query(var):
    """The query string of a templating variable (string or {query: …} form)."""
    q = var.get("query")
    if isinstance(q, dict):
        q = q.get("query", "")
    return q or ""


def dashboard_queries(dashboards):
    """(where, expr) for every panel target."""
    for name, d in dashboards:
        for p in all_panels(d.get("panels", [])):
            for t in p.get("targets", []):
                if "expr" in t:
                    yield f"{name}: {p.get('title', '?')} [{t.get('refId', '?')}]", t["expr"]


VAR_RE = re.compile(r"\$\{(\w+)(?::[\w]+)?\}|\$(\w+)|\[\[(\w+)\]\]")
RANGE_RE = re.compile(r"\[([^\]]*)\]")


def lint(args):
    problems = []
    dashboards = load_dashboards(args.dashboards)
    if len(dashboards) < 4:
        problems.append(f"{args.dashboards}: expected at least 4 dashboards, found {len(dashboards)}")
    uids = {}
    for name, d in dashboards:
        where = name
        if not isinstance(d.get("schemaVersion"), int) or d["schemaVersion"] < 36:
            problems.append(f"{where}: schemaVersion must be >= 36 (found {d.get('schemaVersion')})")
        uid = d.get("uid")
        if not uid:
            problems.append(f"{where}: no uid")
        elif uid in uids:
            problems.append(f"{where}: uid {uid} also used by {uids[uid]}")
        else:
            uids[uid] = name
        if not d.get("title"):
            problems.append(f"{where}: no title")
        if d.get("id") not in (None,):
            problems.append(f"{where}: dashboard id must be null/absent for provisioning")
        variables = d.get("templating", {}).get("list", [])
        names = {v.get("name") for v in variables}
        ds = [v for v in variables if v.get("name") == "datasource"]
        if len(ds) != 1 or ds[0].get("type") != "datasource" or ds[0].get("query") != "prometheus":
            problems.append(f"{where}: needs one variable `datasource` of type datasource, query prometheus")
        for v in variables:
            if v.get("type") == "query":
                if v.get("datasource") != {"type": "prometheus", "uid": "${datasource}"}:
                    problems.append(f"{where}: variable {v.get('name')} must use the ${{datasource}} variable")
                if not variable_query(v):
                    problems.append(f"{where}: variable {v.get('name')} has no query")
        ids = set()
        for p in all_panels(d.get("panels", [])):
            title = p.get("title", "?")
            pw = f"{where}: panel {title!r}"
            if p.get("type") == "row":
                continue
            if p.get("id") in ids:
                problems.append(f"{pw}: duplicate id {p.get('id')}")
            ids.add(p.get("id"))
            if "gridPos" not in p:
                problems.append(f"{pw}: no gridPos")
            if not p.get("description"):
                problems.append(f"{pw}: no description")
            if not re.search(r"[\u4e00-\u9fff]", title):
                problems.append(f"{pw}: title should be Chinese")
            if p.get("datasource") != {"type": "prometheus", "uid": "${datasource}"}:
                problems.append(f"{pw}: datasource must be {{type: prometheus, uid: ${{datasource}}}}")
            targets = p.get("targets", [])
            if not targets:
                problems.append(f"{pw}: no targets")
            for t in targets:
                tw = f"{pw} [{t.get('refId', '?')}]"
                if t.get("datasource") != {"type": "prometheus", "uid": "${datasource}"}:
                    problems.append(f"{tw}: target datasource must be ${{datasource}}")
                expr = t.get("expr", "")
                if not expr.strip():
                    problems.append(f"{tw}: empty expr")
                for m in VAR_RE.finditer(expr):
                    var = m.group(1) or m.group(2) or m.group(3)
                    if var not in names and var not in BUILTINS:
                        problems.append(f"{tw}: unknown variable ${var}")
                for m in RANGE_RE.finditer(expr):
                    window = m.group(1)
                    if window not in ("$__rate_interval", "$__range"):
                        problems.append(f"{tw}: range [{window}] should be $__rate_interval or $__range")
        text = json.dumps(d)
        for m in re.finditer(r'"uid":\s*"([^"]*)"', text):
            if m.group(1) not in ("${datasource}", "-- Grafana --", uid):
                problems.append(f"{where}: hard-coded uid {m.group(1)!r}")
    if not problems:
        count = sum(1 for _ in dashboard_queries(dashboards))
        print(f"dashboards lint: {len(dashboards)} dashboards, {count} panel queries, clean")
    return fail(problems)


# --------------------------------------------------------------------------- config


def prepare_config(args):
    """Substitute server.listen, storage.sqlite and the pull schedule in a printed config."""
    with open(args.input, encoding="utf-8") as f:
        text = f.read()
    problems = []

    def sub(pattern, repl, what, exactly_one=True):
        nonlocal text
        lines = text.split("\n")
        n = 0
        for i, line in enumerate(lines):
            if not line.lstrip().startswith("#"):  # comments may quote keys
                lines[i], k = re.subn(pattern, repl, line)
                n += k
        text = "\n".join(lines)
        if n == 0 or (exactly_one and n != 1):
            problems.append(f"{args.input}: expected {'one' if exactly_one else 'some'} {what}, found {n}")

    value = r"(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s,}#]+)"
    sub(r"(?<![\w-])(listen:\s*)" + value, lambda m: f'{m.group(1)}"{args.listen}"', "server listen")
    sub(r"(?<![\w-])(sqlite:\s*)" + value, lambda m: f'{m.group(1)}"{args.sqlite}"', "storage sqlite")
    sub(r"(?<![\w-])(interval:\s*)" + value, lambda m: f"{m.group(1)}{args.interval}", "source intervals",
        exactly_one=False)
    if args.retries is not None:
        sub(r"(?<![\w-])(retries:\s*)\d+", lambda m: f"{m.group(1)}{args.retries}", "retries", exactly_one=False)
    if args.current_period:
        sub(r"^(current_period:\s*)" + value, lambda m: f'{m.group(1)}"{args.current_period}"', "current_period")
    if args.no_auth:
        # Without `auth.tokens` every page is open (docs/SEMANTICS.md §11): a headless browser needs no sign-in.
        lines = text.split("\n")
        start = next((i for i, line in enumerate(lines) if re.match(r"auth:", line)), None)
        if start is None:
            problems.append(f"{args.input}: expected a top-level auth section")
        else:
            end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ")), len(lines))
            text = "\n".join(lines[:start] + lines[end:])
    if problems:
        return fail(problems)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)
    extra = (f", period {args.current_period}" if args.current_period else "") + (", no auth" if args.no_auth else "")
    print(f"config: listen {args.listen}, sqlite {args.sqlite}, intervals {args.interval}{extra} -> {args.output}")
    return 0


# --------------------------------------------------------------------------- exposition

# docs/SEMANTICS.md §12: name -> (type, labels). The families that are absent by design in some configs are marked.
CATALOG = {
    "quality_district_info": ("gauge", {"district", "name", "name_en"}),
    "quality_assessment_period_info": ("gauge", {"period"}),
    "quality_district_score": ("gauge", {"district"}),
    "quality_district_rank": ("gauge", {"district"}),
    "quality_district_grade": ("gauge", {"district", "grade"}),
    "quality_district_vetoed": ("gauge", {"district"}),
    "quality_district_incomplete": ("gauge", {"district"}),
    "quality_district_dimension_score": ("gauge", {"district", "dimension"}),
    "quality_district_indicator_value": ("gauge", {"district", "indicator"}),
    "quality_district_indicator_score_ratio": ("gauge", {"district", "indicator"}),
    "quality_district_enterprises": ("gauge", {"district"}),
    # The sampling families (metrics/README.md); the plan ones only while a plan is in force.
    "quality_sampling_enterprises": ("gauge", {"district", "class"}),
    "quality_sampling_plan_selected": ("gauge", {"period"}),
    "quality_sampling_plan_population": ("gauge", {"period"}),
    "quality_subsidy_requested_yuan": ("gauge", {"program"}),
    "quality_subsidy_granted_yuan": ("gauge", {"program"}),
    "quality_subsidy_enterprises": ("gauge", {"program"}),
    "quality_subsidy_budget_yuan": ("gauge", set()),
    "quality_subsidy_program_budget_yuan": ("gauge", {"program"}),
    "qualityd_source_up": ("gauge", {"source"}),
    "qualityd_source_last_success_timestamp_seconds": ("gauge", {"source"}),
    "qualityd_source_pull_duration_seconds": ("histogram", {"source"}),
    "qualityd_source_pulls_total": ("counter", {"source", "result"}),
    "qualityd_source_records": ("gauge", {"source"}),
    "qualityd_source_records_rejected_total": ("counter", {"source", "reason"}),
    "qualityd_scoring_runs_total": ("counter", {"result"}),
    "qualityd_scoring_duration_seconds": ("histogram", set()),
    "qualityd_last_scoring_timestamp_seconds": ("gauge", set()),
    "qualityd_config_last_reload_successful": ("gauge", set()),
    "qualityd_exports_total": ("counter", {"format"}),
    "qualityd_build_info": ("gauge", {"version"}),
    "qualityd_leader": ("gauge", set()),
    "qualityd_leader_changes_total": ("counter", set()),
    "qualityd_auth_failures_total": ("counter", {"kind"}),
    "qualityd_http_requests_total": ("counter", {"route", "code"}),
    "qualityd_http_request_duration_seconds": ("histogram", {"route"}),
    "qualityd_corrections": ("gauge", {"status"}),
}
# No export happens during the check: without series created at 0 this family has no samples, and
# a client library may then print no family at all. Reported, not failed.
MAY_BE_EMPTY = {"qualityd_exports_total", "qualityd_http_requests_total", "qualityd_http_request_duration_seconds",
                "quality_sampling_plan_selected", "quality_sampling_plan_population"}
LABEL_VALUES = {
    ("qualityd_source_pulls_total", "result"): {"success", "http_error", "timeout", "connection_error",
                                                "decode_error", "too_large"},
    ("qualityd_source_records_rejected_total", "reason"): {"missing_key", "invalid_uscc", "unknown_district",
                                                           "duplicate", "unmapped_value", "type", "range",
                                                           "check", "missing_field", "control_character"},
    ("qualityd_auth_failures_total", "kind"): {"bad_token", "bad_session", "bad_login", "forbidden", "cross_origin",
                                               "misdirected", "throttled"},
    ("qualityd_scoring_runs_total", "result"): {"success", "failure"},
    ("qualityd_corrections", "status"): {"proposed", "approved", "rejected"},
}
SAMPLE_RE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$')
LABEL_RE = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def exposition(args):
    with open(args.file, encoding="utf-8") as f:
        lines = f.read().splitlines()
    types = {}
    samples = {}
    for line in lines:
        if line.startswith("# TYPE "):
            parts = line.split()
            if len(parts) >= 4:
                types[parts[2]] = parts[3]
        elif line and not line.startswith("#"):
            m = SAMPLE_RE.match(line)
            if m:
                labels = dict(LABEL_RE.findall(m.group(2) or ""))
                samples.setdefault(m.group(1), []).append(labels)
    problems = []
    for name, (kind, labels) in CATALOG.items():
        declared = types.get(name)
        if declared is None and kind == "counter" and name.endswith("_total"):
            declared = types.get(name[: -len("_total")])
        if declared is None:
            if name in MAY_BE_EMPTY:
                print(f"exposition: note: {name} is not exposed (no event yet and no series created at 0)")
            else:
                problems.append(f"{name}: family missing (no # TYPE line)")
            continue
        if declared != kind:
            problems.append(f"{name}: type {declared}, docs/SEMANTICS.md §12 says {kind}")
        series_names = [name + s for s in ("_bucket", "_sum", "_count")] if kind == "histogram" else [name]
        found = [lbl for s in series_names for lbl in samples.get(s, [])]
        if not found and name not in MAY_BE_EMPTY:
            problems.append(f"{name}: no samples")
        for lbl in found:
            keys = set(lbl) - {"le"}
            if keys != labels:
                problems.append(f"{name}: labels {sorted(keys)}, docs/SEMANTICS.md §12 says {sorted(labels)}")
                break
            for (metric, label), allowed in LABEL_VALUES.items():
                if metric == name and lbl.get(label) not in allowed:
                    problems.append(f"{name}: {label}={lbl.get(label)!r} is not one of the catalog's values")
    # The domain families are fixed by docs/SEMANTICS.md §12; qualityd_* may grow (HTTP metrics are welcome).
    for name in sorted(set(types) - set(CATALOG)):
        if name.startswith("quality_") and name != "quality_enterprise_subsidy_granted_yuan":
            problems.append(f"{name}: a domain family not in docs/SEMANTICS.md §12 (and not in metrics/README.md)")
    if not problems:
        print("exposition: the docs/SEMANTICS.md §12 families are present with their types and labels")
    return fail(problems)


# --------------------------------------------------------------------------- Prometheus API


class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, **params):
        q = urllib.parse.urlencode(params)
        with urllib.request.urlopen(f"{self.url}{path}?{q}", timeout=10) as r:
            return json.load(r)

    def query(self, expr):
        """(result list or None, error string or None); a scalar counts as one sample."""
        try:
            body = self.get("/api/v1/query", query=expr)
        except urllib.error.HTTPError as e:
            try:
                body = json.load(e)
            except ValueError:
                return None, f"HTTP {e.code}"
        except (urllib.error.URLError, OSError) as e:
            return None, str(e)
        if body.get("status") != "success":
            return None, f"{body.get('errorType')}: {body.get('error')}"
        data = body["data"]
        if data["resultType"] in ("scalar", "string"):
            return [{"metric": {}, "value": data["result"]}], None
        return data["result"], None


def is_nan(sample):
    v = sample.get("value", [0, "0"])[1]
    try:
        return math.isnan(float(v))
    except ValueError:
        return False


# --------------------------------------------------------------------------- PromQL scanning

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
            "offset", "atan2", "inf", "nan", "start", "end",
            # aggregation operators, which may be followed by `by (…)` instead of `(`
            "sum", "avg", "count", "min", "max", "stddev", "stdvar", "topk", "bottomk", "quantile",
            "count_values", "group"}
LABEL_LIST_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right"}


def closing_brace(expr, i):
    """Index of the `}` closing the matcher list that opens at expr[i], skipping quoted strings."""
    j = i + 1
    while j < len(expr) and expr[j] != "}":
        if expr[j] in "\"'`":
            q = expr[j]
            j += 1
            while j < len(expr) and expr[j] != q:
                j += 2 if expr[j] == "\\" else 1
        j += 1
    return j


def selectors(expr):
    """The vector selectors of a PromQL expression (metric name plus its matchers), in order."""
    out = []
    i, n = 0, len(expr)
    skip_list = False
    while i < n:
        c = expr[i]
        if c in "\"'`":
            j = i + 1
            while j < n and expr[j] != c:
                j += 2 if expr[j] == "\\" else 1
            i = j + 1
        elif c == "[":
            i = expr.index("]", i) + 1
        elif c == "(" and skip_list:
            i = expr.index(")", i) + 1
            skip_list = False
        elif c == "{":
            j = closing_brace(expr, i)
            out.append(expr[i:j + 1])  # a selector without a metric name
            i = j + 1
        elif c.isdigit() or (c == "." and i + 1 < n and expr[i + 1].isdigit()):
            j = i
            while j < n and (expr[j].isalnum() or expr[j] == "." or (expr[j] in "+-" and expr[j - 1] in "eE")):
                j += 1
            i = max(j, i + 1)
        elif c.isalpha() or c in "_:":
            j = i
            while j < n and (expr[j].isalnum() or expr[j] in "_:"):
                j += 1
            word = expr[i:j]
            k = j
            while k < n and expr[k].isspace():
                k += 1
            if word in LABEL_LIST_KEYWORDS:
                skip_list = k < n and expr[k] == "("
                i = j
                continue
            if word in KEYWORDS or (k < n and expr[k] == "("):
                i = j
                continue
            if k < n and expr[k] == "{":
                e = closing_brace(expr, k)
                out.append(word + expr[k:e + 1])
                i = e + 1
            else:
                out.append(word)
                i = j
        else:
            i += 1
    return out


def substitute(expr, values):
    def repl(m):
        var = m.group(1) or m.group(2) or m.group(3)
        if var in BUILTINS:
            return BUILTINS[var]
        if var in values:
            return values[var]
        raise KeyError(var)

    return VAR_RE.sub(repl, expr)


def grafana_series_text(sample):
    """A result as Grafana's query_result() hands it to the variable regex: name{k="v",…} value ms."""
    metric = dict(sample["metric"])
    name = metric.pop("__name__", "")
    labels = ",".join(f'{k}="{v}"' for k, v in metric.items())
    ts, value = sample["value"]
    return f"{name}{{{labels}}} {value} {int(float(ts) * 1000)}"


def resolve_variables(prom, dashboard, problems, report):
    """Values of the dashboard's query variables, from live data, in declaration order."""
    values = {}
    name = dashboard[0]
    for v in dashboard[1].get("templating", {}).get("list", []):
        var = v.get("name")
        if v.get("type") == "datasource":
            values[var] = "prometheus"
            continue
        if v.get("type") != "query":
            problems.append(f"{name}: variable {var} of type {v.get('type')} is not handled by this check")
            continue
        raw = variable_query(v)
        try:
            query = substitute(raw, values)
        except KeyError as e:
            problems.append(f"{name}: variable {var}: unknown variable ${e.args[0]} in {raw}")
            continue
        options = []
        m_lv = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\s*\)\s*", query, re.S)
        m_qr = re.fullmatch(r"\s*query_result\((.*)\)\s*", query, re.S)
        if m_lv:
            expr, label = m_lv.group(1), m_lv.group(2)
            result, error = wait_for_data(prom, expr)
            options = sorted({s["metric"].get(label) for s in result or [] if s["metric"].get(label)})
        elif m_qr:
            expr = m_qr.group(1)
            result, error = wait_for_data(prom, expr)
            texts = [grafana_series_text(s) for s in result or []]
            regex = v.get("regex") or ""
            if regex:
                body = regex[1:regex.rindex("/")] if regex.startswith("/") else regex
                rx = re.compile(body.replace("(?<", "(?P<"))
                for t in texts:
                    m = rx.search(t)
                    if m:
                        gd = m.groupdict()
                        options.append(gd.get("value") or (m.group(1) if m.groups() else m.group(0)))
            else:
                options = texts
        else:
            problems.append(f"{name}: variable {var}: unsupported query {raw}")
            continue
        report.append(("variable", f"{name}: ${var}", query, len(options), error))
        if error or not options:
            problems.append(f"{name}: variable {var} ({query}) has no values: {error or 'no data'}")
            values[var] = "__no_value__"
            continue
        if v.get("includeAll") and v.get("allValue"):
            values[var] = v["allValue"]
        else:
            values[var] = options[0]
    return values


DEADLINE = [0.0]


def wait_for_data(prom, expr):
    """Query until there is data or the shared deadline passes (recording rules and rates need time)."""
    while True:
        result, error = prom.query(expr)
        if error or result or time.time() >= DEADLINE[0]:
            return result, error
        time.sleep(1)


def rule_names_in_files(directory):
    names = {"recording": set(), "alerting": set()}
    for f in sorted(os.listdir(directory)):
        if f.endswith((".yml", ".yaml")):
            with open(os.path.join(directory, f), encoding="utf-8") as fh:
                for m in re.finditer(r"^\s*-?\s*(record|alert):\s*(\S+)", fh.read(), re.M):
                    names["recording" if m.group(1) == "record" else "alerting"].add(m.group(2))
    return names


def evaluate(args):
    prom = Prometheus(args.prometheus)
    DEADLINE[0] = time.time() + args.timeout
    problems = []
    report = []  # (kind, where, expr, count, error)

    def check(kind, where, expr, require_data=True):
        result, error = wait_for_data(prom, expr) if require_data else prom.query(expr)
        count = len(result or [])
        nan = sum(1 for s in result or [] if is_nan(s))
        report.append((kind, where, expr, count, error, nan))
        if error:
            problems.append(f"{where}: {expr}: {error}")
        elif require_data and count == 0:
            problems.append(f"{where}: {expr}: no data")
        return result

    # Rules as Prometheus loaded them; they must be exactly the ones in metrics/rules.
    body = prom.get("/api/v1/rules")
    loaded = {"recording": {}, "alerting": {}}
    for g in body["data"]["groups"]:
        for r in g["rules"]:
            kind = "recording" if r["type"] == "recording" else "alerting"
            loaded[kind][r["name"]] = (g["file"], r["query"], r.get("health"), r.get("lastError"))
    expected = rule_names_in_files(args.rules)
    for kind in ("recording", "alerting"):
        missing = expected[kind] - set(loaded[kind])
        if missing:
            problems.append(f"{kind} rules not loaded by Prometheus: {sorted(missing)}")
        if not expected[kind]:
            problems.append(f"no {kind} rules found in {args.rules}")

    for name, (file, query, health, last_error) in sorted(loaded["recording"].items()):
        where = f"{os.path.basename(file)}: record {name}"
        if last_error:
            problems.append(f"{where}: rule evaluation error: {last_error}")
        check("record expr", where, query)
        check("record series", where, name)
    for name, (file, query, health, last_error) in sorted(loaded["alerting"].items()):
        where = f"{os.path.basename(file)}: alert {name}"
        if last_error:
            problems.append(f"{where}: rule evaluation error: {last_error}")
        check("alert expr", where, query, require_data=False)
        for sel in dict.fromkeys(selectors(query)):
            check("alert input", where, sel)

    for dashboard in load_dashboards(args.dashboards):
        values = resolve_variables(prom, dashboard, problems, report)
        for where, expr in dashboard_queries([dashboard]):
            try:
                concrete = substitute(expr, values)
            except KeyError as e:
                problems.append(f"{where}: unknown variable ${e.args[0]}")
                continue
            check("panel", where, concrete)

    print_report(report)
    if not problems:
        print(f"evaluate: {len(report)} expressions, every one returned data where it must")
    return fail(problems)


def print_report(report):
    print(f"{'kind':<13} {'n':>4} {'NaN':>4}  where / expression")
    for row in report:
        kind, where, expr, count, error = row[:5]
        nan = row[5] if len(row) > 5 else 0
        status = "ERROR" if error else f"{count:>4}"
        flat = " ".join(expr.split())
        print(f"{kind:<13} {status:>4} {nan:>4}  {where}")
        print(f"{'':<24}{flat[:150]}{'…' if len(flat) > 150 else ''}")


def wait(args):
    prom = Prometheus(args.prometheus)
    deadline = time.time() + args.timeout
    while True:
        # A Prometheus still starting refuses connections or answers 503: asked again until the deadline.
        result, error = prom.query(args.query)
        if error and time.time() >= deadline:
            return fail([f"{args.query}: {error}"])
        if result:
            for s in result:
                print(f"  {grafana_series_text(s)}")
            print(f"wait: {args.query} returned {len(result)} series")
            return 0
        if time.time() >= deadline:
            return fail([f"{args.query}: no data within {args.timeout:g} s"])
        time.sleep(1)


def alert(args):
    prom = Prometheus(args.prometheus)
    deadline = time.time() + args.timeout
    want = dict(kv.split("=", 1) for kv in args.match)
    while True:
        body = prom.get("/api/v1/alerts")
        for a in body["data"]["alerts"]:
            labels = a["labels"]
            if labels.get("alertname") == args.name and all(labels.get(k) == v for k, v in want.items()):
                if a["state"] in ("pending", "firing"):
                    print(f"alert: {args.name} is {a['state']}: {json.dumps(labels, ensure_ascii=False)}")
                    summary = a.get("annotations", {}).get("summary", "")
                    if not summary or "{{" in summary or "<no value>" in summary:
                        return fail([f"{args.name}: bad summary annotation {summary!r}"])
                    print(f"  summary: {summary}")
                    return 0
        if time.time() >= deadline:
            return fail([f"alert {args.name} {want} neither pending nor firing within {args.timeout:g} s"])
        time.sleep(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("lint")
    p.add_argument("--dashboards", default=DASHBOARDS)
    p.set_defaults(func=lint)

    p = sub.add_parser("prepare-config")
    p.add_argument("--in", dest="input", required=True)
    p.add_argument("--out", dest="output", required=True)
    p.add_argument("--listen", required=True)
    p.add_argument("--sqlite", required=True)
    p.add_argument("--interval", default="5s")
    p.add_argument("--retries", type=int)
    p.add_argument("--no-auth", action="store_true", help="drop the auth section: pages and API open")
    p.add_argument("--current-period", help="serve this period instead of today's (`current_period: auto`)")
    p.set_defaults(func=prepare_config)

    p = sub.add_parser("exposition")
    p.add_argument("file")
    p.set_defaults(func=exposition)

    p = sub.add_parser("evaluate")
    p.add_argument("--prometheus", required=True)
    p.add_argument("--dashboards", default=DASHBOARDS)
    p.add_argument("--rules", default=RULES)
    p.add_argument("--timeout", type=float, default=60)
    p.set_defaults(func=evaluate)

    p = sub.add_parser("wait")
    p.add_argument("--prometheus", required=True)
    p.add_argument("--query", required=True)
    p.add_argument("--timeout", type=float, default=60)
    p.set_defaults(func=wait)

    p = sub.add_parser("alert")
    p.add_argument("--prometheus", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--match", action="append", default=[], help="label=value the alert must carry")
    p.add_argument("--timeout", type=float, default=60)
    p.set_defaults(func=alert)

    args = ap.parse_args()
    sys.exit(args.func(args))


if __name__ == "__main__":
    main()
