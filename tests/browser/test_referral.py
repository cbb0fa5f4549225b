"""Browser test of a referral to the police (docs/sharing.md), from the record to the partner's screen.

A safeguarding lead registers the police and a contact who has no account; a staff member records a
child, their parent and a significant-harm concern; the lead adds a correction; the staff member
proposes an identified share without consent, which waits for a lead; a deputy lead finds it in the
approval queue and approves it with a reason (an empty reason is refused beside the field); the
contact is emailed a link that names nobody, asks for a one-time code and reads the referral, the
correction and whom to call; one inform task is open for the child; then a de-identified share for
advice goes at once and names nobody. Every page goes through axe and the machine-words scan;
screenshots go to ARTIFACTS_DIR/referral-<database>/, the partner's view and the approval queue also
at 390 px wide (suffix -390).

Checks of what a page says are soft (`Findings.expect`): a wrong word is recorded and the test goes on,
so one run reports every problem; a step the rest depends on fails at once (`expect`).

Usage: python3 tests/browser/test_referral.py PATH/TO/confidant ARTIFACTS_DIR
"""
import os
import re
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import sign_in as shared_sign_in  # noqa: E402
from confidant_browser import ConfidantServer, PageChecker, chromium, click, expect, fill, go, go_link, main_on_each_database, navigate, report, set_password, sign_out  # noqa: E402

ORGANISATION = ["--organisation-name", "Fictional Youth Trust", "--safeguarding-phone", "01632 960 222",
                "--safeguarding-email", "safeguarding@example.org"]
POLICE = "Officer Quinn Test, Fictional County Police (Police)"
# Words that identify the child: none may leave in an email, nor in a de-identified share.
IDENTIFYING = ["Robin", "Testchild", "Acacia", "27 March 2014", "2014-03-27", "Alex", "Testparent", "Testtown Juniors"]
# The organisation's own working words, for its staff only: a partner never reads them.
INTERNAL = ["review with", "What must happen", "Inform the person"]


class Findings:
    """What a page said wrongly: each becomes a failure of the run (beside axe's) without stopping it.
    `name` is the page's screenshot name (NAME.png in the artifacts), or "email"."""

    def __init__(self, pages):
        self.pages = pages

    def expect(self, condition, name, expectation):
        if not condition:
            self.pages.failures.append(f"{name}: expected {expectation}")


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def sign_in(driver, server, email, password):
    shared_sign_in(driver, server.url, email, password)


def approve_access(driver, server, pages, name):
    """The DSL approves the role an administrator (here the command line) asked for, with a reason."""
    driver.get(server.url + "/access-requests")
    panel = [p for p in driver.find_elements(By.CSS_SELECTOR, "main .panel") if name in p.text][0]
    panel.find_element(By.CSS_SELECTOR, "input[value=approve]").click()
    panel.find_element(By.TAG_NAME, "textarea").send_keys("Deputy safeguarding lead, named in the policy")
    pages.check("00-access-request")
    navigate(driver, panel.find_element(By.TAG_NAME, "button"))
    expect("Approved" in main_text(driver), "the role was approved")


def tick(driver, css):
    """Ticks a checkbox or chooses a radio button, leaving one already ticked as it is."""
    box = driver.find_element(By.CSS_SELECTOR, css)
    if not box.is_selected():
        box.click()


def untick(driver, css):
    box = driver.find_element(By.CSS_SELECTOR, css)
    if box.is_selected():
        box.click()


def checked(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css).is_selected()


def at_390(driver, pages, name):
    """The current page again at a phone's width (390 CSS px), checked and kept as NAME-390; then back to desktop."""
    driver.set_window_size(390, 844)
    width = driver.execute_script("return window.innerWidth")
    expect(width == 390, f"the window is 390 px wide for {name}, got {width}")
    pages.check(name + "-390")
    overflow = driver.execute_script("return document.documentElement.scrollWidth")
    if overflow > 390:
        pages.failures.append(f"{name}-390: the page is {overflow} px wide at 390 px: it scrolls sideways")
    driver.set_window_size(1280, 900)


