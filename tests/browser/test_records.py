"""Browser test of recording a disclosure and triage.

A staff member records a person and a disclosure through the real form (a draft saved and
resumed, a validation error fixed), then a safeguarding lead finds it at the top of the
queue and records a decision. axe checks every page; screenshots go to ARTIFACTS_DIR/records/.

Usage: python3 tests/browser/test_records.py PATH/TO/confidant ARTIFACTS_DIR
"""
import os
import sys

from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import ConfidantServer, PageChecker, chromium, click, expect, fill, go, go_link, main_on_each_database, navigate, report, set_password  # noqa: E402


def run(binary, artifacts, database):
    with ConfidantServer(binary, database) as server:
        server.command("user", "add", "--name", "Sam Staff", "--email", "sam@example.org", "--role", "staff")
        server.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        staff_link = server.link_for("sam@example.org")
        lead_link = server.link_for("dana@example.org")
        driver = chromium()
        pages = PageChecker(driver, os.path.join(artifacts, "records-" + database))
        try:
            set_password(driver, staff_link, "seven tall windmills")
            go_link(driver, "People")
            pages.check("01-people")
            go_link(driver, "Record a new person")
            click(driver, "#kind-child")
            fill(driver, {"name": "Robin Testchild", "date_of_birth": "2014-03-27"})
            go(driver, "main form button[type=submit]")
            expect(driver.find_element(By.TAG_NAME, "h1").text == "Robin Testchild", "person page after saving")
            pages.check("02-person")

            go_link(driver, "Record a concern")
            pages.check("03-concern-form")
            fill(driver, {"conversation_date": "2026-11-20", "conversation_time": "16:20", "place": "The sports hall",
                          "account": "\"Someone at home hurts me\" (made-up test words)"})
            go(driver, "button[value=save]")
            expect("saved=1" in driver.current_url, f"draft saved, got {driver.current_url}")
            expect("Someone at home hurts me" in driver.find_element(By.ID, "account").get_attribute("value"), "draft resumes")

            # Finish it but forget the risk: a clear error, nothing lost.
            click(driver, "#disclosed_by-person")
            click(driver, "#limits_explained-yes")
            fill(driver, {"limits_how": "Said at the start I might need to tell the safeguarding lead",
                          "actions_taken": "Phoned the safeguarding lead"})
            click(driver, "#secrecy_requested-no")
            click(driver, "#offered-limited")
            click(driver, "#categories-physical")
            go(driver, "button[value=submit]")
            summary = driver.find_element(By.CLASS_NAME, "error-summary").text
            expect("Choose the immediate risk" in summary, f"missing risk named, got {summary!r}")
            expect("The sports hall" in driver.find_element(By.ID, "place").get_attribute("value"), "values kept after an error")
            pages.check("04-concern-error")
            click(driver, "#risk-immediate_danger")
            go(driver, "button[value=submit]")
            expect("Submitted and signed" in driver.find_element(By.TAG_NAME, "main").text, "submitted")
            expect("call 999" in driver.find_element(By.CLASS_NAME, "warning").text, "immediate danger says what to do now")
            pages.check("05-concern-submitted")
            go(driver, "form[action='/sign-out'] button")

            set_password(driver, lead_link, "amber kettle orchard", email="dana@example.org")
            badge = driver.find_element(By.CLASS_NAME, "badge").text
            expect(badge == "1", f"the badge shows 1 waiting, got {badge!r}")
            go_link(driver, "Triage")
            first_row = driver.find_element(By.CSS_SELECTOR, "tbody tr")
            expect("Robin Testchild" in first_row.text and "Immediate danger" in first_row.text, f"top of the queue: {first_row.text!r}")
            pages.check("06-triage")
            navigate(driver, first_row.find_element(By.TAG_NAME, "a"))
            pages.check("07-concern-as-lead")
            click(driver, "#outcome-monitor")
            fill(driver, {"reason": "Police informed; family support offered", "review_date": "2099-01-08"})
            navigate(driver, driver.find_element(By.XPATH, "//button[text()='Record decision']"))
            expect("Monitor, with a review date" in driver.find_element(By.TAG_NAME, "main").text, "decision shown")
            pages.check("08-decided")
            go_link(driver, "Robin Testchild")
            timeline = driver.find_element(By.CLASS_NAME, "timeline").text
            expect("Decision: Monitor" in timeline and "Concern" in timeline, f"chronology: {timeline!r}")
            pages.check("09-chronology")
            driver.get(server.url + "/triage")
            expect("Nothing is waiting" in driver.find_element(By.TAG_NAME, "main").text, "queue empty after the decision")
        finally:
            driver.quit()

    return report(f"records on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("records", run)
