"""Browser test of the oversight reports (/reports, its CSV files and the quarterly report for trustees).

`serve --demo` loads 27 submitted concerns (from about 100 to 22 days ago, 18 of them triaged) and some shares. The
demo's manager signs in and opens /reports: every table is there as a section with a heading and a table, each chart
(svg.chart) is an image with a text alternative and draws the table's own figures, and no count from 1 to 4 is shown.
The period is changed through the form to the last 120 days: the page shows that period, the one of the same length
before it, and 27 concerns recorded; two 60-day halves agree with it (the later half's "period before" is the earlier
half). Every table's CSV is fetched with the browser's session: its header names the row heading and both periods,
and its rows are the page's table. No demo person's name is in the reports page, the quarterly report (on screen and
printed) or any CSV. The quarterly report (the previous calendar quarter by default) has a working "Print this report"
button and prints on one or two A4 pages (Chromium's Page.printToPDF). A bad period is sent back as a 400 with a
focused error summary and each message beside its field. All of it again at 390 px: no sideways scrolling, charts
inside the screen with no label cut, stacked tables that keep their column names. Staff, the auditor, the
administrator and the partner contact are refused /reports, its CSV files and the quarterly report; the leads may
open them. axe (WCAG 2.2 AA, every impact) and the machine-words scan run on every page.

Checks of what a page says are soft (`Findings.expect`): each problem is recorded and the test goes on, so one run
lists every problem; a step the rest depends on fails at once (`expect`). Screenshots (full page) and PDFs go to
ARTIFACTS_DIR/reports-<database>/.

Usage: python3 tests/browser/test_reports.py PATH/TO/confidant ARTIFACTS_DIR
"""
import base64
import csv
import datetime
import io
import os
import re
import sys

import pypdf
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import (Findings, at_width, demo_accounts, status_of, VISIBLE_TEXT_OUTSIDE_DETAILS, ConfidantServer, PageChecker, chromium, expect, fill,  # noqa: E402
                               go, go_link, machine_words, main_on_each_database, report, sign_in, sign_out)

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO_SOURCES = [os.path.join(HERE, "..", "..", "Sources", "ConfidantDemo", name)
                for name in ("DemoOrganisation.swift", "DemoSharing.swift")]
TABLE_IDS = ["by-category", "by-risk", "by-discloser", "by-month", "policy-in-practice", "timings", "time-to-triage",
             "triage-outcomes", "personal", "shares", "share-forms", "confidences-broken"]
# Tables of counts of a kind, drawn as bars beside their figures.
CHARTED = ["by-category", "by-risk", "by-discloser", "by-month", "time-to-triage", "triage-outcomes", "personal", "shares",
           "share-forms", "confidences-broken"]
DESKTOP, PHONE = 1280, 390
DEMO_SUBMITTED = 27
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# A count as the reports show one: 0, "fewer than 5" or 5 and over; never 1 to 4.
SMALL_COUNT = re.compile(r"^[1-4]$")


def demo_names():
    """Every person's name the demo loads (accounts, people, relatives, partner contacts), read from its source; for
    an account "Demo Dana Lead", "Dana Lead" too."""
    names = set()
    for path in DEMO_SOURCES:
        text = open(path, encoding="utf-8").read()
        for match in re.finditer(r"\(\"([A-Z][\w'-]+(?: [A-Z][\w'-]+)+)\",\s*[.\"]", text):
            name = match.group(1)
            if name.startswith("Demo ") and name.count(" ") >= 2 and not name.endswith(("Services", "Hub", "Team")):
                names.add(name[len("Demo "):])
            if not name.endswith(("Services", "Hub", "Team", "Trust")):
                names.add(name)
    return sorted(names)


def names_in(text, names):
    return [name for name in names if re.search(r"\b" + re.escape(name) + r"\b", text)]


def words(day):
    """A day as the reports write it: "2 Sep 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_words(first, last):
    return f"{words(first)} to {words(last)}"


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def full_screenshot(driver, path):
    """The whole page, top to bottom, at the window's width."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    with open(path, "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    return path


