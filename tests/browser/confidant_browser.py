"""Shared pieces of the browser tests: a Confidant server on a temporary database, headless Chromium, axe."""
import glob
import base64
import fcntl
import hashlib
import hmac
import json
import os
import struct
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe-selenium-python bundles an old axe-core (no WCAG 2.2 rules); a current one comes from PyPI,
# inside axe-playwright-python's wheel, and is cached here.
AXE_WHEEL = "axe-playwright-python==0.1.8"
AXE_CACHE = os.path.join(os.path.expanduser("~"), ".cache", "confidant-tests", "axe-core")


def axe_script():
    """Path of a current axe.min.js (4.x, with WCAG 2.2 rules), downloaded once from PyPI."""
    target = os.path.join(AXE_CACHE, "axe.min.js")
    if os.path.exists(target):
        return target
    os.makedirs(AXE_CACHE, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", AXE_CACHE, AXE_WHEEL], check=True)
    wheel = next(name for name in os.listdir(AXE_CACHE) if name.endswith(".whl"))
    # Written beside and renamed: two runners at once must never read half a file.
    partial = f"{target}.{os.getpid()}"
    with zipfile.ZipFile(os.path.join(AXE_CACHE, wheel)) as archive:
        with open(partial, "wb") as out:
            out.write(archive.read("axe_playwright_python/axe.min.js"))
    os.replace(partial, target)
    return target


def postgres_database():
    """Creates an empty database on the PostgreSQL that scripts/test started, and returns its URL."""
    admin = os.environ.get("CONFIDANT_TEST_POSTGRES_URL")
    if not admin:
        raise AssertionError("CONFIDANT_TEST_POSTGRES_URL is not set: run the browser tests through ./scripts/test")
    parts = urllib.parse.urlsplit(admin)
    name = "confidant_browser_" + uuid.uuid4().hex[:12]
    createdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/createdb"))[-1]
    subprocess.run([createdb, "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username or "confidant", name],
                   check=True, timeout=60)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


PORTS_GIVEN = os.path.join(tempfile.gettempdir(), "confidant-test-ports")


def free_port():
    """A loopback port free now and handed to no other test in the last hour.

    A port the system says is free is free only until someone binds it: runners go two at a time (scripts/test), each
    starting servers and mail relays, so two of them asking at once could be given the same port. The ports handed out
    are kept in one file, under a lock, and never handed out twice."""
    with open(PORTS_GIVEN, "a+") as given:
        fcntl.flock(given, fcntl.LOCK_EX)
        given.seek(0)
        now = time.time()
        recent = {}
        for line in given.read().split():
            port, _, at = line.partition(":")
            if port.isdigit() and at.replace(".", "", 1).isdigit() and now - float(at) < 3600:
                recent[int(port)] = float(at)
        while True:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            if port not in recent:
                break
        recent[port] = now
        given.seek(0)
        given.truncate()
        given.write(" ".join(f"{p}:{at}" for p, at in recent.items()))
        given.flush()
        return port


class MailRelay:
    """A real SMTP relay on loopback (tests/mail/smtp_server.py: STARTTLS and AUTH required) that keeps what it receives."""

    def __init__(self, directory):
        self.directory = directory
        self.maildir = os.path.join(directory, "maildir")
        os.makedirs(self.maildir, exist_ok=True)
        port, smtps, plain = free_port(), free_port(), free_port()
        self.log = open(os.path.join(directory, "smtp.log"), "w")
        here = os.path.dirname(os.path.abspath(__file__))
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(here, "..", "mail", "smtp_server.py"), "--port", str(port), "--smtps-port", str(smtps),
             "--plain-port", str(plain), "--user", "confidant", "--password", "relay password", "--maildir", self.maildir,
             "--cert-dir", directory], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while "READY" not in open(self.log.name).read():
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError("the test SMTP relay did not start:\n" + open(self.log.name).read())
            time.sleep(0.1)
        self.url = f"smtp://confidant:relay%20password@localhost:{port}?ca={directory}/ca.pem&timeout=10"
        self.read = set()

    def messages(self):
        """Every message received so far, oldest first, as the relay decoded it."""
        names = sorted(n for n in os.listdir(self.maildir) if n.endswith(".json"))
        return [(n, json.load(open(os.path.join(self.maildir, n), encoding="utf-8"))) for n in names]

    def wait_for(self, to, subject=None, timeout=30):
        """The next unread message to `to` (whose subject contains `subject`), waiting for delivery."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for name, message in self.messages():
                if name in self.read or to.lower() not in [r.lower() for r in message["rcpt_tos"]]:
                    continue
                if subject and subject not in message["subject"]:
                    continue
                self.read.add(name)
                return message
            time.sleep(0.2)
        raise AssertionError(f"no email to {to} ({subject or 'any subject'}) arrived within {timeout} s")

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


class ConfidantServer:
    """`confidant serve` on a free port and a throwaway SQLite database, delivering its email to a real
    SMTP relay on loopback; reads the first-run link it prints."""

    def __init__(self, binary, database="sqlite"):
        self.binary = os.path.abspath(binary)
        self.directory = tempfile.mkdtemp(prefix="confidant-browser-")
        self.mail = MailRelay(os.path.join(self.directory, "mail"))
        # On "postgres", a new database on the test command's PostgreSQL; else the embedded SQLite default.
        self.database_url = postgres_database() if database == "postgres" else None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.directory, "serve.log")
        self.process = None
        self.extra_arguments = []

    def command(self, *args):
        """Runs a `confidant` command in the server's directory (before or while it runs); returns its output."""
        result = subprocess.run([self.binary, *args, *self.link_options(args)], cwd=self.directory,
                                capture_output=True, text=True, timeout=120, env=self.environment())
        if result.returncode != 0:
            raise RuntimeError(f"confidant {' '.join(args)} failed: {result.stderr}")
        return result.stdout

    def link_options(self, args):
        return ["--public-url", self.url] if args[:2] in (("user", "add"), ("user", "reset-password")) else []

    def __enter__(self):
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", str(self.port), "--log-level", "warning", *self.extra_arguments],
            cwd=self.directory, stdout=log, stderr=subprocess.STDOUT, env=self.environment())
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("confidant serve exited early:\n" + open(self.log_path).read())
                time.sleep(0.3)
        raise RuntimeError("confidant serve did not answer /health within 60 s")

    def environment(self):
        environment = dict(os.environ)
        if self.database_url:
            environment["DATABASE_URL"] = self.database_url
        environment["CONFIDANT_SMTP_URL"] = self.mail.url
        environment["CONFIDANT_MAIL_FROM"] = "confidant@example.org"
        return environment

    def link_for(self, email):
        """The set-password link emailed to `email` (the only place it is ever written)."""
        return link_from(self.mail.wait_for(email, "password")["body"])

    def setup_link(self):
        match = re.search(r"(http://\S+/setup/\S+)", open(self.log_path).read())
        if not match:
            raise AssertionError("serve printed no first-run setup link:\n" + open(self.log_path).read())
        return match.group(1)

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.mail.close()
        shutil.rmtree(self.directory, ignore_errors=True)


