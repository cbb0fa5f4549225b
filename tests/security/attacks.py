#!/usr/bin/env python3
"""Repeats attacks on sign-in against a running `confidant serve` over HTTP, on SQLite and PostgreSQL.

Usage: tests/security/attacks.py PATH/TO/confidant
Each attack prints one line; the runner fails if any defence gave way. See docs/security.md.
"""
import concurrent.futures
import http.client
import os
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from confidant_browser import ConfidantServer, link_from  # noqa: E402

PASSWORD = "amber kettle orchard"
failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


class Client:
    """One browser's worth of cookies, speaking plain HTTP to the server."""

    def __init__(self, server, address=None):
        self.host, self.port = "127.0.0.1", server.port
        self.cookies = {}
        self.address = address

    def request(self, method, path, fields=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.address:
            headers["X-Forwarded-For"] = self.address
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), text

    def sign_in(self, email, password, next_path="/home"):
        status, _, page = self.request("GET", "/sign-in")
        token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        return self.request("POST", "/sign-in", {"_csrf": token, "email": email, "password": password, "next": next_path})


def health_latency(server):
    start = time.monotonic()
    Client(server).request("GET", "/health")
    return time.monotonic() - start


def run(binary, database):
    print(f"== attacks on {database}")
    server = ConfidantServer(binary, database)
    server.extra_arguments = ["--trusted-proxy", "127.0.0.1"]
    with server:
        server.command("user", "add", "--name", "Kim Staff", "--email", "kim@example.org", "--role", "staff")
        setter = Client(server)
        link = urllib.parse.urlparse(server.link_for("kim@example.org")).path
        _, _, page = setter.request("GET", link)
        token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        setter.request("POST", link, {"_csrf": token, "password": PASSWORD, "confirm": PASSWORD})

        # 1. A burst of 100 wrong passwords at once from one address: at most five are checked, and
        #    the rest of the site keeps answering while it lasts.
        attacker = Client(server, "203.0.113.7")
        status, _, page = attacker.request("GET", "/sign-in")
        token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)

        def guess(index):
            return attacker.request("POST", "/sign-in", {"_csrf": token, "email": "kim@example.org", "password": f"guess {index}"})[0]

        latencies = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
            futures = [pool.submit(guess, i) for i in range(100)]
            while not all(f.done() for f in futures):
                latencies.append(health_latency(server))
            statuses = [f.result() for f in futures]
        checked = statuses.count(401)
        check(checked <= 5, f"burst of 100 wrong passwords: {checked} checked, {statuses.count(429)} refused with 429")
        latencies.sort()
        p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else health_latency(server)
        worst = latencies[-1] if latencies else p99
        # Measured from a thread of this Python process, which shares a core with the burst's hundred
        # threads: the 99th percentile is the figure, the slowest call is reported beside it.
        check(p99 < 0.2, f"/health during the burst: {len(latencies)} calls, 99th percentile {p99 * 1000:.0f} ms "
                         f"(under 200 ms), median {latencies[len(latencies) // 2] * 1000:.0f} ms, slowest {worst * 1000:.0f} ms")
        for _ in range(10):
            status, headers, _ = attacker.request("POST", "/sign-in", {"_csrf": token, "email": "kim@example.org", "password": "again"})
            if status == 429:
                break
        check(status == 429 and headers.get("retry-after", "").isdigit(),
              f"a refused attempt says when to come back: {status}, Retry-After {headers.get('retry-after')}")

        # 2. The guesser keeps trying from elsewhere, more often than the real person; the real person,
        #    from their own address, still gets in within a minute.
        stop = time.monotonic() + 75
        started = time.monotonic()
        real = Client(server, "192.0.2.44")
        signed_in = None
        while time.monotonic() < stop:
            attacker.request("POST", "/sign-in", {"_csrf": token, "email": "kim@example.org", "password": "still guessing"})
            status, headers, _ = real.sign_in("kim@example.org", PASSWORD)
            if status == 303 and "confidant_session" in real.cookies:
                signed_in = time.monotonic() - started
                break
            time.sleep(2)
        check(signed_in is not None and signed_in <= 65,
              f"the right password from a clean address while a guesser hammers: in after {signed_in or 0:.0f} s (at most a minute)")

        # 3. X-Forwarded-For is believed only from the trusted proxy: the client's own claim further
        #    left changes nothing, so it cannot pick a fresh address for each guess.
        #    First make sure the guesser's own address is held at this moment (its wait may just have run
        #    out while the real person signed in), so that the spoofed guess is judged against a live wait.
        for _ in range(3):
            status, _, _ = attacker.request("POST", "/sign-in", {"_csrf": token, "email": "kim@example.org", "password": "once more"})
            if status == 429:
                break
        spoofer = Client(server, "10.1.2.3, 203.0.113.7")
        status, _, _ = spoofer.sign_in("kim@example.org", "spoofed guess")
        check(status == 429, f"a guess claiming another address through X-Forwarded-For is still refused: {status}")

        # 4. Open redirects: a tab or newline in `next` never reaches a Location header or a link.
        visitor = Client(server, "198.51.100.9")
        for evil in ["/%09/evil.example", "/%0a/evil.example", "//evil.example", "/%5Cevil.example"]:
            _, _, page = visitor.request("GET", "/sign-in?next=" + evil)
            check("evil.example" not in page, f"sign-in page with next={evil} carries no link off the site")
        fresh = Client(server, "198.51.100.10")
        status, headers, _ = fresh.sign_in("kim@example.org", PASSWORD, next_path="/\t/evil.example")
        check(headers.get("location") == "/home", f"after sign-in, next=/<tab>/evil.example goes to {headers.get('location')}")

        # 5. A password typed into the email box is never stored as text.
        stored = server.command("audit", "export")
        Client(server, "198.51.100.11").sign_in("my secret typed in the wrong box", "x")
        stored = server.command("audit", "export")
        check("my secret typed" not in stored, "what was typed as the email is not in the audit log")


def main():
    if len(sys.argv) != 2:
        print("usage: attacks.py CONFIDANT_BINARY")
        sys.exit(2)
    databases = ["sqlite", "postgres"] if os.environ.get("CONFIDANT_TEST_POSTGRES_URL") else ["sqlite"]
    for database in databases:
        run(sys.argv[1], database)
    if failures:
        print(f"security attacks: FAILED, {len(failures)} defence(s) gave way")
        sys.exit(1)
    print("security attacks: passed, every attack refused")


if __name__ == "__main__":
    main()
