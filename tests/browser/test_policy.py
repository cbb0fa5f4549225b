"""Browser test of the policy's life: import, consultation, publication with a second approver, induction.

The organisation's (made-up) policy is imported with `confidant policy import`; the DSL opens it for
consultation with a named partner contact; a member of staff comments on a section; the DSL answers,
resolves and asks a manager to publish; the manager approves and is then led through the induction
like everyone else; a new starter signs in, lands on the policy, gets a question of the check of
understanding wrong (and is told why from the clause), answers it right, acknowledges and reaches
the dashboard. Then a reworded clause is published and the staff member is shown what changed.
axe checks every page; screenshots go to ARTIFACTS_DIR/policy-DATABASE/.

Usage: python3 tests/browser/test_policy.py PATH/TO/confidant ARTIFACTS_DIR
"""
import os
import sys

from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import sign_in as shared_sign_in  # noqa: E402
from confidant_browser import ConfidantServer, PageChecker, chromium, click, expect, fill, go, go_link, main_on_each_database, report, set_password, sign_out  # noqa: E402

POLICY = """This is the Example Youth Trust's confidentiality policy. Everything in it is made up for tests.

Policy statement

The safety of children and adults at risk comes first. Any worry can be passed to the designated safeguarding lead.

Purpose of policy

This policy sets the boundaries of confidentiality so that everyone feels safe to talk to us.

Aims of MCT's Confidentiality Policy

We cannot promise absolute confidentiality. This policy says when information will need to be shared.

Definition of confidentiality

An offer of absolute confidentiality would mean telling no one at all, which we should almost never offer.

Limited confidentiality

What we can offer is limited confidentiality: what you tell us may be discussed with other professionals, usually without saying who you are. We will tell you when a confidence has to be broken.
"""


def sign_in(driver, url, email, password):
    shared_sign_in(driver, url, email, password)


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def complete_induction(driver, skip_first=False):
    """Answers the check of understanding (if shown) and acknowledges, as a person would: where an answer is
    marked wrong, they read the explanation and choose again. Returns how many tries it took."""
    for attempt in range(1, 5):
        for index, fieldset in enumerate(driver.find_elements(By.CSS_SELECTOR, "main form fieldset")):
            options = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            chosen = [i for i, option in enumerate(options) if option.is_selected()]
            if skip_first and attempt == 1 and index == 0:
                continue
            if not chosen:
                driver.execute_script("arguments[0].click()", options[0])
            elif "missed" in (fieldset.get_attribute("class") or ""):
                driver.execute_script("arguments[0].click()", options[(chosen[0] + 1) % len(options)])
        if not driver.find_element(By.ID, "acknowledge").is_selected():
            click(driver, "#acknowledge")
        go(driver, "main form button[type=submit]")
        if "/induction" not in driver.current_url:
            return attempt
        expect("answers are right" in main_text(driver), f"a refused acknowledgment says why: {main_text(driver)[:400]!r}")
    raise AssertionError("the check of understanding was not passed in four tries")