def printed(driver, path):
    """The page printed to A4 by Chromium: (number of pages, text, the last page's text), the PDF kept at `path`."""
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True,
                                                     "printBackground": True})
    data = base64.b64decode(pdf["data"])
    with open(path, "wb") as out:
        out.write(data)
    reader = pypdf.PdfReader(io.BytesIO(data))
    texts = [page.extract_text() or "" for page in reader.pages]
    return len(texts), "\n".join(texts), texts[-1] if texts else ""


# Each report table on the page: its id, heading, column headings, rows (label and figures) and chart.
PAGE_TABLES = """
return Array.from(document.querySelectorAll('main section.report-section')).map(function (s) {
  var table = s.querySelector('table'), chart = s.querySelector('svg.chart'), link = null;
  s.querySelectorAll('a').forEach(function (a) { if (a.textContent.indexOf('Download this table as CSV') === 0) link = a; });
  var out = {id: s.id, heading: (s.querySelector('h2') || {}).textContent || '', csv: link ? link.getAttribute('href') : null,
             columns: [], rows: [], chart: null};
  if (table) {
    out.columns = Array.from(table.querySelectorAll('thead th')).map(function (th) { return th.textContent.trim(); });
    out.rows = Array.from(table.querySelectorAll('tbody tr')).map(function (tr) {
      var th = tr.querySelector('th[scope=row]');
      return {label: th ? th.textContent.trim() : null,
              cells: Array.from(tr.querySelectorAll('td')).map(function (td) { return td.textContent.trim(); }),
              shape: Array.from(tr.children).map(function (c) { return c.tagName.toLowerCase() + (c.getAttribute('scope') ? '[' + c.getAttribute('scope') + ']' : ''); }).join(' ')};
    });
  }
  if (chart) {
    var title = chart.querySelector('title'), labelledby = chart.getAttribute('aria-labelledby');
    var named = labelledby ? document.getElementById(labelledby) : null;
    var viewBox = (chart.getAttribute('viewBox') || '0 0 0 0').split(/\\s+/).map(Number);
    var texts = Array.from(chart.querySelectorAll('text')).map(function (t) {
      var b = t.getBBox();
      return {cls: t.getAttribute('class'), text: t.textContent, left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height};
    });
    var box = chart.getBoundingClientRect();
    out.chart = {role: chart.getAttribute('role'), title: title ? title.textContent.trim() : '',
                 name: named ? named.textContent.trim() : (chart.getAttribute('aria-label') || ''),
                 viewWidth: viewBox[2], viewHeight: viewBox[3], texts: texts,
                 left: box.left, right: box.right, width: box.width,
                 bars: Array.from(chart.querySelectorAll('rect')).length};
  }
  return out;
});
"""

# The elements sticking out on the right of the window, for the report.
WIDE_ELEMENTS = """
var out = [], width = window.innerWidth;
document.querySelectorAll('body *').forEach(function (e) {
  var r = e.getBoundingClientRect();
  if (r.right > width + 1 && r.width > 0 && out.length < 4 && !out.some(function (o) { return o.e.contains(e); }))
    out.push({e: e, d: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : '')
                    + ' (right edge ' + Math.round(r.right) + ' px)'});
});
return out.map(function (o) { return o.d; });
"""

# Stacked tables (a phone's width): a figure shown without its column's name cannot be told from the one beside it.
UNNAMED_FIGURES = """
var out = [];
document.querySelectorAll('main table').forEach(function (table, index) {
  var td = table.querySelector('tbody td');
  if (!td || getComputedStyle(td).display !== 'block') return;
  var head = table.querySelector('thead');
  var headShown = head && head.getBoundingClientRect().right > 0 && getComputedStyle(head).position !== 'absolute';
  if (headShown) return;
  table.querySelectorAll('tbody td').forEach(function (cell) {
    var before = getComputedStyle(cell, '::before').content;
    if (!before || before === 'none' || before === 'normal' || before === '""') {
      var section = cell.closest('section');
      out.push((section ? (section.querySelector('h2') || {}).textContent : 'table ' + index) + ': "' + cell.textContent.trim() + '"');
    }
  });
});
return out;
"""

# The CSV of a table as the browser fetches it with its own session.
FETCH = """
var done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {
  return r.text().then(function (body) {
    done({status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), body: body});
  });
}).catch(function (e) { done({error: String(e)}); });
"""


