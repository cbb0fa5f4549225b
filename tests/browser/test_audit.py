"""Browser test of the audit log (/audit) and "who has seen this record" (/audit/seen-by), docs/audit.md.

`serve --demo` loads a made-up organisation with about 180 events in its log and shares to a partner agency's
contact. The demo's partner contact signs in and opens the share sent to them. An administrator (here the command
line, as the other tests do) asks for an auditor's account; the demo's safeguarding lead approves the role with a
reason, and the auditor chooses a password through the emailed link (setting up an authenticator when the role
needs one, and meeting the policy induction). The lead, at both widths, follows "Who has seen this share" from the
share and "Who has seen this record" from its concern and from the person's page, and sees the partner's view on
each (and their own opening of the concern).

The auditor, at desktop width (1280 px) and on a phone (390 px):
- opens /audit: 50 events a page, newest first, each row one sentence (<p class="audit-sentence">), its detail
  labelled lines, each with a value; no stored action code (share_viewed, case_read, ...), no id, email addresses
  as written, and no name of a person a record is about (the demo's children, adults and relatives) anywhere in
  the page's text, nor in the CSV or the export;
- searches by what happened ("Share viewed"), by who (the partner's email), by a range of days typed into the date
  inputs, and by both: every row matches, the search is kept in the form, and the rows are exactly those of the
  whole log's CSV that match (so nothing is left out);
- types the pseudonym a row shows ("Child 7F3A") into "Record or account", as an auditor reading the page would;
- pages through the whole log with "Older events" (each page carries on where the last ended, down to event 1)
  and back with "Newest events", also within a search;
- follows "Who has seen this record" from the partner's "viewed a share" event, and from the lead's opening of the
  concern the share was made from, and sees the partner on both, "viewed a share of it";
- presses "Check the whole log now" and reads "The log is complete and unchanged: N events, the last at ...",
  with the last signed checkpoint;
- downloads "these events as CSV" and "the signed export of the whole log" with the browser's session and reads
  their first lines (the CSV's header, the export's checkpoint and event 1), then sees the download in the log.
Every page: axe (WCAG 2.2 AA, every impact), no machine word in the visible text, and at 390 px no sideways
scrolling and the sentence and detail of each row at a readable width. The lead is refused /audit.

Checks are soft: each problem is recorded and the run goes on, so one run lists every problem; a step the rest
depends on fails at once. Screenshots go to ARTIFACTS_DIR/audit-<database>/ (the key ones also as whole pages,
*-full.png, whose paths are printed).

Usage: python3 tests/browser/test_audit.py PATH/TO/confidant ARTIFACTS_DIR
"""
import base64
import csv
import datetime
import io
import json
import os
import re
import sys

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import (Findings, at_width, demo_accounts, status_of, ConfidantServer, PageChecker, chromium, expect, fill, go, go_link,  # noqa: E402
                               main_on_each_database, navigate, report, set_password, sign_in, sign_out)

DESKTOP, PHONE = 1280, 390
AUDITOR, AUDITOR_NAME, AUDITOR_PASSWORD = "aud@example.org", "Aud Auditor", "quiet river teapot"
CSV_HEADER = "Number,When (UTC),What happened,Action,Record or account,Detail"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# A row's "When": "2 Dec 2026, 19:57".
WHEN = re.compile(r"^(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4}), (\d\d):(\d\d)$")
UUID = re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
PSEUDONYM = re.compile(r"\b(?:Child|Adult at risk|Adult) [0-9A-F]{4}\b")
HERE = os.path.dirname(os.path.abspath(__file__))
DEMO_SOURCE = os.path.join(HERE, "..", "..", "Sources", "ConfidantDemo", "DemoOrganisation.swift")


def demo_people():
    """The names of the people the demo's records are about (children, adults at risk, relatives), from its source."""
    text = open(DEMO_SOURCE, encoding="utf-8").read()
    names = sorted(set(re.findall(r"\(\"([A-Z][a-z]+ [A-Z][a-z]+)\", \.(?:child|adult|adultAtRisk)\b", text)))
    expect(len(names) >= 20, f"the demo's people read from {DEMO_SOURCE}, got {names}")
    return names


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def wait_loaded(driver):
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


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

