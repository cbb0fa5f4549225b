#!/usr/bin/env python3
"""Attacks on file uploads against a running `confidant serve` over HTTP, on SQLite and PostgreSQL, and the memory a
25 MB file takes going in and coming out.

Usage: tests/security/uploads.py PATH/TO/confidant
Each check prints one line; the runner fails if any defence gave way. The memory figures (the server's resident set,
read from /proc while it works) are printed for docs/benchmarks.md; they are measured, never asserted.
"""
import hashlib
import http.client
import os
import re
import socket
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attacks import Client, check, failures  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from confidant_browser import ConfidantServer  # noqa: E402

PASSWORD = "seven tall windmills"
BOUNDARY = "----confidantupload"
MB = 1_048_576


def resident_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Peak:
    """The server's largest resident set while a block runs, sampled every 20 ms."""

    def __init__(self, pid):
        self.pid, self.peak, self.running = pid, 0.0, False

    def __enter__(self):
        self.running = True
        self.before = resident_mb(self.pid)

        def sample():
            while self.running:
                self.peak = max(self.peak, resident_mb(self.pid))
                time.sleep(0.02)

        self.thread = threading.Thread(target=sample)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.after = resident_mb(self.pid)


def csrf(client, path):
    _, _, page = client.request("GET", path)
    return re.search(r'name="_csrf" value="([^"]+)"', page).group(1)


