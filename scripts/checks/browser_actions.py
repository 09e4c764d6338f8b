#!/usr/bin/env python3
"""Helper of scripts/checks/browser.sh: a person's actions through the pages' forms, in headless
Chromium driven over the DevTools protocol (docs/SEMANTICS.md §14).

  browser_actions.py QUALITYD_URL ARTIFACTS_DIR PROFILE_DIR

Signs in at /login with the demo tokens (a real session cookie; the forms post with the browser's own
Origin, as the CSRF rule wants), then:
  1. finance publishes the list on /subsidies and confirms it: each form's confirmation step names
     what will happen, and the confirm step's figures must be the published list's (GET
     /api/v1/subsidies); screenshot confirm-step.png;
  2. finance proposes setting 象山县's (330225) major_incidents to 0; finance's approval is refused
     (403); demo-admin proposes one and its own approval is refused (403, on the page); demo-admin2
     approves finance's; screenshot corrections.png;
  3. the next result has 330225 without the veto; an appeal is recorded on the district page, which
     then shows the correction (bureau's value, corrected value, both names, the reason) and the open
     appeal; screenshot district-330225-correction.png.
Prints the figures (veto, total and rank of 330225 before and after, the list's payouts).
"""

import base64
import json
import os
import subprocess
import sys
import time
import urllib.request

import websocket  # websocket-client (scripts/setup installs it)

REASON = "该事故经核实发生在宁海县，不属象山县"


