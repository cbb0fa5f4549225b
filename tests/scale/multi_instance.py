#!/usr/bin/env python3
"""Two instances of Confidant on one PostgreSQL behind nginx, one of them killed mid-flow (docs/deployment.md).

Instance A (with --demo) and instance B share a database, the key files and a real SMTP relay; nginx sends
requests to them in turn. Through nginx, in headless Chromium, a staff member signs in, records a person and a
concern; then the instance holding the audit checkpoint signer's lease is killed with SIGKILL. The staff member,
still signed in (sessions live in the database), proposes an identified share to the demo's partner contact,
which the engine escalates; the safeguarding lead signs in, triages the concern and approves the share, all on
the surviving instance.

Afterwards: nginx's access log shows requests reached both instances; the survivor took the lease; the signed
checkpoints, by tree size, changed signer at most once (a, a, ..., b, b); `confidant audit verify` passes;
the outbox drained and the relay received no Message-ID twice. Prints what it saw; exits non-zero on any
failure. Logs and screenshots go to ARTIFACTS_DIR/scale/.

Usage: tests/scale/multi_instance.py PATH/TO/confidant ARTIFACTS_DIR
Uses CONFIDANT_TEST_POSTGRES_URL (a fresh database in it) when set, else starts its own PostgreSQL.
"""
import collections
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from confidant_browser import (MailRelay, chromium, click, expect, fill, free_port, go, go_link, navigate,  # noqa: E402
                               sign_in, sign_out)

CHECKPOINT_SECONDS = 2
LEASE = "audit-checkpoint-signer"
PERSON = "Robin Scaletest"
PARTNER = "Demo Pat Partner, Demo County Children's Services (Children's social care)"
failures = []
notes = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)
    return bool(condition)


def pg_tool(name):
    return sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1]