def hyphenated_ids(text):
    """The report's own table ids ("by-category") shown as words."""
    return [table for table in TABLE_IDS if "-" in table and re.search(r"(?<![\w/#-])" + re.escape(table) + r"(?![\w-])", text)]


class ReportChecks:
    def __init__(self, driver, pages, findings, names):
        self.driver = driver
        self.pages = pages
        self.findings = findings
        self.names = names
        self.csv_checked = 0
        self.screenshots = []

    def page(self, name, width, screenshot=None):
        """axe and machine words (PageChecker), then the checks every report page gets at any width; `screenshot`
        names a whole-page screenshot to keep (PageChecker keeps the window's)."""
        driver, check = self.driver, self.findings.expect
        self.pages.check(name, every_impact=True)
        visible = driver.execute_script(VISIBLE_TEXT_OUTSIDE_DETAILS)
        check(not hyphenated_ids(visible), name, f"no table id shown as words, found {hyphenated_ids(visible)}")
        svg_text = " ".join(driver.execute_script(
            "return Array.from(document.querySelectorAll('svg')).map(function (s) { return s.textContent; })"))
        check(not machine_words(svg_text), name, f"no machine word in the charts, found {machine_words(svg_text)}")
        main = driver.execute_script("return document.querySelector('main').textContent + ' ' + document.title")
        check(not names_in(main, self.names), name, f"no demo person named, found {names_in(main, self.names)}")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 1, name, f"no sideways scrolling at {width} px, but the page is {overflow} px wider than the window: "
              f"{driver.execute_script(WIDE_ELEMENTS)}")
        unnamed = driver.execute_script(UNNAMED_FIGURES)
        check(not unnamed, name, f"each figure of a stacked table to keep its column's name at {width} px, but "
              f"{len(unnamed)} show a bare figure, e.g. {unnamed[:3]}")
        if screenshot:
            self.screenshots.append(full_screenshot(driver, os.path.join(self.pages.artifacts, screenshot)))

    def tables(self, name, width):
        """The report's sections, tables and charts; returns {id: table}."""
        driver, check = self.driver, self.findings.expect
        tables = {t["id"]: t for t in driver.execute_script(PAGE_TABLES)}
        for table_id in TABLE_IDS:
            if not check(table_id in tables, name, f"a section.report-section#{table_id}, got {sorted(tables)}"):
                continue
            table = tables[table_id]
            where = f"{name} #{table_id}"
            check(table["heading"].strip(), where, "an h2")
            check(table["rows"], where, "a table with rows")
            check(len(table["columns"]) in (2, 3) and table["columns"][1:2] == ["This period"], where,
                  f"column headings [row heading, 'This period'(, 'The period before')], got {table['columns']}")
            for row in table["rows"]:
                check(row["shape"] in ("th[row] td", "th[row] td td") and len(row["cells"]) == len(table["columns"]) - 1,
                      where, f"rows <th scope=row>label</th><td>…</td>, got {row['shape']!r} for {row['label']!r}")
                small = [cell for cell in row["cells"] if SMALL_COUNT.match(cell)]
                check(not small, where, f"no count from 1 to 4 shown ({row['label']!r} shows {small})")
            expected_csv = f"/reports/{table_id}.csv?"
            check(table["csv"] and table["csv"].startswith(expected_csv), where,
                  f"a link 'Download this table as CSV' to {expected_csv}from=…&to=…, got {table['csv']!r}")
            chart = table["chart"]
            if table_id in CHARTED:
                # A table whose every count is nought or held back has no bars to draw: it says so instead.
                drawable = any(re.fullmatch(r"\d+", r["cells"][0] or "") and int(r["cells"][0]) >= 5 for r in table["rows"] if r["cells"])
                if drawable:
                    check(chart is not None, where, "a bar chart (svg.chart) beside the table")
                else:
                    check(chart is None, where, "no chart when there is no bar to draw, only the words saying so")
            if chart is None:
                continue
            check(chart["role"] == "img", where, f"the chart to be role=img, got {chart['role']!r}")
            check(chart["title"] and chart["name"] and table["heading"] in chart["name"], where,
                  f"the chart named by its <title> (aria-labelledby), naming the table; title {chart['title']!r}, name {chart['name']!r}")
            # The chart draws the table's own figures: each label, then its figure in this period.
            labels = [t["text"] for t in chart["texts"] if t["cls"] == "chart-label"]
            values = [t["text"] for t in chart["texts"] if t["cls"] == "chart-value"]
            rows = [(r["label"], r["cells"][0] if r["cells"] else None) for r in table["rows"]]
            same = len(labels) == len(rows) and all(
                (label == row[0] or (label.endswith("…") and row[0].startswith(label[:-1]))) and value == row[1]
                for label, value, row in zip(labels, values, rows))
            check(same, where, f"the chart to show the table's rows and figures, chart {list(zip(labels, values))}, table {rows}")
            # A glyph's side bearing may reach a unit past the edge ("T" at x=0 starts at -0.875): not a cut.
            cut = [t["text"] for t in chart["texts"] if t["right"] > chart["viewWidth"] + 1.5 or t["left"] < -1.5]
            check(not cut, where, f"no chart label cut at the chart's edge (width {chart['viewWidth']}), cut: {cut}")
            check(chart["left"] >= -0.5 and chart["right"] <= width + 0.5, where,
                  f"the chart inside the window at {width} px, it spans {chart['left']:.0f}–{chart['right']:.0f} px")
        return tables

    def csv_matches(self, name, table, current_words, previous_words):
        """Fetches the table's CSV with the browser's session and compares it with the page's table."""
        check = self.findings.expect
        where = f"{name} {table['id']}.csv"
        answer = self.driver.execute_async_script(FETCH, table["csv"])
        if not check("error" not in answer and answer["status"] == 200, where, f"HTTP 200, got {answer}"):
            return
        check((answer["type"] or "").startswith("text/csv"), where, f"Content-Type text/csv, got {answer['type']!r}")
        check((answer["disposition"] or "").startswith("attachment") and f"{table['id']}" in answer["disposition"]
              and ".csv" in answer["disposition"], where, f"an attachment named after the table, got {answer['disposition']!r}")
        lines = list(csv.reader(io.StringIO(answer["body"])))
        expect(lines, f"{where}: the CSV is empty")
        header = [table["columns"][0], current_words] + (["Before: " + previous_words] if len(table["columns"]) == 3 else [])
        check(lines[0] == header, where, f"the header line {header}, got {lines[0]}")
        page_rows = [[row["label"], *row["cells"]] for row in table["rows"]]
        check(lines[1:] == page_rows, where, f"the same rows as the page's table, CSV {lines[1:]}, page {page_rows}")
        small = [field for line in lines[1:] for field in line[1:] if SMALL_COUNT.match(field)]
        check(not small, where, f"no count from 1 to 4 in the file, found {small}")
        check(not names_in(answer["body"], self.names), where, f"no demo person named, found {names_in(answer['body'], self.names)}")
        self.csv_checked += 1

    def figure(self, tables, table_id, label, column=0):
        for row in tables.get(table_id, {}).get("rows", []):
            if row["label"] == label:
                return row["cells"][column] if len(row["cells"]) > column else None
        return None

    def showing(self):
        """The period the page says it shows, and the one it compares with."""
        text = main_text(self.driver)
        match = re.search(r"Showing (.+?), compared with the period before it \((.+?)\)", text)
        expect(match, f"the page says which period it shows: {text[:400]!r}")
        return match.group(1), match.group(2)

    def choose_period(self, first, last):
        """Types the days into the form's date inputs (as their picker sets them) and presses "Show this period"."""
        fill(self.driver, {"from": first.isoformat(), "to": last.isoformat()})
        go(self.driver, "form.report-period button[type=submit]")


