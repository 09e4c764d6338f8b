#!/usr/bin/env python3
"""Helper of scripts/checks/browser.sh: the DOM that headless Chromium rendered against the JSON API.

  ranking   DOM LANG SCORES EXPLAIN   the ranking page shows every district of SCORES (GET
                                      /api/v1/scores) once, in rank order, with its rank, name, total
                                      (2 decimals, as the page formats it) and grade (id and name)
  district  DOM LANG CODE SCORES EXPLAIN
                                      the district page shows the district's name, total, rank and
                                      grade, and one row per indicator of EXPLAIN (GET
                                      /api/v1/districts/CODE/explain) with its value and points
  png       FILE WIDTH                a PNG screenshot WIDTH pixels wide, taller than 0

Only the standard library: html.parser reads the DOM.
"""

import json
import math
import struct
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []  # Node or str

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return "".join(parts)

    def own_text(self):
        """Text of this node without its element children (e.g. a cell's value without its note)."""
        return "".join(c for c in self.children if isinstance(c, str)).strip()

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find_all(self, tag=None, **attrs):
        for node in self.walk():
            if tag is not None and node.tag != tag:
                continue
            if all(
                (value in node.classes()) if key == "cls" else node.attrs.get(key.replace("_", "-")) == value
                for key, value in attrs.items()
            ):
                yield node

    def find(self, tag=None, **attrs):
        return next(self.find_all(tag, **attrs), None)


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path):
    builder = TreeBuilder()
    with open(path, encoding="utf-8") as f:
        builder.feed(f.read())
    builder.close()
    return builder.root


