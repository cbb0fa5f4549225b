"""Browser test of the breach register (docs/data-protection.md).

A safeguarding lead shares a concern with a partner contact, then finds it went to the wrong person: from the
share's page they report it as a possible breach (the form says what was sent, the link is revoked), see the 72
hours counting down, and record the decisions. axe checks every page at desktop width and at 390 px; screenshots
go to ARTIFACTS_DIR/breaches-<database>/.

Usage: python3 tests/browser/test_breaches.py PATH/TO/confidant ARTIFACTS_DIR
"""
import datetime
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import (check_both_widths, chromium, click, ConfidantServer, expect, fill, go, go_link,  # noqa: E402
                               main_on_each_database, main_text, PageChecker, record_child,
                               record_significant_concern, register_partner, report, set_password)


def run(binary, artifacts, database):
    with ConfidantServer(binary, database) as server:
        server.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        lead_link = server.link_for("dana@example.org")
        driver = chromium()
        pages = PageChecker(driver, os.path.join(artifacts, "breaches-" + database))
        try:
            set_password(driver, lead_link, "amber kettle orchard", email="dana@example.org")
            register_partner(driver, "Nia Noaccount", "nia@example.org")
            record_child(driver)
            record_significant_concern(driver, "Phoned children's services")
            go_link(driver, "Share information, or see whom it was shared with")
            Select(driver.find_element(By.ID, "recipient")).select_by_visible_text(
                "Nia Noaccount, Fictional County Children's Services (Children's social care)")
            for css in ["#parts-account", "#purpose-safeguarding", "#form-identified", "#consent-refused", "#capacity-yes"]:
                box = driver.find_element(By.CSS_SELECTOR, css)
                if not box.is_selected():
                    box.click()
            fill(driver, {"reason": "Risk of significant harm at home", "consent_by": "Robin"})
            go(driver, "button[value=share]")
            share_url = driver.current_url
            expect("Report this as a possible breach" in main_text(driver), "the share's page offers to report a breach")

            # It went to the wrong person: reported from the share's page.
            go_link(driver, "Report this as a possible breach")
            expect("What the share sent: What the person said" in driver.find_element(By.ID, "data_involved").get_attribute("value"),
                   "the form says what the share sent")
            check_both_widths(driver, pages, "01-report-form")
            # Found ten minutes ago (the server keeps UTC).
            found = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=10)
            fill(driver, {"discovered_on": found.strftime("%Y-%m-%d"), "discovered_time": found.strftime("%H:%M")})
            what = driver.find_element(By.ID, "what_happened")
            what.send_keys("Nia is at the neighbouring county; the referral should have gone to our own county's team.")
            go(driver, "main form button[type=submit]")
            text = main_text(driver)
            expect("left to decide whether to tell the ICO" in text or "The 72 hours ended" in text, f"the clock is shown: {text[:300]!r}")
            expect("The share it was reported from" in text, "the breach links the share")
            check_both_widths(driver, pages, "02-breach")

            # A decision without its reason is a message beside the field; with it, it is recorded.
            click(driver, "#notify-no")
            go(driver, "form[action$='/ico'] button")
            expect("Give the reason" in driver.find_element(By.CLASS_NAME, "error-summary").text, "a missing reason is named")
            expect(driver.find_element(By.ID, "notify-no").is_selected(), "the answer given is kept after the mistake")
            pages.check("03-decision-error")
            fill(driver, {"ico_reason": "Sent to a statutory partner under the same duty; they confirmed deletion within the hour"})
            late = driver.find_elements(By.ID, "late_reason")
            if late:
                late[0].send_keys("Found late at night")
            go(driver, "form[action$='/ico'] button")
            expect("The ICO is not to be told" in main_text(driver), "the decision is recorded")
            click(driver, "#must_tell-no")
            fill(driver, {"people_reason": "No risk to them once the partner deleted it"})
            go(driver, "form[action$='/people'] button")
            expect("The people affected need not be told" in main_text(driver), "the second decision is recorded")
            pages.check("04-decided")

            go_link(driver, "All data breaches")
            expect("Not to be told" in main_text(driver), "the register shows the decisions")
            check_both_widths(driver, pages, "05-register")

            driver.get(share_url)
            expect("The recipient can no longer open it" in main_text(driver), "the share's link was revoked")
            pages.check("06-share-revoked")
        finally:
            driver.quit()

    return report(f"breaches on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("breaches", run)
