"""Browser test of the public pages: each audience's explainer and "Who should I talk to?".

No sign-in. axe checks every page; each explainer prints on one A4 page (Chromium's own
print to PDF); screenshots and PDFs go to ARTIFACTS_DIR/public/.

Usage: python3 tests/browser/test_public.py PATH/TO/confidant ARTIFACTS_DIR
"""
import base64
import os
import re
import sys

from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import ConfidantServer, PageChecker, chromium, go, go_link  # noqa: E402

AUDIENCES = ["children", "adults-at-risk", "parents-and-carers"]


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def printed_pages(driver, path):
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True})
    data = base64.b64decode(pdf["data"])
    with open(path, "wb") as out:
        out.write(data)
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def run(binary, artifacts):
    with ConfidantServer(binary) as server:
        driver = chromium()
        pages = PageChecker(driver, os.path.join(artifacts, "public"))
        try:
            driver.get(server.url + "/explain")
            pages.check("01-index")
            for audience in AUDIENCES:
                driver.get(f"{server.url}/explain/{audience}")
                expect(driver.find_element(By.TAG_NAME, "h1").text.startswith("What happens"), f"{audience} heading")
                pages.check(f"02-{audience}")
                count = printed_pages(driver, os.path.join(pages.artifacts, f"{audience}.pdf"))
                expect(count == 1, f"{audience} prints on {count} A4 pages, not one")

                go_link(driver, "Who should I talk to?")
                pages.check(f"03-{audience}-guide")
                driver.find_element(By.CSS_SELECTOR, "#choice-yes").click()  # in danger right now?
                go(driver, "button[type=submit]")
                expect("999" in driver.find_element(By.TAG_NAME, "main").text, f"{audience}: danger now leads to 999")
            # One whole path for children: not in danger, about me, someone here.
            driver.get(f"{server.url}/explain/children/talk")
            for _ in range(5):
                choices = driver.find_elements(By.CSS_SELECTOR, "input[type=radio]")
                if not choices:
                    break
                choices[-1].click()
                go(driver, "button[type=submit]")
            expect(driver.find_elements(By.CSS_SELECTOR, ".panel h2"), "the guide ends in a recommendation")
            pages.check("04-guide-recommendation")
        finally:
            driver.quit()

    if pages.failures:
        print("\n".join(pages.failures))
        print(f"browser public: FAILED, {len(pages.failures)} serious or critical accessibility violation(s) on {pages.pages} pages")
        return 1
    print(f"browser public: passed, {pages.pages} pages checked with axe (WCAG 2.2 AA), 0 serious or critical violations, "
          f"each explainer prints on one A4 page; screenshots in {pages.artifacts}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: test_public.py CONFIDANT_BINARY ARTIFACTS_DIR")
        sys.exit(2)
    try:
        sys.exit(run(sys.argv[1], sys.argv[2]))
    except AssertionError as failure:
        print(f"browser public: FAILED: {failure}")
        sys.exit(1)