def run(binary, artifacts, database):
    with ConfidantServer(binary, database) as server:
        def add(name, email, role):
            server.command("user", "add", "--name", name, "--email", email, "--role", role)
            # A partner contact's account waits for the DSL, whose approval sends their link.
            return None if role == "partner" else server.link_for(email)
        lead_link = add("Dana Lead", "dana@example.org", "dsl")
        staff_link = add("Sam Staff", "sam@example.org", "staff")
        manager_link = add("Morgan Manager", "morgan@example.org", "manager")
        add("Pat Partner", "pat@example.org", "partner")
        starter_link = add("Kit Newstarter", "kit@example.org", "staff")
        path = os.path.join(server.directory, "policy.txt")
        with open(path, "w") as handle:
            handle.write(POLICY)
        imported = server.command("policy", "import", path, "--label", "2026")
        expect("Imported Version 1 (2026) as a draft: 6 sections" in imported, f"import output: {imported!r}")
        expect("Every clause rests on a section" in imported, f"import output: {imported!r}")

        driver = chromium()
        pages = PageChecker(driver, os.path.join(artifacts, "policy-" + database))
        try:
            # The DSL approves the partner's account; the partner then sets a password so the DSL can name them.
            set_password(driver, lead_link, "amber kettle orchard", email="dana@example.org")
            driver.get(server.url + "/access-requests")
            click(driver, "input[value=approve]")
            driver.find_element(By.CSS_SELECTOR, "main textarea").send_keys("The county's named policy contact")
            go(driver, "form[action^='/access-requests/'] button")
            sign_out(driver)
            set_password(driver, server.link_for("pat@example.org"), "pale green lanterns")
            sign_out(driver)

            sign_in(driver, server.url, "dana@example.org", "amber kettle orchard")
            go_link(driver, "Policy")
            pages.check("01-policy-list", every_impact=True)
            go_link(driver, "Version 1 (2026)")
            expect("Draft" in main_text(driver), "a new import is a draft")
            pages.check("02-draft", every_impact=True)
            click(driver, "input[name=partner]")
            go(driver, "form[action$='/consultation'] button")
            expect("Open for consultation" in main_text(driver), "consultation opened")
            version_url = driver.current_url
            pages.check("03-consultation", every_impact=True)
            sign_out(driver)

            set_password(driver, staff_link, "seven tall windmills")
            driver.get(version_url)
            section = driver.find_element(By.ID, "section-limited-confidentiality")
            section.find_element(By.TAG_NAME, "textarea").send_keys("Please say who covers when the safeguarding lead is away.")
            go(driver, "#section-limited-confidentiality form button")
            expect("Please say who covers" in main_text(driver), "the comment is shown")
            pages.check("04-commented", every_impact=True)
            sign_out(driver)

            sign_in(driver, server.url, "dana@example.org", "amber kettle orchard")
            driver.get(version_url)
            expect("1 comment is not resolved yet" in main_text(driver), "the open comment blocks publication")
            comment = driver.find_element(By.CSS_SELECTOR, "[id^=comment-]")
            comment.find_element(By.TAG_NAME, "textarea").send_keys("Added: the deputy covers.")
            click(driver, "[id^=comment-] input[name=resolve]")
            go(driver, "[id^=comment-] form button")
            expect("Resolved" in main_text(driver), "comment resolved")
            go(driver, "form[action$='/request-publication'] button")
            expect("A manager other than them must approve it" in main_text(driver), "waiting for a manager")
            pages.check("05-publication-requested", every_impact=True)
            sign_out(driver)

            set_password(driver, manager_link, "quiet river stones", email="morgan@example.org")
            driver.get(version_url)
            go(driver, "form[action$='/approve'] button")
            # The approver is the first to meet the induction.
            expect("/induction" in driver.current_url, f"approver led to the induction, at {driver.current_url}")
            complete_induction(driver)
            expect(driver.current_url == version_url, f"the manager continues to the version, at {driver.current_url}")
            expect("Published (current)" in main_text(driver), "the version is now current")
            driver.get(server.url + "/policy/acknowledgements")
            expect("1 of 5 active accounts have acknowledged" in main_text(driver), main_text(driver)[:300])
            pages.check("06-acknowledgements", every_impact=True)
            go(driver, "button[name=everyone]")
            expect("4 reminders sent." in main_text(driver), "reminders sent")
            sign_out(driver)

            # A new starter: led through the policy and the check of understanding, then the dashboard.
            set_password(driver, starter_link, "bright yellow kites")
            expect("/induction" in driver.current_url, f"new starter lands on the policy, at {driver.current_url}")
            expect("Check of understanding" in main_text(driver), "the check is shown")
            pages.check("07-induction", every_impact=True)
            driver.get(server.url + "/people")
            expect("/induction" in driver.current_url, "every other page leads back to the policy")
            # The first question left unanswered counts as wrong: the page says so and explains it from the clause.
            for index, fieldset in enumerate(driver.find_elements(By.CSS_SELECTOR, "main form fieldset")):
                if index > 0:
                    driver.execute_script("arguments[0].click()", fieldset.find_element(By.CSS_SELECTOR, "input[type=radio]"))
            click(driver, "#acknowledge")
            go(driver, "main form button[type=submit]")
            expect("answers are right" in main_text(driver), "a missed answer is marked")
            expect(driver.find_elements(By.CSS_SELECTOR, "fieldset.missed .guidance"), "the missed question is explained")
            pages.check("08-check-missed", every_impact=True)
            tries = complete_induction(driver)
            expect(driver.current_url.endswith("/people"), f"new starter continues to the page they were opening, at {driver.current_url}")
            go_link(driver, "Home")
            expect("Kit Newstarter" in main_text(driver), "the dashboard greets them")
            print(f"new starter passed the check after {tries + 1} submissions")
            pages.check("09-dashboard", every_impact=True)
            sign_out(driver)

            sign_in(driver, server.url, "sam@example.org", "seven tall windmills")
            expect("/induction" in driver.current_url, "staff who commented meet the published version")
            complete_induction(driver)
            sign_out(driver)

            # A reworded clause: the DSL drafts, consults, the manager publishes; staff see what changed.
            sign_in(driver, server.url, "dana@example.org", "amber kettle orchard")
            expect("/induction" in driver.current_url, "the DSL meets the induction too")
            complete_induction(driver)
            driver.get(version_url)
            go(driver, "form[action$='/new-draft'] button")
            go(driver, "a[href$='/clauses/emergency']")
            fill(driver, {"statement": "If someone is in immediate danger, call 999, share what is needed at once and tell the DSL straight after."})
            pages.check("10-clause-form", every_impact=True)
            go(driver, "main form button[type=submit]")
            go(driver, "form[action$='/consultation'] button")
            go(driver, "form[action$='/request-publication'] button")
            sign_out(driver)
            sign_in(driver, server.url, "morgan@example.org", "quiet river stones")
            driver.get(server.url + "/policy")
            go_link(driver, "Version 2 (Draft from version 1)")
            go(driver, "form[action$='/approve'] button")
            expect("/induction" in driver.current_url, "the manager acknowledges the new version")
            complete_induction(driver)
            sign_out(driver)
            sign_in(driver, server.url, "sam@example.org", "seven tall windmills")
            expect("/induction" in driver.current_url, "staff acknowledge the changed version")
            text = main_text(driver)
            expect("What changed since Version 1 (2026)" in text and "call 999, share what is needed" in text, f"changes shown: {text[:600]!r}")
            expect("Check of understanding" not in text, "the check is not repeated")
            pages.check("11-reacknowledge", every_impact=True)
            complete_induction(driver)
            driver.get(server.url + "/policy")
            go(driver, "form[action='/policy/compare'] button")
            pages.check("12-compare", every_impact=True)
            sign_out(driver)
        finally:
            driver.quit()

    return report(f"policy on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("policy", run)
