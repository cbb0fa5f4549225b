"""Browser test of attachments and body maps (docs/attachments.md).

A staff member attaches a photo and a PDF to a draft concern, sees the photo and downloads the PDF; marks two
injuries on the child's body map by clicking the outline and one more in a browser without JavaScript, choosing
the place from the list; submits. The person's page shows all three on the combined map. A safeguarding lead
shares an identified referral with the photo and the body map; the partner contact signs in and sees both. axe
checks every page (the body maps included) at desktop width and at 390 px; screenshots go to
ARTIFACTS_DIR/attachments-<database>/.

Usage: python3 tests/browser/test_attachments.py PATH/TO/confidant ARTIFACTS_DIR
"""
import os
import shutil
import struct
import sys
import tempfile
import time
import zlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(__file__))
from confidant_browser import sign_in as shared_sign_in  # noqa: E402
from confidant_browser import (ConfidantServer, PageChecker, approve_access, at_width, chromium, click, expect, fill, go, go_link,  # noqa: E402
                               main_on_each_database, navigate, record_child, register_partner, report, set_password, sign_out,
                               wider_than_screen)


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def made_up_png(path, width=160, height=100):
    """A screenshot-like PNG with a text chunk naming a place, which Confidant drops before it keeps the file."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"".join(bytes((x * 255 // width, y * 255 // height, 140)) for x in range(width))
                   for y in range(height))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"tEXt", b"Location\x0051.5007 N, 0.1246 W (made up)")
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open(path, "wb") as out:
        out.write(png)


def made_up_pdf(path):
    with open(path, "wb") as out:
        out.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def without_javascript():
    """A second browser with JavaScript switched off, as some people browse."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def add_mark(driver, kind, seen_on, note, size="", colour=""):
    click(driver, f"#kind-{kind}")
    fill(driver, {"seen_on": seen_on, "note": note, "size": size, "colour": colour})
    go(driver, "#mark-form button[type=submit]")


def image_shown(driver, css):
    images = driver.find_elements(By.CSS_SELECTOR, css)
    return bool(images) and driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", images[0])


def picture(driver, pages, css, name):
    """A picture of just the body map, for the record of what the pages look like."""
    driver.find_element(By.CSS_SELECTOR, css).screenshot(os.path.join(pages.artifacts, name + ".png"))


def narrow_check(driver, pages, name):
    """The page at a phone's 390 px: axe again, and nothing wider than the screen."""
    at_width(driver, 390)
    driver.refresh()
    pages.check(name + "-390")
    wide = wider_than_screen(driver)
    expect(not wide, f"{name} at 390 px scrolls sideways: {wide}")
    at_width(driver, 1280)
    driver.refresh()