# Each row of the log as the page shows it.
EVENT_ROWS = """
return Array.from(document.querySelectorAll('table.audit-events tbody tr')).map(function (tr) {
  var cells = tr.querySelectorAll('td'), sentence = tr.querySelector('.audit-sentence'), detail = tr.querySelector('.audit-detail');
  var seen = Array.from(tr.querySelectorAll('a')).filter(function (a) { return a.textContent.trim() === 'Who has seen this record'; });
  var box = function (e) { if (!e) return null; var r = e.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width}; };
  return {sequence: cells[0] ? cells[0].innerText.trim() : '', when: cells[1] ? cells[1].innerText.trim() : '',
          sentence: sentence ? sentence.innerText.trim() : null, sentences: tr.querySelectorAll('.audit-sentence').length,
          detail: detail ? Array.from(detail.querySelectorAll('dt')).map(function (dt) {
            return [dt.innerText.trim(), (dt.nextElementSibling || {innerText: ''}).innerText.trim()]; }) : [],
          detailShape: detail ? Array.from(detail.children).every(function (c) {
            return c.tagName === 'DIV' && c.querySelector('dt') && c.querySelector('dd'); }) : true,
          seenBy: seen.length ? seen[0].getAttribute('href') : null,
          sentenceBox: box(sentence), detailBox: box(detail),
          wrapping: detail ? Array.from(detail.querySelectorAll('dd')).map(function (dd) {
            var line = parseFloat(getComputedStyle(dd).lineHeight) || 20;
            return [(dd.previousElementSibling || {innerText: ''}).innerText.trim(), dd.innerText.trim(),
                    Math.round(dd.getBoundingClientRect().height / line)]; }) : []};
});
"""


class AuditWalk:
    """The checks every page of this test gets, and the named screenshots kept."""

    def __init__(self, pages, findings, names):
        self.pages = pages
        self.findings = findings
        self.names = names
        self.shots = []

    def page(self, driver, name, full=False):
        """axe and machine words (PageChecker), the HTTP status, no person's name and no id in the text, and at a
        phone's width no sideways scrolling."""
        self.pages.driver = driver
        wait_loaded(driver)
        width = driver.execute_script("return window.innerWidth")
        status = status_of(driver)
        self.findings.expect(status is None or status < 400, name, f"the page, got HTTP {status} at {driver.current_url}: "
                             f"{driver.find_element(By.TAG_NAME, 'body').text[:200]!r}")
        text = driver.find_element(By.TAG_NAME, "body").text
        named = [n for n in self.names if re.search(r"\b" + re.escape(n) + r"\b", text)]
        self.findings.expect(not named, name, f"no name of a person a record is about in the page, found {named}")
        ids = UUID.findall(text)
        lines = [line[:160] for line in text.split("\n") if UUID.search(line)][:3]
        self.findings.expect(not ids, name, f"no record id in the page's text, found {ids[:3]} in {lines}")
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        if not self.findings.expect(scroll <= width + 1, name, f"no sideways scrolling at {width} px, the page is {scroll} px wide"):
            self.pages.failures[-1] += f"; wider: {driver.execute_script(WIDE_ELEMENTS)}"
        self.pages.check(name, every_impact=True)
        self.shots.append(os.path.join(self.pages.artifacts, name + ".png"))
        if full:
            self.shots.append(full_screenshot(driver, os.path.join(self.pages.artifacts, name + "-full.png")))


def rows_of(driver):
    return driver.execute_script(EVENT_ROWS)


def day_of(when):
    match = WHEN.match(when)
    if not match:
        return None
    return datetime.date(int(match.group(3)), MONTHS.index(match.group(2)) + 1, int(match.group(1)))


def check_rows(findings, name, rows, width, raw_actions):
    """Each row: a number, a time as people write it, one sentence, its detail as labelled lines with a value each; no
    stored code, email addresses as written; at a phone's width the sentence and detail inside the window and not
    squeezed (a value wrapped to fewer than 12 characters a line). One failure for each kind of problem on the page,
    with how many events have it and an example."""
    problems = {}

    def problem(condition, expectation, row, example):
        if not condition:
            problems.setdefault(expectation, []).append(f"event {row['sequence']}: {example}")

    for row in rows:
        problem(row["sequence"].isdigit(), "the event's number in the first column", row, repr(row["sequence"]))
        problem(day_of(row["when"]) is not None, "a time like '2 Dec 2026, 19:57'", row, repr(row["when"]))
        sentence = row["sentence"] or ""
        problem(row["sentences"] == 1 and re.fullmatch(r"[A-Z][^\n]* [a-z][^\n]*[^.\s]\.", sentence) is not None,
                "one sentence (a capital, words, a full stop)", row, repr(sentence))
        problem(row["detailShape"], "the detail as labelled lines (<div><dt>label</dt><dd>value</dd></div>)", row, repr(row["detail"]))
        for label, value in row["detail"]:
            problem(value.strip(), "a value for each labelled line of the detail (\"none\" rather than nothing)", row, f"{label}: {value!r}")
        if " changed the role of " in sentence:
            detail = dict(row["detail"])
            problem(detail.get("From") != detail.get("To"), "a role change to name a different role than before (else no change to log)",
                    row, f"{sentence!r} From: {detail.get('From')!r}, To: {detail.get('To')!r}")
        shown = sentence + " " + " ".join(f"{label} {value}" for label, value in row["detail"])
        codes = [code for code in raw_actions if re.search(r"(?<![\w@./])" + re.escape(code) + r"(?![\w@/])", shown)]
        problem(not codes, "no stored action code in the row", row, f"{codes} in {shown[:120]!r}")
        emails = re.findall(r"\b[\w.+-]*[A-Z][\w.+-]*@[\w.-]+\b", shown)
        problem(not emails, "email addresses as they are written (lower case), not with a capital added", row, repr(emails))
        if width <= PHONE:
            for part, box in (("sentence", row["sentenceBox"]), ("detail", row["detailBox"])):
                if box:
                    problem(box["right"] <= width + 1 and box["width"] >= 0.6 * width,
                            f"the {part} at least {int(0.6 * width)} px wide and inside the window at {width} px", row,
                            f"{int(box['width'])} px wide, right edge {int(box['right'])}")
            for label, value, lines in row["wrapping"]:
                problem(lines <= 1 or len(value) / lines >= 12, f"detail values not squeezed at {width} px (12 or more characters a line)",
                        row, f"{label}: {value!r} on {lines} lines")
    for expectation, where in problems.items():
        findings.expect(False, name, f"{expectation}; {len(where)} of {len(rows)} events are not, e.g. {where[0]}")