class Browser:
    def __init__(self, profile):
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--hide-scrollbars", "--window-size=1280,2200", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "..", "chromium-actions.log"), "w"),
        )
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if time.time() > deadline or self.process.poll() is not None:
                raise SystemExit("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, max_size=None)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise SystemExit(f"{method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise SystemExit(f"script failed: {expression[:120]}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def load(self, action):
        """Runs `action` (a script that navigates or submits a form), then waits for the new page."""
        self.js("window.__previous = true")
        self.js(action)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if self.js("window.__previous === undefined && document.readyState === 'complete'"):
                    return
            except SystemExit:
                pass  # the old document went away between two calls
            time.sleep(0.1)
        raise SystemExit(f"no new page after {action[:120]}")

    def go(self, url):
        self.load(f"location.href = {json.dumps(url)}")

    def submit(self, form_id, **fields):
        script = f"const f = document.getElementById({json.dumps(form_id)});"
        script += "if (!f) throw new Error('no form ' + " + json.dumps(form_id) + ");"
        for name, value in fields.items():
            script += f"f.elements[{json.dumps(name)}].value = {json.dumps(value)};"
        self.load(script + "f.requestSubmit ? f.requestSubmit() : f.submit();")

    def text(self, selector="body"):
        return self.js(f"(document.querySelector({json.dumps(selector)}) || {{innerText: ''}}).innerText")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def sign_in(self, base, token):
        self.go(f"{base}/login")
        self.load(
            "const f = document.querySelector('form.login');"
            f"f.elements['token'].value = {json.dumps(token)}; f.submit();")

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)


def api(base, path, token="demo-admin-token"):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    return json.load(urllib.request.urlopen(request, timeout=30))


def expect(condition, message):
    if not condition:
        raise SystemExit("browser actions: " + message)


def district(base, code):
    explain = api(base, f"/api/v1/districts/{code}/explain")
    d = explain["district"]
    return explain, d


def main(argv):
    base, artifacts, profile = argv[1], argv[2], argv[3]
    os.makedirs(artifacts, exist_ok=True)
    os.makedirs(profile, exist_ok=True)
    period = api(base, "/api/v1/scores")["period"]
    _, before = district(base, "330225")
    b = Browser(profile)
    try:
        # 1. Publish, then confirm, through /subsidies.
        b.sign_in(base, "demo-finance-token")
        expect("demo-finance" in b.text("#signed-in"), "finance is not signed in")
        b.go(f"{base}/subsidies?period={period}")
        b.submit("publish-form")
        step = b.text("#action-confirm")
        expect("确认后将公示" in step, f"the publish step does not say what will happen: {step!r}")
        b.submit("confirm-form")
        expect("已公示" in b.text("#action-outcome"), f"not published: {b.text()!r}")
        b.go(f"{base}/subsidies?period={period}")
        b.submit("confirm-list-form")
        listed = api(base, f"/api/v1/subsidies?period={period}", "demo-finance-token")["list"]
        step = b.text("#action-confirm")
        figures = f"确认后将记录 {listed['payout_count']} 笔、{listed['granted_fen'] / 100:,.2f} 元的发放"
        expect(figures in step, f"the confirm step says {step!r}, the list {figures!r}")
        b.screenshot(os.path.join(artifacts, "confirm-step.png"))
        b.submit("confirm-form")
        expect("已确认" in b.text("#action-outcome"), f"not confirmed: {b.text()!r}")

        # 2. A correction with four eyes, through /corrections.
        b.go(f"{base}/corrections?period={period}")
        b.submit("propose-form", entity="district", key="330225", fact="major_incidents", value="0",
                 reason=REASON, evidence=f"甬市监〔{period}〕12号")
        expect("确认后将提议更正" in b.text("#action-confirm"), f"no proposal step: {b.text()!r}")
        b.submit("confirm-form")
        outcome = b.text("#action-outcome")
        expect("已提议更正" in outcome, f"not proposed: {b.text()!r}")
        ident = outcome.split("#")[1].split("，")[0].split(",")[0].strip()
        # Finance has no approve form; a post of one is refused by role (403, the error page).
        b.load(
            "const f = document.createElement('form'); f.method = 'post';"
            f"f.action = '/corrections/{ident}/approve';"
            "for (const [n, v] of [['reason', 'ok'], ['confirm', 'yes']]) {"
            " const i = document.createElement('input'); i.type = 'hidden'; i.name = n; i.value = v; f.appendChild(i); }"
            "document.body.appendChild(f); f.submit();")
        expect(b.js("document.querySelector('#error-status')?.dataset.status") == "403",
               f"finance's approval was not refused with 403: {b.text()!r}")
        b.sign_in(base, "demo-admin-token")
        b.go(f"{base}/corrections?period={period}")
        b.submit("propose-form", entity="district", key="330226", fact="complaints", value="0",
                 reason="投诉系重复登记", evidence="")
        b.submit("confirm-form")
        own = b.text("#action-outcome").split("#")[1].split("，")[0].split(",")[0].strip()
        b.go(f"{base}/corrections?period={period}")
        b.submit(f"approve-{own}", reason="mine")
        b.submit("confirm-form")
        expect(b.js("document.querySelector('#action-refused strong')?.dataset.status") == "403",
               f"demo-admin's approval of its own correction was not refused with 403: {b.text()!r}")
        b.sign_in(base, "demo-admin2-token")
        b.go(f"{base}/corrections?period={period}")
        b.submit(f"approve-{ident}", reason="已核对宁海县事故报告")
        expect("确认后将批准更正" in b.text("#action-confirm"), f"no approval step: {b.text()!r}")
        b.submit("confirm-form")
        expect("已批准更正" in b.text("#action-outcome"), f"not approved: {b.text()!r}")
        b.go(f"{base}/corrections?period={period}")
        b.screenshot(os.path.join(artifacts, "corrections.png"))

        # 3. The next result, and an appeal on the district page.
        deadline = time.time() + 120
        while True:
            explain, after = district(base, "330225")
            if explain.get("corrections"):
                break
            expect(time.time() < deadline, "no result with the correction within 120 s")
            time.sleep(0.5)
        expect(not after["vetoed_by"], f"330225 is still vetoed: {after['vetoed_by']}")
        applied = explain["corrections"][0]
        expect(applied["proposed_by"] == "demo-finance" and applied["approved_by"] == "demo-admin2",
               f"names: {applied}")
        b.go(f"{base}/districts/330225")
        b.submit("appeal-form", indicator="major_incident", text="该事故不在本县，请复核")
        b.submit("confirm-form")
        expect("已记录申诉" in b.text("#action-outcome"), f"appeal not recorded: {b.text()!r}")
        b.go(f"{base}/districts/330225")
        page = b.text()
        for needed in ("demo-finance", "demo-admin2", REASON, "该事故不在本县"):
            expect(needed in page, f"the district page lacks {needed!r}")
        expect(b.text("#applied-corrections .corrected-value") == "0", "the corrected value is not shown")
        expect(b.text("#applied-corrections .bureau-value") == str(int(applied["bureau_value"])),
               "the bureau's value is not shown")
        b.screenshot(os.path.join(artifacts, "district-330225-correction.png"))
        after_list = api(base, f"/api/v1/subsidies?period={period}", "demo-finance-token")["list"]
        expect(after_list["status"] == "confirmed" and after_list["granted_fen"] == listed["granted_fen"],
               "the confirmed list changed")
    finally:
        b.close()
    print(f"browser actions: {period}: 330225 vetoed {before['vetoed_by']} total {before['total']} rank "
          f"{before['rank']} -> vetoed {after['vetoed_by']} total {after['total']} rank {after['rank']}; "
          f"bureau value {applied['bureau_value']} -> {applied['value']}; list {listed['payout_count']} payouts, "
          f"{listed['granted_fen'] / 100:,.2f} yuan")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
