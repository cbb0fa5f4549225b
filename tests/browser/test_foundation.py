"""Browser test of the foundation: first-run setup, sign-in, adding a staff member, their dashboard.

Usage: python3 tests/browser/test_foundation.py PATH/TO/confidant ARTIFACTS_DIR
Screenshots of every page go to ARTIFACTS_DIR/browser/.
"""
import os
import sys

from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import ConfidantServer, PageChecker, chromium, current_code, enrol_second_factor, expect, fill, go, go_link, link_from, navigate, report, sign_out  # noqa: E402

ADMIN_PASSWORD = "amber kettle orchard"
STAFF_PASSWORD = "seven tall windmills"


def submit(driver):
    go(driver, "main form button[type=submit]")


def run(binary, artifacts):
    with ConfidantServer(binary) as server:
        driver = chromium()
        pages = PageChecker(driver, os.path.join(artifacts, "browser"))
        try:
            driver.get(server.url + "/")
            pages.check("01-landing")

            driver.get(server.setup_link())
            expect(driver.find_element(By.TAG_NAME, "h1").text == "Set up Confidant", "setup page")
            pages.check("02-setup")
            fill(driver, {"name": "Ada Admin", "email": "ada@example.org", "password": "too short", "confirm": "too short"})
            submit(driver)
            expect("at least 12 characters" in driver.find_element(By.CLASS_NAME, "error-summary").text, "weak password refused")
            pages.check("03-setup-error")
            fill(driver, {"password": ADMIN_PASSWORD, "confirm": ADMIN_PASSWORD})
            submit(driver)
            # An administrator sets up an authenticator app before anything else opens.
            recovery_codes = enrol_second_factor(driver, "ada@example.org", pages, "04a-admin")
            expect(driver.current_url.endswith("/home"), f"admin lands on home, got {driver.current_url}")
            expect("Welcome, Ada Admin" in driver.find_element(By.TAG_NAME, "h1").text, "admin home heading")
            pages.check("04-admin-home")

            # Sign out and back in through the real sign-in page.
            sign_out(driver)
            expect("/sign-in" in driver.current_url, "signed out to the sign-in page")
            pages.check("05-sign-in")
            fill(driver, {"email": "ada@example.org", "password": "not the password"})
            submit(driver)
            expect("not right" in driver.find_element(By.CLASS_NAME, "error-summary").text, "wrong password refused")
            pages.check("06-sign-in-error")
            fill(driver, {"email": "ada@example.org", "password": ADMIN_PASSWORD})
            submit(driver)
            expect("/sign-in/code" in driver.current_url, f"the password alone opens nothing, got {driver.current_url}")
            pages.check("06a-code")
            fill(driver, {"code": current_code("ada@example.org")})
            submit(driver)
            expect(driver.current_url.endswith("/home"), "admin signed in again")

            # A lost phone: a recovery code signs in once, and the page offers to set up a new phone.
            sign_out(driver)
            fill(driver, {"email": "ada@example.org", "password": ADMIN_PASSWORD})
            submit(driver)
            fill(driver, {"code": recovery_codes[0]})
            submit(driver)
            expect("/account/second-factor" in driver.current_url, f"a recovery code leads to the second-factor page, got {driver.current_url}")
            expect("Unused recovery codes left: 9" in driver.find_element(By.TAG_NAME, "main").text, "one recovery code is used up")
            pages.check("06b-recovery-used")
            sign_out(driver)
            fill(driver, {"email": "ada@example.org", "password": ADMIN_PASSWORD})
            submit(driver)
            fill(driver, {"code": recovery_codes[0]})
            submit(driver)
            expect("not right or has been used" in driver.find_element(By.CLASS_NAME, "error-summary").text, "a used recovery code is refused")
            pages.check("06c-recovery-reused")
            fill(driver, {"code": current_code("ada@example.org")})
            submit(driver)
            expect(driver.current_url.endswith("/home"), "admin signed in with the app's code")

            # Add a staff member.
            go_link(driver, "Accounts")
            pages.check("07-accounts")
            fill(driver, {"name": "Sam Staff", "email": "sam@example.org"})
            driver.find_element(By.CSS_SELECTOR, "select#role option[value=staff]").click()
            navigate(driver, driver.find_element(By.XPATH, "//button[text()='Add account']"))
            expect("/set-password/" not in driver.page_source, "the administrator is never shown the link")
            expect("We have emailed a link to sam@example.org" in driver.find_element(By.TAG_NAME, "main").text, "the link was emailed")
            link = link_from(server.mail.wait_for("sam@example.org", "password")["body"])
            expect("Sam Staff" in driver.find_element(By.TAG_NAME, "table").text, "the new account is listed")
            pages.check("08-account-added")
            sign_out(driver)

            # The staff member chooses a password and sees their dashboard.
            driver.get(link)
            pages.check("09-set-password")
            fill(driver, {"password": STAFF_PASSWORD, "confirm": STAFF_PASSWORD})
            submit(driver)
            sign_out(driver)
            fill(driver, {"email": "sam@example.org", "password": STAFF_PASSWORD})
            submit(driver)
            heading = driver.find_element(By.TAG_NAME, "h1").text
            expect(heading == "Welcome, Sam Staff", f"staff home heading, got {heading!r}")
            body = driver.find_element(By.TAG_NAME, "main").text
            expect("Staff member" in body, "the dashboard names the role")
            expect("Your own records" in body, "the dashboard says what staff can see")
            nav = driver.find_element(By.CSS_SELECTOR, "nav[aria-label=Main]").text
            expect("Accounts" not in nav, "staff are not offered account administration")
            pages.check("10-staff-home")
            driver.get(server.url + "/admin/users")
            expect("You cannot open this page" in driver.find_element(By.TAG_NAME, "h1").text, "staff refused admin page")
            pages.check("11-staff-forbidden")

            driver.set_window_size(390, 844)
            driver.get(server.url + "/home")
            pages.check("12-staff-home-mobile")
        finally:
            driver.quit()

    return report("foundation", pages)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: test_foundation.py CONFIDANT_BINARY ARTIFACTS_DIR")
        sys.exit(2)
    try:
        sys.exit(run(sys.argv[1], sys.argv[2]))
    except AssertionError as failure:
        print(f"browser foundation: FAILED: {failure}")
        sys.exit(1)