def keep_text(pages, name, driver):
    """Keeps the page's main text beside its screenshot (NAME.txt), as evidence of what a reader saw."""
    with open(os.path.join(pages.artifacts, name + ".txt"), "w", encoding="utf-8") as out:
        out.write(main_text(driver))


def scroll_to_heading(driver, title):
    """Brings the h2 `title` to the top of the window, so that the screenshot shows what follows it."""
    for h2 in driver.find_elements(By.TAG_NAME, "h2"):
        if h2.text == title:
            driver.execute_script("arguments[0].scrollIntoView()", h2)


def section_after(text, title):
    """The page's text after the heading `title` (everything when it is missing, so that checks stay strict)."""
    return text.split(title, 1)[-1]


def shared_link(message):
    """The link to a share's code page in a "Something has been shared with you" email."""
    match = re.search(r"(http://\S+/shares/[0-9A-Fa-f-]{36}/code)", message["body"])
    expect(match is not None, f"no /shares/<id>/code link in: {message['body']}")
    return match.group(1)


def open_with_code(driver, server, pages, link, name):
    """As a contact with no account: open the emailed link, ask for a code, type it in; the share opens."""
    driver.get(link)
    expect("Email me a code" in main_text(driver), f"the code page offers a code, got {main_text(driver)!r}")
    # The page says who shared it: the organisation named by `serve --organisation-name`.
    Findings(pages).expect("Fictional Youth Trust shared" in main_text(driver), name + "-code",
                           f"the organisation's name on the code page, got {main_text(driver)!r}")
    pages.check(name + "-code")
    go(driver, "form[action$='/code'] button")
    expect("We have emailed a code" in main_text(driver), "the page says a code was emailed")
    pages.check(name + "-code-sent")
    message = server.mail.wait_for("quinn@example.org", "one-time code")
    code = re.search(r"\b(\d{8})\b", message["body"])
    expect(code is not None, f"an 8-digit code in: {message['body']}")
    fill(driver, {"code": code.group(1)})
    go(driver, "form[action$='/code/open'] button")
    return message


