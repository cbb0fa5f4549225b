#!/usr/bin/env python3
"""Kills `confidant serve` with SIGKILL while many requests read case content, on SQLite and PostgreSQL, and checks
that no acknowledged read was lost: every person page answered 200 had its `case_read` event committed first
(group commit, docs/audit.md "Appending"), so the log holds at least as many reads of that person as pages were
answered, and `confidant audit verify` passes on what the killed process left.

Usage: tests/scale/group_commit_kill.py PATH/TO/confidant [ARTIFACTS_DIR]
PostgreSQL runs when CONFIDANT_TEST_POSTGRES_URL is set (./scripts/test sets it).
"""
import concurrent.futures
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from confidant_browser import free_port, postgres_database  # noqa: E402

failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def sign_in(base, email, password):
    session = requests.Session()
    page = session.get(base + "/sign-in", timeout=10)
    token = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
    answer = session.post(base + "/sign-in", data={"email": email, "password": password, "_csrf": token}, timeout=10)
    if "/home" not in answer.url:
        raise AssertionError(f"{email} was not signed in (ended at {answer.url})")
    return session


def count_reads(database_url, path, target):
    """How many case_read events name `target` (as the event's target or among the records it lists)."""
    query = ("SELECT COUNT(*) FROM audit_events WHERE action = 'case_read' AND (target = '%s' OR detail LIKE '%%\"%s\"%%')"
             % (target, target))
    if database_url:
        parts = urllib.parse.urlsplit(database_url)
        psql = shutil.which("psql") or "psql"
        result = subprocess.run([psql, "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username or "confidant",
                                 "-d", parts.path.lstrip("/"), "-tAc", query], capture_output=True, text=True, check=True)
        return int(result.stdout.strip())
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchone()[0]


def run(binary, database):
    print(f"== {database}")
    directory = tempfile.mkdtemp(prefix="confidant-kill-")
    try:
        sqlite_path = os.path.join(directory, "confidant.sqlite")
        database_url = postgres_database() if database == "postgres" else None
        environment = dict(os.environ, DATABASE_URL=database_url or sqlite_path,
                           CONFIDANT_KEY_FILE=os.path.join(directory, "data.key"),
                           CONFIDANT_AUDIT_KEY_FILE=os.path.join(directory, "audit.key"))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log_path = os.path.join(directory, "serve.log")
        with open(log_path, "w") as log:
            server = subprocess.Popen([binary, "serve", "--demo", "--port", str(port), "--log-level", "warning"],
                                      cwd=directory, stdout=log, stderr=subprocess.STDOUT, env=environment)
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if requests.get(base + "/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.3)
        text = open(log_path).read()
        password = re.search(r"^\s+staff\s+sam\.coach@demo\.example\s+(\S+)", text, re.M).group(1)
        staff = sign_in(base, "sam.coach@demo.example", password)
        listing = staff.get(base + "/people?q=a", timeout=10).text
        person = re.search(r"/people/([0-9A-Fa-f-]{36})", listing).group(1).lower()
        cookies = staff.cookies.get_dict()

        answered = 0
        lock = threading.Lock()
        stop = threading.Event()

        def reader():
            nonlocal answered
            session = requests.Session()
            session.cookies.update(cookies)
            while not stop.is_set():
                try:
                    response = session.get(f"{base}/people/{person}", timeout=5)
                except requests.RequestException:
                    return  # the server was killed
                if response.status_code == 200:
                    with lock:
                        answered += 1

        with concurrent.futures.ThreadPoolExecutor(max_workers=24) as pool:
            for _ in range(24):
                pool.submit(reader)
            # Kill once the readers are well under way, not after a fixed time: a slow machine (a debug build on a
            # loaded CI runner) answers fewer pages a second, and the test is about what a kill leaves, not speed.
            deadline = time.time() + 60
            while time.time() < deadline:
                with lock:
                    if answered > 50:
                        break
                time.sleep(0.05)
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=10)
            stop.set()
        logged = count_reads(database_url, sqlite_path, "person:" + person)
        print(f"      {answered} person pages answered 200 before the kill; {logged} reads of that person in the log")
        check(answered > 50, f"{database}: the readers got pages before the kill ({answered})")
        check(logged >= answered, f"{database}: every page answered had its read committed first ({logged} ≥ {answered})")
        verify = subprocess.run([binary, "audit", "verify"], cwd=directory, env=environment, capture_output=True, text=True,
                                timeout=120)
        check(verify.returncode == 0, f"{database}: audit verify passes on what the killed process left: "
              + (verify.stdout.strip() or verify.stderr.strip())[:200])
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main():
    binary = os.path.abspath(sys.argv[1])
    run(binary, "sqlite")
    if os.environ.get("CONFIDANT_TEST_POSTGRES_URL"):
        run(binary, "postgres")
    else:
        print("skip  postgres: CONFIDANT_TEST_POSTGRES_URL is not set")
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
