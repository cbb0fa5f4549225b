"""Browser test of recording (docs/recording.md): the directory, the concern form on a phone, words kept across a
session that lapsed, acting on a form once, errors beside their fields, a referral decision and the printed
chronology.

Two staff members and a safeguarding lead. Sam records a child (in the directory, since Sam recorded them on their
own) and their parent (a relative, not in the directory). Kit, on a phone (390 px), finds the child in the directory,
sends the concern form empty (an error summary that takes focus, each message beside its field), fills it with the
date and time as a phone's pickers send them, waits while the session lapses (the server runs with
--session-idle-minutes 1), submits: the words are kept, Kit signs in again and finds them back, and submits. The back
button and a second send land on the same concern. In the same idle minute, Sam's own new concern is filled only after
the session lapsed, so no automatic save happened before it: the words kept are the only copy; and a third staff member,
Lee, fills one after the lapse and lets the automatic save be the first to find the session ended before submitting
(the words must still be kept and come back). The lead sends each of
their forms empty, records a referral, and takes the chronology out as a print view and as PDFs (identified and
de-identified), whose entries match. Every form's empty send shows an error summary with focus, never the bare error
page. Every page goes through axe and the machine-words scan; screenshots go to ARTIFACTS_DIR/recording-<database>/.

Checks of what a page says are soft (`Findings.expect`): a wrong word is recorded and the test goes on, so one run
reports every problem; a step the rest depends on fails at once (`expect`).

Usage: python3 tests/browser/test_recording.py PATH/TO/confidant ARTIFACTS_DIR
"""
import io
import os
import re
import sys
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import sign_in as shared_sign_in  # noqa: E402
from confidant_browser import (ConfidantServer, PageChecker, chromium, click, current_code, expect, fetch, fill, go, go_link,  # noqa: E402
                               main_on_each_database, navigate, pypdf_module, report, set_password, sign_out, wait_until_gone,
                               wider_than_screen)

BARE_ERROR = "Something in the request is not right"
CHILD = "Robin Testchild"
PARENT = "Alex Testparent"
# What Kit writes: it names the parent, so that the de-identified PDF has a name to leave out.
KIT_ACCOUNT = f"\"{PARENT} shouts at me at home and I am scared to go back\" (made-up test words)"
KIT_MORE = " \"They said it again on Friday\" (made-up, written after the automatic save)"
KIT_FIELDS = {"conversation_date": "2026-11-20", "conversation_time": "16:30", "place": "The youth club's kitchen",
              "account": KIT_ACCOUNT,
              "limits_how": "Said at the start that I might need to tell the safeguarding lead",
              "actions_taken": "Told the safeguarding lead by phone straight away"}
KIT_CHOICES = ["#disclosed_by-person", "#limits_explained-yes", "#secrecy_requested-no", "#offered-limited",
               "#categories-emotional", "#categories-domestic_abuse", "#risk-significant_harm"]
SAM_ACCOUNT = "\"Someone took my phone and will not give it back\" (made-up test words)"
SAM_FIELDS = {"conversation_date": "2026-11-25", "conversation_time": "09:15", "place": "The car park",
              "account": SAM_ACCOUNT, "limits_how": "Explained before they went on", "actions_taken": "Emailed the lead"}
SAM_CHOICES = ["#disclosed_by-person", "#limits_explained-yes", "#secrecy_requested-no", "#offered-limited",
               "#categories-other", "#risk-concern"]
LEE_FIELDS = {"conversation_date": "2026-11-26", "conversation_time": "18:05", "place": "The minibus",
              "account": "\"Please do not tell anyone\" (made-up test words, written after the session lapsed)",
              "limits_how": "Explained on the way back", "actions_taken": "Told the lead the same evening"}
LEE_CHOICES = ["#disclosed_by-person", "#limits_explained-yes", "#secrecy_requested-yes", "#offered-limited",
               "#categories-neglect", "#risk-concern"]
IDLE_SECONDS = 66  # the server ends a session after 1 minute without a request


class Findings:
    """What a page said wrongly: each becomes a failure of the run (beside axe's) without stopping it."""

    def __init__(self, pages):
        self.pages = pages

    def expect(self, condition, name, expectation):
        if not condition:
            self.pages.failures.append(f"{name}: expected {expectation}")
        return bool(condition)


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def path_of(driver, server):
    return driver.current_url.split(server.url, 1)[-1]


def look(pages, findings, name, phone=False):
    """axe, machine words and a screenshot; never the bare error page; on a phone, nothing wider than the screen."""
    findings.expect(BARE_ERROR not in pages.driver.find_element(By.TAG_NAME, "body").text, name,
                    f"a page that says what to do, not the bare error page {BARE_ERROR!r} (at {pages.driver.current_url})")
    pages.check(name)
    if phone:
        width = pages.driver.execute_script("return document.documentElement.scrollWidth")
        findings.expect(width <= 390, name, f"nothing wider than the 390 px screen, the page is {width} px wide "
                        f"(past the edge: {', '.join(wider_than_screen(pages.driver))})")