def run(binary, artifacts, database):
    server = ConfidantServer(binary, database)
    # The organisation's name and safeguarding line, given to every recipient in "Who to contact".
    server.extra_arguments = ORGANISATION
    with server:
        server.command("user", "add", "--name", "Sam Staff", "--email", "sam@example.org", "--role", "staff")
        server.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        # A deputy lead reads cases: their account waits for the DSL's approval.
        server.command("user", "add", "--name", "Dee Deputy", "--email", "dee@example.org", "--role", "deputy_dsl")
        staff_link = server.link_for("sam@example.org")
        lead_link = server.link_for("dana@example.org")
        driver = chromium()
        partner = partner_pages = None
        pages = PageChecker(driver, os.path.join(artifacts, "referral-" + database))
        findings = Findings(pages)
        try:
            # 1-2. The lead approves the deputy, then registers the police and a contact with no account.
            set_password(driver, lead_link, "amber kettle orchard", email="dana@example.org")
            pages.check("00-dsl-home-first-sign-in")
            approve_access(driver, server, pages, "Dee Deputy")
            deputy_link = server.link_for("dee@example.org")
            go_link(driver, "Partner agencies")
            fill(driver, {"name": "Fictional County Police", "agreement_reference": "ISA-2026-POL-01",
                          "agreement_review_date": "2027-06-30"})
            click(driver, "#type-police")
            go(driver, "form[action='/agencies'] button")
            fill(driver, {"name": "Officer Quinn Test", "email": "quinn@example.org"})
            go(driver, "form[action$='/contacts'] button")
            pages.check("01-agencies")
            text = main_text(driver)
            findings.expect("Officer Quinn Test" in text and "quinn@example.org" in text, "01-agencies", "the contact to be listed")
            findings.expect("has a partner account" not in text, "01-agencies", "the contact to have no account")
            sign_out(driver)

            # 3. Staff record the child, their parent, and a significant-harm concern.
            set_password(driver, staff_link, "seven tall windmills")
            go_link(driver, "People")
            go_link(driver, "Record a new person")
            click(driver, "#kind-child")
            fill(driver, {"name": "Robin Testchild", "date_of_birth": "2014-03-27",
                          "address": "12 Acacia Road, Testtown, TT1 2AB", "school_or_club": "Testtown Juniors Football Club"})
            pages.check("02-person-form")
            go(driver, "main form button[type=submit]")
            expect(heading(driver) == "Robin Testchild", f"the person's page, got {heading(driver)!r}")
            # Only what was given is shown: no "known as" nor empty contact and identifiers.
            lead = driver.find_element(By.CSS_SELECTOR, "main .lead").text
            findings.expect("known as" not in lead, "02-person", f"no 'known as' when none was given, got {lead!r}")
            details = [dt.text for dt in driver.find_elements(By.CSS_SELECTOR, "main dl dt")]
            findings.expect(details == ["Address", "School, college or club"], "02-person",
                            f"only the details given (address, school or club), got {details!r}")
            driver.find_element(By.ID, "link_name").send_keys("Alex Testparent")
            Select(driver.find_element(By.ID, "link_kind")).select_by_value("adult")
            Select(driver.find_element(By.ID, "relationship")).select_by_value("parent_carer")
            go(driver, "form[action$='/links'] button")
            findings.expect("Alex Testparent (Parent or carer)" in main_text(driver), "02-person", "the parent to be linked")
            pages.check("02-person")
            go_link(driver, "Record a concern")
            fill(driver, {"conversation_date": "2026-11-20", "conversation_time": "16:20", "place": "The club's changing room",
                          "account": "Robin said their left arm was hurt at home (made-up test words)",
                          "limits_how": "Said at the start I might need to tell the safeguarding lead",
                          "actions_taken": "Phoned the safeguarding lead"})
            for css in ["#disclosed_by-person", "#limits_explained-yes", "#secrecy_requested-no", "#offered-limited",
                        "#categories-physical", "#risk-significant_harm"]:
                click(driver, css)
            pages.check("03-concern-form")
            go(driver, "button[value=submit]")
            concern_url = driver.current_url.split("?")[0]
            pages.check("03-concern")
            sign_out(driver)

            # 4. The lead finds it in triage and adds a correction.
            sign_in(driver, server, "dana@example.org", "amber kettle orchard")
            go_link(driver, "Triage")
            pages.check("04-triage")
            go_link(driver, "Robin Testchild")
            fill(driver, {"text": "Correction: it was the right arm, not the left (made-up)"})
            go(driver, "form[action$='/addenda'] button")
            findings.expect("Correction: it was the right arm" in main_text(driver), "04-addendum", "the addendum on the concern")
            pages.check("04-addendum")
            sign_out(driver)

            # 5. Staff propose an identified share to the police, without consent: the engine escalates it.
            # (The engine never escalates a lead's own share, which is why staff propose it.)
            sign_in(driver, server, "sam@example.org", "seven tall windmills")
            driver.get(concern_url)
            go_link(driver, "Share information, or see whom it was shared with")
            pages.check("05-share-form")
            # Nothing about the person is chosen for the sharer; corrections and whom to call are.
            findings.expect(not checked(driver, "#parts-subject") and not checked(driver, "#parts-account"), "05-share-form",
                            "no part about the person ticked on a blank form")
            findings.expect(checked(driver, "#parts-addenda"), "05-share-form", "corrections ticked on a blank form")
            findings.expect(checked(driver, "#parts-contact"), "05-share-form", "who to contact ticked on a blank form")
            # A child's competence is never assumed.
            findings.expect(not checked(driver, "#capacity-yes") and not checked(driver, "#capacity-no"), "05-share-form",
                            "neither capacity answer chosen for a child on a blank form")
            Select(driver.find_element(By.ID, "recipient")).select_by_visible_text(POLICE)
            for css in ["#parts-subject", "#parts-account", "#parts-addenda", "#parts-contact", "#purpose-safeguarding",
                        "#form-identified", "#consent-refused", "#capacity-no", "#risk-significant_harm"]:
                tick(driver, css)
            parents = [box for box in driver.find_elements(By.CSS_SELECTOR, "input[name=household]")
                       if "Alex Testparent" in driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").text]
            findings.expect(len(parents) == 1, "05-share-form", "the parent offered in the household list")
            for box in parents:
                if not box.is_selected():
                    box.click()
            fill(driver, {"reason": "Risk of significant harm at home", "consent_by": "Robin"})
            go(driver, "button[value=check]")
            decision = driver.find_element(By.ID, "decision").text
            expect("A safeguarding lead must decide" in decision, f"escalated, got {decision!r}")
            findings.expect("Alex Testparent" in decision, "05-checked", "the preview to describe the parent chosen")
            pages.check("05-checked")
            go(driver, "button[value=share]")
            expect(heading(driver) == "Waiting for a lead's decision", f"waiting for a lead, got {heading(driver)!r}")
            share_url = driver.current_url.split("?")[0]
            pages.check("05-waiting")
            sign_out(driver)

            # 6. The deputy finds it in the approval queue, and approves it: a reason is required.
            set_password(driver, deputy_link, "copper lighthouse meadow", email="dee@example.org")
            nav = driver.find_elements(By.CSS_SELECTOR, "nav a[href='/shares/approvals']")
            expect(len(nav) == 1 and nav[0].text == "Approvals", "the deputy's navigation has Approvals")
            pages.check("06-deputy-home")
            navigate(driver, nav[0])
            rows = [row for row in driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if "Robin Testchild" in row.text]
            expect(len(rows) == 1, f"one row about Robin Testchild in the queue, got {main_text(driver)!r}")
            findings.expect(POLICE in rows[0].text and "Risk of significant harm at home" in rows[0].text, "approval-queue",
                            f"the row to name the police contact and the reason, got {rows[0].text!r}")
            pages.check("approval-queue")
            at_390(driver, pages, "approval-queue")
            navigate(driver, driver.find_element(By.CSS_SELECTOR, f"main tbody a[href='{share_url.split(server.url)[-1]}']"))
            pages.check("06-share-to-decide")
            go(driver, "form[action$='/approve'] button")
            errors = driver.find_elements(By.ID, "approve-reason-error")
            expect(len(errors) == 1 and errors[0].is_displayed(), "an empty reason is refused beside its field")
            expect(heading(driver) == "Waiting for a lead's decision", f"still waiting, got {heading(driver)!r}")
            pages.check("06-approve-without-reason")
            driver.find_element(By.ID, "approve-reason").send_keys("Risk of significant harm at home; police need to act")
            go(driver, "form[action$='/approve'] button")
            expect(heading(driver) == "Shared", f"approved and sent, got {heading(driver)!r}")
            text = main_text(driver)
            approval = r"Approved by Dee Deputy on \d+ \w+ \d{4}, \d\d:\d\d UTC: Risk of significant harm at home; police need to act"
            findings.expect(re.search(approval, text), "06-approved", f"the approval with its reason, got {text[:300]!r}")
            findings.expect("A safeguarding lead must decide" not in text, "06-approved", "the engine's escalation no longer shown once approved")
            pages.check("06-approved")
            sign_out(driver)

            # 7. The contact is emailed a link that names nobody; the staff member, that it was approved.
            message = server.mail.wait_for("quinn@example.org", "Something has been shared with you")
            link = shared_link(message)
            expect(link.startswith(share_url) and link.endswith("/code"), f"the email links to the share's code page, got {link}")
            email = message["subject"] + "\n" + message["body"]
            for word in ["Robin", "Testchild", "Acacia", "2014"]:
                findings.expect(word not in email, "email", f"no {word!r} in the email to the contact: {email!r}")
            findings.expect(not re.search(r"\barm\b", email), "email", f"no 'arm' in the email to the contact: {email!r}")
            approved = server.mail.wait_for("sam@example.org", "Your share was approved")
            approved = approved["subject"] + "\n" + approved["body"]
            findings.expect("Robin" not in approved and "Testchild" not in approved, "email",
                            f"the approval email to name nobody: {approved!r}")

            # 8. In the contact's own browser, with no account: a code by email opens the referral.
            partner = chromium()
            partner_pages = PageChecker(partner, pages.artifacts)
            partner_findings = Findings(partner_pages)
            open_with_code(partner, server, partner_pages, link, "08-partner")
            text = main_text(partner)
            # Who it is about, what was said and its correction, and whom to call back at the organisation.
            for words in ["Robin Testchild", "27 March 2014", "12 Acacia Road", "right arm", "01632 960 222", "Dana Lead",
                          "Fictional Youth Trust"]:
                partner_findings.expect(words in text, "partner-identified", f"the partner to see {words!r}")
            # The lead's form promises that their reason is "shown to whoever reads it later, the recipient included".
            partner_findings.expect("police need to act" in text, "partner-identified", "the partner to see the lead's reason")
            for words in INTERNAL:
                partner_findings.expect(words not in text, "partner-identified", f"no internal words {words!r} for the partner")
            partner_pages.check("partner-identified")
            keep_text(partner_pages, "partner-identified", partner)
            at_390(partner, partner_pages, "partner-identified")

            # 9. The lead: one task, to tell Robin what was shared.
            sign_in(driver, server, "dana@example.org", "amber kettle orchard")
            pages.check("dsl-home")
            go_link(driver, "Inform and involve")
            informs = [h for h in driver.find_elements(By.CSS_SELECTOR, ".task-heading") if h.text.startswith("Inform Robin Testchild")]
            findings.expect(len(informs) == 1, "09-tasks", f"one inform task for Robin Testchild, got {len(informs)}")
            pages.check("09-tasks")
            sign_out(driver)

            # 10. A de-identified share for advice goes at once and names nobody.
            sign_in(driver, server, "sam@example.org", "seven tall windmills")
            driver.get(concern_url + "/share")
            Select(driver.find_element(By.ID, "recipient")).select_by_visible_text(POLICE)
            for css in ["#parts-subject", "#parts-account", "#parts-addenda", "#purpose-advice", "#form-deidentified",
                        "#consent-not_sought", "#capacity-no", "#risk-concern"]:
                tick(driver, css)
            untick(driver, "#parts-contact")
            fill(driver, {"reason": "Advice on next steps"})
            go(driver, "button[value=check]")
            decision = driver.find_element(By.ID, "decision").text
            expect("The policy permits this share" in decision, f"permitted, got {decision!r}")
            pages.check("10-checked")
            go(driver, "button[value=share]")
            expect(heading(driver) == "Shared", f"sent at once, got {heading(driver)!r}")
            sent = section_after(main_text(driver), "What was shared")
            for words in IDENTIFYING:
                findings.expect(words not in sent, "partner-deidentified", f"no {words!r} in the de-identified share: {sent!r}")
            findings.expect("Age" in sent and re.search(r"\b12\b", sent), "partner-deidentified", f"the age, 12: {sent!r}")
            keep_text(pages, "partner-deidentified", driver)
            scroll_to_heading(driver, "What was shared")
            pages.check("partner-deidentified")

            # ...and the contact reads the same, through a new code.
            link = shared_link(server.mail.wait_for("quinn@example.org", "Something has been shared with you"))
            open_with_code(partner, server, partner_pages, link, "10-partner")
            text = main_text(partner)
            for words in IDENTIFYING + INTERNAL:
                partner_findings.expect(words not in text, "partner-deidentified-contact", f"no {words!r} for the contact")
            partner_findings.expect("Age" in text, "partner-deidentified-contact", "the contact to read the age")
            partner_pages.check("partner-deidentified-contact")
            keep_text(partner_pages, "partner-deidentified-contact", partner)
            at_390(partner, partner_pages, "partner-deidentified-contact")
        except Exception:
            # Where it stopped, for whoever reads the report.
            driver.save_screenshot(os.path.join(pages.artifacts, "stopped-here.png"))
            with open(os.path.join(pages.artifacts, "stopped-here.html"), "w", encoding="utf-8") as out:
                out.write(driver.page_source)
            if partner:
                partner.save_screenshot(os.path.join(pages.artifacts, "stopped-here-partner.png"))
            raise
        finally:
            driver.quit()
            if partner:
                partner.quit()
            # The contact's browser had its own checker: its pages count with the rest.
            if partner_pages:
                pages.failures += partner_pages.failures
                pages.pages += partner_pages.pages

    return report(f"referral on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("referral", run)
