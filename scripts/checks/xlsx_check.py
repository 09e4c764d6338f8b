#!/usr/bin/env python3
"""Reads back the subsidy list exports that scripts/checks/xlsx.sh wrote and checks them.

Usage: xlsx_check.py DIR, where DIR holds CASE-result.json (qualityd score) and CASE-LANG.xlsx /
CASE-LANG.csv (qualityd export) for CASE in worked, injection and LANG in zh, en.

The expected rows are built here from the scored result and the worked config's names, not from
qualityd's export code, so the two implementations check each other. Exits 1 naming every failure.
"""
import csv
import io
import json
import os
import re
import sys
import zipfile
from decimal import Decimal

import openpyxl

HEADERS = {
    "zh": ["序号", "统一社会信用代码", "企业名称", "所属区县", "奖励项目", "政策依据", "申请金额(元)", "核定金额(元)", "备注"],
    "en": ["No.", "USCC", "Enterprise", "District", "Program", "Policy basis", "Requested (yuan)", "Granted (yuan)",
           "Notes"],
}
SHEET = {"zh": "奖励名单", "en": "Subsidies"}
TOTAL = {"zh": "合计", "en": "Total"}
DISTRICTS = {"330203": ("海曙区", "Haishu"), "330205": ("江北区", "Jiangbei"), "330212": ("鄞州区", "Yinzhou")}
BASIS = "《鄞州区经济发展政策实施细则》"
PROGRAMS = {
    "demo_enterprise": ("中国出口质量安全示范企业奖励", "National export quality demonstration enterprise", BASIS + "第十二条第一款"),
    "city_award": ("市级出口质量奖", "City export quality award", BASIS + "第十二条第二款"),
    "lab_cnas": ("企业实验室获CNAS认可奖励", "CNAS lab accreditation", BASIS + "第十三条"),
    "standards": ("标准化建设奖励", "Standardization work", BASIS + "第十四条"),
}
# The worked config allocates pro rata.
NOTES = {
    "zh": {"enterprise_cap": "超出企业奖励上限", "program_budget": "项目预算按比例核减", "budget": "总预算按比例核减"},
    "en": {"enterprise_cap": "Enterprise cap", "program_budget": "Program budget", "budget": "Overall budget"},
}
SEPARATOR = {"zh": "；", "en": "; "}
WIDTHS = {"A": 6, "B": 22, "C": 36, "D": 12, "E": 36, "F": 40, "G": 16, "H": 16, "I": 28}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def neutral(text):
    return "'" + text if text.startswith(TRIGGERS) else text


def yuan(fen):
    return f"{fen // 100}.{fen % 100:02d}"


def expected_rows(result, lang):
    """Text cells as the spreadsheet should show them, plus the fen of each amount."""
    i = 0 if lang == "zh" else 1
    rows = []
    for n, a in enumerate(result["subsidies"]["awards"], start=1):
        program = PROGRAMS[a["program"]]
        notes = SEPARATOR[lang].join(NOTES[lang][x] for x in a["notes"])
        rows.append({
            "no": n, "uscc": a["uscc"], "name": neutral(a["name"]), "district": DISTRICTS[a["district"]][i],
            "program": program[i], "basis": program[2], "requested": a["requested_fen"],
            "granted": a["granted_fen"], "notes": notes, "raw_name": a["name"],
        })
    return rows


def excel_text(v):
    """A text cell as Excel shows it. openpyxl leaves OOXML's escapes in shared strings: control
    characters (libxlsxwriter writes CR as _x000D_) stay escaped, while _x005F_ (a literal
    underscore before _xHHHH_) is already undone, so only control characters are decoded here."""
    if not isinstance(v, str):
        return v
    return re.sub(r"_x(00[01][0-9A-Fa-f])_", lambda m: chr(int(m.group(1), 16)), v)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_xlsx(path, result, lang):
    where = os.path.basename(path)
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != [SHEET[lang]]:
        fail(where, f"sheets {wb.sheetnames}, expected [{SHEET[lang]!r}]")
    ws = wb[wb.sheetnames[0]]
    header = [excel_text(c.value) for c in ws[1]]
    if header != HEADERS[lang]:
        fail(where, f"header {header}, expected {HEADERS[lang]}")
    if not all(c.font.b for c in ws[1]):
        fail(where, "header row is not bold")
    if ws.freeze_panes != "A2":
        fail(where, f"freeze_panes {ws.freeze_panes!r}, expected 'A2'")
    for col, width in WIDTHS.items():
        actual = ws.column_dimensions[col].width
        if actual is None or abs(actual - width) > 1:
            fail(where, f"column {col} width {actual}, expected about {width}")
    rows = expected_rows(result, lang)
    subsidies = result["subsidies"]
    if ws.max_row != len(rows) + 2:
        fail(where, f"{ws.max_row} rows, expected header + {len(rows)} awards + totals")
    cents = [0, 0]
    for r, exp in enumerate(rows, start=2):
        cells = [excel_text(c.value) for c in ws[r]]
        text = [cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[8] or ""]
        want = [exp["no"], exp["uscc"], exp["name"], exp["district"], exp["program"], exp["basis"], exp["notes"]]
        if text != want:
            fail(where, f"row {r}: {text}, expected {want}")
        if exp["raw_name"].startswith(TRIGGERS) and not str(cells[2]).startswith("'"):
            fail(where, f"row {r}: injection cell {cells[2]!r} does not start with '")
        for k, (col, key) in enumerate(((6, "requested"), (7, "granted"))):
            cell = ws.cell(row=r, column=col + 1)
            if not is_number(cell.value):
                fail(where, f"{cell.coordinate}: {cell.value!r} is not a number")
                continue
            if cell.number_format != "#,##0.00":
                fail(where, f"{cell.coordinate}: number format {cell.number_format!r}")
            if cell.value != exp[key] / 100:
                fail(where, f"{cell.coordinate}: {cell.value!r}, expected {exp[key] / 100!r}")
            cents[k] += round(cell.value * 100)
    t = len(rows) + 2
    total = [c.value for c in ws[t]]
    if total[0] != TOTAL[lang] or not ws.cell(row=t, column=1).font.b:
        fail(where, f"totals row starts {total[0]!r} (bold {ws.cell(row=t, column=1).font.b}), expected bold {TOTAL[lang]!r}")
    for col, key in ((7, "requested_fen"), (8, "granted_fen")):
        cell = ws.cell(row=t, column=col)
        if not is_number(cell.value) or cell.value != subsidies[key] / 100:
            fail(where, f"totals {cell.coordinate}: {cell.value!r}, expected {subsidies[key] / 100!r} (result's {key})")
        elif cell.number_format != "#,##0.00" or not cell.font.b:
            fail(where, f"totals {cell.coordinate}: format {cell.number_format!r}, bold {cell.font.b}")
    if cents != [subsidies["requested_fen"], subsidies["granted_fen"]]:
        fail(where, f"column sums {cents} fen, result {subsidies['requested_fen']}, {subsidies['granted_fen']}")
    return len(rows)