def errors_shown(driver, pages, findings, name, fields=(), phone=False):
    """After a form was sent with mistakes: one error summary, focused, whose links each lead to a field on the page;
    a message beside each of `fields` (p.error-message#FIELD-error); never the bare error page."""
    text = driver.find_element(By.TAG_NAME, "body").text
    if not findings.expect(BARE_ERROR not in text, name, f"the form again with its mistakes, not the bare error page "
                           f"{BARE_ERROR!r} (at {driver.current_url}: {main_text(driver)[:200]!r})"):
        pages.check(name)
        return []
    summaries = driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    findings.expect(len(summaries) == 1, name, f"one error summary, got {len(summaries)} at {driver.current_url}")
    links = []
    if summaries:
        summary = summaries[0]
        focused = driver.execute_script(
            "return !!document.activeElement && document.activeElement.classList.contains('error-summary')")
        findings.expect(focused, name, "the error summary to have the focus (document.activeElement), got "
                        + driver.execute_script("return document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : 'none'"))
        findings.expect(summary.get_attribute("tabindex") == "-1", name, "the error summary to have tabindex=-1")
        links = [a.get_attribute("href").split("#", 1)[-1] for a in summary.find_elements(By.CSS_SELECTOR, "a[href*='#']")]
        findings.expect(links, name, "links in the error summary")
        for target in links:
            findings.expect(driver.execute_script("return !!document.getElementById(arguments[0])", target), name,
                            f"the summary's link #{target} to lead to a field on the page")
    for field in fields:
        beside = driver.find_elements(By.CSS_SELECTOR, f"p.error-message#{field}-error")
        findings.expect(len(beside) == 1 and beside[0].is_displayed(), name, f"the message for {field} beside the field")
    look(pages, findings, name, phone)
    return links


def sign_in_here(driver, email, password):
    """Signs in on the sign-in page already open (keeping its `next`)."""
    fill(driver, {"email": email, "password": password})
    go(driver, "main form button[type=submit]")


def choose(driver, choices):
    for css in choices:
        box = driver.find_element(By.CSS_SELECTOR, css)
        if not box.is_selected():
            box.click()


def field_value(driver, name):
    return driver.find_element(By.NAME, name).get_attribute("value")


def capture(driver, css, button=None):
    """What the form `css` sends (its action, and its fields with the one-use token, as the browser would send them)."""
    action, body = driver.execute_script(
        "var f = document.querySelector(arguments[0]);"
        "return [f.getAttribute('action'), new URLSearchParams(new FormData(f)).toString()];", css)
    if button:
        body += "&" + button
    return action, body


def back_and_send_again(driver, sent):
    """The back button, then the same form sent again: the restored form's own button when the page came back as it
    was (the same one-use token), else the very fields it sent before, as a browser resending it would. Returns
    where the back button went and how the form was sent again."""
    action, body = sent
    driver.back()
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
    went = driver.current_url
    once = dict(urllib.parse.parse_qsl(body)).get("_once")
    forms = driver.find_elements(By.CSS_SELECTOR, f"form[action='{action}']")
    restored = [f for f in forms if f.find_elements(By.CSS_SELECTOR, "input[name=_once]")
                and f.find_element(By.CSS_SELECTOR, "input[name=_once]").get_attribute("value") == once]
    page = driver.find_element(By.TAG_NAME, "html")
    if restored:
        buttons = restored[0].find_elements(By.CSS_SELECTOR, "button[value=submit]") or restored[0].find_elements(By.TAG_NAME, "button")
        buttons[0].click()
        how = "the restored page's own form"
    else:
        driver.execute_script(
            "var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
            "new URLSearchParams(arguments[1]).forEach(function (v, k) {"
            "  var i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i); });"
            "document.body.appendChild(f); f.submit();", action, body)
        how = "the fields sent before (the page came back without its form or with a new token)"
    wait_until_gone(driver, page)
    return went, how


def readable(body):
    """An HTML answer's main text, for a message."""
    text = body.decode("utf-8", "replace")
    main = re.search(r"<main.*?</main>", text, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.group(0) if main else text[:300])).strip()


def just_after_tick(origin, every=20.0):
    """Waits until a second or so after a tick of a timer started at `origin` (the form's automatic save), so that
    what follows (typing, then sending) is done well before its next tick."""
    phase = (time.time() - origin) % every
    if not 0.8 <= phase <= 4.0:
        time.sleep((every - phase + 1.0) if phase > 4.0 else (1.0 - phase))