def session_of(driver):
    """A requests session holding the browser's cookies (the auditor's session)."""
    session = requests.Session()
    for cookie in driver.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    return session


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


DATE_ENTRY = set()


def type_day(driver, name, day):
    """Types a day into a date input key by key, as someone at a keyboard would (the order the browser's locale
    shows: month, day, year for en-US); if the browser did not take it, sets it as its picker would."""
    element = driver.find_element(By.NAME, name)
    order = driver.execute_script(
        "return new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 10, 24))"
        ".filter(function (p) { return p.type !== 'literal'; }).map(function (p) { return p.type; });")
    parts = {"month": f"{day.month:02d}", "day": f"{day.day:02d}", "year": f"{day.year:04d}"}
    element.send_keys("".join(parts[p] for p in order if p in parts))
    typed = element.get_attribute("value") == day.isoformat()
    DATE_ENTRY.add("typed key by key" if typed else "set as the picker would (typing was not taken)")
    if not typed:
        fill(driver, {name: day.isoformat()})


def search(driver, url, action_label=None, actor=None, target=None, day_from=None, day_to=None):
    """Fills the search form from the page /audit and presses Search."""
    driver.get(url + "/audit")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/audit']")
    if action_label:
        Select(form.find_element(By.NAME, "action")).select_by_visible_text(action_label)
    if actor:
        fill(driver, {"actor": actor})
    if target:
        fill(driver, {"target": target})
    if day_from:
        type_day(driver, "from", day_from)
    if day_to:
        type_day(driver, "to", day_to)
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_loaded(driver)


def complete_induction(driver):
    """The policy induction a new account meets at first sign-in: answers the check of understanding as a person
    would (where an answer is marked wrong, they read why and choose again) and acknowledges."""
    for _ in range(4):
        for fieldset in driver.find_elements(By.CSS_SELECTOR, "main form fieldset"):
            options = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            chosen = [i for i, option in enumerate(options) if option.is_selected()]
            if not chosen:
                driver.execute_script("arguments[0].click()", options[0])
            elif "missed" in (fieldset.get_attribute("class") or ""):
                driver.execute_script("arguments[0].click()", options[(chosen[0] + 1) % len(options)])
        if not driver.find_element(By.ID, "acknowledge").is_selected():
            driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "acknowledge"))
        go(driver, "main form button[type=submit]")
        if "/induction" not in driver.current_url:
            return
    raise AssertionError("the induction's check of understanding was not passed in four tries")


def approve_access(driver, server, name):
    """The lead approves the role an administrator (here the command line) asked for, with a reason."""
    driver.get(server.url + "/access-requests")
    panels = [p for p in driver.find_elements(By.CSS_SELECTOR, "main .panel") if name in p.text]
    expect(panels, f"{name}'s request on /access-requests: {main_text(driver)[:300]!r}")
    panels[0].find_element(By.CSS_SELECTOR, "input[value=approve]").click()
    panels[0].find_element(By.TAG_NAME, "textarea").send_keys("Our external auditor, named in the contract (made-up)")
    navigate(driver, panels[0].find_element(By.TAG_NAME, "button"))
    expect("Approved" in main_text(driver), f"the role approved: {main_text(driver)[:300]!r}")


def viewers_of(driver):
    """The seen-by page's table: [{who, first, last, times, how}]."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('main table tbody tr')).map(function (tr) {
          var c = tr.querySelectorAll('td');
          return {who: c[0].innerText.trim(), first: c[1].innerText.trim(), last: c[2].innerText.trim(),
                  times: c[3].innerText.trim(), how: c[4].innerText.trim()};
        });""")