def chromium(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}"]:
        options.add_argument(argument)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    if width < 500:
        # Headless Chromium starts no narrower than 500 px whatever --window-size says; a phone's width is set after.
        driver.set_window_size(width, height)
    return driver


# A vocabulary id in snake_case ("record_decision", "deputy_dsl"): the words people read are the app's
# plain labels, never the ids it stores. Ids may stay inside <details> (kept there for auditors).
MACHINE_WORD = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")

# The page's visible text without its <details>: a copy of the body with every <details> (and its <code>),
# <script>, <style>, <template> and <noscript> removed, placed off-screen for a moment so that innerText
# follows the layout (a line break between blocks, nothing from display:none) as it does on the page;
# form fields' values are never part of innerText. The copy is removed before anything else happens.
VISIBLE_TEXT_OUTSIDE_DETAILS = """
var copy = document.body.cloneNode(true);
copy.querySelectorAll('details, script, style, template, noscript').forEach(function (e) { e.remove(); });
var holder = document.createElement('div');
holder.setAttribute('aria-hidden', 'true');
holder.style.cssText = 'position:absolute; left:-100000px; top:0; width:' + document.body.clientWidth + 'px';
Array.from(copy.childNodes).forEach(function (node) { holder.appendChild(node); });
document.body.appendChild(holder);
var text = holder.innerText;
holder.remove();
return text;
"""


def machine_words(text):
    """The snake_case ids in `text`, each once, in order. A token that is part of an email address, a path or
    a file or domain name (next to '@' or '/', after a '.', or before a '.' that a letter or digit follows) is
    not vocabulary and is left out."""
    found = []
    for match in MACHINE_WORD.finditer(text):
        before, after = text[max(match.start() - 1, 0):match.start()], text[match.end():match.end() + 2]
        if before in ("@", "/", ".") or after[:1] in ("@", "/") or (after[:1] == "." and after[1:2].isalnum()):
            continue
        if match.group(0) not in found:
            found.append(match.group(0))
    return found


