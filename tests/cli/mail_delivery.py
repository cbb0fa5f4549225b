#!/usr/bin/env python3
"""Mail through a real relay survives `kill -9`: nothing lost, nothing sent twice.

Usage: tests/cli/mail_delivery.py PATH/TO/confidant
Starts the aiosmtpd relay (STARTTLS and AUTH) and `confidant serve`, queues 15 set-password
emails with `confidant user add`, kills the server with SIGKILL as soon as the first one has
arrived, starts it again, and checks that every account got exactly one message, each with its
own Message-ID. The kill lands when the relay has written the first message, before Confidant
has heard its acceptance: that one message may go again after its lease, with the same
Message-ID (at least once, as mail is); the test allows exactly that and nothing more.
"""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from confidant_browser import ConfidantServer  # noqa: E402

COUNT = 15


def main(binary):
    # A ten-second lease (`serve --mail-lease-seconds`): the messages claimed at the kill go again after it, not after
    # the default two minutes.
    os.environ["CONFIDANT_MAIL_LEASE_SECONDS"] = "10"
    server = ConfidantServer(binary)
    problems = []
    with server:
        # The accounts are added while serve is stopped: two processes writing one SQLite file at once
        # is not what this test is about.
        server.process.terminate()
        server.process.wait()
        for n in range(COUNT):
            server.command("user", "add", "--name", f"Person {n}", "--email", f"p{n}@example.org", "--role", "staff")
        server.process = subprocess.Popen(
            [server.binary, "serve", "--port", str(server.port), "--log-level", "warning"],
            cwd=server.directory, stdout=open(server.log_path, "a"), stderr=subprocess.STDOUT, env=server.environment())
        deadline = time.time() + 60
        while not server.mail.messages() and time.time() < deadline:
            time.sleep(0.02)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait()
        at_kill = len(server.mail.messages())
        log = open(server.log_path, "a")
        server.process = subprocess.Popen(
            [server.binary, "serve", "--port", str(server.port), "--log-level", "warning"],
            cwd=server.directory, stdout=log, stderr=subprocess.STDOUT, env=server.environment())
        deadline = time.time() + 240
        while len({r for _, m in server.mail.messages() for r in m["rcpt_tos"]}) < COUNT and time.time() < deadline:
            time.sleep(0.5)
        time.sleep(3)
        messages = [m for _, m in server.mail.messages()]
        recipients = [r for m in messages for r in m["rcpt_tos"]]
        missing = [f"p{n}@example.org" for n in range(COUNT) if f"p{n}@example.org" not in recipients]
        ids = [m["message_id"] for m in messages]
        by_recipient = {}
        for m in messages:
            for r in m["rcpt_tos"]:
                by_recipient.setdefault(r, set()).add(m["message_id"])
        repeated = [r for r in by_recipient if recipients.count(r) > 1]
        if missing:
            problems.append(f"lost: {missing}")
        if any(len(ids_) > 1 for ids_ in by_recipient.values()):
            problems.append("one account got two different messages")
        if len(repeated) > 1:
            problems.append(f"more than the one message in flight at the kill went twice: {repeated}")
        if len(set(ids)) != COUNT:
            problems.append(f"{len(set(ids))} distinct Message-IDs for {COUNT} emails")
        if not all(m["tls"] for m in messages):
            problems.append("a message went without TLS")
        waiting = server.command("audit", "verify")
        if not waiting.startswith("ok:"):
            problems.append(f"audit verify: {waiting}")
    for problem in problems:
        print("FAIL  " + problem)
    if problems:
        print(f"cli mail delivery: FAILED ({len(problems)} problem(s))")
        return 1
    again = f", {len(messages) - COUNT} repeated with its own Message-ID" if len(messages) > COUNT else ", none repeated"
    print(f"cli mail delivery: passed ({COUNT} emails over STARTTLS and AUTH, server killed with SIGKILL after {at_kill} "
          f"had arrived, restarted: all {COUNT} delivered{again})")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: mail_delivery.py CONFIDANT_BINARY")
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