def check_partner_seen(findings, name, driver, partner, partner_email, via_share):
    """The partner's view of the share is on the seen-by page."""
    expect("/audit/seen-by" in driver.current_url, f"{name}: the seen-by page, got {driver.current_url}")
    heading = driver.find_element(By.TAG_NAME, "h1").text
    findings.expect(heading == "Who has seen this record", name, f"the heading 'Who has seen this record', got {heading!r}")
    viewers = viewers_of(driver)
    mine = [v for v in viewers if v["who"].startswith(partner)]
    if findings.expect(mine, name, f"{partner} among those who have seen it, got {viewers}"):
        viewer = mine[0]
        findings.expect(viewer["who"] == f"{partner} <{partner_email}>", name, f"'{partner} <{partner_email}>', got {viewer['who']!r}")
        findings.expect("viewed a share of it" in viewer["how"], name, f"how: 'viewed a share of it', got {viewer['how']!r}")
        findings.expect(viewer["times"].isdigit() and int(viewer["times"]) >= 1, name, f"how many times, got {viewer['times']!r}")
        findings.expect(day_of(viewer["first"]) and day_of(viewer["last"]), name,
                        f"first and last seen as days and times, got {viewer['first']!r}, {viewer['last']!r}")
    lead = driver.find_element(By.CSS_SELECTOR, "main p.lead").text
    findings.expect(PSEUDONYM.search(lead) is not None, name, f"the record named by its pseudonym in {lead!r}")
    if not via_share:
        findings.expect("count too" in lead, name, f"the page to say views of the records made from it count too, got {lead!r}")
    if lead.startswith("A concern"):
        findings.expect("its concerns" not in lead, name, f"a concern's page to speak of its shares only (a concern has no concerns), got {lead!r}")