class PageChecker:
    """Runs axe on every page visited, looks for machine words in its visible text, keeps screenshots,
    and counts serious or critical violations and machine words as failures."""

    def __init__(self, driver, artifacts):
        self.driver = driver
        self.artifacts = artifacts
        self.pages = 0
        self.failures = []
        os.makedirs(artifacts, exist_ok=True)

    def check(self, name, every_impact=False):
        """axe on the current page: serious and critical violations fail, or every violation with `every_impact`;
        so does every machine word (a snake_case id) in the text visible outside <details>."""
        axe = Axe(self.driver, script_url=axe_script())
        axe.inject()
        # axe.run is called here rather than through Axe.run so that a rejected promise is reported, not a timeout.
        results = self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(r => done(r)).catch(e => done({error: String(e)}));", AXE_TAGS)
        if "error" in results:
            raise AssertionError(f"axe failed on {name}: {results['error']}")
        serious = [v for v in results["violations"] if every_impact or v.get("impact") in ("serious", "critical")]
        for violation in serious:
            targets = [node["target"] for node in violation["nodes"]][:3]
            self.failures.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        for word in machine_words(self.driver.execute_script(VISIBLE_TEXT_OUTSIDE_DETAILS)):
            self.failures.append(f"{name}: machine word '{word}' in the page")
        self.driver.save_screenshot(os.path.join(self.artifacts, f"{name}.png"))
        self.pages += 1