def multipart_head(token, caption, name):
    return (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n{caption}\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode()


def made_up_pdf(size):
    """`size` bytes that are a PDF by their first bytes, the rest random so that nothing compresses or repeats."""
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    return head + os.urandom(size - len(head) - len(tail)) + tail


def raw_request(server, head, body_bytes, close_after=False, timeout=20):
    """Sends `head` and `body_bytes` on a socket of its own; answers the status line, or None if none came."""
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    try:
        connection.sendall(head)
        if body_bytes:
            connection.sendall(body_bytes)
        if close_after:
            connection.shutdown(socket.SHUT_WR)
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer.split(b"\r\n")[0].decode("latin-1") if answer else None
    except (socket.timeout, ConnectionResetError, BrokenPipeError):
        return None
    finally:
        connection.close()


def run(binary, database):
    print(f"== uploads on {database}")
    with ConfidantServer(binary, database) as server:
        server.command("user", "add", "--name", "Sam Staff", "--email", "sam@example.org", "--role", "staff")
        sam = Client(server)
        link = urllib.parse.urlparse(server.link_for("sam@example.org")).path
        token = csrf(sam, link)
        sam.request("POST", link, {"_csrf": token, "password": PASSWORD, "confirm": PASSWORD})
        check("confidant_session" in sam.cookies, "the staff member is signed in after choosing a password")
        token = csrf(sam, "/people/new")
        _, headers, _ = sam.request("POST", "/people", {"_csrf": token, "kind": "child", "name": "Robin Testchild",
                                                        "date_of_birth": "2014-03-27", "confirm_new": "yes"})
        person = headers.get("location", "").rsplit("/", 1)[-1]
        _, headers, _ = sam.request("POST", f"/people/{person}/concerns",
                                    {"_csrf": token, "action": "save", "place": "The sports hall", "account": "Made-up words"})
        concern = headers.get("location", "").split("/")[2][:36]
        path = f"/concerns/{concern}/attachments"
        cookie = "; ".join(f"{k}={v}" for k, v in sam.cookies.items())

        # 1. A body declared larger than a record may hold is refused before it is read.
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {500 * MB}\r\n\r\n").encode()
        started = time.monotonic()
        status = raw_request(server, head, multipart_head(token, "", "huge.pdf"))
        check(status is not None and " 413 " in status + " ",
              f"a 500 MB Content-Length is refused before its body: {status!r} after {time.monotonic() - started:.1f} s")

        # 2. An upload cut off mid-way keeps nothing.
        cut = multipart_head(token, "cut off", "cut.pdf") + made_up_pdf(MB)
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {5 * MB}\r\n\r\n").encode()
        raw_request(server, head, cut, close_after=True, timeout=5)
        time.sleep(1)
        _, _, page = sam.request("GET", f"/concerns/{concern}/edit")
        check("cut.pdf" not in page and "No files attached" in page, "an upload cut off after 1 MB of 5 keeps nothing")

        # 3. Without the page's token the upload is refused, and nothing is kept.
        body = multipart_head("not-the-token", "", "forged.pdf") + made_up_pdf(1000) + f"\r\n--{BOUNDARY}--\r\n".encode()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        connection.request("POST", path, body=body,
                           headers={"Cookie": cookie, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
        forged = connection.getresponse()
        forged.read()
        connection.close()
        check(forged.status == 403, f"an upload without the page's token is refused: {forged.status}")

        # 4. A 25 MB file in and out, with the server's memory watched.
        pdf = made_up_pdf(25 * MB)
        digest = hashlib.sha256(pdf).hexdigest()
        tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        head_part = multipart_head(token, "A made-up 25 MB letter", "letter.pdf")

        def pieces():
            yield head_part
            for start in range(0, len(pdf), 256 * 1024):
                yield pdf[start:start + 256 * 1024]
            yield tail

        pid = server.process.pid
        idle = resident_mb(pid)
        # Three times: memory that grew by a file's size with each one would be held per upload, not reused. (SQLite
        # keeps up to 64 MB of the database's pages in memory, so there the first uploads fill that cache.)
        peaks = []
        for _ in range(3):
            with Peak(pid) as uploading:
                started = time.monotonic()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
                connection.request("POST", path, body=pieces(), headers={
                    "Cookie": cookie, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                    "Content-Length": str(len(head_part) + len(pdf) + len(tail))})
                response = connection.getresponse()
                response.read()
                connection.close()
                upload_seconds = time.monotonic() - started
            peaks.append(uploading.peak)
            check(response.status == 303, f"a 25 MB PDF is attached: {response.status} in {upload_seconds:.1f} s")
        _, _, page = sam.request("GET", f"/concerns/{concern}/edit")
        ids = re.findall(r'href="/attachments/([0-9A-Fa-f-]{36})/download"', page)
        check(len(ids) == 3, f"the draft lists the three files, got {len(ids)}")
        with Peak(pid) as downloading:
            started = time.monotonic()
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
            connection.request("GET", f"/attachments/{ids[0]}/download", headers={"Cookie": cookie})
            response = connection.getresponse()
            hasher, size = hashlib.sha256(), 0
            while True:
                chunk = response.read(256 * 1024)
                if not chunk:
                    break
                hasher.update(chunk)
                size += len(chunk)
            connection.close()
            download_seconds = time.monotonic() - started
        check(size == len(pdf) and hasher.hexdigest() == digest,
              f"the 25 MB PDF downloads whole and unchanged ({size} bytes, SHA-256 matches) in {download_seconds:.1f} s")
        print(f"memory on {database}: server resident {idle:.0f} MB idle; uploading 25 MB peaked at {peaks[0]:.0f} MB "
              f"(+{peaks[0] - idle:.0f} MB), a second at {peaks[1]:.0f} MB, a third at {peaks[2]:.0f} MB; downloading one peaked at "
              f"{downloading.peak:.0f} MB (+{downloading.peak - uploading.after:.0f} MB), {downloading.after:.0f} MB after")


def main():
    if len(sys.argv) != 2:
        print("usage: uploads.py CONFIDANT_BINARY")
        sys.exit(2)
    databases = ["sqlite", "postgres"] if os.environ.get("CONFIDANT_TEST_POSTGRES_URL") else ["sqlite"]
    for database in databases:
        run(sys.argv[1], database)
    if failures:
        print(f"uploads: FAILED, {len(failures)} defence(s) gave way")
        sys.exit(1)
    print("uploads: every defence held")


if __name__ == "__main__":
    main()
