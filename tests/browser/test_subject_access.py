"""Browser test of a subject access request, from receipt to the released PDF (docs/data-protection.md).

A safeguarding lead records a concern in which a child names their uncle, and an aunt in the household; a parent then
asks for everything held about the child. The lead records the request from the child's page, stops the clock for proof of
identity and starts it again, and opens the workspace: the uncle and the aunt are proposed for withholding, the
child's own name is not. The lead withholds more words by typing them, records the child-abuse-data decision,
releases the response, and downloads the PDF and the plain-text copy: the test reads the PDF's text and checks that
no third party's name is in it. Then the child's file is put under legal hold and appears in the retention queue. axe checks every page at desktop width and at 390 px; screenshots and the PDF go to
ARTIFACTS_DIR/subject-access-<database>/.

Usage: python3 tests/browser/test_subject_access.py PATH/TO/confidant ARTIFACTS_DIR
"""
import datetime
import io
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import (check_both_widths, chromium, click, ConfidantServer, current_code, expect, fetch,  # noqa: E402
                               fill, go, go_link, main_on_each_database, main_text, PageChecker, pypdf_module,
                               record_child, record_significant_concern, report, set_password)

THIRD_PARTIES = ["Zed", "Kim Testaunt", "sports hall"]


def download(server, driver, path, pages, name):
    """The response's file with the browser's session, after confirming the lead's password if the server asks."""
    status, location, kind, body = fetch(server, driver, path)
    if status in (302, 303) and location and "/step-up" in location:
        driver.get(server.url + location)
        pages.check(name + "-step-up")
        fields = {"password": "amber kettle orchard"}
        if driver.find_elements(By.NAME, "code"):
            fields["code"] = current_code("dana@example.org")
        fill(driver, fields)
        go(driver, "main form button[type=submit]")
        status, location, kind, body = fetch(server, driver, path)
    expect(status == 200, f"{path}: got {status} {kind} {location}")
    return body