def navigate(driver, element):
    """Clicks something that loads a new page and waits for it; an old page that Chromium has already
    dropped ("does not belong to the document") counts as gone, which a fast reload under load can cause."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait_until_gone(driver, page)


def wait_until_gone(driver, page):
    """Waits until the page element `page` belongs to a page that has been replaced."""
    def gone(_):
        try:
            page.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise

    WebDriverWait(driver, 15).until(gone)


def go(driver, css):
    """Clicks the element `css` selects and waits for the page it loads."""
    navigate(driver, driver.find_element(By.CSS_SELECTOR, css))


def go_link(driver, text):
    """Follows the link with this text and waits for the page it loads."""
    navigate(driver, driver.find_element(By.LINK_TEXT, text))


# Small steps every browser test uses.

def expect(condition, message):
    """Fails the test with `message` unless `condition` holds."""
    if not condition:
        raise AssertionError(message)


def fill(driver, fields):
    """Types each value into the field of that name, replacing what was there. A date or time input is set as
    its picker would set it (the value is YYYY-MM-DD or HH:MM whatever the browser's locale shows)."""
    for name, value in fields.items():
        element = driver.find_element(By.NAME, name)
        if element.get_attribute("type") in ("date", "time"):
            driver.execute_script(
                "arguments[0].value = arguments[1];"
                "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value)
            continue
        element.clear()
        element.send_keys(value)


def click(driver, css):
    """Clicks the element `css` selects (one that does not load a page)."""
    driver.find_element(By.CSS_SELECTOR, css).click()


def link_from(text):
    """The set-password link in an email's body."""
    match = re.search(r"(http://\S+/set-password/[A-Za-z0-9_-]+)", text)
    expect(match is not None, f"no set-password link in: {text}")
    return match.group(1)


# The authenticator app: each person's key (read from the set-up page as they would type it) and the
# last 30-second step whose code was used, since Confidant never accepts a code twice.
KEYS = {}
LAST_STEP = {}


def totp(key, step):
    """The 6-digit RFC 6238 code of a base32 key at a 30-second step."""
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1_000_000)


def current_code(email):
    """A code for `email` that has not been used yet, waiting for the next step when it must. Confidant accepts one
    step either side of its own for a clock that drifts, so this authenticator runs up to one step fast: the code of
    the next step when the current one was used (two sign-ins in one 30 seconds without waiting)."""
    while True:
        now = int(time.time() // 30)
        for step in (now, now + 1):
            if step > LAST_STEP.get(email, -1):
                LAST_STEP[email] = step
                return totp(KEYS[email], step)
        time.sleep(1)


def enrol_second_factor(driver, email, pages=None, name=None):
    """On the set-up page: read the key as someone typing it into an app would, confirm with a code, keep the recovery codes."""
    expect("/account/second-factor" in driver.current_url, f"expected the second-factor set-up, got {driver.current_url}")
    KEYS[email] = driver.find_element(By.ID, "manual-key").text.replace(" ", "")
    if pages and name:
        pages.check(name + "-enrol")
    fill(driver, {"code": current_code(email)})
    go(driver, "main form button[type=submit]")
    codes = [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".recovery-codes code")]
    expect(len(codes) == 10, f"ten recovery codes are shown, got {len(codes)}")
    if pages and name:
        pages.check(name + "-recovery-codes")
    go(driver, "main a.button")
    return codes


def finish_sign_in(driver, email, pages=None, name=None):
    """After a right password: type the authenticator's code, or set one up when the role needs it."""
    if "/sign-in/code" in driver.current_url:
        fill(driver, {"code": current_code(email)})
        go(driver, "main form button[type=submit]")
    elif "/account/second-factor" in driver.current_url:
        enrol_second_factor(driver, email, pages, name)


def sign_in(driver, url, email, password):
    """Signs in through the sign-in page, with the second factor when the account has or needs one."""
    driver.get(url + "/sign-in")
    fill(driver, {"email": email, "password": password})
    go(driver, "main form button[type=submit]")
    finish_sign_in(driver, email)


def set_password(driver, link, password, email=None):
    """Chooses a password through a one-time link; the person is then signed in (setting up their
    authenticator first when their role needs one: pass their email)."""
    driver.get(link)
    fill(driver, {"password": password, "confirm": password})
    go(driver, "main form button[type=submit]")
    if email:
        finish_sign_in(driver, email)


def approve_access(driver, server, name, pages=None):
    """The DSL approves the role the command line asked for `name`, with a reason."""
    driver.get(server.url + "/access-requests")
    panel = [p for p in driver.find_elements(By.CSS_SELECTOR, "main .panel") if name in p.text][0]
    panel.find_element(By.CSS_SELECTOR, "input[value=approve]").click()
    panel.find_element(By.TAG_NAME, "textarea").send_keys("Named contact of the county's children's services")
    if pages:
        pages.check("00-access-request")
    navigate(driver, panel.find_element(By.TAG_NAME, "button"))
    expect("Approved" in driver.find_element(By.TAG_NAME, "main").text, "the role was approved")


def record_child(driver, name="Robin Testchild", date_of_birth="2014-03-27"):
    """From any page, a staff member records a new child through the People pages; the child's page is then open."""
    go_link(driver, "People")
    go_link(driver, "Record a new person")
    click(driver, "#kind-child")
    fill(driver, {"name": name, "date_of_birth": date_of_birth})
    go(driver, "main form button[type=submit]")


def record_significant_concern(driver, actions_taken="Phoned the safeguarding lead"):
    """From a child's page, records and submits the made-up significant-harm concern the sharing walks start from; the
    submitted concern's page is then open."""
    go_link(driver, "Record a concern")
    fill(driver, {"conversation_date": "2026-11-20", "conversation_time": "16:20", "place": "The sports hall",
                  "account": "\"Uncle Zed hits me\" said Robin Testchild (made-up test words)",
                  "limits_how": "Said at the start I might need to tell the safeguarding lead",
                  "actions_taken": actions_taken})
    for css in ["#disclosed_by-person", "#limits_explained-yes", "#secrecy_requested-yes", "#offered-limited",
                "#categories-physical", "#risk-significant_harm"]:
        click(driver, css)
    go(driver, "button[value=submit]")


def register_partner(driver, name, email):
    """A lead registers the made-up county's children's services and its contact `name`."""
    go_link(driver, "Partner agencies")
    fill(driver, {"name": "Fictional County Children's Services", "agreement_reference": "DSA-2026-07",
                  "agreement_review_date": "2027-06-30"})
    click(driver, "#type-childrens_social_care")
    go(driver, "form[action='/agencies'] button")
    fill(driver, {"name": name, "email": email})
    go(driver, "form[action$='/contacts'] button")


def pypdf_module():
    """pypdf, installed from PyPI the first time (scripts/test installs only the Selenium packages)."""
    try:
        import pypdf
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "pypdf"], check=True)
        import pypdf
    return pypdf


def fetch(server, driver, path):
    """GETs `path` with the browser's session cookies; returns (status, location, content type, body), without following."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(server.url + path, headers={"Cookie": cookie})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=120) as response:
            return response.status, None, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location"), error.headers.get("Content-Type", ""), error.read()


def sign_out(driver):
    """Signs out with the header's button."""
    go(driver, "form[action='/sign-out'] button")


def report(name, pages):
    """Prints the runner's summary line and returns its exit status."""
    if pages.failures:
        print("\n".join(pages.failures))
        print(f"browser {name}: FAILED, {len(pages.failures)} problem(s) listed above (serious or critical accessibility "
              f"violations, machine words, or wrong words a test recorded) on {pages.pages} pages")
        return 1
    print(f"browser {name}: passed, {pages.pages} pages checked with axe (WCAG 2.2 AA) and for machine words, "
          f"0 serious or critical violations, 0 machine words; screenshots in {pages.artifacts}")
    return 0