def run(binary, artifacts, database):
    directory = os.path.join(artifacts, "audit-" + database)
    names = demo_people()
    server = ConfidantServer(binary, database)
    server.extra_arguments = ["--demo"]
    with server:
        accounts = demo_accounts(open(server.log_path).read())
        expect({"dsl", "partner", "auditor"} <= set(accounts), f"the demo's accounts in the serve log, got {sorted(accounts)}")
        lead_email, lead_password = accounts["dsl"]
        partner_email, partner_password = accounts["partner"]
        partner, lead = "Demo Pat Partner", "Demo Dana Lead"
        driver = chromium(DESKTOP, 900)
        pages = PageChecker(driver, directory)
        findings = Findings(pages)
        walk = AuditWalk(pages, findings, names)
        raw_actions = []
        try:
            # 1. The partner contact opens the share sent to them.
            sign_in(driver, server.url, partner_email, partner_password)
            go_link(driver, "Shared with me")
            shares = driver.find_elements(By.CSS_SELECTOR, "main a[href^='/shares/']")
            expect(shares, f"a share on the partner's 'Shared with me': {main_text(driver)[:300]!r}")
            navigate(driver, shares[0])
            share_id = driver.current_url.split("/shares/", 1)[1].split("?")[0].split("/")[0]
            share_target = "share:" + share_id.lower()
            expect("shared with you" in main_text(driver), f"the partner sees the share: {main_text(driver)[:200]!r}")
            sign_out(driver)

            # 2. An auditor's account is asked for; the lead approves it, and follows who has seen the share.
            server.command("user", "add", "--name", AUDITOR_NAME, "--email", AUDITOR, "--role", "auditor")
            sign_in(driver, server.url, lead_email, lead_password)
            approve_access(driver, server, AUDITOR_NAME)
            auditor_link = server.link_for(AUDITOR)

            driver.get(server.url + "/audit")
            findings.expect(status_of(driver) in (403, 404), "lead-audit", f"the lead refused the auditors' log, got HTTP {status_of(driver)}")
            findings.expect(not driver.find_elements(By.CSS_SELECTOR, "table.audit-events"), "lead-audit", "no events shown to the lead")

            for width in (DESKTOP, PHONE):
                at_width(driver, width)
                driver.get(server.url + "/shares/" + share_id)
                links = driver.find_elements(By.LINK_TEXT, "Who has seen this share")
                if findings.expect(links, f"lead-share-{width}", "a link 'Who has seen this share' on the share's page for the lead"):
                    navigate(driver, links[0])
                    check_partner_seen(findings, f"lead-seen-by-share-{width}", driver, partner, partner_email, via_share=True)
                    walk.page(driver, f"lead-seen-by-share-{width}")
                driver.get(server.url + "/shares/" + share_id)
                back = driver.find_elements(By.LINK_TEXT, "Back to the concern")
                expect(back, f"a link back to the share's concern for the lead who proposed it: {main_text(driver)[:300]!r}")
                navigate(driver, back[0])
                concern_url = driver.current_url.split("?")[0]
                concern_target = "concern:" + concern_url.rsplit("/", 1)[-1].lower()
                links = driver.find_elements(By.LINK_TEXT, "Who has seen this record")
                if findings.expect(links, f"lead-concern-{width}", "a link 'Who has seen this record' on the concern's page"):
                    navigate(driver, links[0])
                    check_partner_seen(findings, f"lead-seen-by-concern-{width}", driver, partner, partner_email, via_share=False)
                    seen_me = [v for v in viewers_of(driver) if v["who"].startswith(lead + " <")]
                    findings.expect(seen_me and "opened it" in seen_me[0]["how"], f"lead-seen-by-concern-{width}",
                                    f"the lead's own opening of the concern listed, got {viewers_of(driver)}")
                    walk.page(driver, f"lead-seen-by-concern-{width}", full=width == PHONE)
                driver.get(concern_url)
                people = [a for a in driver.find_elements(By.CSS_SELECTOR, "main a[href^='/people/']")
                          if re.search(r"/people/[0-9A-Fa-f-]{36}$", a.get_attribute("href"))]
                if findings.expect(people, f"lead-concern-{width}", "a link to the person's page on the concern's page"):
                    navigate(driver, people[0])
                    links = driver.find_elements(By.LINK_TEXT, "Who has seen this record")
                    if findings.expect(links, f"lead-person-{width}", "a link 'Who has seen this record' on the person's page"):
                        navigate(driver, links[0])
                        check_partner_seen(findings, f"lead-seen-by-person-{width}", driver, partner, partner_email, via_share=False)
                        walk.page(driver, f"lead-seen-by-person-{width}")
            at_width(driver, DESKTOP)
            sign_out(driver)

            # 3. The auditor chooses a password (and sets up an authenticator if the role needs one).
            set_password(driver, auditor_link, AUDITOR_PASSWORD, email=AUDITOR)
            if "/induction" in driver.current_url:
                complete_induction(driver)
            expect(driver.current_url.endswith("/home"), f"the auditor at home, got {driver.current_url}")
            driver.get(server.url + "/audit")
            raw_actions = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "select[name=action] option")
                           if o.get_attribute("value")]
            expect("share_viewed" in raw_actions, f"'Share viewed' among the actions to search, got {raw_actions}")
            labels = {o.get_attribute("value"): o.text.strip() for o in driver.find_elements(By.CSS_SELECTOR, "select[name=action] option")}
            session = session_of(driver)
            everything = session.get(server.url + "/audit.csv", timeout=60)
            expect(everything.status_code == 200, f"the whole log as CSV, got HTTP {everything.status_code}")
            log = csv_rows(everything.text)[1:]
            expect(len(log) > 100, f"the demo's log has more than two pages, got {len(log)} events")

            for width in (DESKTOP, PHONE):
                at_width(driver, width)
                tag = "desktop" if width == DESKTOP else str(width)

                # The newest page.
                driver.get(server.url + "/audit")
                rows = rows_of(driver)
                findings.expect(len(rows) == 50, f"audit-{tag}", f"50 events on the first page, got {len(rows)}")
                numbers = [int(r["sequence"]) for r in rows if r["sequence"].isdigit()]
                findings.expect(numbers == sorted(numbers, reverse=True) and len(set(numbers)) == len(numbers), f"audit-{tag}",
                                f"newest first, got {numbers[:8]}...")
                check_rows(findings, f"audit-{tag}", rows, width, raw_actions)
                caption = driver.find_element(By.CSS_SELECTOR, "table.audit-events caption").text
                findings.expect(numbers and caption.startswith(f"Events {numbers[-1]} to {numbers[0]}"), f"audit-{tag}",
                                f"the caption to say which events, got {caption!r}")
                box = driver.execute_script("var r = document.querySelector('table.audit-events caption').getBoundingClientRect();"
                                            "return {width: r.width, height: r.height};")
                findings.expect(box["width"] >= 0.6 * width, f"audit-{tag}", f"the caption ({caption!r}) across the table at {width} px, "
                                f"got {int(box['width'])} px wide and {int(box['height'])} px tall")
                walk.page(driver, f"audit-{tag}", full=True)

                # Paging through the whole log and back.
                seen, page_number = list(numbers), 1
                while driver.find_elements(By.LINK_TEXT, "Older events"):
                    go_link(driver, "Older events")
                    page_number += 1
                    older = [int(r["sequence"]) for r in rows_of(driver) if r["sequence"].isdigit()]
                    findings.expect(older and older[0] == seen[-1] - 1 and older == list(range(older[0], older[0] - len(older), -1)),
                                    f"audit-older-{page_number}-{tag}", f"the next page to carry on from event {seen[-1] - 1}, got {older[:5]}...")
                    findings.expect(len(older) == 50 or not driver.find_elements(By.LINK_TEXT, "Older events"),
                                    f"audit-older-{page_number}-{tag}", f"50 events a page, got {len(older)}")
                    if page_number == 2:
                        check_rows(findings, f"audit-older-{tag}", rows_of(driver), width, raw_actions)
                        walk.page(driver, f"audit-older-{tag}")
                    seen += older
                    if page_number > 20:
                        break
                findings.expect(seen and seen[-1] == 1, f"audit-paging-{tag}", f"the oldest page to end with event 1, got {seen[-3:]}")
                findings.expect(len(seen) == len(set(seen)) and len(seen) >= len(log), f"audit-paging-{tag}",
                                f"every event once across the pages ({len(log)} in the CSV), got {len(seen)} ({len(set(seen))} different)")
                newest = driver.find_elements(By.LINK_TEXT, "Newest events")
                if findings.expect(newest, f"audit-paging-{tag}", "a link 'Newest events' on an older page"):
                    navigate(driver, newest[0])
                    back = [int(r["sequence"]) for r in rows_of(driver) if r["sequence"].isdigit()]
                    findings.expect(back and back[0] >= numbers[0] and "before=" not in driver.current_url, f"audit-paging-{tag}",
                                    f"'Newest events' back to the newest page (from event {numbers[0]} or later), got {back[:3]} at {driver.current_url}")

                # What happened: "Share viewed". The partner's view is there, and every row is a share viewed.
                search(driver, server.url, action_label=labels["share_viewed"])
                rows = rows_of(driver)
                findings.expect(rows, f"audit-share-viewed-{tag}", "events when searching for 'Share viewed'")
                wrong = [r["sentence"] for r in rows if " viewed a share" not in (r["sentence"] or "")]
                findings.expect(not wrong, f"audit-share-viewed-{tag}", f"every row a share viewed, got {wrong[:3]}")
                chosen = Select(driver.find_element(By.NAME, "action")).first_selected_option.text
                findings.expect(chosen == labels["share_viewed"], f"audit-share-viewed-{tag}", f"the search kept in the form, got {chosen!r}")
                expected = [r for r in log if r[3] == labels["share_viewed"]]
                findings.expect(len(rows) == min(len(expected), 50), f"audit-share-viewed-{tag}",
                                f"the {len(expected)} share views of the whole log's CSV, got {len(rows)}")
                mine = [r for r in rows if (r["sentence"] or "").startswith(partner + " viewed a share about ")]
                expect(mine, f"the partner's view of the share in the log: {[r['sentence'] for r in rows]}")
                findings.expect(mine[0]["seenBy"] == f"/audit/seen-by?target={share_target}", f"audit-share-viewed-{tag}",
                                f"the link 'Who has seen this record' to the share, got {mine[0]['seenBy']!r}")
                check_rows(findings, f"audit-share-viewed-{tag}", rows, width, raw_actions)
                walk.page(driver, f"audit-share-viewed-{tag}")
                pseudonym = PSEUDONYM.search(mine[0]["sentence"]).group(0)

                # The CSV of this search.
                csv_link = driver.find_element(By.LINK_TEXT, "Download these events as CSV").get_attribute("href")
                findings.expect("action=share_viewed" in csv_link, f"audit-csv-{tag}", f"the CSV link to carry the search, got {csv_link}")
                answer = session_of(driver).get(csv_link, timeout=60)
                lines = answer.text.split("\r\n")
                findings.expect(answer.status_code == 200 and answer.headers.get("content-type", "").startswith("text/csv"),
                                f"audit-csv-{tag}", f"a CSV, got HTTP {answer.status_code} {answer.headers.get('content-type')}")
                findings.expect("attachment" in answer.headers.get("content-disposition", ""), f"audit-csv-{tag}",
                                f"the CSV as a download, got {answer.headers.get('content-disposition')!r}")
                findings.expect(lines[0] == CSV_HEADER, f"audit-csv-{tag}", f"the first line {CSV_HEADER!r}, got {lines[0]!r}")
                table = csv_rows(answer.text)[1:]
                findings.expect(table and all(r[3] == labels["share_viewed"] for r in table) and len(table) == len(expected),
                                f"audit-csv-{tag}", f"the {len(expected)} share views, got {[r[3] for r in table]}")
                if table:
                    findings.expect(table[0][0] == mine[0]["sequence"] or int(table[0][0]) >= int(rows[0]["sequence"]), f"audit-csv-{tag}",
                                    f"the CSV newest first, as the page, got {table[0][:3]}")
                    findings.expect(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", table[0][1]) is not None, f"audit-csv-{tag}",
                                    f"the time in UTC (ISO 8601), got {table[0][1]!r}")
                named = [n for n in names if n in answer.text]
                findings.expect(not named, f"audit-csv-{tag}", f"no person's name in the CSV, found {named}")

                # Who: the partner's email.
                search(driver, server.url, actor=partner_email)
                rows = rows_of(driver)
                wrong = [r["sentence"] for r in rows if not (r["sentence"] or "").startswith(partner + " ")]
                findings.expect(rows and not wrong, f"audit-who-{tag}", f"only what {partner} did, got {wrong[:3]} ({len(rows)} rows)")
                findings.expect(driver.find_element(By.NAME, "actor").get_attribute("value") == partner_email, f"audit-who-{tag}",
                                "the email kept in the form")
                walk.page(driver, f"audit-who-{tag}")

                # A range of days typed in, and the same with "Share viewed".
                days = sorted({datetime.date.fromisoformat(r[1][:10]) for r in log})
                day_from, day_to = (days[len(days) // 3], days[2 * len(days) // 3]) if len(days) >= 3 else (days[0], days[-1])
                in_range = [r for r in log if day_from <= datetime.date.fromisoformat(r[1][:10]) <= day_to]
                search(driver, server.url, day_from=day_from, day_to=day_to)
                rows = rows_of(driver)
                outside = [r["when"] for r in rows if not (day_of(r["when"]) and day_from <= day_of(r["when"]) <= day_to)]
                findings.expect(rows and not outside, f"audit-days-{tag}",
                                f"only events from {day_from} to {day_to}, got {outside[:3]} ({len(rows)} rows)")
                findings.expect(sorted(int(r["sequence"]) for r in rows) == sorted(int(r[0]) for r in in_range)[-50:],
                                f"audit-days-{tag}", f"the {len(in_range)} events of those days in the whole log, got {len(rows)}")
                kept = [driver.execute_script("return arguments[0].getAttribute('value')", driver.find_element(By.NAME, n)) for n in ("from", "to")]
                findings.expect(kept == [day_from.isoformat(), day_to.isoformat()], f"audit-days-{tag}",
                                f"the days kept in the form, got {kept}")
                check_rows(findings, f"audit-days-{tag}", rows, width, raw_actions)
                walk.page(driver, f"audit-days-{tag}")

                today = datetime.datetime.now(datetime.timezone.utc).date()
                search(driver, server.url, action_label=labels["share_viewed"], day_from=today - datetime.timedelta(days=1), day_to=today)
                rows = rows_of(driver)
                findings.expect(any((r["sentence"] or "").startswith(partner + " viewed") for r in rows) and
                                all(" viewed a share" in (r["sentence"] or "") for r in rows), f"audit-share-viewed-today-{tag}",
                                f"today's share views, the partner's among them, got {[r['sentence'] for r in rows][:3]}")

                # Paging within a search keeps the search.
                search(driver, server.url, action_label=labels["record_created"])
                first = rows_of(driver)
                older = driver.find_elements(By.LINK_TEXT, "Older events")
                if len([r for r in log if r[3] == labels["record_created"]]) > 50 and findings.expect(
                        older, f"audit-search-paging-{tag}", "'Older events' when more than 50 events match"):
                    findings.expect("action=record_created" in older[0].get_attribute("href"), f"audit-search-paging-{tag}",
                                    f"the search kept on the next page's link, got {older[0].get_attribute('href')}")
                    navigate(driver, older[0])
                    second = rows_of(driver)
                    wrong = [r["sentence"] for r in second if " recorded " not in (r["sentence"] or "")]
                    findings.expect(second and not wrong and int(second[0]["sequence"]) < int(first[-1]["sequence"]),
                                    f"audit-search-paging-{tag}", f"older records created only, got {wrong[:3]}")

                # "Record or account", with the pseudonym a row shows, as an auditor reading the page would type it.
                search(driver, server.url, target=pseudonym)
                rows = rows_of(driver)
                findings.expect(rows and all(pseudonym in (r["sentence"] or "") for r in rows), f"audit-record-{tag}",
                                f"typing '{pseudonym}' (as the log names the record) into 'Record or account' to find its events, "
                                f"got {len(rows)} rows ({driver.find_element(By.CSS_SELECTOR, 'table.audit-events caption').text!r})")

                # Who has seen the share the partner opened, from the log.
                search(driver, server.url, action_label=labels["share_viewed"])
                row = [r for r in driver.find_elements(By.CSS_SELECTOR, "table.audit-events tbody tr")
                       if r.find_element(By.CSS_SELECTOR, ".audit-sentence").text.startswith(partner + " viewed")][0]
                navigate(driver, row.find_element(By.LINK_TEXT, "Who has seen this record"))
                check_partner_seen(findings, f"seen-by-share-{tag}", driver, partner, partner_email, via_share=True)
                walk.page(driver, f"seen-by-share-{tag}", full=True)

                # Who has seen the concern the share was made from, from the lead's opening of it: the partner's view counts.
                search(driver, server.url, actor=lead_email)
                concern_rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "table.audit-events tbody tr")
                                if r.find_elements(By.CSS_SELECTOR, f"a[href='/audit/seen-by?target={concern_target}']")]
                if findings.expect(concern_rows, f"audit-concern-{tag}", f"the lead's opening of the share's concern among the lead's events"):
                    sentence = concern_rows[0].find_element(By.CSS_SELECTOR, ".audit-sentence").text
                    findings.expect(sentence.startswith(f"{lead} opened a concern about {pseudonym}"), f"audit-concern-{tag}",
                                    f"'{lead} opened a concern about {pseudonym}.', got {sentence!r}")
                    navigate(driver, concern_rows[0].find_element(By.LINK_TEXT, "Who has seen this record"))
                    check_partner_seen(findings, f"seen-by-concern-{tag}", driver, partner, partner_email, via_share=False)
                    walk.page(driver, f"seen-by-concern-{tag}")

                # The share's own events, found by the record the seen-by link names; they say which concern it came from.
                search(driver, server.url, target=share_target)
                details = [v for r in rows_of(driver) for label, v in r["detail"] if label == "Concern"]
                findings.expect(rows_of(driver), f"audit-record-raw-{tag}", f"the share's events when searching for {share_target}")
                findings.expect(details and PSEUDONYM.search(details[0]), f"audit-record-raw-{tag}",
                                f"the share's events to name the concern it came from by its pseudonym, got {details}")

                # The integrity check.
                driver.get(server.url + "/audit")
                go(driver, "form[action='/audit/verify'] button")
                verdict = driver.find_elements(By.CSS_SELECTOR, "main [role=status]")
                text = verdict[0].text if verdict else ""
                match = re.search(r"The log is complete and unchanged: (\d+) events, the last at (\d{1,2} \w{3} \d{4}, \d\d:\d\d)\. "
                                  r"Last signed checkpoint: (\d{1,2} \w{3} \d{4}, \d\d:\d\d), covering (\d+) events\.", text)
                if findings.expect(match, f"audit-verified-{tag}", f"'The log is complete and unchanged: N events, the last at ... "
                                   f"Last signed checkpoint: ..., covering M events.', got {text!r}"):
                    count, covered = int(match.group(1)), int(match.group(4))
                    size = int(re.search(r"The log holds (\d+) events", main_text(driver)).group(1))
                    findings.expect(numbers[0] <= count <= size and covered <= count, f"audit-verified-{tag}",
                                    f"the count to be the log's ({numbers[0]} to {size}), the checkpoint's at most that, got {count}, {covered}")
                    findings.expect(day_of(match.group(2)) == today, f"audit-verified-{tag}", f"the last event today, got {match.group(2)!r}")
                rows = rows_of(driver)
                findings.expect(len(rows) == 50, f"audit-verified-{tag}", f"the log still shown under the answer, got {len(rows)} rows")
                walk.page(driver, f"audit-verified-{tag}")

                # The signed export of the whole log, and its own event.
                export_link = driver.find_element(By.LINK_TEXT, "Download the signed export of the whole log").get_attribute("href")
                answer = session_of(driver).get(export_link, timeout=120)
                lines = [line for line in answer.text.split("\n") if line]
                findings.expect(answer.status_code == 200 and "jsonl" in answer.headers.get("content-type", ""), f"audit-export-{tag}",
                                f"JSON Lines, got HTTP {answer.status_code} {answer.headers.get('content-type')}")
                findings.expect("attachment" in answer.headers.get("content-disposition", ""), f"audit-export-{tag}",
                                f"the export as a download, got {answer.headers.get('content-disposition')!r}")
                try:
                    records = [json.loads(line) for line in lines]
                except ValueError as error:
                    records = []
                    findings.expect(False, f"audit-export-{tag}", f"one JSON object a line, got {error}: {lines[:1]}")
                if records:
                    first_line = records[0]
                    findings.expect(first_line.get("type") == "checkpoint" and first_line.get("note", "").startswith("confidant audit log\n"),
                                    f"audit-export-{tag}", f"a signed checkpoint first, got {lines[0][:120]!r}")
                    events = [r for r in records if r.get("type") == "event"]
                    checkpoints = [i for i, r in enumerate(records) if r.get("type") == "checkpoint"]
                    findings.expect(checkpoints == list(range(len(checkpoints))), f"audit-export-{tag}", "every checkpoint before the events")
                    findings.expect(events and events[0].get("sequence") == 1 and events[0].get("previous_hash") == "0" * 64,
                                    f"audit-export-{tag}", f"event 1 first, chained from zero, got {json.dumps(events[0])[:160] if events else None}")
                    findings.expect([e.get("sequence") for e in events] == list(range(1, len(events) + 1)) and len(events) >= len(log),
                                    f"audit-export-{tag}", f"every event once in order ({len(log)} or more), got {len(events)}")
                    findings.expect(all(set(e) >= {"time", "time_utc", "actor", "action", "target", "detail", "previous_hash", "hash"}
                                        for e in events), f"audit-export-{tag}", "each event with its time, actor, action, target, detail and hashes")
                    named = [n for n in names if n in answer.text]
                    findings.expect(not named, f"audit-export-{tag}", f"no person's name in the export, found {named}")
                driver.get(server.url + "/audit")
                top = rows_of(driver)[:5]
                exported = [r for r in top if (r["sentence"] or "").startswith(AUDITOR_NAME + " exported")]
                if findings.expect(exported, f"audit-after-export-{tag}", f"the download in the log, got {[r['sentence'] for r in top]}"):
                    findings.expect(exported[0]["sentence"] == f"{AUDITOR_NAME} exported the audit log.", f"audit-after-export-{tag}",
                                    f"'{AUDITOR_NAME} exported the audit log.', got {exported[0]['sentence']!r}")
            at_width(driver, DESKTOP)
        except Exception:
            try:
                os.makedirs(directory, exist_ok=True)
                driver.save_screenshot(os.path.join(directory, "stopped-here.png"))
                with open(os.path.join(directory, "stopped-here.html"), "w", encoding="utf-8") as out:
                    out.write(driver.page_source)
            except Exception:
                pass
            raise
        finally:
            driver.quit()

    print(f"audit on {database}: days in the search form {' and '.join(sorted(DATE_ENTRY)) or 'not entered'}; screenshots")
    for shot in walk.shots:
        if any(key in shot for key in ("audit-desktop", "audit-390", "seen-by-share", "lead-seen-by-concern")):
            print("  " + shot)
    return report(f"audit on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("audit", run)
