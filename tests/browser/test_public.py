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
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import ConfidantServer, PageChecker, chromium, expect, go, go_link, wait_until_gone  # noqa: E402

AUDIENCES = ["children", "adults-at-risk", "parents-and-carers"]


def answer_with_keyboard(driver, audience):
    """The keyboard alone: Tab to the first answer, Space to choose it, Tab to the button, Enter to go on."""
    def active(attribute):
        return driver.execute_script(f"return document.activeElement.{attribute}")
    actions = ActionChains(driver)
    for _ in range(30):
        if active("type") == "radio":
            break
        actions.send_keys(Keys.TAB).perform()
    expect(active("type") == "radio", f"{audience}: Tab never reached an answer")
    actions.send_keys(Keys.SPACE).perform()
    for _ in range(10):
        if active("tagName") == "BUTTON":
            break
        actions.send_keys(Keys.TAB).perform()
    expect(active("tagName") == "BUTTON", f"{audience}: Tab never reached the Next button")
    before = driver.current_url
    page = driver.find_element(By.TAG_NAME, "html")
    actions.send_keys(Keys.ENTER).perform()
    wait_until_gone(driver, page)
    expect(driver.current_url != before and "answer=" in driver.current_url, f"{audience}: Enter did not answer")


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
            pages.check("01-index", every_impact=True)
            for audience in AUDIENCES:
                driver.get(f"{server.url}/explain/{audience}")
                expect(driver.find_element(By.TAG_NAME, "h1").text.startswith("What happens"), f"{audience} heading")
                pages.check(f"02-{audience}", every_impact=True)
                # 400% zoom of a 1280 px window is 320 CSS px: the page must reflow, not scroll sideways.
                for width, name in [(320, "320px"), (390, "phone")]:
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                           {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": False})
                    overflow = driver.execute_script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    expect(overflow <= 1, f"{audience} scrolls sideways by {overflow}px at {width}px")
                    driver.save_screenshot(os.path.join(pages.artifacts, f"02-{audience}-{name}.png"))
                driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
                # Styles off: the content still reads in order (headings, then their items).
                text = driver.execute_script(
                    "for (const s of document.styleSheets) { s.disabled = true; } return document.querySelector('main').innerText")
                expect(text.index("What stays private") < text.index("Who you can talk to"), f"{audience} reads in order without styles")
                driver.refresh()
                count = printed_pages(driver, os.path.join(pages.artifacts, f"{audience}.pdf"))
                expect(count == 1, f"{audience} prints on {count} A4 pages, not one")

                go_link(driver, "Who should I talk to?")
                pages.check(f"03-{audience}-guide", every_impact=True)
                answer_with_keyboard(driver, audience)
                driver.get(f"{server.url}/explain/{audience}/talk")
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
            pages.check("04-guide-recommendation", every_impact=True)
        finally:
            driver.quit()

    if pages.failures:
        print("\n".join(pages.failures))
        print(f"browser public: FAILED, {len(pages.failures)} serious or critical accessibility violation(s) on {pages.pages} pages")
        return 1
    print(f"browser public: passed, {pages.pages} pages checked with axe (WCAG 2.2 AA), no violations of any impact; "
          f"each explainer reflows at 320px (400% zoom), reads in order without styles and prints on one A4 page; "
          f"screenshots in {pages.artifacts}")
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
