"""Browser test of sharing information (docs/sharing.md).

A safeguarding lead registers a partner agency and a contact; a staff member records a
significant-harm concern and proposes an identified share to the contact, which the engine
escalates; the lead approves; the partner contact signs in and opens the snapshot; the staff
member records that the child was informed and what they said; then a de-identified share for
advice goes to the partner at once, naming nobody. axe checks every page; screenshots go to
ARTIFACTS_DIR/sharing-<database>/.

Usage: python3 tests/browser/test_sharing.py PATH/TO/confidant ARTIFACTS_DIR
"""
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import sign_in as shared_sign_in  # noqa: E402
from confidant_browser import ConfidantServer, PageChecker, approve_access, chromium, expect, fill, go, go_link, main_on_each_database, navigate, record_child, record_significant_concern, register_partner, report, set_password, sign_out  # noqa: E402


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def sign_in(driver, server, email, password):
    shared_sign_in(driver, server.url, email, password)


def propose(driver, recipient_label, fields, choices):
    Select(driver.find_element(By.ID, "recipient")).select_by_visible_text(recipient_label)
    for css in choices:
        box = driver.find_element(By.CSS_SELECTOR, css)
        if not box.is_selected():
            box.click()
    fill(driver, fields)


def run(binary, artifacts, database):
    with ConfidantServer(binary, database) as server:
        server.command("user", "add", "--name", "Sam Staff", "--email", "sam@example.org", "--role", "staff")
        server.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        # A partner contact reads what is shared with them: their account waits for the DSL.
        server.command("user", "add", "--name", "Pat Partner", "--email", "pat@example.org", "--role", "partner")
        staff_link = server.link_for("sam@example.org")
        lead_link = server.link_for("dana@example.org")
        driver = chromium()
        pages = PageChecker(driver, os.path.join(artifacts, "sharing-" + database))
        try:
            # The lead registers the agency and its contact.
            set_password(driver, lead_link, "amber kettle orchard", email="dana@example.org")
            approve_access(driver, server, "Pat Partner", pages)
            partner_link = server.link_for("pat@example.org")
            register_partner(driver, "Pat Partner", "pat@example.org")
            expect("pat@example.org (has a partner account)" in main_text(driver), "contact linked to the partner account")
            pages.check("01-agencies")
            sign_out(driver)

            # Staff record a significant-harm concern.
            set_password(driver, staff_link, "seven tall windmills")
            record_child(driver)
            record_significant_concern(driver)
            concern_url = driver.current_url.split("?")[0]

            # An identified share to the partner without consent: the engine escalates.
            go_link(driver, "Share information, or see whom it was shared with")
            pages.check("02-share-form")
            contact = "Pat Partner, Fictional County Children's Services (Children's social care)"
            propose(driver, contact, {"reason": "Risk of significant harm at home", "consent_by": "Robin"},
                    ["#parts-account", "#purpose-safeguarding", "#form-identified", "#consent-refused", "#capacity-yes"])
            # With JavaScript the decision appears as the form is filled in, before any button is pressed.
            WebDriverWait(driver, 15).until(
                lambda d: "A safeguarding lead must decide" in d.find_element(By.ID, "decision-region").text)
            go(driver, "button[value=check]")
            decision = driver.find_element(By.ID, "decision").text
            expect("A safeguarding lead must decide" in decision, f"escalated, got {decision!r}")
            expect("Uncle Zed hits me" in decision, "the preview shows what would leave")
            pages.check("03-checked")
            go(driver, "button[value=share]")
            expect("Waiting for a lead's decision" in main_text(driver), "waiting for the lead")
            pages.check("04-escalated")
            sign_out(driver)

            # The lead approves from the queue of shares waiting for a decision, with a reason.
            sign_in(driver, server, "dana@example.org", "amber kettle orchard")
            go_link(driver, "Approvals")
            pages.check("05-queue")
            navigate(driver, driver.find_element(By.CSS_SELECTOR, "main a[href^='/shares/']"))
            driver.find_element(By.ID, "approve-reason").send_keys("Risk of significant harm at home; children's services must know")
            go(driver, "form[action$='/approve'] button")
            expect("Shared" in main_text(driver) and "Dana Lead" in main_text(driver), "approved by the lead")
            pages.check("06-approved")
            sign_out(driver)

            # The partner contact opens it.
            set_password(driver, partner_link, "quiet river lantern")
            go_link(driver, "Shared with me")
            navigate(driver, driver.find_element(By.CSS_SELECTOR, "main a[href^='/shares/']"))
            expect("Uncle Zed hits me" in main_text(driver), "the partner sees the snapshot")
            pages.check("07-partner-view")
            sign_out(driver)

            # Staff record that the child was informed, and what they said.
            sign_in(driver, server, "sam@example.org", "seven tall windmills")
            go_link(driver, "Inform and involve")
            pages.check("08-tasks")
            form = driver.find_element(By.CSS_SELECTOR, "form[action$='/complete']")
            form.find_element(By.CSS_SELECTOR, "input[value=in_person]").click()
            form.find_element(By.NAME, "note").send_keys("Robin said they understood and felt relieved")
            navigate(driver, form.find_element(By.TAG_NAME, "button"))
            expect("Robin said they understood" in main_text(driver), "what the child said is recorded")
            pages.check("09-task-done")

            # A de-identified share to the partner for advice goes at once and names nobody.
            driver.get(concern_url + "/share")
            propose(driver, contact, {"reason": "Advice on next steps"},
                    ["#parts-account", "#purpose-advice", "#form-deidentified", "#consent-not_sought", "#capacity-yes"])
            go(driver, "button[value=check]")
            decision = driver.find_element(By.ID, "decision").text
            expect("The policy permits this share" in decision, f"permitted, got {decision!r}")
            expect("Robin" not in decision.split("What the recipient will see")[-1], "the preview names nobody")
            go(driver, "button[value=share]")
            sent = driver.find_element(By.TAG_NAME, "main").text.split("What was shared")[-1]
            expect("Robin" not in sent and "Testchild" not in sent and "Child A" in sent, f"de-identified: {sent!r}")
            pages.check("10-deidentified")
        finally:
            driver.quit()

    return report(f"sharing on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("sharing", run)