def main_on_each_database(name, run):
    """Runs `run(binary, artifacts, database)` on SQLite and, under ./scripts/test, on PostgreSQL too.

    The two runs go side by side, each in its own process with its own server, browser and database: much of a walk
    is waiting (for a page, an email, a session to lapse), so together they take little longer than one. What each
    printed is shown after both end, SQLite's first, so the log reads as if they ran in turn."""
    if len(sys.argv) != 3:
        print(f"usage: test_{name}.py CONFIDANT_BINARY ARTIFACTS_DIR")
        sys.exit(2)
    databases = ["sqlite", "postgres"] if os.environ.get("CONFIDANT_TEST_POSTGRES_URL") else ["sqlite"]
    if len(databases) == 1 or os.environ.get("CONFIDANT_BROWSER_SERIAL") == "1":
        sys.exit(max(run_on(name, run, database) for database in databases))
    os.makedirs(sys.argv[2], exist_ok=True)
    children = []
    for database in databases:
        log = os.path.join(sys.argv[2], f"{name}-{database}.log")
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            with open(log, "w") as out:
                os.dup2(out.fileno(), 1)
                os.dup2(out.fileno(), 2)
                try:
                    status = run_on(name, run, database)
                except BaseException:
                    traceback.print_exc()
                    status = 1
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(status)
        children.append((pid, database, log))
    status = 0
    for pid, database, log in children:
        _, code = os.waitpid(pid, 0)
        with open(log) as out:
            sys.stdout.write(out.read())
        if os.WIFEXITED(code):
            status |= os.WEXITSTATUS(code)
        else:
            print(f"browser {name} on {database}: FAILED: the run ended by signal {os.WTERMSIG(code)}")
            status = 1
    sys.stdout.flush()
    sys.exit(1 if status else 0)


def run_on(name, run, database):
    """One run of a walk on one database; its exit status."""
    try:
        return run(sys.argv[1], sys.argv[2], database)
    except AssertionError as failure:
        print(f"browser {name} on {database}: FAILED: {failure}")
        return 1


# Shared by the reports and audit walks.

class Findings:
    """What a page did wrongly: each becomes a failure of the run (beside axe's) without stopping it."""

    def __init__(self, pages):
        self.pages = pages

    def expect(self, condition, name, expectation):
        if not condition:
            self.pages.failures.append(f"{name}: expected {expectation}")
        return bool(condition)


def demo_accounts(log):
    """The demo's accounts as `serve --demo` prints them: {role: (email, password)}."""
    accounts = {}
    for match in re.finditer(r"^\s+(\w+)\s+(\S+@demo\.example)\s+(\S+)\s*$", log, re.MULTILINE):
        accounts.setdefault(match.group(1), (match.group(2), match.group(3)))
    return accounts


def status_of(driver):
    return driver.execute_script("var n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null")


def at_width(driver, width):
    """Makes the page `width` CSS px wide (window.innerWidth), whatever the window's frame takes."""
    driver.set_window_size(width, 900)
    inner = driver.execute_script("return window.innerWidth")
    if inner != width:
        driver.set_window_size(width + (width - inner), 900)
    return driver.execute_script("return window.innerWidth")


WIDEST_ELEMENTS = """
var limit = window.innerWidth, found = [];
document.querySelectorAll('body *').forEach(function (element) {
  var box = element.getBoundingClientRect();
  if (box.width > 0 && box.right > limit + 0.5) {
    var name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
      + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    found.push(name + ' (right edge ' + Math.round(box.right) + ' px)');
  }
});
return found.slice(-3);
"""


def wider_than_screen(driver):
    """The innermost elements reaching past the window's right edge (the likely cause when a page scrolls sideways)."""
    return driver.execute_script(WIDEST_ELEMENTS)


def main_text(driver):
    """The text of the page's main region."""
    return driver.find_element(By.TAG_NAME, "main").text


def check_both_widths(driver, pages, name):
    """axe and the machine-word check at 1280 px and at 390 px, where the page must not scroll sideways."""
    pages.check(name)
    at_width(driver, 390)
    driver.refresh()
    pages.check(name + "-390")
    wide = wider_than_screen(driver)
    expect(not wide, f"{name} at 390 px scrolls sideways: {wide}")
    at_width(driver, 1280)
    driver.refresh()