def run(binary, artifacts, database):
    directory = os.path.join(artifacts, "subject-access-" + database)
    with ConfidantServer(binary, database) as server:
        server.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        lead_link = server.link_for("dana@example.org")
        driver = chromium()
        pages = PageChecker(driver, directory)
        try:
            set_password(driver, lead_link, "amber kettle orchard", email="dana@example.org")
            record_child(driver)
            person_url = driver.current_url.split("?")[0]
            # An aunt in the household: someone else the record names.
            fill(driver, {"name": "Kim Testaunt"})
            Select(driver.find_element(By.ID, "link_kind")).select_by_value("adult")
            Select(driver.find_element(By.ID, "relationship")).select_by_value("household_member")
            go(driver, "form[action$='/links'] button")
            driver.get(person_url)
            record_significant_concern(driver, "Phoned children's services; Kim Testaunt was told")

            # A parent's request, recorded from the child's page.
            driver.get(person_url)
            go_link(driver, "Record a subject access request")
            check_both_widths(driver, pages, "01-request-form")
            go(driver, "main form button[type=submit]")
            expect("Give the name of the person who asked" in driver.find_element(By.CLASS_NAME, "error-summary").text,
                   "an empty form names what is missing")
            received = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=3)).strftime("%Y-%m-%d")
            fill(driver, {"requester_name": "Pat Testparent", "contact": "pat.testparent@example.org",
                          "what_asked": "Everything you hold about Robin", "authority": "Parental responsibility: birth certificate seen",
                          "received_on": received})
            click(driver, "#requester-parent")
            go(driver, "main form button[type=submit]")
            text = main_text(driver)
            expect("Due in" in text, f"the request's page shows when it is due: {text[:300]!r}")
            request_url = driver.current_url.split("?")[0]
            check_both_widths(driver, pages, "02-request")

            # The clock stopped for proof of identity, then started again.
            click(driver, "#reason-identity")
            go(driver, "form[action$='/pause'] button")
            expect("Clock stopped: waiting for proof of identity" in main_text(driver), "the clock is stopped")
            pages.check("03-clock-stopped")
            go(driver, "form[action$='/resume'] button")
            expect("Due in" in main_text(driver), "the clock runs again")

            # The workspace proposes the uncle and the parent, not the child.
            go_link(driver, "Prepare the response")
            marked = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "mark.withheld")]
            expect(any("Zed" in m for m in marked), f"the uncle is proposed for withholding: {marked!r}")
            expect(any("Kim Testaunt" in m for m in marked), f"the aunt is proposed for withholding: {marked!r}")
            expect(not any("Robin" in m for m in marked), f"the child's own name is not withheld: {marked!r}")
            check_both_widths(driver, pages, "04-workspace")

            # More words withheld by typing them into the item that holds them.
            place = next(section for section in driver.find_elements(By.CSS_SELECTOR, "section.sar-item")
                         if section.find_element(By.TAG_NAME, "h3").text.endswith("where it was said"))
            box = place.find_element(By.CSS_SELECTOR, "input[name=words]")
            box.send_keys("sports hall")
            place.find_element(By.CSS_SELECTOR, "form button").click()
            # The form reloads the page: wait for the old one to go before reading the new one.
            WebDriverWait(driver, 30).until(expected_conditions.staleness_of(box))
            WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
            marked = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "mark.withheld")]
            expect(any("sports hall" in m for m in marked), f"the typed words are withheld: {marked!r}")

            # A parent asks about a child: the child-abuse-data exemption is decided, with reasoning.
            go(driver, "form[action$='/exemption'] button")
            expect("Say whether the exemption applies" in driver.find_element(By.CLASS_NAME, "error-summary").text,
                   "a decision without an answer is a message")
            pages.check("05-exemption-error")
            click(driver, "#applies-no")
            fill(driver, {"reasoning": "The parent is not the person Robin named; nothing here puts Robin at risk from them"})
            go(driver, "form[action$='/exemption'] button")
            expect("The exemption does not apply" in main_text(driver), "the exemption decision is recorded")

            # Released, then the PDF and the plain-text copy.
            go(driver, "button[formaction$='/release']")
            text = main_text(driver)
            expect("This is exactly what was released" in text, "the released response is shown")
            for words in THIRD_PARTIES:
                expect(words not in text, f"{words!r} is not in the released response on the page")
            check_both_widths(driver, pages, "06-released")
            path = request_url.split(server.url, 1)[-1]
            pdf = download(server, driver, path + "/response.pdf", pages, "07-pdf")
            expect(pdf.startswith(b"%PDF"), "the response is a PDF")
            with open(os.path.join(directory, "subject-access-response.pdf"), "wb") as out:
                out.write(pdf)
            pypdf = pypdf_module()
            pdf_text = "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
            for words in THIRD_PARTIES:
                expect(words not in pdf_text, f"{words!r} is not in the released PDF")
            for words in ["Dear Pat Testparent", "Robin Testchild", "TP", "Information Commissioner"]:
                expect(words in pdf_text, f"{words!r} is in the released PDF")
            plain = download(server, driver, path + "/response.txt", pages, "08-text").decode("utf-8")
            expect("[withheld: TP]" in plain and not any(words in plain for words in THIRD_PARTIES),
                   "the plain-text copy has the same black boxes and no third party")
            go_link(driver, "Back to the request")
            go_link(driver, "All subject access requests")
            expect("Answered on" in main_text(driver), "the register shows the request answered")
            check_both_widths(driver, pages, "09-register")

            # The same child's file under retention: kept until 25 years after birth; put under legal hold, it is
            # in the leads' queue until the hold is lifted.
            driver.get(person_url)
            expect("Kept until its review on 27 March 2039" in main_text(driver), "the person's page shows the review date")
            go_link(driver, "Review, extend, hold or dispose of this file")
            go(driver, "main form button[type=submit]")
            expect("Choose what to do with the file" in driver.find_element(By.CLASS_NAME, "error-summary").text,
                   "a decision without a step is a message")
            click(driver, "#step-held")
            fill(driver, {"reason": "A made-up inquiry has asked for the file"})
            go(driver, "main form button[type=submit]")
            expect("Under legal hold" in main_text(driver), "the hold is recorded")
            check_both_widths(driver, pages, "10-retention-file")
            go_link(driver, "All retention reviews")
            expect("Robin Testchild" in main_text(driver), "the held file is in the leads' queue")
            check_both_widths(driver, pages, "11-retention-queue")
        finally:
            driver.quit()

    return report(f"subject access on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("subject-access", run)