def check_csv(path, result, lang):
    where = os.path.basename(path)
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"\xef\xbb\xbf"):
        fail(where, "does not start with the UTF-8 byte order mark")
    rows = expected_rows(result, lang)
    records = len(rows) + 2
    # Embedded line breaks in the corpus are a bare CR and a bare LF, so CRLF ends records only.
    crlf = data.count(b"\r\n")
    if not data.endswith(b"\r\n") or crlf != records:
        fail(where, f"{crlf} CRLF, expected one after each of {records} records")
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    subsidies = result["subsidies"]
    want = [HEADERS[lang]]
    for e in rows:
        want.append([str(e["no"]), e["uscc"], e["name"], e["district"], e["program"], e["basis"],
                     yuan(e["requested"]), yuan(e["granted"]), e["notes"]])
    want.append([TOTAL[lang], "", "", "", "", "", yuan(subsidies["requested_fen"]), yuan(subsidies["granted_fen"]), ""])
    if parsed != want:
        for i, (a, b) in enumerate(zip(parsed, want)):
            if a != b:
                fail(where, f"record {i + 1}: {a}, expected {b}")
        if len(parsed) != len(want):
            fail(where, f"{len(parsed)} records, expected {len(want)}")
    granted = sum(int(Decimal(r[7]) * 100) for r in parsed[1:-1])
    if granted != subsidies["granted_fen"]:
        fail(where, f"granted column sums to {granted} fen, result says {subsidies['granted_fen']}")
    return parsed


def main():
    if len(sys.argv) != 2:
        print("usage: xlsx_check.py DIR", file=sys.stderr)
        return 2
    work = sys.argv[1]
    for case in ("worked", "injection"):
        with open(os.path.join(work, f"{case}-result.json"), encoding="utf-8") as f:
            result = json.load(f)
        for lang in ("zh", "en"):
            before = len(failures)
            n = check_xlsx(os.path.join(work, f"{case}-{lang}.xlsx"), result, lang)
            check_csv(os.path.join(work, f"{case}-{lang}.csv"), result, lang)
            s = result["subsidies"]
            status = "ok" if len(failures) == before else f"{len(failures) - before} failures"
            print(f"{case} {lang}: xlsx and csv {status}, {n} rows, requested {yuan(s['requested_fen'])}, "
                  f"granted {yuan(s['granted_fen'])} yuan")
    injected = [a["name"] for a in json.load(open(os.path.join(work, "injection-result.json"), encoding="utf-8"))
                ["subsidies"]["awards"] if a["name"].startswith(TRIGGERS)]
    # openpyxl reads _x005F_x003D_ and a bare _x003D_ alike; Excel shows the second as "=".
    for lang in ("zh", "en"):
        name = f"injection-{lang}.xlsx"
        with zipfile.ZipFile(os.path.join(work, name)) as z:
            if "xl/sharedStrings.xml" not in z.namelist():
                fail(name, "no xl/sharedStrings.xml (not written by libxlsxwriter?)")
                continue
            strings = z.read("xl/sharedStrings.xml").decode("utf-8")
        if "_x005F_x003D_1+1" not in strings or re.search(r"(?<!_x005F)_x003D_", strings):
            fail(name, "the literal _x003D_ of a name is not escaped as _x005F_x003D_ (Excel would show '=')")
    if len(injected) < 7:
        fail("injection-result.json", f"only {len(injected)} formula-trigger names; the corpus lost some")
    if failures:
        for line in failures:
            print(f"xlsx check: {line}", file=sys.stderr)
        print(f"xlsx check: {len(failures)} failures", file=sys.stderr)
        return 1
    print(f"xlsx check: ok ({len(injected)} formula-trigger names neutralized)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