def fixed(x, digits=2):
    """PageFormat.fixed: `digits` decimals, half away from zero; `—` for None."""
    if x is None or not math.isfinite(x):
        return "—"
    scale = 10.0**digits
    units = int(math.floor(abs(x) * scale + 0.5 + 1e-9))
    text = str(units // int(scale))
    if digits > 0:
        text += "." + str(units % int(scale)).rjust(digits, "0")
    return "-" + text if units > 0 and x < 0 else text


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Checker:
    def __init__(self, what):
        self.what = what
        self.problems = []
        self.checked = 0

    def equal(self, where, shown, expected):
        self.checked += 1
        if shown != expected:
            self.problems.append(f"{self.what}: {where}: page shows {shown!r}, the API says {expected!r}")

    def true(self, where, condition, detail=""):
        self.checked += 1
        if not condition:
            self.problems.append(f"{self.what}: {where} {detail}".rstrip())

    def finish(self, summary):
        for problem in self.problems:
            print("FAIL: " + problem, file=sys.stderr)
        if not self.problems:
            print(f"  {self.what}: {summary} ({self.checked} assertions)")
        return 1 if self.problems else 0


def grade_names(explain, lang):
    return {g["id"]: g["name"][lang] for g in explain["grades"]}


def check_page_language(c, dom, lang):
    html = dom.find("html")
    c.equal("<html lang>", html.attrs.get("lang") if html else None, "zh-CN" if lang == "zh" else "en")
    switch = dom.find("a", id="lang-switch")
    c.true("the language switch", switch is not None, "is missing")
    if switch is not None:
        c.equal("the language switch", switch.text().strip(), "English" if lang == "zh" else "中文")


def ranking(dom_path, lang, scores_path, explain_path):
    dom, scores, explain = parse(dom_path), load(scores_path), load(explain_path)
    c = Checker(f"ranking page ({lang})")
    names = grade_names(explain, lang)
    check_page_language(c, dom, lang)
    h1 = dom.find("h1")
    c.true("the heading", h1 is not None and ("质量强区评价排名" if lang == "zh" else "District ranking") in h1.text())
    table = dom.find("table", id="ranking")
    c.true("table#ranking", table is not None, "is missing")
    if table is None:
        return c.finish("")
    rows = [tr for tr in table.find_all("tr") if "data-district" in tr.attrs]
    districts = scores["districts"]
    c.equal("number of district rows", len(rows), len(districts))
    c.true("ten districts", len(districts) == 10, f"expected in the demo world, the API has {len(districts)}")
    shown = [tr.attrs["data-district"] for tr in rows]
    c.equal("districts shown", sorted(shown), sorted(d["code"] for d in districts))
    # Rank order; incomplete districts (no rank) last, in config order.
    expected_order = [
        d["code"]
        for _, d in sorted(
            enumerate(districts), key=lambda p: (p[1]["rank"] if p[1]["rank"] is not None else 10**9, p[0])
        )
    ]
    c.equal("row order", shown, expected_order)
    by_code = {d["code"]: d for d in districts}
    for tr in rows:
        code = tr.attrs["data-district"]
        d = by_code.get(code)
        if d is None:
            continue
        where = f"district {code}"
        rank, district, score, grade = (
            tr.find("td", cls="rank"),
            tr.find("th", cls="district"),
            tr.find("td", cls="score"),
            tr.find("td", cls="grade"),
        )
        if None in (rank, district, score, grade):
            c.true(where, False, "lacks a rank, district, score or grade cell")
            continue
        c.equal(where + " rank", rank.text().strip(), str(d["rank"]) if d["rank"] is not None else "—")
        link = district.find("a")
        c.equal(where + " name", link.text().strip() if link else None, d["name"] if lang == "zh" else d["name_en"])
        c.equal(where + " link", link.attrs.get("href") if link else None,
                f"/districts/{code}" + ("?lang=en" if lang == "en" else ""))
        if d["incomplete"] or d["total"] is None:
            c.true(where + " total", score.attrs.get("data-value") is None, "shows a total for an incomplete district")
        else:
            c.equal(where + " total", score.text().strip(), fixed(d["total"]))
            c.equal(where + " total data-value", score.attrs.get("data-value"), fixed(d["total"]))
        c.equal(where + " grade id", grade.attrs.get("data-value"), d["grade"])
        expected_grade = "—" if d["incomplete"] or d["grade"] is None else names.get(d["grade"], d["grade"])
        c.equal(where + " grade", grade.text().strip(), expected_grade)
    top = by_code.get(expected_order[0]) if expected_order else None
    return c.finish(
        f"{len(rows)} districts with rank, name, total and grade as /api/v1/scores"
        + (f"; first {top['code']} {fixed(top['total'])} {names.get(top['grade'], top['grade'])}" if top else "")
    )


def district(dom_path, lang, code, scores_path, explain_path):
    dom, scores, explain = parse(dom_path), load(scores_path), load(explain_path)
    c = Checker(f"district page {code} ({lang})")
    names = grade_names(explain, lang)
    check_page_language(c, dom, lang)
    d = next((x for x in scores["districts"] if x["code"] == code), None)
    c.true(f"district {code}", d is not None, "is not in /api/v1/scores")
    if d is None:
        return c.finish("")
    h1 = dom.find("h1", data_district=code)
    c.true("h1[data-district]", h1 is not None, "is missing")
    if h1 is not None:
        c.true("the heading", (d["name"] if lang == "zh" else d["name_en"]) in h1.text(), f"{h1.text()!r}")
    total, rank, grade = dom.find("dd", id="total"), dom.find("dd", id="rank"), dom.find("dd", id="grade")
    if None in (total, rank, grade):
        c.true("the summary", False, "lacks dd#total, dd#rank or dd#grade")
        return c.finish("")
    c.equal("total", total.text().strip(), fixed(d["total"]) if not d["incomplete"] else total.text().strip())
    c.equal("total data-value", total.attrs.get("data-value"), fixed(d["total"]) if d["total"] is not None else None)
    c.equal("rank data-value", rank.attrs.get("data-value"), str(d["rank"]) if d["rank"] is not None else None)
    c.equal("grade id", grade.attrs.get("data-value"), d["grade"])
    c.equal("grade", grade.text().strip(), names.get(d["grade"], "—") if d["grade"] else "—")
    formula = dom.find("p", id="total-formula")
    c.true("the total formula", formula is not None and fixed(d["total"]) in formula.text(),
           f"does not end in the total: {formula.text() if formula else None!r}")
    c.equal("indicator heading", any(
        h.text().strip() == ("各指标得分" if lang == "zh" else "Points by indicator") for h in dom.find_all("h2")), True)

    rows = {tr.attrs["data-indicator"]: tr for tr in dom.find_all("tr") if "data-indicator" in tr.attrs}
    expected = [(dim, ind) for dim in explain["dimensions"] for ind in dim["indicators"]]
    c.equal("indicator rows", sorted(rows), sorted(ind["id"] for _, ind in expected))
    c.true("indicator rows", len(expected) > 0, "the explanation has no indicators")
    for dim, ind in expected:
        tr = rows.get(ind["id"])
        if tr is None:
            continue
        where = f"indicator {ind['id']}"
        result = d["indicators"].get(ind["id"], {})
        name = (ind["name"] or {}).get(lang) if ind["name"] else ind["id"]
        head = tr.find("th")
        c.true(where + " name", head is not None and head.own_text() == name,
               f"shows {head.own_text() if head else None!r}, expected {name!r}")
        points = tr.find("td", cls="points")
        expected_points = None if result.get("points") is None else fixed(result["points"])
        c.equal(where + " points data-value", points.attrs.get("data-value") if points else None, expected_points)
        if points is not None and expected_points is not None:
            c.equal(where + " points", points.own_text(), expected_points)
        value = tr.find("td", cls="value")
        if result.get("missing"):
            c.true(where + " missing", value is not None and "missing-value" in value.classes(), "not shown as missing")
        else:
            c.equal(where + " value data-value", value.attrs.get("data-value") if value else None,
                    fixed(result.get("value")))
        section = dom.find("table", data_dimension=dim["id"])
        c.true(where + " dimension", section is not None and tr in section.walk(),
               f"is not in the table of dimension {dim['id']}")
    return c.finish(
        f"name, total {fixed(d['total'])}, rank {d['rank']}, grade {names.get(d['grade'], d['grade'])}, "
        f"{len(rows)} indicator rows with values and points as the API"
    )


def png(path, width):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        print(f"FAIL: {path} is not a PNG", file=sys.stderr)
        return 1
    w, h = struct.unpack(">II", head[16:24])
    if w != int(width) or h == 0:
        print(f"FAIL: {path} is {w}x{h}, expected {width} wide", file=sys.stderr)
        return 1
    print(f"  screenshot {path} ({w}x{h})")
    return 0


def main(argv):
    commands = {"ranking": (ranking, 4), "district": (district, 5), "png": (png, 2)}
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        print(__doc__, file=sys.stderr)
        return 2
    function, _ = commands[argv[1]]
    return function(*argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
