#!/usr/bin/env python3
"""Keys and their database belong together (docs/security.md, "Keys").

Usage: tests/cli/keys.py PATH/TO/confidant
- `serve` with the data key moved away refuses with one clear line, a non-zero exit, and creates no key file;
- `audit verify` run from another directory, without the signing key, exits 2 with a clear line (never "forged");
- `key rotate --batch 250` over 3,000 people (6,001 sealed values), killed with SIGKILL after its first progress lines, run again:
  every sealed value opens (`key verify`), no record is left under the old key (`key status`), the old key is retired;
- `key rotate --audit`, then `audit verify` still says ok.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main(binary):
    binary = os.path.abspath(binary)
    work = tempfile.mkdtemp(prefix="confidant-keys-cli-")
    elsewhere = tempfile.mkdtemp(prefix="confidant-keys-elsewhere-")
    data = os.path.join(work, "confidant-data")
    key = os.path.join(data, "confidant.key")
    audit_key = os.path.join(data, "audit-signing.key")
    database = os.path.join(data, "confidant.sqlite")
    try:
        def run(*args, cwd=work, timeout=300):
            return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)

        check(run("user", "add", "--name", "Sam Staff", "--email", "sam@example.org", "--role", "staff").returncode == 0, "user add")
        # 3,000 people, each with their file's key, and the set-password email `user add` left sealed in the outbox:
        # 6,001 sealed values.
        filled = run("demo", "people", "--count", "3000", "--by", "sam@example.org")
        check(filled.returncode == 0 and os.path.exists(key), f"demo people: {filled.stdout}{filled.stderr}")
        signed = run("audit", "checkpoint")
        check(signed.returncode == 0 and os.path.exists(audit_key), f"audit checkpoint: {signed.stdout}{signed.stderr}")
        status = run("key", "status")
        old_id = re.search(r"data  (k-[0-9a-f]{12})  current  in ring  6001 records", status.stdout)
        check(old_id is not None, f"key status lists the current key with 6001 sealed values: {status.stdout}{status.stderr}")
        old_id = old_id.group(1) if old_id else "k-?"

        # 1. serve with the key moved away refuses, with one clear line, and makes no key.
        shutil.move(key, key + ".away")
        try:
            served = run("serve", "--port", str(free_port()), timeout=60)
            output = (served.stdout + served.stderr).strip()
            check(served.returncode != 0, f"serve without its key exits non-zero, got {served.returncode}")
            check("is missing" in output and old_id in output and "will not create a new key" in output,
                  f"serve names the missing file and the key id: {output!r}")
            check(len(output.splitlines()) == 1, f"serve says it in one line: {output!r}")
            check(not os.path.exists(key), "serve created a new key file")
        except subprocess.TimeoutExpired:
            failures.append("serve without its key kept running")
        shutil.move(key + ".away", key)

        # 2. audit verify from another directory: no key there, so exit 2, never "forged".
        verify = run("audit", "verify", "--database", database, cwd=elsewhere)
        check(verify.returncode == 2, f"audit verify without the key exits 2, got {verify.returncode}: {verify.stdout}{verify.stderr}")
        check("forged" not in verify.stdout + verify.stderr and "audit-signing.key is missing" in verify.stderr,
              f"audit verify says the key is missing: {verify.stdout}{verify.stderr}")
        check(not os.path.exists(os.path.join(elsewhere, "confidant-data")), "audit verify created files in the other directory")
        nowhere = run("audit", "verify", cwd=elsewhere)
        check(nowhere.returncode == 2, f"audit verify with no database here exits 2, got {nowhere.returncode}")
        here = run("audit", "verify")
        check(here.returncode == 0 and here.stdout.startswith("ok: "), f"audit verify with the key: {here.stdout}{here.stderr}")

        # 3. rotate, killed after the first progress lines, then resumed.
        process = subprocess.Popen([binary, "key", "rotate", "--batch", "250"], cwd=work, stderr=subprocess.PIPE, text=True)
        seen = []
        for line in process.stderr:
            if line.startswith("re-sealed "):
                seen.append(line.strip())
            if len(seen) >= 3:
                process.send_signal(signal.SIGKILL)
                break
        process.wait()
        check(len(seen) >= 3 and seen[0] == "re-sealed 250/6001 records", f"progress lines: {seen}")
        middle = run("key", "status")
        check(re.search(rf"{old_id}  previous  in ring  (\d+) records", middle.stdout) is not None,
              f"after the kill the old key is still in the ring and in use: {middle.stdout}{middle.stderr}")
        resumed = run("key", "rotate", "--batch", "250")
        check(resumed.returncode == 0, f"key rotate resumed: {resumed.stderr}")
        check("Added data key" not in resumed.stderr, f"the resumed run added no second key: {resumed.stderr}")
        check(f"Key {old_id} seals nothing any more" in resumed.stderr and os.path.exists(f"{key}.retired-{old_id}"),
              f"the old key was retired to a file of its own: {resumed.stderr}")
        rate = re.search(r"\((\d+) records/s\)", resumed.stderr)
        after = run("key", "status")
        check(re.search(r"data  (k-[0-9a-f]{12})  current  in ring  6001 records", after.stdout) is not None
              and re.search(rf"{old_id}  retired  not in ring  0 records", after.stdout) is not None,
              f"after rotation every record is under the new key: {after.stdout}")
        opened = run("key", "verify")
        check(opened.returncode == 0 and "ok: 6001 sealed values open, 0 do not" in opened.stdout,
              f"key verify opens every record: {opened.stdout}{opened.stderr}")
        started = time.monotonic()
        full = run("key", "rotate", "--batch", "250")
        elapsed = time.monotonic() - started
        check(full.returncode == 0 and "Re-sealed 6001 records" in full.stderr, f"a second full rotation: {full.stderr}")
        full_rate = re.search(r"\((\d+) records/s\)", full.stderr)

        # 4. audit key rotation is a signed event; the log still verifies.
        rotated = run("key", "rotate", "--audit")
        check(rotated.returncode == 0, f"key rotate --audit: {rotated.stderr}")
        again = run("audit", "verify")
        check(again.returncode == 0 and again.stdout.startswith("ok: "), f"audit verify after rotating its key: {again.stdout}{again.stderr}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(elsewhere, ignore_errors=True)
    if failures:
        print("\n".join(failures))
        print(f"cli keys: FAILED ({len(failures)} problem(s))")
        return 1
    speed = f"{full_rate.group(1)} records/s" if full_rate else "?"
    print(f"cli keys: passed (missing key refused, verify without key exits 2, 3,000 people (6,001 sealed values) rotated after a kill: {speed}, {elapsed:.1f} s wall)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: keys.py CONFIDANT_BINARY")
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
