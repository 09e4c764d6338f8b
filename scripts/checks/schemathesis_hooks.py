"""Checks of scripts/checks/schemathesis.sh beyond schemathesis' own (loaded via SCHEMATHESIS_HOOKS).

Each runs only when named in `--checks`:

  anonymous_is_401   (the pass without a token) every route that needs a role answers 401 and
                     nothing else, whatever the parameters; the open routes are left alone. 429
                     `too_many_requests` counts as a refusal too: schemathesis sends many invalid
                     bearer tokens, and past 30 of them the address waits (README, "Hardening").
  admin_reaches_2xx  (the pass with the admin token) every GET route answers 2xx at least once, so
                     that the run reached the handlers and not only their parameter checks.

The `after_call` hook draws the sampling plan again whenever the random pass revokes it, and
rejects any appeal the random pass records, so that publishing is not refused for the rest of the
run (an open appeal blocks it, docs/SEMANTICS.md §14).
"""

import json
import re
import urllib.request

import schemathesis

# Routes open to anyone (AppRouter's `anyone` group).
OPEN = {"/healthz", "/readyz", "/metrics", "/login", "/logout", "/static/app.css"}


@schemathesis.check
def anonymous_is_401(ctx, response, case):
    # The coverage phase also probes undocumented methods (404: no such route, before any auth).
    if case.operation.path in OPEN or case.method.upper() != case.operation.method.upper():
        return None
    if response.status_code == 429 and b'"too_many_requests"' in response.content:
        return None
    if response.status_code != 401:
        raise AssertionError(
            f"{case.method} {case.operation.path} without a token answered {response.status_code}, not 401"
        )
    return None


@schemathesis.check
class admin_reaches_2xx:  # noqa: N801 - the class name is the check's name on the command line
    """Every GET operation tested returned 2xx at least once."""

    def __init__(self):
        self.tested = set()
        self.reached = set()

    def after_response(self, ctx, response, case):
        # case.method may differ: the coverage phase also probes undocumented methods.
        if case.operation.method.upper() != "GET" or case.method.upper() != "GET":
            return
        label = f"GET {case.operation.path}"
        self.tested.add(label)
        if 200 <= response.status_code < 300:
            self.reached.add(label)

    def after_run(self, ctx):
        missed = self.tested - self.reached
        if missed:
            raise AssertionError("never answered 2xx: " + ", ".join(sorted(missed)))


REVOKE_PLAN = re.compile(r"^(?P<base>https?://[^/]+)/api/v1/sampling/(?P<period>[^/]+)/revoke$")


APPEAL = re.compile(r"^(?P<base>https?://[^/]+)/(api/v1/appeals|districts/[^/]+/appeals)$")


def _post(url, token, body):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": token, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def _reject_open_appeals(base, token):
    request = urllib.request.Request(f"{base}/api/v1/appeals?status=open", headers={"Authorization": token})
    with urllib.request.urlopen(request, timeout=30) as answer:
        appeals = json.load(answer)["appeals"]
    for appeal in appeals:
        _post(f"{base}/api/v1/appeals/{appeal['id']}/reject", token, {"reason": "schemathesis"})


@schemathesis.hook
def after_call(context, case, response):
    """A sampling plan revoked by the random pass is drawn again at once, so that the plan's GET
    routes can still answer 2xx later in the run (admin_reaches_2xx); an appeal it records is
    rejected at once."""
    url = response.request.url.split("?")[0]
    token = response.request.headers.get("Authorization")
    appeal = APPEAL.match(url)
    if case.method.upper() == "POST" and appeal and token and 200 <= response.status_code < 300:
        _reject_open_appeals(appeal["base"], token)
        return
    match = REVOKE_PLAN.match(response.request.url.split("?")[0])
    if case.method.upper() != "POST" or match is None or response.status_code != 200:
        return
    request = urllib.request.Request(
        f"{match['base']}/api/v1/sampling/{match['period']}/draw",
        data=json.dumps({"seed": "schemathesis"}).encode(),
        headers={"Authorization": response.request.headers["Authorization"], "Content-Type": "application/json"},
        method="POST",
    )
    urllib.request.urlopen(request, timeout=30).close()
