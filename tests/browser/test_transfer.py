"""Browser test of transferring a file to another organisation (docs/data-protection.md, "Transfer").

Dana, the safeguarding lead, records a child and a concern, names Fictional Academy and its contact Ada on the transfer
form (they join the partner register when it is sent), checks the transfer with the policy (each record's decision and
clauses are shown), and sends it. Ada, in a browser of her own, gets
the link by email, asks for a one-time code, opens the file, downloads its PDF (whose text is read) and its bundle. A
second Confidant, Fictional Academy's, imports the bundle with `confidant transfer import`, which confirms the receipt
back to Dana's; Dana's list then says "Receipt confirmed". axe checks every page at desktop width and at 390 px;
screenshots go to ARTIFACTS_DIR/transfer-<database>/, with the PDF.

Usage: python3 tests/browser/test_transfer.py PATH/TO/confidant ARTIFACTS_DIR
"""
import os
import re
import shutil
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import (check_both_widths, chromium, click, ConfidantServer, expect, fetch, fill, go,  # noqa: E402
                               go_link, main_on_each_database, main_text, PageChecker, pypdf_module, record_child,
                               record_significant_concern, report, set_password)


def run(binary, artifacts, database):
    folder = os.path.join(artifacts, "transfer-" + database)
    with ConfidantServer(binary, database) as sender:
        sender.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        dana_link = sender.link_for("dana@example.org")
        driver = chromium()
        contact = None
        pages = PageChecker(driver, folder)
        contact_pages = None
        receiving = None
        try:
            set_password(driver, dana_link, "amber kettle orchard", email="dana@example.org")
            record_child(driver)
            person_url = driver.current_url
            record_significant_concern(driver, "Phoned children's services")

            driver.get(person_url)
            go_link(driver, "Transfer this file to another organisation")
            expect("Transfer the file of Robin Testchild" in main_text(driver), f"the form: {main_text(driver)[:300]!r}")
            # Sent empty: every problem is named beside its field.
            go(driver, "button[value=send]")
            summary = driver.find_element(By.CLASS_NAME, "error-summary").text
            expect("Choose the named contact" in summary and "Say why" in summary, f"the problems are listed: {summary!r}")
            pages.check("01-problems")
            # Fictional Academy is not in the partner register yet: it is named here, and joins the register when sent.
            fill(driver, {"new_organisation": "Fictional Academy", "new_contact_name": "Ada Receiver",
                          "new_contact_email": "ada@example.org", "reason": "Moving to Fictional Academy in January"})
            Select(driver.find_element(By.ID, "new_type")).select_by_visible_text("Education")
            click(driver, "#statutory")
            click(driver, "#consent-not_sought")
            click(driver, "#capacity-no")
            go(driver, "button[value=check]")
            text = main_text(driver)
            expect("The policy allows every chosen record to be transferred" in text and "This transfer breaks a confidence" in text,
                   f"the decision is shown before anything leaves: {text[:600]!r}")
            check_both_widths(driver, pages, "02-checked")
            go(driver, "button[value=send]")
            expect("/transfers" in driver.current_url and "The file was sent" in main_text(driver), f"sent: {driver.current_url}")
            expect("Sent" in main_text(driver) and "Robin" not in main_text(driver), "the list names the file by pseudonym, Sent")
            expect("Ada Receiver, Fictional Academy (Education)" in main_text(driver), "the new organisation's contact received it")
            check_both_widths(driver, pages, "03-sent")

            # Ada, in her own browser: the emailed link, a code, the file.
            contact = chromium()
            contact_pages = PageChecker(contact, folder)
            email = sender.mail.wait_for("ada@example.org", "transferred to you")
            expect("Robin" not in email["body"], "the email names nobody")
            link = re.search(r"(http://\S+/transfers/[0-9a-fA-F-]{36}/code)", email["body"]).group(1)
            contact.get(link)
            expect("transferred a safeguarding file to you" in main_text(contact), "the link's page asks for a code")
            check_both_widths(contact, contact_pages, "04-code")
            go(contact, "form[action$='/code'] button")
            code = re.search(r"\b(\d{8})\b", sender.mail.wait_for("ada@example.org", "one-time code")["body"]).group(1)
            fill(contact, {"code": code})
            go(contact, "form[action$='/code/open'] button")
            text = main_text(contact)
            expect("Robin Testchild" in text and "Confirm that you received it" in text and "Uncle Zed hits me" in text,
                   f"the file opens: {text[:500]!r}")
            check_both_widths(contact, contact_pages, "05-opened")
            # The import line sits in a closed <details>: read as its words are, not as the page shows them.
            shown_key = contact.find_element(By.CSS_SELECTOR, "details pre").get_attribute("textContent")
            key = re.search(r"--transfer-key ([A-Za-z0-9_-]{43})", shown_key).group(1)
            transfer_id = re.search(r"/transfers/([0-9a-fA-F-]{36})/", contact.current_url).group(1)
            status, _, kind, pdf = fetch(sender, contact, f"/transfers/{transfer_id}/file.pdf")
            expect(status == 200 and kind == "application/pdf" and pdf.startswith(b"%PDF"), f"the PDF downloads: {status} {kind}")
            with open(os.path.join(folder, "transferred-file.pdf"), "wb") as out:
                out.write(pdf)
            reader = pypdf_module().PdfReader(os.path.join(folder, "transferred-file.pdf"))
            pdf_text = " ".join(page.extract_text() for page in reader.pages)
            expect("Robin Testchild" in pdf_text and "Index" in pdf_text and "Uncle Zed" in pdf_text, f"the PDF's text: {pdf_text[:400]!r}")
            status, _, _, bundle = fetch(sender, contact, f"/transfers/{transfer_id}/bundle")
            expect(status == 200 and b"confidant-transfer-1" in bundle and b"Robin" not in bundle, "the bundle downloads, sealed")
            bundle_path = os.path.join(folder, "transfer.confidant")
            with open(bundle_path, "wb") as out:
                out.write(bundle)
            verifier = sender.command("audit", "public-key").strip()
            expect(verifier in shown_key, f"the page gives the sender's verifier key {verifier!r}")

            # Fictional Academy's own Confidant imports it, and the import confirms receipt back.
            receiving = ConfidantServer(binary, database)
            receiving.command("user", "add", "--name", "Lee Receiving", "--email", "lee@example.org", "--role", "dsl")
            imported = receiving.command("transfer", "import", bundle_path, "--transfer-key", key, "--sender-key", verifier,
                                         "--by", "lee@example.org")
            expect("Imported the file of Child " in imported and "1 concern(s)" in imported and "Receipt confirmed" in imported,
                   f"the import: {imported!r}")
            expect("Robin" not in imported, "the import prints no content")
            driver.get(sender.url + "/transfers")
            text = main_text(driver)
            expect("Receipt confirmed" in text and "Lee Receiving (lee@example.org)" in text, f"the sender sees the receipt: {text[:500]!r}")
            check_both_widths(driver, pages, "06-confirmed")
        finally:
            driver.quit()
            if contact:
                contact.quit()
            if receiving:
                receiving.mail.close()
                shutil.rmtree(receiving.directory, ignore_errors=True)
    if contact_pages:
        pages.failures += contact_pages.failures
        pages.pages += contact_pages.pages
    return report(f"transfer on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("transfer", run)