def as_postgres(command):
    """Runs a PostgreSQL server tool as the postgres user when this test runs as root (initdb refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Postgres:
    """A fresh database: in the server CONFIDANT_TEST_POSTGRES_URL names, or in a throwaway server of our own."""

    def __init__(self):
        self.own_directory = None
        admin = os.environ.get("CONFIDANT_TEST_POSTGRES_URL")
        if not admin:
            self.own_directory = tempfile.mkdtemp(prefix="confidant-scale-pg-")
            if os.geteuid() == 0:
                shutil.chown(self.own_directory, "postgres")
            port = free_port()
            data = os.path.join(self.own_directory, "data")
            subprocess.run(as_postgres([pg_tool("initdb"), "-D", data, "-U", "confidant", "--auth=trust", "-E", "UTF8"]),
                           check=True, capture_output=True, timeout=120)
            subprocess.run(as_postgres([pg_tool("pg_ctl"), "-D", data, "-l", os.path.join(self.own_directory, "server.log"), "-w",
                                        "-o", f"-p {port} -k {self.own_directory} -c listen_addresses=127.0.0.1 "
                                              "-c max_connections=200", "start"]),
                           check=True, capture_output=True, timeout=120)
            admin = f"postgres://confidant@127.0.0.1:{port}/postgres?sslmode=disable"
        parts = urllib.parse.urlsplit(admin)
        self.parts = parts
        self.name = "confidant_scale_" + uuid.uuid4().hex[:12]
        subprocess.run([pg_tool("createdb"), "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username or "confidant",
                        self.name], check=True, timeout=60, env=self.client_environment())
        self.url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + self.name, parts.query, ""))

    def client_environment(self):
        environment = dict(os.environ)
        if self.parts.password:
            environment["PGPASSWORD"] = urllib.parse.unquote(self.parts.password)
        return environment

    def query(self, sql):
        """Rows of `sql` as lists of strings (psql, unaligned, tab-separated)."""
        result = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", self.url, "-c", sql],
                                capture_output=True, text=True, timeout=30, env=self.client_environment())
        if result.returncode != 0:
            raise RuntimeError(f"psql failed on {sql!r}: {result.stderr}")
        return [line.split("\t") for line in result.stdout.splitlines() if line]

    def close(self):
        if self.own_directory:
            subprocess.run(as_postgres([pg_tool("pg_ctl"), "-D", os.path.join(self.own_directory, "data"), "-m", "immediate",
                                        "stop"]), capture_output=True, timeout=60)
            shutil.rmtree(self.own_directory, ignore_errors=True)
        else:
            subprocess.run([pg_tool("dropdb"), "-h", self.parts.hostname, "-p", str(self.parts.port), "-U",
                            self.parts.username or "confidant", "--if-exists", self.name],
                           capture_output=True, timeout=60, env=self.client_environment())


class Instance:
    """One `confidant serve` on a free loopback port, sharing the database, the keys and the relay."""

    def __init__(self, binary, name, directory, environment, demo=False):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.address = f"127.0.0.1:{self.port}"
        self.log_path = os.path.join(directory, f"instance-{name}.log")
        arguments = [binary, "serve", "--port", str(self.port), "--instance-name", name,
                     "--checkpoint-seconds", str(CHECKPOINT_SECONDS), "--log-level", "info"]
        if demo:
            arguments.append("--demo")
        work = os.path.join(directory, f"work-{name}")
        os.makedirs(work, exist_ok=True)
        self.process = subprocess.Popen(arguments, cwd=work, env=environment, stdout=open(self.log_path, "w"),
                                        stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"instance {self.name} exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"instance {self.name} did not answer /health within {timeout} s:\n{self.log()}")

    def log(self):
        return open(self.log_path, encoding="utf-8", errors="replace").read()

    def alive(self):
        return self.process.poll() is None

    def stop(self, timeout=30):
        """A graceful stop (SIGTERM); True when it exited in time."""
        if not self.alive():
            return True
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return False


class Nginx:
    """nginx in the foreground, round-robin over the instances, every path inside `directory`."""

    def __init__(self, directory, instances, port):
        self.directory = directory
        self.port = port
        self.url = f"http://127.0.0.1:{self.port}"
        self.access_log = os.path.join(directory, "nginx-access.log")
        self.error_log = os.path.join(directory, "nginx-error.log")
        for sub in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]:
            os.makedirs(os.path.join(directory, sub), exist_ok=True)
        servers = "\n".join(f"        server {i.address} max_fails=1 fail_timeout=10s;" for i in instances)
        # As root the workers would otherwise run as nobody, who cannot enter this private temporary directory.
        user = "user root;\n" if os.geteuid() == 0 else ""
        config = f"""{user}worker_processes 1;