def type_as_text(driver, name, value):
    """What someone types into a date field where the browser has no picker (the input is text there)."""
    element = driver.find_element(By.NAME, name)
    driver.execute_script("arguments[0].type = 'text'; arguments[0].value = '';", element)
    element.send_keys(value)


def error_page(driver, findings, name, fields, typed):
    """A period sent back with mistakes: 400, one focused error summary whose links lead to the fields, each
    message beside its field (aria-invalid, aria-describedby), what was typed given back."""
    check = findings.expect
    check(status_of(driver) == 400, name, f"HTTP 400, got {status_of(driver)}")
    check(driver.title.startswith("Error:"), name, f"a title starting 'Error:', got {driver.title!r}")
    summaries = driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    if not check(len(summaries) == 1, name, f"one error summary, got {len(summaries)}: {main_text(driver)[:300]!r}"):
        return
    check(summaries[0].get_attribute("role") == "alert", name, "the error summary to have role=alert")
    try:
        WebDriverWait(driver, 3).until(lambda d: d.execute_script(
            "var s = document.querySelector('.error-summary'); return !!s && s.contains(document.activeElement)"))
        focused = True
    except Exception:
        focused = False
    check(focused, name, "the error summary to have the keyboard focus, focus is on "
          f"{driver.execute_script('return document.activeElement.outerHTML.slice(0, 120)')!r}")
    links = [a.get_attribute("href").split("#", 1)[-1] for a in summaries[0].find_elements(By.TAG_NAME, "a")]
    check(sorted(links) == sorted(fields), name, f"the summary to link to {fields}, got {links}")
    for field in fields:
        facts = driver.execute_script("""
            var f = document.getElementById(arguments[0]), m = document.getElementById(arguments[0] + '-error');
            if (!f) return null;
            return {message: m ? m.textContent.trim() : null, isMessage: !!m && m.tagName === 'P' && m.classList.contains('error-message'),
                    beside: !!m && m.closest('.field') !== null && m.closest('.field') === f.closest('.field'),
                    invalid: f.getAttribute('aria-invalid'), described: (f.getAttribute('aria-describedby') || '').split(/\\s+/),
                    value: f.getAttribute('value')};""", field)
        if not check(facts, name, f"a field #{field}"):
            continue
        check(facts["isMessage"] and facts["message"] and facts["beside"], name,
              f"a message <p class=error-message id={field}-error> beside #{field}, got {facts}")
        check(facts["invalid"] == "true" and f"{field}-error" in facts["described"], name,
              f"#{field} aria-invalid=true and described by its message, got {facts}")
    for field, value in typed.items():
        kept = driver.execute_script("return document.getElementById(arguments[0]).getAttribute('value')", field)
        check(kept == value, name, f"what was typed in #{field} ({value!r}) given back, got {kept!r}")