def count_entries(text):
    """A printed chronology's entries: each begins with its time, "YYYY-MM-DD HH:MM:SS" (perhaps "UTC"), then " · "."""
    return len(re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?(?: UTC)?\s*·", text))


def step_up_if_asked(driver, email, password, pages, findings, name):
    """On the step-up page (password and a fresh code), confirm; elsewhere nothing to do."""
    if "/step-up" not in driver.current_url:
        return False
    look(pages, findings, name)
    fields = {"password": password}
    if driver.find_elements(By.NAME, "code"):
        fields["code"] = current_code(email)
    fill(driver, fields)
    go(driver, "main form button[type=submit]")
    return True


def run(binary, artifacts, database):
    server = ConfidantServer(binary, database)
    # A session ends after one idle minute, so that the test can wait for it.
    server.extra_arguments = ["--session-idle-minutes", "1"]
    with server:
        server.command("user", "add", "--name", "Sam Staff", "--email", "sam@example.org", "--role", "staff")
        server.command("user", "add", "--name", "Kit Staff", "--email", "kit@example.org", "--role", "staff")
        server.command("user", "add", "--name", "Lee Staff", "--email", "lee@example.org", "--role", "staff")
        server.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        sam_link = server.link_for("sam@example.org")
        kit_link = server.link_for("kit@example.org")
        lee_link = server.link_for("lee@example.org")
        dana_link = server.link_for("dana@example.org")
        directory = os.path.join(artifacts, "recording-" + database)
        desk = chromium()
        phone = chromium(width=390, height=844)
        lee = chromium()
        lee_pages = PageChecker(lee, directory)
        lee_findings = Findings(lee_pages)
        pages = PageChecker(desk, directory)
        phone_pages = PageChecker(phone, directory)
        findings, phone_findings = Findings(pages), Findings(phone_pages)
        notes = []  # what happened, for the report (notes.txt beside the screenshots)
        try:
            # 1. Sam records the child on their own (so into the directory) and the parent as a relative.
            set_password(desk, sam_link, "seven tall windmills")
            go_link(desk, "People")
            go_link(desk, "Record a new person")
            go(desk, "main form button[type=submit]")
            errors_shown(desk, pages, findings, "01-person-form-empty")
            click(desk, "#kind-child")
            fill(desk, {"name": CHILD, "date_of_birth": "2014-03-27"})
            go(desk, "main form button[type=submit]")
            expect(heading(desk) == CHILD, f"the person's page after saving, got {heading(desk)!r}")
            person_path = path_of(desk, server).split("?")[0]
            person_id = person_path.rsplit("/", 1)[-1]
            # Adding a relative with no name: the page says what is missing (a form like any other).
            go(desk, "form[action$='/links'] button")
            errors_shown(desk, pages, findings, "01-relative-form-empty")
            desk.get(server.url + person_path)
            desk.find_element(By.ID, "link_name").send_keys(PARENT)
            Select(desk.find_element(By.ID, "link_kind")).select_by_value("adult")
            Select(desk.find_element(By.ID, "relationship")).select_by_value("parent_carer")
            go(desk, "form[action$='/links'] button")
            findings.expect(f"{PARENT} (Parent or carer)" in main_text(desk), "01-person", "the parent linked")
            look(pages, findings, "01-person")
            # "Save draft" keeps it and says when.
            go_link(desk, "Record a concern")
            fill(desk, {"place": "The sports hall"})
            go(desk, "button[value=save]")
            findings.expect("saved=1" in desk.current_url and re.search(r"^/concerns/[0-9A-Fa-f-]{36}/edit", path_of(desk, server)),
                            "01-draft-saved", f"/concerns/ID/edit?saved=1 after Save draft, got {desk.current_url}")
            findings.expect("Draft saved at" in main_text(desk), "01-draft-saved", "the notice \"Draft saved at\"")
            findings.expect(field_value(desk, "place") == "The sports hall", "01-draft-saved", "the draft's words in the form")
            look(pages, findings, "01-draft-saved")
            sign_out(desk)

            set_password(lee, lee_link, "bright meadow teapot")

            # 2. Kit, on a phone: home starts with "Record a concern"; the directory finds the child, not the parent.
            set_password(phone, kit_link, "quiet harbour lantern")
            width = phone.execute_script("return window.innerWidth")
            expect(width == 390, f"the phone window is 390 px wide, got {width}")
            phone.get(server.url + "/home")
            first = phone.find_elements(By.CSS_SELECTOR, "main a.button, main button")
            phone_findings.expect(first and first[0].text == "Record a concern", "02-home-390",
                                  f"\"Record a concern\" as the first button on the home page, got {first[0].text if first else None!r}")
            look(phone_pages, phone_findings, "02-home-390", phone=True)
            phone.get(server.url + "/people?q=Robin")
            found = phone.find_element(By.CSS_SELECTOR, "main h2").text
            phone_findings.expect(found == "1 found", "directory-search-390", f"\"1 found\" for Robin, got {found!r}")
            results = phone.find_elements(By.CSS_SELECTOR, "main .card-list a")
            expect(len(results) == 1 and results[0].text == CHILD, f"the child found, got {[r.text for r in results]}")
            look(phone_pages, phone_findings, "directory-search-390", phone=True)
            navigate(phone, results[0])
            text = main_text(phone)
            buttons = [a.text for a in phone.find_elements(By.CSS_SELECTOR, "main a.button")]
            phone_findings.expect(buttons == [f"Record a concern about {CHILD}"], "directory-person-390",
                                  f"only the button \"Record a concern about {CHILD}\", got {buttons!r}")
            for words in ["Chronology", PARENT, "Family and household", "Concern"]:
                phone_findings.expect(words not in text.replace(f"Record a concern about {CHILD}", ""), "directory-person-390",
                                      f"no {words!r} on the directory page")
            phone_findings.expect(not phone.find_elements(By.CSS_SELECTOR, ".timeline"), "directory-person-390", "no chronology")
            look(phone_pages, phone_findings, "directory-person-390", phone=True)
            phone.get(server.url + "/people?q=Testparent")
            found = phone.find_element(By.CSS_SELECTOR, "main h2").text
            phone_findings.expect(found == "0 found" and PARENT not in main_text(phone), "directory-search-parent-390",
                                  f"\"0 found\" for the parent, a relative only, got {found!r}")
            look(phone_pages, phone_findings, "directory-search-parent-390", phone=True)
            phone.get(server.url + "/people/new")
            go(phone, "main form button[type=submit]")
            errors_shown(phone, phone_pages, phone_findings, "02-person-form-empty-390", phone=True)

            # 3. Kit's concern: sent empty, then filled as a phone's pickers fill it.
            phone.get(server.url + person_path)
            navigate(phone, phone.find_element(By.CSS_SELECTOR, "main a.button"))
            form_path = path_of(phone, server)
            expect(form_path.startswith(f"/people/{person_id}/concerns/new"), f"the new-concern form, got {form_path}")
            action = phone.find_element(By.CSS_SELECTOR, "form[data-autosave]").get_attribute("action")
            kit_form = f"/people/{person_id}/concerns/new?draft=" + action.rsplit("draft=", 1)[-1]
            phone_findings.expect(re.search(rf"/people/{person_id}/concerns\?draft=[0-9A-Fa-f-]{{36}}$", action), "concern-form-390",
                                  f"the form posting to /people/ID/concerns?draft=UUID, got {action}")
            go(phone, "button[value=submit]")
            errors_shown(phone, phone_pages, phone_findings, "concern-errors-390",
                         ["conversation_date", "place", "disclosed_by", "limits_explained", "secrecy_requested", "offered",
                          "categories", "risk"], phone=True)
            fill(phone, KIT_FIELDS)
            choose(phone, KIT_CHOICES)
            left = phone.find_element(By.ID, "account-count").text
            phone_findings.expect(left == f"{20000 - len(KIT_ACCOUNT)} characters left", "concern-form-390",
                                  f"\"{20000 - len(KIT_ACCOUNT)} characters left\" under the account, got {left!r}")
            # The screenshot shows the date and time as filled (the summary of the earlier mistakes is above).
            phone.execute_script("document.querySelector('main form fieldset').scrollIntoView()")
            look(phone_pages, phone_findings, "concern-form-390", phone=True)
            # The form saves itself within 20 s of a change; then nothing reaches the server until the session lapses.
            autosaved = WebDriverWait(phone, 30, poll_frequency=0.1).until(
                lambda d: d.find_element(By.CSS_SELECTOR, ".autosave-status").text or False)
            kit_ticks = time.time()  # the form's automatic save runs every 20 s from about now
            phone_findings.expect(autosaved.startswith("Draft saved at"), "concern-form-390", f"the autosave's \"Draft saved at\", got {autosaved!r}")

            # Meanwhile Sam and Lee each open a new concern form and leave it untouched: nothing is saved before the
            # session lapses.
            shared_sign_in(desk, server.url, "sam@example.org", "seven tall windmills")
            desk.get(server.url + f"/people/{person_id}/concerns/new")
            sam_ticks = time.time()
            sam_action = desk.find_element(By.CSS_SELECTOR, "form[data-autosave]").get_attribute("action")
            sam_form = f"/people/{person_id}/concerns/new?draft=" + sam_action.rsplit("draft=", 1)[-1]
            lee.get(server.url + f"/people/{person_id}/concerns/new")
            lee_action = lee.find_element(By.CSS_SELECTOR, "form[data-autosave]").get_attribute("action")
            lee_form = f"/people/{person_id}/concerns/new?draft=" + lee_action.rsplit("draft=", 1)[-1]
            lee_idle_since = time.time()
            time.sleep(max(0.0, max(kit_ticks, sam_ticks, lee_idle_since) + IDLE_SECONDS - time.time()))

            # Lee writes only now; the automatic save is the first to reach the server after the lapse, then Lee submits.
            fill(lee, LEE_FIELDS)
            choose(lee, LEE_CHOICES)

            # Sam writes only now, and submits before the form's next automatic save: the words are the only copy.
            just_after_tick(sam_ticks)
            fill(desk, SAM_FIELDS)
            choose(desk, SAM_CHOICES)
            go(desk, "button[value=submit]")
            notes.append(f"Sam, sent after the lapse: {desk.current_url}")
            findings.expect("/sign-in" in desk.current_url and "kept=1" in desk.current_url, "sam-kept",
                            f"/sign-in?kept=1&next=... after the session lapsed, got {desk.current_url}")
            findings.expect("What you wrote is kept" in main_text(desk), "sam-kept", "the notice \"What you wrote is kept\"")
            look(pages, findings, "sam-kept")
            sign_in_here(desk, "sam@example.org", "seven tall windmills")
            findings.expect(path_of(desk, server) == sam_form, "sam-words-back", f"back on {sam_form}, got {path_of(desk, server)}")
            findings.expect("What you wrote before you were signed out is back" in main_text(desk), "sam-words-back",
                            "the notice \"What you wrote before you were signed out is back\"")
            findings.expect(field_value(desk, "account") == SAM_ACCOUNT and field_value(desk, "conversation_date") == "2026-11-25"
                            and field_value(desk, "conversation_time") == "09:15", "sam-words-back",
                            f"the words, date and time back, got {field_value(desk, 'account')!r}, {field_value(desk, 'conversation_date')!r}, "
                            f"{field_value(desk, 'conversation_time')!r}")
            findings.expect(desk.find_element(By.CSS_SELECTOR, "#risk-concern").is_selected(), "sam-words-back", "the risk chosen back")
            look(pages, findings, "sam-words-back")
            sam_sent = capture(desk, "form[data-autosave]", "action=submit")
            go(desk, "button[value=submit]")
            findings.expect("Submitted and signed" in main_text(desk), "sam-submitted", f"\"Submitted and signed\", got {desk.current_url}")
            sam_concern = path_of(desk, server).split("?")[0]
            # Sent again (the back button), and sent again without its one-use token (a retry by a script): the same concern.
            went_back_to, how = back_and_send_again(desk, sam_sent)
            notes.append(f"Sam's concern: the back button went to {went_back_to}; sent again with {how}; ended on {desk.current_url}")
            findings.expect(path_of(desk, server).split("?")[0] == sam_concern, "sam-sent-again",
                            f"the same concern {sam_concern} after the back button, got {desk.current_url}")
            action, body = sam_sent
            desk.get(server.url + sam_concern)
            page = desk.find_element(By.TAG_NAME, "html")
            desk.execute_script(
                "var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                "new URLSearchParams(arguments[1]).forEach(function (v, k) { if (k === '_once') return;"
                "  var i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i); });"
                "document.body.appendChild(f); f.submit();", action, body)
            wait_until_gone(desk, page)
            findings.expect(path_of(desk, server).split("?")[0] == sam_concern, "sam-sent-again",
                            f"the same concern {sam_concern} after sending {action} again without its token, got {desk.current_url}")
            look(pages, findings, "sam-sent-again")
            sign_out(desk)

            # Lee's automatic save finds the session lapsed: the words are kept and the page itself goes to sign in,
            # so Lee does not type more into a form that can no longer be saved.
            WebDriverWait(lee, 45, poll_frequency=0.2).until(lambda d: "/sign-in" in d.current_url)
            notes.append(f"Lee, after the automatic save found the session lapsed: {lee.current_url}: {main_text(lee)[:120]!r}")
            lee_findings.expect("/sign-in" in lee.current_url and "What you wrote is kept" in main_text(lee), "lee-kept",
                                f"the sign-in page saying \"What you wrote is kept\" once the automatic save found the session "
                                f"lapsed, got {lee.current_url}: {heading(lee)!r} {main_text(lee)[:200]!r}")
            look(lee_pages, lee_findings, "lee-kept")
            if "/sign-in" not in lee.current_url:
                # As the page says: go back, reload, try again (the reload asks to sign in).
                lee.back()
                lee.refresh()
            expect("/sign-in" in lee.current_url, f"Lee on the sign-in page, got {lee.current_url}")
            sign_in_here(lee, "lee@example.org", "bright meadow teapot")
            if not lee.find_elements(By.CSS_SELECTOR, "form[data-autosave]"):
                lee.get(server.url + lee_form)
            back = lee_findings.expect("What you wrote before you were signed out is back" in main_text(lee)
                                       and field_value(lee, "account") == LEE_FIELDS["account"], "lee-words-back",
                                       f"the form with Lee's words and the notice after signing in, got {lee.current_url}: "
                                       f"{field_value(lee, 'account')!r}")
            look(lee_pages, lee_findings, "lee-words-back")
            if not back:
                # Where the words went: the form's own address with its draft's id (which nothing led back to).
                lee.get(server.url + lee_form)
                notes.append(f"Lee's words at {lee_form}, opened by hand: "
                             + ("back, with the notice" if field_value(lee, "account") == LEE_FIELDS["account"] else "not there either"))
                lee_pages.check("lee-words-at-draft-address")
            lee.quit()
            lee = None

            # Kit, idle since the automatic save, comes back, finishes a sentence and submits before the next automatic
            # save: the words are kept, and back after signing in, those written since the automatic save too.
            just_after_tick(kit_ticks)
            phone.find_element(By.ID, "account").send_keys(KIT_MORE)
            go(phone, "button[value=submit]")
            notes.append(f"Kit, sent after the lapse: {phone.current_url}")
            expect("/sign-in" in phone.current_url, f"the sign-in page after the session lapsed, got {phone.current_url}")
            phone_findings.expect("kept=1" in phone.current_url, "kit-kept-390", f"/sign-in?kept=1&next=..., got {phone.current_url}")
            phone_findings.expect("What you wrote is kept" in main_text(phone), "kit-kept-390", "the notice \"What you wrote is kept\"")
            look(phone_pages, phone_findings, "kit-kept-390", phone=True)
            sign_in_here(phone, "kit@example.org", "quiet harbour lantern")
            kit_back = path_of(phone, server)
            expect(phone.find_elements(By.CSS_SELECTOR, "form[data-autosave]"), f"the concern form after signing in, got {kit_back}")
            kit_draft = kit_form.rsplit("draft=", 1)[-1]
            notes.append(f"Kit after signing in again: {kit_back} (the form was {kit_form}, its draft saved automatically before the wait)")
            phone_findings.expect(kit_back in (kit_form, f"/concerns/{kit_draft}/edit"), "kit-words-back-390",
                                  f"the form Kit was writing ({kit_form}, or its draft's /concerns/{kit_draft}/edit), got {kit_back}")
            phone_findings.expect("What you wrote before you were signed out is back" in main_text(phone), "kit-words-back-390",
                                  "the notice \"What you wrote before you were signed out is back\"")
            phone_findings.expect(field_value(phone, "account") == KIT_ACCOUNT + KIT_MORE and field_value(phone, "place") == KIT_FIELDS["place"],
                                  "kit-words-back-390", f"every word back, those written after the automatic save too: "
                                  f"{KIT_ACCOUNT + KIT_MORE!r}, got {field_value(phone, 'account')!r}")
            phone_findings.expect(field_value(phone, "conversation_date") == "2026-11-20" and field_value(phone, "conversation_time") == "16:30",
                                  "kit-words-back-390", f"the date and time back, got {field_value(phone, 'conversation_date')!r} "
                                  f"{field_value(phone, 'conversation_time')!r}")
            phone_findings.expect(all(phone.find_element(By.CSS_SELECTOR, css).is_selected() for css in KIT_CHOICES), "kit-words-back-390",
                                  "every choice back")
            look(phone_pages, phone_findings, "kit-words-back-390", phone=True)
            kit_sent = capture(phone, "form[data-autosave]", "action=submit")
            go(phone, "button[value=submit]")
            expect("Submitted and signed" in main_text(phone), f"Kit's concern submitted, got {phone.current_url}: {main_text(phone)[:200]!r}")
            concern_path = path_of(phone, server).split("?")[0]
            concern_id = concern_path.rsplit("/", 1)[-1]
            look(phone_pages, phone_findings, "kit-submitted-390", phone=True)

            # 4. The back button, and the form sent again: the same concern, never a second.
            went_back_to, how = back_and_send_again(phone, kit_sent)
            notes.append(f"Kit's concern: the back button went to {went_back_to}; sent again with {how}; ended on {phone.current_url}")
            again = path_of(phone, server).split("?")[0]
            phone_findings.expect(again == concern_path and BARE_ERROR not in main_text(phone), "kit-sent-again-390",
                                  f"the same concern {concern_path} after the back button (to {went_back_to}) and sending again, "
                                  f"got {phone.current_url}: {main_text(phone)[:160]!r}")
            look(phone_pages, phone_findings, "kit-sent-again-390", phone=True)
            # The draft's own page, opened again once submitted (a reload after the back button, a bookmark): the record.
            phone.get(server.url + f"/concerns/{concern_id}/edit")
            phone_findings.expect(path_of(phone, server).split("?")[0] == concern_path, "kit-edit-after-submit-390",
                                  f"/concerns/{concern_id}/edit to lead to the submitted concern {concern_path}, as "
                                  f"/people/ID/concerns/new?draft=ID does, got {phone.current_url}: {heading(phone)!r} {main_text(phone)[:160]!r}")
            look(phone_pages, phone_findings, "kit-edit-after-submit-390", phone=True)

            # 5. Kit's other forms, sent empty: sharing, and asking for advice (then a real question for the lead).
            phone.get(server.url + concern_path + "/share")
            go(phone, "button[value=share]")
            errors_shown(phone, phone_pages, phone_findings, "share-form-empty-390", phone=True)
            phone.get(server.url + "/advice")
            go(phone, "form[action='/advice'] button")
            errors_shown(phone, phone_pages, phone_findings, "advice-form-empty-390", phone=True)
            fill(phone, {"question": "A child in my group asked me to keep a secret about home. What should I say? (made-up)"})
            go(phone, "form[action='/advice'] button")
            sign_out(phone)

            # 6. The public page for children can be left quickly.
            phone.get(server.url + "/explain/children")
            exits = phone.find_elements(By.CSS_SELECTOR, "a.quick-exit")
            phone_findings.expect(len(exits) == 1 and exits[0].text == "Leave this page quickly" and exits[0].is_displayed(),
                                  "explain-children-390", "a visible \"Leave this page quickly\" link (a.quick-exit)")
            look(phone_pages, phone_findings, "explain-children-390", phone=True)
            phone.quit()  # a browser fewer while the server's Chromium prints
            phone = None

            # 7. The lead: the concern's forms sent empty, then an addendum (sent twice) and a referral.
            set_password(desk, dana_link, "amber kettle orchard", email="dana@example.org")
            desk.get(server.url + concern_path)
            go(desk, "form[action$='/addenda'] button")
            errors_shown(desk, pages, findings, "addendum-empty", ["addendum"])
            findings.expect(path_of(desk, server).startswith(concern_path) and "Concern about" in heading(desk), "addendum-empty",
                            f"the concern page again, got {desk.current_url}")
            desk.get(server.url + concern_path)
            go(desk, "form[action$='/decision'] button")
            errors_shown(desk, pages, findings, "decision-empty", ["outcome", "reason"])
            desk.get(server.url + concern_path)
            fill(desk, {"text": "Addendum: Kit spoke to Robin again the next day (made-up)"})
            addendum_sent = capture(desk, "form[action$='/addenda']")
            go(desk, "form[action$='/addenda'] button")
            went_back_to, how = back_and_send_again(desk, addendum_sent)
            notes.append(f"The addendum: the back button went to {went_back_to}; sent again with {how}; ended on {desk.current_url}")
            findings.expect(path_of(desk, server).split("?")[0] == concern_path and BARE_ERROR not in main_text(desk), "addendum-sent-twice",
                            f"the concern page after sending the addendum again, got {desk.current_url}")
            desk.get(server.url + concern_path)
            addenda = main_text(desk).count("Kit spoke to Robin again the next day")
            findings.expect(addenda == 1, "addendum-sent-twice", f"one addendum after sending its form twice, got {addenda}")
            click(desk, "#outcome-referred_childrens_social_care")
            fill(desk, {"reason": "Significant harm at home: referred to the MASH (made-up)", "referral_date": "2026-11-21",
                        "referral_reference": "MASH-2026-0042"})
            go(desk, "form[action$='/decision'] button")
            decisions = [p.text for p in desk.find_elements(By.CSS_SELECTOR, ".record-section p:first-child")
                         if "Referred to children's social care" in p.text]
            findings.expect(decisions and "referred on 2026-11-21, reference MASH-2026-0042" in decisions[0], "decision-referral",
                            f"\"referred on 2026-11-21, reference MASH-2026-0042\" in the decision, got {decisions!r}")
            look(pages, findings, "decision-referral")
            desk.get(server.url + "/advice")
            answers = desk.find_elements(By.CSS_SELECTOR, "form[action$='/answer'] button")
            if findings.expect(answers, "advice-answer-empty", "Kit's question on the lead's advice page, with an answer form"):
                navigate(desk, answers[0])
                errors_shown(desk, pages, findings, "advice-answer-empty")

            # The chronology: exactly one concern by Kit (the second send made none), and the ways to take it out.
            desk.get(server.url + person_path)
            entries = desk.find_elements(By.CSS_SELECTOR, ".timeline li")
            for name in ["Kit Staff", "Sam Staff"]:
                concerns = [e.text for e in entries if " · Concern" in e.text and f"recorded by {name}" in e.text]
                findings.expect(len(concerns) == 1, "chronology", f"exactly one concern by {name} (each form sent again made none), "
                                f"got {len(concerns)}: {[e.text for e in entries]!r}")
            links = {a.text: a.get_attribute("href") for a in desk.find_elements(By.CSS_SELECTOR, "main .actions-row a")}
            for label in ["Print the chronology", "Chronology as PDF", "De-identified PDF (to send outside)"]:
                findings.expect(label in links, "chronology", f"the link {label!r}, got {list(links)!r}")
            look(pages, findings, "chronology")

            # 8. The print view (after a step-up if one is due) and the PDFs, fetched with the browser's session.
            go_link(desk, "Print the chronology")
            step_up_if_asked(desk, "dana@example.org", "amber kettle orchard", pages, findings, "step-up")
            expect(path_of(desk, server).startswith(person_path + "/chronology/print"), f"the print view, got {desk.current_url}")
            printed = len(desk.find_elements(By.CSS_SELECTOR, "p.entry-head"))
            findings.expect(printed == len(entries), "chronology-print", f"the print view's {printed} entries to be the page's {len(entries)}")
            pages.check("chronology-print")
            pypdf = pypdf_module()

            def pdf_text(path, name):
                status, location, kind, body = fetch(server, desk, path)
                if status in (302, 303) and location and "/step-up" in location:
                    desk.get(server.url + location)
                    step_up_if_asked(desk, "dana@example.org", "amber kettle orchard", pages, findings, "step-up-" + name)
                    status, location, kind, body = fetch(server, desk, path)
                for _ in range(2):
                    if status != 409:
                        break
                    # The server's Chromium gives up after 30 s; on a busy machine, once more after a pause.
                    notes.append(f"{path}: 409 {readable(body)!r}; trying again")
                    time.sleep(5)
                    status, location, kind, body = fetch(server, desk, path)
                expect(status == 200 and body.startswith(b"%PDF"), f"{path}: a PDF, got {status} {kind} {location} {readable(body)!r}")
                with open(os.path.join(directory, name + ".pdf"), "wb") as out:
                    out.write(body)
                return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(body)).pages)

            identified = pdf_text(person_path + "/chronology/pdf", "chronology")
            findings.expect(count_entries(identified) == printed, "chronology.pdf",
                            f"the PDF's entries ({count_entries(identified)}) to be the print view's {printed}")
            findings.expect(PARENT in identified and CHILD in identified, "chronology.pdf", f"{CHILD} and {PARENT} in the identified PDF")
            deidentified = pdf_text(person_path + "/chronology/pdf?deidentified=1", "chronology-deidentified")
            findings.expect(count_entries(deidentified) == printed, "chronology-deidentified.pdf",
                            f"the de-identified PDF's entries ({count_entries(deidentified)}) to be the print view's {printed}")
            for words in [PARENT, "Testparent", "2014-03-27"]:
                findings.expect(words not in deidentified, "chronology-deidentified.pdf", f"no {words!r} in the de-identified PDF")
            findings.expect(CHILD in deidentified, "chronology-deidentified.pdf", f"{CHILD} named in their own de-identified chronology")

            # Importing the register (empty first): a lead's form like the others.
            desk.get(server.url + "/people/import")
            go(desk, "form[action='/people/import'] button")
            errors_shown(desk, pages, findings, "import-empty")
            fill(desk, {"register": "name,known_as,date_of_birth,group,external_id,kind\n"
                                    "Jordan Testpupil,Jo,2013-05-02,Year 8,R-1001,child\n"})
            go(desk, "form[action='/people/import'] button")
            findings.expect("Imported 1 people: 1 added" in main_text(desk), "import", f"one person added, got {main_text(desk)[:200]!r}")
            look(pages, findings, "import")
            sign_out(desk)

        except Exception:
            # Where it stopped, for whoever reads the report.
            for driver, name in [(desk, "stopped-here"), (phone, "stopped-here-390"), (lee, "stopped-here-lee")]:
                if driver is None:
                    continue
                try:
                    driver.save_screenshot(os.path.join(directory, name + ".png"))
                    with open(os.path.join(directory, name + ".html"), "w", encoding="utf-8") as out:
                        out.write(driver.page_source)
                except Exception:
                    pass
            raise
        finally:
            with open(os.path.join(directory, "notes.txt"), "w", encoding="utf-8") as out:
                out.write("\n".join(notes) + "\n")
            for driver in (desk, phone, lee):
                if driver is not None:
                    driver.quit()
            for other in (phone_pages, lee_pages):
                pages.failures += other.failures
                pages.pages += other.pages

    return report(f"recording on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("recording", run)