def run(binary, artifacts, database):
    files = tempfile.mkdtemp(prefix="confidant-files-")
    photo, letter, downloads = os.path.join(files, "messages.png"), os.path.join(files, "gp-letter.pdf"), os.path.join(files, "downloads")
    os.makedirs(downloads)
    made_up_png(photo)
    made_up_pdf(letter)
    with ConfidantServer(binary, database) as server:
        server.command("user", "add", "--name", "Sam Staff", "--email", "sam@example.org", "--role", "staff")
        server.command("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        server.command("user", "add", "--name", "Pat Partner", "--email", "pat@example.org", "--role", "partner")
        staff_link, lead_link = server.link_for("sam@example.org"), server.link_for("dana@example.org")
        driver = chromium()
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        pages = PageChecker(driver, os.path.join(artifacts, "attachments-" + database))
        plain = None
        try:
            # The lead registers the partner agency and its contact, whose account the lead approves.
            set_password(driver, lead_link, "amber kettle orchard", email="dana@example.org")
            approve_access(driver, server, "Pat Partner")
            partner_link = server.link_for("pat@example.org")
            register_partner(driver, "Pat Partner", "pat@example.org")
            sign_out(driver)

            # Staff start a concern and attach a photo and a letter to the draft.
            set_password(driver, staff_link, "seven tall windmills")
            record_child(driver)
            person_url = driver.current_url.split("?")[0]
            go_link(driver, "Record a concern")
            fill(driver, {"conversation_date": "2026-11-20", "conversation_time": "16:20", "place": "The sports hall",
                          "account": "\"Uncle Zed hits me\" said Robin Testchild (made-up test words)"})
            go(driver, "button[value=save]")
            draft_url = driver.current_url.split("?")[0].split("#")[0]
            fill(driver, {"caption": "Messages Robin showed me, and the GP's letter"})
            driver.find_element(By.ID, "files-input").send_keys(photo + "\n" + letter)
            go(driver, "form[enctype='multipart/form-data'] button")
            text = main_text(driver)
            expect("messages.png" in text and "gp-letter.pdf" in text, "both files are listed on the draft")
            expect("where the photo was taken was removed" in text, "the page says the photo's location was removed")
            expect(image_shown(driver, "img.attachment-photo"), "the photo is shown in the page")
            pages.check("01-draft-with-files")
            # A download stays on the page; the file arrives in the browser's downloads.
            driver.find_element(By.LINK_TEXT, "gp-letter.pdf").click()
            saved = os.path.join(downloads, "gp-letter.pdf")
            for _ in range(50):
                if os.path.exists(saved):
                    break
                time.sleep(0.2)
            expect(os.path.exists(saved) and open(saved, "rb").read().startswith(b"%PDF-"), "the PDF downloads as a file")

            # Two marks by clicking the outline.
            go_link(driver, "Mark the body map")
            pages.check("02-body-map-empty")
            click(driver, "#r-left-forearm-front")
            expect(Select(driver.find_element(By.ID, "region")).first_selected_option.text.startswith("Left forearm"),
                   "clicking the outline chooses the place")
            add_mark(driver, "bruise", "2026-11-20", "Said an uncle grabbed their arm", size="About 3 cm", colour="Blue-purple")
            click(driver, "#r-upper-back-back")
            add_mark(driver, "cut_or_graze", "2026-11-19", "Healing graze", size="5 cm long")
            expect(len(driver.find_elements(By.CSS_SELECTOR, ".marks .mark")) == 2, "two marks are drawn")
            pages.check("03-body-map-two-marks")
            picture(driver, pages, ".bodymap-figures", "body-map")
            narrow_check(driver, pages, "03-body-map-two-marks")
            body_map_url = driver.current_url.split("?")[0]
            sign_out(driver)

            # A third mark from a browser without JavaScript: the place chosen from the list.
            plain = without_javascript()
            shared_sign_in(plain, server.url, "sam@example.org", "seven tall windmills")
            plain.get(body_map_url)
            Select(plain.find_element(By.ID, "region")).select_by_visible_text("Right thigh, front")
            plain.find_element(By.ID, "kind-burn").click()
            # The day as a date picker sets it (typing into a date box depends on the browser's locale).
            seen = plain.find_element(By.ID, "seen_on")
            plain.execute_script("arguments[0].value = '2026-11-18'", seen)
            expect(seen.get_attribute("value") == "2026-11-18", "the day is set in the browser without JavaScript")
            plain.find_element(By.ID, "note").send_keys("Small round burn")
            navigate(plain, plain.find_element(By.CSS_SELECTOR, "#mark-form button[type=submit]"))
            expect(len(plain.find_elements(By.CSS_SELECTOR, ".marks .mark")) == 3, "the third mark is drawn without JavaScript")
            plain.quit()
            plain = None

            # Finish and submit the concern; the person's combined map shows all three.
            shared_sign_in(driver, server.url, "sam@example.org", "seven tall windmills")
            driver.get(draft_url)
            fill(driver, {"limits_how": "Said at the start I might need to tell the safeguarding lead",
                          "actions_taken": "Phoned the safeguarding lead"})
            for css in ["#disclosed_by-person", "#limits_explained-yes", "#secrecy_requested-yes", "#offered-limited",
                        "#categories-physical", "#risk-significant_harm"]:
                click(driver, css)
            go(driver, "button[value=submit]")
            expect("Submitted and signed" in main_text(driver), "submitted")
            expect(len(driver.find_elements(By.CSS_SELECTOR, ".marks .mark")) == 3, "the concern shows its three marks")
            concern_url = driver.current_url.split("?")[0]
            pages.check("04-concern-submitted")
            driver.get(person_url)
            expect("3 of 3 marks, from 1 concern" in main_text(driver), "the person's page counts the three marks")
            expect(len(driver.find_elements(By.CSS_SELECTOR, ".marks .mark")) == 3, "the combined map draws all three")
            pages.check("05-person-combined-map")
            picture(driver, pages, ".bodymap-figures", "combined-map")
            narrow_check(driver, pages, "05-person-combined-map")
            sign_out(driver)

            # The lead shares an identified referral with the photo and the body map.
            shared_sign_in(driver, server.url, "dana@example.org", "amber kettle orchard")
            driver.get(concern_url + "/share")
            contact = "Pat Partner, Fictional County Children's Services (Children's social care)"
            Select(driver.find_element(By.ID, "recipient")).select_by_visible_text(contact)
            photo_box = [box for box in driver.find_elements(By.CSS_SELECTOR, "input[name=files]")
                         if "messages.png" in driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").text][0]
            photo_box.click()
            for css in ["#parts-account", "#parts-body_map", "#purpose-safeguarding", "#form-identified", "#consent-refused",
                        "#capacity-yes"]:
                box = driver.find_element(By.CSS_SELECTOR, css)
                if not box.is_selected():
                    box.click()
            fill(driver, {"reason": "Bruising and a burn; children's services must assess", "consent_by": "Robin"})
            go(driver, "button[value=check]")
            decision = driver.find_element(By.ID, "decision").text
            expect("messages.png" in decision and "gp-letter.pdf" not in decision, "the preview sends the photo only")
            expect(len(driver.find_elements(By.CSS_SELECTOR, "#decision .marks .mark")) == 3, "the preview draws the body map")
            pages.check("06-share-preview")
            narrow_check(driver, pages, "06-share-preview")
            go(driver, "button[value=share]")
            expect("Shared" in main_text(driver), f"shared, got {main_text(driver)[:200]!r}")
            sign_out(driver)

            # The partner signs in and sees the photo and the body map.
            set_password(driver, partner_link, "quiet river lantern")
            go_link(driver, "Shared with me")
            navigate(driver, driver.find_element(By.CSS_SELECTOR, "main a[href^='/shares/']"))
            expect(image_shown(driver, "main img.attachment-photo"), "the partner sees the photo")
            expect(len(driver.find_elements(By.CSS_SELECTOR, ".marks .mark")) == 3, "the partner sees the three marks")
            expect("Left forearm, front" in main_text(driver) and "gp-letter.pdf" not in main_text(driver),
                   "the marks are listed, and the letter was not sent")
            pages.check("07-partner-share")
            picture(driver, pages, "main .share-section .bodymap-figures", "partner-body-map")
            narrow_check(driver, pages, "07-partner-share")
        finally:
            if plain:
                plain.quit()
            driver.quit()
            shutil.rmtree(files, ignore_errors=True)

    return report(f"attachments on {database}", pages)


if __name__ == "__main__":
    main_on_each_database("attachments", run)