def refused(driver, server, findings, role, email, password):
    """Someone whose role is not for reports: no link to them, and each of their addresses answers "not allowed"."""
    sign_in(driver, server.url, email, password)
    if "/induction" in driver.current_url:
        return findings.expect(False, f"refused-{role}", f"{email} to reach the app, not the induction")
    links = driver.find_elements(By.CSS_SELECTOR, "header a[href^='/reports']")
    findings.expect(not links, f"refused-{role}", "no link to the reports in the header")
    for path in ["/reports", "/reports/quarterly", "/reports/by-category.csv"]:
        driver.get(server.url + path)
        status = status_of(driver)
        text = driver.find_element(By.TAG_NAME, "body").text
        findings.expect(status == 403 and "You cannot open this page" in text and "Concerns" not in text,
                        f"refused-{role}", f"{path} refused with 403 'You cannot open this page', got HTTP {status}: {text[:160]!r}")
    driver.get(server.url + "/home")
    sign_out(driver)


def run(binary, artifacts, database):
    server = ConfidantServer(binary, database)
    server.extra_arguments = ["--demo"]
    names = demo_names()
    expect(len(names) >= 40 and "Alfie Demoson" in names and "Demo Morgan Manager" in names,
           f"the demo's names read from its source, got {names}")
    with server:
        accounts = demo_accounts(open(server.log_path).read())
        expect({"manager", "dsl", "deputy_dsl", "staff", "auditor", "admin", "partner"} <= set(accounts),
               f"serve --demo printed an account of each role, got {sorted(accounts)}")
        driver = chromium(DESKTOP, 900)
        pages = PageChecker(driver, os.path.join(artifacts, "reports-" + database))
        findings = Findings(pages)
        checks = ReportChecks(driver, pages, findings, names)
        check = findings.expect
        try:
            # 1. The manager finds the reports in the header; the first view is the last three months.
            sign_in(driver, server.url, *accounts["manager"])
            expect("/sign-in" not in driver.current_url, f"the manager is signed in, at {driver.current_url}")
            check(driver.find_elements(By.CSS_SELECTOR, "header a[href='/reports']"), "manager-home", "a 'Reports' link in the header")
            driver.get(server.url + "/reports")
            check(status_of(driver) == 200, "01-reports", f"HTTP 200, got {status_of(driver)}")
            expect(driver.find_element(By.TAG_NAME, "h1").text == "Reports", "the reports page")
            today = datetime.date.fromisoformat(driver.find_element(By.ID, "to").get_attribute("value"))
            default_first = datetime.date.fromisoformat(driver.find_element(By.ID, "from").get_attribute("value"))
            check((today - default_first).days in range(89, 93), "01-reports",
                  f"the first view to be the last three months, got {default_first} to {today}")
            checks.tables("01-reports", DESKTOP)
            checks.page("01-reports", DESKTOP)

            # 2. The last 120 days, chosen through the form: every concern the demo submitted.
            first = today - datetime.timedelta(days=119)
            checks.choose_period(first, today)
            check(f"from={first.isoformat()}" in driver.current_url and f"to={today.isoformat()}" in driver.current_url,
                  "02-reports-120-days", f"the address to carry the period, got {driver.current_url}")
            current, previous = checks.showing()
            previous_first, previous_last = first - datetime.timedelta(days=120), first - datetime.timedelta(days=1)
            check(current == period_words(first, today), "02-reports-120-days",
                  f"'Showing {period_words(first, today)}', got {current!r}")
            check(previous == period_words(previous_first, previous_last), "02-reports-120-days",
                  f"compared with {period_words(previous_first, previous_last)}, got {previous!r}")
            check(driver.find_element(By.ID, "from").get_attribute("value") == first.isoformat()
                  and driver.find_element(By.ID, "to").get_attribute("value") == today.isoformat(),
                  "02-reports-120-days", "the form to show the period chosen")
            tables = checks.tables("02-reports-120-days", DESKTOP)
            recorded = checks.figure(tables, "policy-in-practice", "Concerns recorded")
            check(recorded == str(DEMO_SUBMITTED), "02-reports-120-days",
                  f"'Concerns recorded' {DEMO_SUBMITTED} for the last 120 days, got {recorded!r}")
            months = [row["label"] for row in tables.get("by-month", {}).get("rows", [])]
            expected_months = []
            month = first.replace(day=1)
            while month <= today:
                expected_months.append(f"{MONTHS[month.month - 1]} {month.year}")
                month = (month + datetime.timedelta(days=32)).replace(day=1)
            check(months == expected_months, "02-reports-120-days", f"a row for each month {expected_months}, got {months}")
            triaged = checks.figure(tables, "triage-outcomes", "Not triaged yet")
            check(triaged == str(DEMO_SUBMITTED - 18), "02-reports-120-days",
                  f"{DEMO_SUBMITTED - 18} concerns not triaged yet (18 of the demo's 27 are), got {triaged!r}")
            for table_id in TABLE_IDS:
                if table_id in tables:
                    check(tables[table_id]["csv"] == f"/reports/{table_id}.csv?from={first.isoformat()}&to={today.isoformat()}",
                          "02-reports-120-days", f"the CSV link of {table_id} to carry the period, got {tables[table_id]['csv']!r}")
                    checks.csv_matches("02-reports-120-days", tables[table_id], current, previous)
            checks.page("02-reports-120-days", DESKTOP, screenshot="reports-desktop.png")

            # 3. Two 60-day halves of it: the later half's "period before" is the earlier half.
            middle = today - datetime.timedelta(days=59)
            checks.choose_period(first, middle - datetime.timedelta(days=1))
            earlier = checks.figure(checks.tables("03-earlier-half", DESKTOP), "policy-in-practice", "Concerns recorded")
            checks.choose_period(middle, today)
            later_tables = checks.tables("03-later-half", DESKTOP)
            current, previous = checks.showing()
            check(current == period_words(middle, today) and previous == period_words(first, middle - datetime.timedelta(days=1)),
                  "03-later-half", f"the later half compared with the earlier one, got {current!r} and {previous!r}")
            later = checks.figure(later_tables, "policy-in-practice", "Concerns recorded")
            before = checks.figure(later_tables, "policy-in-practice", "Concerns recorded", column=1)
            check(before == earlier, "03-later-half", f"the period before to be the earlier half ({earlier!r}), got {before!r}")
            if earlier and later and earlier.isdigit() and later.isdigit():
                check(int(earlier) + int(later) == DEMO_SUBMITTED, "03-later-half",
                      f"the halves to add up to {DEMO_SUBMITTED}, got {earlier} + {later}")
            for table_id in ["by-risk", "shares"]:
                if table_id in later_tables:
                    checks.csv_matches("03-later-half", later_tables[table_id], current, previous)

            # 4. The same at a phone's width.
            checks.choose_period(first, today)
            width = at_width(driver, PHONE)
            expect(width == PHONE, f"the window is {PHONE} px wide, got {width}")
            driver.refresh()
            checks.tables("04-reports-390", PHONE)
            checks.page("04-reports-390", PHONE, screenshot="reports-390.png")
            scale = driver.execute_script(
                "var s = document.querySelector('svg.chart'); if (!s) return null;"
                "var t = s.querySelector('text.chart-label'); return [s.getBoundingClientRect().width / s.viewBox.baseVal.width,"
                " parseFloat(getComputedStyle(t).fontSize), parseFloat(getComputedStyle(document.querySelector('main td')).fontSize)]")
            if scale:
                print(f"at {PHONE} px a chart's labels show at {scale[0] * scale[1]:.1f} px (tables' text: {scale[2]:.0f} px)")
            at_width(driver, DESKTOP)

            # 5. A bad period: two days that are not days, then a last day before the first.
            driver.get(server.url + "/reports")
            type_as_text(driver, "from", "31/02/2026")
            type_as_text(driver, "to", "soon")
            go(driver, "form.report-period button[type=submit]")
            error_page(driver, findings, "05-bad-days", ["from", "to"], {"from": "31/02/2026", "to": "soon"})
            checks.page("05-bad-days", DESKTOP)
            driver.get(server.url + "/reports")
            checks.choose_period(today, today - datetime.timedelta(days=7))
            error_page(driver, findings, "05-ends-before-it-starts", ["to"], {})
            check("on or after the first day" in main_text(driver), "05-ends-before-it-starts",
                  "the message to say the last day must be on or after the first")
            at_width(driver, PHONE)
            driver.refresh()
            checks.page("05-ends-before-it-starts-390", PHONE)
            at_width(driver, DESKTOP)

            # 6. The quarterly report for trustees: the previous calendar quarter, a print button, one or two A4 pages.
            driver.get(server.url + "/reports?from={}&to={}".format(first.isoformat(), today.isoformat()))
            go_link(driver, "The quarterly report for trustees, to print")
            expect("/reports/quarterly" in driver.current_url, f"the quarterly report, at {driver.current_url}")
            check(status_of(driver) == 200, "06-quarterly", f"HTTP 200, got {status_of(driver)}")
            quarter_start_month = (today.month - 1) // 3 * 3 + 1
            this_quarter = today.replace(month=quarter_start_month, day=1)
            quarter_last = this_quarter - datetime.timedelta(days=1)
            quarter_first = quarter_last.replace(month=quarter_last.month - 2, day=1)
            before_last = quarter_first - datetime.timedelta(days=1)
            before_first = before_last.replace(month=before_last.month - 2, day=1)
            lead = driver.find_element(By.CSS_SELECTOR, "main .lead").text
            check(lead.startswith(period_words(quarter_first, quarter_last)), "06-quarterly",
                  f"the previous calendar quarter, {period_words(quarter_first, quarter_last)}, got {lead!r}")
            check(f"compared with {period_words(before_first, before_last)}" in lead, "06-quarterly",
                  f"the quarter compared with the calendar quarter before it, {period_words(before_first, before_last)}, got {lead!r}")
            text = main_text(driver)
            check("Concerns recorded" in text, "06-quarterly", "the number of concerns recorded")
            buttons = driver.find_elements(By.XPATH, "//main//button[normalize-space()='Print this report']")
            if check(buttons, "06-quarterly", "a 'Print this report' button"):
                driver.execute_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
                buttons[0].click()
                check(driver.execute_script("return window.__printed") == 1, "06-quarterly",
                      "'Print this report' to open the browser's print dialogue (window.print)")
            checks.page("06-quarterly", DESKTOP, screenshot="quarterly-desktop.png")
            count, pdf_text, last_page = printed(driver, os.path.join(pages.artifacts, "quarterly.pdf"))
            print(f"quarterly report ({period_words(quarter_first, quarter_last)}) prints on {count} A4 page(s): "
                  f"{os.path.join(pages.artifacts, 'quarterly.pdf')}")
            check(count in (1, 2), "06-quarterly-print", f"one or two A4 pages, got {count}")
            check(count == 1 or not last_page.strip().startswith("Printed on"), "06-quarterly-print",
                  f"a second page only when figures need it, but page {count} holds only the footer: {last_page.strip()!r}")
            check("Concerns recorded" in pdf_text and "Print this report" not in pdf_text, "06-quarterly-print",
                  f"the figures printed without the print button: {pdf_text[:300]!r}")
            check(not names_in(pdf_text, names), "06-quarterly-print", f"no demo person named, found {names_in(pdf_text, names)}")

            # The quarterly report of the 120 days, where every table has figures: still one or two pages.
            driver.get(server.url + f"/reports/quarterly?from={first.isoformat()}&to={today.isoformat()}")
            lead = driver.find_element(By.CSS_SELECTOR, "main .lead").text
            check(lead.startswith(period_words(first, today)), "07-quarterly-120-days",
                  f"the period asked for, {period_words(first, today)}, got {lead!r}")
            check(re.search(rf"Concerns recorded\s+{DEMO_SUBMITTED}\b", main_text(driver)), "07-quarterly-120-days",
                  f"{DEMO_SUBMITTED} concerns recorded: {main_text(driver)[:500]!r}")
            columns = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "main table thead th")]
            check("This quarter" not in columns, "07-quarterly-120-days",
                  f"columns that do not call the {period_words(first, today)} asked for a quarter, got {sorted(set(columns))}")
            checks.page("07-quarterly-120-days", DESKTOP)
            count, pdf_text, last_page = printed(driver, os.path.join(pages.artifacts, "quarterly-120-days.pdf"))
            print(f"quarterly report of the 120 days prints on {count} A4 page(s): {os.path.join(pages.artifacts, 'quarterly-120-days.pdf')}")
            check(count in (1, 2), "07-quarterly-120-days-print", f"one or two A4 pages, got {count}")
            check(count == 1 or not last_page.strip().startswith("Printed on"), "07-quarterly-120-days-print",
                  f"a second page only when figures need it, but page {count} holds only the footer: {last_page.strip()!r}")
            check(not names_in(pdf_text, names), "07-quarterly-120-days-print", f"no demo person named, found {names_in(pdf_text, names)}")
            at_width(driver, PHONE)
            driver.refresh()
            checks.page("07-quarterly-120-days-390", PHONE, screenshot="quarterly-390.png")
            at_width(driver, DESKTOP)
            sign_out(driver)

            # 8. The leads see the same reports; nobody else may open them.
            for role in ["dsl", "deputy_dsl"]:
                sign_in(driver, server.url, *accounts[role])
                driver.get(server.url + "/reports")
                check(status_of(driver) == 200 and driver.find_element(By.TAG_NAME, "h1").text == "Reports", f"08-{role}",
                      f"the reports page, got HTTP {status_of(driver)}")
                sign_out(driver)
            for role in ["staff", "auditor", "admin", "partner"]:
                refused(driver, server, findings, role, *accounts[role])
            sign_in(driver, server.url, *accounts["staff"])
            driver.get(server.url + "/reports")
            pages.check("08-staff-refused", every_impact=True)
        except Exception:
            try:
                driver.save_screenshot(os.path.join(pages.artifacts, "stopped-here.png"))
                with open(os.path.join(pages.artifacts, "stopped-here.html"), "w", encoding="utf-8") as out:
                    out.write(driver.page_source)
            except Exception:
                pass
            raise
        finally:
            driver.quit()

    print(f"reports on {database}: {checks.csv_checked} CSV files compared with their tables")
    for path in checks.screenshots:
        print(f"screenshot: {path}")
    return report(f"reports on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("reports", run)
