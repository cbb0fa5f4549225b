"""Browser test of disposing of a person's file (docs/data-protection.md, "Disposal").

Dana, the safeguarding lead, approves Dev as deputy, records a child born in 1995 (their file's review came at 25) and a concern, and proposes
disposing of the file. Dana cannot carry it out; Dev, the deputy, can: a send without the confirmation is refused with a
message beside the box, a confirmed one destroys the file and shows its certificate, which names nobody and whose
inclusion proof checks. The person's page is gone, the queue lists the disposal by pseudonym, and `confidant retention
report --json` counts it. axe checks every page at desktop width and at 390 px; screenshots go to
ARTIFACTS_DIR/disposal-<database>/, with the certificate's text and its printed PDF.

Usage: python3 tests/browser/test_disposal.py PATH/TO/confidant ARTIFACTS_DIR
"""
import base64
import json
import os
import sys

from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import (approve_access, check_both_widths, chromium, click, ConfidantServer, expect, fill, go,  # noqa: E402
                               go_link, main_on_each_database, main_text, PageChecker, record_child,
                               record_significant_concern, report, set_password, sign_out, status_of)


def run(binary, artifacts, database):
    with ConfidantServer(binary, database) as server:
        server.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        server.command("user", "add", "--name", "Dev Deputy", "--email", "dev@example.org", "--role", "deputy_dsl")
        dana_link = server.link_for("dana@example.org")
        driver = chromium()
        pages = PageChecker(driver, os.path.join(artifacts, "disposal-" + database))
        try:
            set_password(driver, dana_link, "amber kettle orchard", email="dana@example.org")
            # A deputy reads cases: Dana approves the role before Dev's link is sent.
            approve_access(driver, server, "Dev Deputy")
            dev_link = server.link_for("dev@example.org")
            record_child(driver, name="Casey Testolder", date_of_birth="1995-03-27")
            person_url = driver.current_url
            record_significant_concern(driver, "Phoned children's services")

            driver.get(person_url)
            go_link(driver, "Review, extend, hold or dispose of this file")
            expect("Due for review since 27 March 2020" in main_text(driver), f"the file is due: {main_text(driver)[:300]!r}")
            click(driver, "#step-disposal_proposed")
            fill(driver, {"reason": "Reviewed with the deputy: nothing open, no inquiry known"})
            go(driver, "form[action$='/retention'] button")
            text = main_text(driver)
            expect("Disposal proposed" in text and "Another safeguarding lead has to carry it out" in text,
                   f"the proposal waits for a second lead: {text[:400]!r}")
            expect(not driver.find_elements(By.CSS_SELECTOR, "form[action$='/dispose']"), "the proposer is not offered disposal")
            check_both_widths(driver, pages, "01-proposed")
            sign_out(driver)

            set_password(driver, dev_link, "birch lantern meadow", email="dev@example.org")
            go_link(driver, "Retention")
            expect("Disposal proposed" in main_text(driver), "the queue shows the proposal")
            check_both_widths(driver, pages, "02-queue")
            go_link(driver, "Casey Testolder")
            expect("Dispose of this file" in main_text(driver), "the second lead is offered disposal")
            go(driver, "form[action$='/dispose'] button")
            expect("cannot be undone" in driver.find_element(By.CLASS_NAME, "error-summary").text, "an unticked box is named")
            pages.check("03-unconfirmed")
            click(driver, "#confirm")
            go(driver, "form[action$='/dispose'] button")
            text = main_text(driver)
            expect("/retention/disposals/" in driver.current_url, f"the certificate is shown, got {driver.current_url}")
            expect("Disposal certificate" in text and "The inclusion proof below checks" in text, f"the certificate: {text[:400]!r}")
            expect("Child " in text and "Casey" not in text and "1995" not in text, "the certificate names nobody")
            expect("Dana Lead" in text and "Dev Deputy" in text, "the certificate names both leads")
            check_both_widths(driver, pages, "04-certificate")
            certificate_url = driver.current_url
            # The certificate as a lead prints it, kept for reading: its text and a PDF from Chromium's print.
            folder = os.path.join(artifacts, "disposal-" + database)
            with open(os.path.join(folder, "certificate.txt"), "w") as out:
                out.write(main_text(driver))
            with open(os.path.join(folder, "certificate.pdf"), "wb") as out:
                out.write(base64.b64decode(driver.print_page()))

            driver.get(person_url)
            expect(status_of(driver) == 404 or "not found" in main_text(driver).lower(), "the person's page is gone")
            driver.get(server.url + "/retention")
            text = main_text(driver)
            expect("Disposed of" in text and "Casey Testolder" not in text, "the queue lists the disposal by pseudonym only")
            go(driver, "main a[href^='/retention/disposals/']")
            expect(driver.current_url == certificate_url, "the queue links the certificate")

            body = json.loads(server.command("retention", "report", "--json"))
            expect(len(body["disposed"]) == 1 and body["disposed"][0]["standing"] == "disposed", f"the report counts it: {body!r}")
            expect("Casey" not in json.dumps(body), "the report names nobody")
        finally:
            driver.quit()

    return report(f"disposal on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("disposal", run)
