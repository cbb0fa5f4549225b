#!/usr/bin/env python3
"""`confidant transfer import`: what it refuses, and that a refused bundle creates nothing.

Usage: tests/cli/transfer.py PATH/TO/confidant
Runs against a throwaway SQLite database in a temporary folder. A missing file, a malformed transfer key or sender key
is exit status 2 with a clear line; a file that is not a bundle, or an account that is not a lead's, is exit status 1;
after each, the database holds no person. (A bundle made by a sending Confidant, imported by this command, which then
confirms the receipt to the sender, is the browser walk tests/browser/test_transfer.py, on both databases; the store's
round trip is Tests/ConfidantStoreTests/TransferStoreTests.swift.)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SENDER_KEY = "confidant-audit+b872cda7+AdX13bRdbWjZoH/79bl6l1jncoGAj5LHl2AMoKjfo5Pi"
TRANSFER_KEY = "A" * 43


def main(binary):
    folder = tempfile.mkdtemp(prefix="confidant-transfer-")
    problems = []

    def run(*args):
        return subprocess.run([os.path.abspath(binary), *args], cwd=folder, capture_output=True, text=True, timeout=120)

    def expect(condition, message):
        if not condition:
            problems.append(message)

    def people():
        report = run("retention", "report", "--json")
        if report.returncode != 0:
            return None
        body = json.loads(report.stdout)
        return len(body["due"]) + len(body["held"]) + body["kept"]

    try:
        added = run("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        expect(added.returncode == 0, f"user add failed: {added.stderr}")
        run("migrate")
        with open(os.path.join(folder, "not-a-bundle.json"), "w") as out:
            out.write('{"format": "something else"}')
        with open(os.path.join(folder, "garbage.bin"), "wb") as out:
            out.write(os.urandom(4096))
        cases = [
            (["missing.bundle", "--transfer-key", TRANSFER_KEY, "--sender-key", SENDER_KEY, "--by", "dana@example.org"], 2, "cannot read"),
            (["garbage.bin", "--transfer-key", "short", "--sender-key", SENDER_KEY, "--by", "dana@example.org"], 2, "transfer key"),
            (["garbage.bin", "--transfer-key", TRANSFER_KEY, "--sender-key", "not a key", "--by", "dana@example.org"], 2, "sender's key"),
            (["garbage.bin", "--transfer-key", TRANSFER_KEY, "--sender-key", SENDER_KEY, "--by", "dana@example.org"], 1,
             "not a Confidant transfer bundle"),
            (["not-a-bundle.json", "--transfer-key", TRANSFER_KEY, "--sender-key", SENDER_KEY, "--by", "dana@example.org"], 1,
             "cannot be read"),
            (["garbage.bin", "--transfer-key", TRANSFER_KEY, "--sender-key", SENDER_KEY, "--by", "nobody@example.org"], 1,
             "not the account of a safeguarding lead"),
        ]
        for args, status, words in cases:
            result = run("transfer", "import", *args)
            expect(result.returncode == status, f"transfer import {args[0]} … exits {status}, got {result.returncode}: {result.stderr!r}")
            expect(words in result.stderr and "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 3,
                   f"transfer import {args[0]} says {words!r} in a line or two: {result.stderr!r}")
            expect(people() == 0, f"nothing was created after {args[0]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if problems:
        print("\n".join(problems))
        print(f"cli transfer: FAILED ({len(problems)} problem(s))")
        return 1
    print("cli transfer: passed (a missing file, malformed keys, a file that is not a bundle and a non-lead are refused; nothing created)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