daemon off;
pid {directory}/nginx.pid;
error_log {self.error_log} info;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    log_format upstreams '$msec "$request" $status upstream=$upstream_addr upstream_status=$upstream_status';
    access_log {self.access_log} upstreams;
    upstream confidant {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{self.port};
        client_max_body_size 2m;
        location / {{
            proxy_pass http://confidant;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""
        self.config = os.path.join(directory, "nginx.conf")
        with open(self.config, "w") as f:
            f.write(config)
        self.process = subprocess.Popen(["/usr/sbin/nginx", "-p", directory, "-e", self.error_log, "-c", self.config],
                                        stdout=open(os.path.join(directory, "nginx.out"), "w"), stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("nginx exited:\n" + open(os.path.join(directory, "nginx.out")).read()
                                   + open(self.error_log).read())
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("nginx did not answer within 20 s")

    def entries(self):
        """(time, request, status, [upstream addresses tried, in order]) for every logged request."""
        rows = []
        pattern = re.compile(r'^(\S+) "([^"]*)" (\d+) upstream=(.*?) upstream_status=(.*)$')
        for line in open(self.access_log, encoding="utf-8", errors="replace"):
            match = pattern.match(line.strip())
            if match:
                tried = [a.strip() for a in re.split(r"[,:]\s", match.group(4)) if a.strip() and a.strip() != "-"]
                rows.append((float(match.group(1)), match.group(2), int(match.group(3)), tried))
        return rows

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def demo_accounts(log):
    """The demo's accounts as printed by `serve --demo`: {role: (email, password)}."""
    accounts = {}
    for match in re.finditer(r"^\s+(\w+)\s+(\S+@demo\.example)\s+(\S+)\s*$", log, re.MULTILINE):
        accounts.setdefault(match.group(1), (match.group(2), match.group(3)))
    return accounts


def lease_holder(database):
    rows = database.query(f"SELECT holder FROM leases WHERE name = '{LEASE}' AND held_until >= now()")
    return rows[0][0] if rows else None


def checkpoints(database):
    return [(int(size), signer or "") for size, signer in
            (row + [""] * (2 - len(row)) for row in database.query(
                "SELECT tree_size, COALESCE(signer, '') FROM audit_checkpoints ORDER BY tree_size"))]


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def staff_records_concern(driver, url, staff):
    sign_in(driver, url, *staff)
    expect("/sign-in" not in driver.current_url, f"the staff member is signed in, at {driver.current_url}")
    go_link(driver, "People")
    go_link(driver, "Record a new person")
    click(driver, "#kind-child")
    fill(driver, {"name": PERSON, "date_of_birth": "2014-03-27"})
    go(driver, "main form button[type=submit]")
    expect(driver.find_element(By.TAG_NAME, "h1").text == PERSON, "the person's page after saving")
    go_link(driver, "Record a concern")
    fill(driver, {"conversation_date": "2026-11-20", "conversation_time": "16:20", "place": "The sports hall",
                  "account": "\"Uncle Zed hits me\" said Robin (made-up test words)",
                  "limits_how": "Said at the start I might need to tell the safeguarding lead",
                  "actions_taken": "Phoned the safeguarding lead"})
    for css in ["#disclosed_by-person", "#limits_explained-yes", "#secrecy_requested-yes", "#offered-limited",
                "#categories-physical", "#risk-significant_harm"]:
        click(driver, css)
    go(driver, "button[value=submit]")
    expect("Submitted and signed" in main_text(driver), f"the concern is submitted: {main_text(driver)[:200]!r}")
    return driver.current_url.split("?")[0]


def staff_proposes_share(driver, concern_url):
    """After the kill, in the same session: the concern opens (no sign-in again) and a share is proposed."""
    driver.get(concern_url)
    expect("/sign-in" not in driver.current_url and "Uncle Zed hits me" in main_text(driver),
           f"the staff member is still signed in after the kill and sees the concern (at {driver.current_url})")
    go_link(driver, "Share information, or see whom it was shared with")
    Select(driver.find_element(By.ID, "recipient")).select_by_visible_text(PARTNER)
    for css in ["#parts-account", "#purpose-safeguarding", "#form-identified", "#consent-refused", "#capacity-yes"]:
        box = driver.find_element(By.CSS_SELECTOR, css)
        if not box.is_selected():
            box.click()
    fill(driver, {"reason": "Risk of significant harm at home", "consent_by": "Robin"})
    go(driver, "button[value=check]")
    decision = driver.find_element(By.ID, "decision").text
    expect("A safeguarding lead must decide" in decision, f"the share is escalated, got {decision!r}")
    go(driver, "button[value=share]")
    expect("Waiting for a lead's decision" in main_text(driver), "the share waits for the lead")
    share_url = driver.current_url.split("?")[0]
    sign_out(driver)
    return share_url


def lead_triages_and_approves(driver, url, lead, concern_url, share_url):
    sign_in(driver, url, *lead)
    expect("/sign-in" not in driver.current_url and "/account/second-factor" not in driver.current_url,
           f"the lead is signed in with a second factor, at {driver.current_url}")
    driver.get(url + "/triage")
    expect(PERSON in main_text(driver), "the new concern waits in the triage queue")
    driver.get(concern_url)
    click(driver, "#outcome-share")
    fill(driver, {"reason": "Significant harm at home: share with children's services"})
    navigate(driver, driver.find_element(By.XPATH, "//button[text()='Record decision']"))
    expect("Share information" in main_text(driver), "the triage decision is recorded")
    driver.get(share_url)
    driver.find_element(By.ID, "approve-reason").send_keys("Risk of significant harm; children's services must know")
    go(driver, "form[action$='/approve'] button")
    text = main_text(driver)
    expect("Shared" in text and "Demo Dana Lead" in text, f"the lead approved the share: {text[:200]!r}")
    sign_out(driver)


def wait_for(condition, timeout, step=0.25):
    """Polls `condition` until it returns something true or `timeout` seconds pass; returns its last value."""
    deadline = time.time() + timeout
    value = condition()
    while not value and time.time() < deadline:
        time.sleep(step)
        value = condition()
    return value


def run(binary, artifacts):
    started = time.time()
    binary = os.path.abspath(binary)
    out = os.path.join(os.path.abspath(artifacts), "scale")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    directory = tempfile.mkdtemp(prefix="confidant-scale-")
    database = relay = proxy = driver = None
    instances = {}
    try:
        database = Postgres()
        relay = MailRelay(os.path.join(directory, "mail"))
        keys = os.path.join(directory, "keys")
        os.makedirs(keys, mode=0o700)
        proxy_port = free_port()
        environment = dict(os.environ)
        environment.update({
            "DATABASE_URL": database.url,
            "CONFIDANT_KEY_FILE": os.path.join(keys, "confidant.key"),
            "CONFIDANT_AUDIT_KEY_FILE": os.path.join(keys, "audit-signing.key"),
            "CONFIDANT_SMTP_URL": relay.url,
            "CONFIDANT_MAIL_FROM": "confidant@example.org",
            "CONFIDANT_PUBLIC_URL": f"http://127.0.0.1:{proxy_port}",
            "CONFIDANT_TRUSTED_PROXIES": "127.0.0.1",
        })

        # 1. A loads the demo into the empty database (and creates the key files); then B joins it.
        instances["a"] = Instance(binary, "a", directory, environment, demo=True)
        instances["a"].wait_healthy(180)
        accounts = demo_accounts(instances["a"].log())
        check("staff" in accounts and "dsl" in accounts, f"serve --demo printed the demo accounts ({', '.join(accounts)})")
        instances["b"] = Instance(binary, "b", directory, environment)
        instances["b"].wait_healthy(120)
        print(f"       instances up after {time.time() - started:.0f} s: a on {instances['a'].address}, "
              f"b on {instances['b'].address}", flush=True)

        # 2. nginx in front of both, on the port the instances' --public-url names.
        nginx_directory = os.path.join(directory, "nginx")
        os.makedirs(nginx_directory)
        proxy = Nginx(nginx_directory, [instances["a"], instances["b"]], proxy_port)
        by_address = {i.address: i.name for i in instances.values()}

        # 3. The staff member records a person and a concern through nginx.
        driver = chromium()
        staff = accounts["staff"]
        lead = accounts["dsl"]
        concern_url = staff_records_concern(driver, proxy.url, staff)

        # 4. Kill, with SIGKILL, whichever instance holds the checkpoint signer's lease.
        holder = wait_for(lambda: lease_holder(database), 15)
        check(holder in instances, f"an instance holds the checkpoint signer's lease: {holder!r}")
        before_kill = checkpoints(database)
        victim = instances[holder]
        survivor = instances["b" if holder == "a" else "a"]
        killed_at = time.time()
        victim.process.send_signal(signal.SIGKILL)
        victim.process.wait()
        print(f"       killed instance {victim.name} (pid {victim.process.pid}, the lease holder) with SIGKILL "
              f"{killed_at - started:.0f} s into the test", flush=True)

        # 5. The flow goes on through nginx, on the survivor, in the same sessions.
        share_url = staff_proposes_share(driver, concern_url)
        lead_triages_and_approves(driver, proxy.url, lead, concern_url, share_url)
        flow_done = time.time()
        check(True, f"the flow finished through nginx after the kill ({flow_done - killed_at:.0f} s), "
                    "the staff member never signing in again")

        # 6. The survivor takes the lease once it runs out (3 rounds), within a round after.
        took = wait_for(lambda: lease_holder(database) == survivor.name, 30)
        takeover = time.time() - killed_at
        check(took, f"instance {survivor.name} took the checkpoint signer's lease {takeover:.1f} s after the kill "
                    f"(lease {3 * CHECKPOINT_SECONDS} s, rounds of {CHECKPOINT_SECONDS} s; at most 30 s)")
        check("This instance now signs the audit checkpoints" in survivor.log(),
              f"instance {survivor.name}'s log says it now signs the checkpoints")

        # The survivor signs when a checkpoint is due (the policy: 1,000 events or 5 minutes since the last one)
        # and, in any case, once more on a graceful stop.
        signed_running = wait_for(lambda: any(s == survivor.name for _, s in checkpoints(database)), 10)
        if not signed_running:
            notes.append(f"instance {survivor.name} signed no checkpoint while running within 10 s of taking the lease: none "
                         "was due (a checkpoint is due after 1,000 events or 5 minutes; --checkpoint-seconds sets only "
                         "how often the signer looks and renews its lease); it signs on its graceful stop below")
        # Let the outbox drain before stopping (every message delivered or given up).
        drained = wait_for(lambda: not database.query(
            "SELECT 1 FROM outbox_messages WHERE gave_up = false LIMIT 1"), 30, step=0.5)
        check(drained, "the outbox drained: every message was delivered by one of the instances")
        stopped = survivor.stop()
        check(stopped, f"instance {survivor.name} stopped gracefully on SIGTERM")
        check(lease_holder(database) is None, f"instance {survivor.name} released the lease on its graceful stop")

        # 7. The checkpoints: one signer at a time, changing only at the kill.
        rows = checkpoints(database)
        signers = [s for _, s in rows]
        runs = [s for i, s in enumerate(signers) if i == 0 or signers[i - 1] != s]
        check(len(runs) == len(set(runs)), f"signers by tree size never interleave: {' '.join(signers) or 'none'}")
        check(all(s in instances for s in signers), "every checkpoint names its signer, a or b")
        check(all(s == victim.name for _, s in before_kill),
              f"before the kill only {victim.name} signed ({len(before_kill)} checkpoint(s))")
        check(victim.name in signers, f"instance {victim.name} signed at least one checkpoint before it was killed")
        check(survivor.name in signers, f"instance {survivor.name} signed at least one checkpoint after taking over")
        check(runs == [victim.name, survivor.name], f"the signer changed once, at the kill, from {victim.name} to "
                                                  f"{survivor.name}: {' -> '.join(runs)}")
        verify_environment = dict(os.environ, DATABASE_URL=database.url,
                                  CONFIDANT_AUDIT_KEY_FILE=environment["CONFIDANT_AUDIT_KEY_FILE"])
        verified = subprocess.run([binary, "audit", "verify"], env=verify_environment, cwd=directory,
                                  capture_output=True, text=True, timeout=120)
        check(verified.returncode == 0, f"confidant audit verify: exit {verified.returncode}, "
                                        f"{(verified.stdout + verified.stderr).strip()}")

        # 8. Requests reached both instances; after the kill only the survivor answered.
        entries = proxy.entries()
        answered = collections.Counter(by_address.get(t[-1], t[-1]) for _, _, _, t in entries if t)
        before = collections.Counter(by_address.get(t[-1], t[-1]) for when, _, _, t in entries if t and when < killed_at)
        after = collections.Counter(by_address.get(t[-1], t[-1]) for when, _, _, t in entries if t and when >= killed_at)
        retried = sum(1 for _, _, _, t in entries if len(t) > 1)
        errors = [(r, s) for _, r, s, _ in entries if s >= 500]
        check(before.get("a", 0) > 0 and before.get("b", 0) > 0,
              f"before the kill nginx sent requests to both instances: a {before.get('a', 0)}, b {before.get('b', 0)}")
        check(after.get(victim.name, 0) == 0 and after.get(survivor.name, 0) > 0,
              f"after the kill only {survivor.name} answered: {dict(after)}")
        check(not errors, f"no request through nginx answered 5xx: {errors[:5]}")

        # 9. Mail: nothing delivered twice.
        received = relay.messages()
        ids = collections.Counter(m["message_id"] for _, m in received)
        twice = {i: n for i, n in ids.items() if n > 1}
        check(not twice, f"the relay received {len(received)} message(s), no Message-ID twice {twice or ''}")
        delivered_by = {}
        for instance in instances.values():
            for message_id in re.findall(r"message-id=(<[^>]+>) \[ConfidantMail\] SMTP message accepted", instance.log()):
                delivered_by.setdefault(message_id, []).append(instance.name)
        both = {i: n for i, n in delivered_by.items() if len(n) > 1}
        check(not both and len(delivered_by) == len(received),
              f"each message was sent by one instance: {len(delivered_by)} accepted by the relay per the logs "
              f"(a {sum(n == ['a'] for n in delivered_by.values())}, b {sum(n == ['b'] for n in delivered_by.values())}), "
              f"{len(both)} by both")
        # Notices (overdue tasks, long waits for triage) carry no case detail, so one per overdue item reads the same;
        # the notices table (one row per kind, item and person) bounds how many of them anyone may get.
        notice_rows = collections.Counter(row[0].lower() for row in database.query(
            "SELECT u.email FROM notices n JOIN users u ON u.id = n.user_id WHERE n.sent_at IS NOT NULL"))
        same = collections.Counter((tuple(m["rcpt_tos"]), m["subject"], m["body"]) for _, m in received)
        repeated = [(to, subject, n) for (to, subject, _), n in same.items() if n > 1]
        over = [(to, subject, n) for to, subject, n in repeated if n > sum(notice_rows.get(t.lower(), 0) for t in to)]
        check(not over, f"identical emails never outnumber the notices recorded for their recipient: "
                        f"{over or [(to[0], subject, n) for to, subject, n in repeated]}")
        left = database.query("SELECT recipient, subject, attempts, gave_up, COALESCE(last_error, '') FROM outbox_messages")
        check(not [r for r in left if r[3] != "t"], f"no message waits in the outbox: {left}")

        print()
        print(f"summary: requests through nginx {sum(answered.values())} (a {answered.get('a', 0)}, b {answered.get('b', 0)}); "
              f"before the kill a {before.get('a', 0)}, b {before.get('b', 0)}; after it a {after.get('a', 0)}, "
              f"b {after.get('b', 0)}; {retried} passed on by nginx from the dead instance")
        print(f"summary: checkpoints (tree size: signer) {', '.join(f'{n}: {s}' for n, s in rows)}")
        print(f"summary: killed {victim.name} at {killed_at - started:.1f} s; {survivor.name} held the lease "
              f"{takeover:.1f} s later; the flow after the kill took {flow_done - killed_at:.1f} s")
        print(f"summary: {len(received)} email(s) delivered, {len(ids)} distinct Message-IDs; "
              f"{len(left)} left in the outbox (given up)")
        for note in notes:
            print(f"note: {note}")
    except Exception as error:  # noqa: BLE001 - any failure of a step is the test's failure, reported with its logs
        failures.append(f"{type(error).__name__}: {error}")
        print(f"FAIL  {type(error).__name__}: {error}", flush=True)
        if driver is not None:
            try:
                driver.save_screenshot(os.path.join(out, "failure.png"))
                with open(os.path.join(out, "failure.html"), "w") as f:
                    f.write(driver.current_url + "\n" + driver.page_source)
            except Exception:  # noqa: BLE001
                pass
    finally:
        if driver is not None:
            driver.quit()
        for instance in instances.values():
            instance.stop(timeout=20)
        if proxy is not None:
            proxy.stop()
        if relay is not None:
            relay.close()
        for path in glob.glob(os.path.join(directory, "instance-*.log")) + glob.glob(os.path.join(directory, "nginx", "*.log")) \
                + glob.glob(os.path.join(directory, "nginx", "nginx.conf")):
            shutil.copy(path, out)
        if database is not None:
            database.close()
        shutil.rmtree(directory, ignore_errors=True)
    elapsed = time.time() - started
    if failures:
        print(f"scale multi_instance: FAILED, {len(failures)} problem(s) above, in {elapsed:.0f} s; logs in {out}")
        return 1
    print(f"scale multi_instance: passed in {elapsed:.0f} s; logs in {out}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: multi_instance.py CONFIDANT_BINARY ARTIFACTS_DIR")
        sys.exit(2)
    sys.exit(run(sys.argv[1], sys.argv[2]))
