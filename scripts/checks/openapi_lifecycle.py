#!/usr/bin/env python3
"""Helper of scripts/checks/schemathesis.sh: a subsidy list through its whole life, every response
checked against docs/openapi.yaml by schemathesis' own checks.

Random generation seldom chains publish -> confirm -> revoke with the served period, so this walks
it on purpose, with the role each step needs, and asserts the statuses as well as the documents:

  (a confirmed list left by the schemathesis pass is revoked first) publish (finance) 200
  published -> subsidies frozen -> confirm (finance) 200 confirmed -> publish again 409 -> JSON
  export of the confirmed list -> revoke without a reason 400 -> revoke (finance) 403 -> revoke
  (admin) 200 revoked -> confirm 409 -> subsidies revoked -> audit has publish, confirm, revoke;
  plus 401/403 answers (viewer on finance routes, a foreign
  Origin on a POST, a wrong token).

Usage: openapi_lifecycle.py OPENAPI BASE_URL
"""

import sys

import requests
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
TOKENS = {role: f"demo-{role}-token" for role in ("viewer", "finance", "admin")}


def main(openapi, base_url):
    schema = schemathesis.openapi.from_path(openapi)
    session = requests.Session()
    problems = []

    def call(method, path, status, role="admin", path_parameters=None, query=None, body=None, headers=None):
        op = schema[path][method]
        all_headers = dict(headers or {})
        if role:
            all_headers["Authorization"] = f"Bearer {TOKENS.get(role, role)}"
        kwargs = {"path_parameters": path_parameters or {}, "query": query or {}, "headers": all_headers}
        if body is not None:
            kwargs.update(body=body, media_type="application/json")
        case = op.Case(**kwargs)
        response = case.call(base_url=base_url, session=session, allow_redirects=False)
        where = f"{method} {path} {path_parameters or ''}{query or ''} as {role}"
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as error:  # schemathesis raises a group of failures
            problems.append(f"{where}: does not match the document: {error}")
        if response.status_code != status:
            problems.append(f"{where}: {response.status_code}, expected {status}: {response.text[:300]}")
        print(f"  {response.status_code} {where}")
        try:
            return response.json()
        except ValueError:
            return None

    ready = requests.get(f"{base_url}/readyz", timeout=10).json()
    period = ready["period"]
    p = {"period": period}
    lists = "/api/v1/subsidies/{period}/"

    def status(body):
        return ((body or {}).get("list") or {}).get("status")

    # The schemathesis pass before may have left the period's list confirmed (its stateful phase
    # chains publish and confirm): revoke it, so that the list can be published again.
    before = call("GET", "/api/v1/subsidies", 200, "finance", query=p)
    if status(before) == "confirmed":
        call("POST", lists + "revoke", 200, "admin", p, body={"reason": "reset before the lifecycle check"})

    notice = {"notice_start": "2025-12-01", "notice_end": "2025-12-08"}
    listed = call("POST", lists + "publish", 200, "finance", p, body=notice)
    if status(listed) != "published":
        problems.append(f"publish: status {status(listed)}")
    overview = call("GET", "/api/v1/subsidies", 200, "finance", query=p)
    if not (overview and overview.get("frozen") and status(overview) == "published"):
        problems.append(f"after publish: frozen {(overview or {}).get('frozen')}, status {status(overview)}")
    confirmed = call("POST", lists + "confirm", 200, "finance", p)
    if status(confirmed) != "confirmed":
        problems.append(f"confirm: status {status(confirmed)}")
    call("POST", lists + "publish", 409, "finance", p)
    call("GET", "/export/subsidies.json", 200, "finance", query={"period": period, "lang": "en"})
    call("POST", lists + "revoke", 400, "admin", p, body={})
    call("POST", lists + "revoke", 403, "finance", p, body={"reason": "checking roles"})
    revoked = call("POST", lists + "revoke", 200, "admin", p, body={"reason": "重复申报 (schemathesis check)"})
    if status(revoked) != "revoked":
        problems.append(f"revoke: status {status(revoked)}")
    call("POST", lists + "confirm", 409, "finance", p)
    overview = call("GET", "/api/v1/subsidies", 200, "finance", query=p)
    if status(overview) != "revoked":
        problems.append(f"after revoke: status {status(overview)}")
    audit = call("GET", "/api/v1/audit", 200, "admin", query={"limit": 1000})
    actions = {e["action"] for e in (audit or {}).get("entries", [])}
    for action in ("publish", "confirm", "revoke", "export"):
        if action not in actions:
            problems.append(f"audit log has no {action}")

    # Who may not.
    call("GET", "/api/v1/subsidies", 403, "viewer")
    call("GET", "/api/v1/audit", 403, "finance")
    call("POST", "/-/reload", 403, "finance")
    call("GET", "/api/v1/scores", 401, "not-a-token")
    call("GET", "/export/subsidies.xlsx", 401, None)
    call("POST", lists + "publish", 403, "finance", p, headers={"Origin": "http://elsewhere.example"})

    for problem in problems:
        print("FAIL: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
