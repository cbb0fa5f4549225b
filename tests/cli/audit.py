#!/usr/bin/env python3
"""Contract test of `confidant audit verify` (../shared/spec/contracts.md) and its siblings.

Usage: tests/cli/audit.py PATH/TO/confidant
Builds a small log on a throwaway SQLite database through real commands, then checks that
verify answers `ok: N events, head <hash>` with exit 0, and exit 1 with the right event after
each kind of tampering done with direct SQL; export, verify-export and proof round-trip.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main(binary):
    binary = os.path.abspath(binary)
    work = tempfile.mkdtemp(prefix="confidant-audit-cli-")
    try:
        def run(*args):
            return subprocess.run([binary, *args], cwd=work, capture_output=True, text=True, timeout=120)

        for n in range(6):
            result = run("user", "add", "--name", f"Person {n}", "--email", f"p{n}@example.org", "--role", "staff")
            check(result.returncode == 0, f"user add {n}: {result.stderr}")
        run("user", "set-role", "p1@example.org", "dsl")
        run("user", "disable", "p2@example.org")
        signed = run("audit", "checkpoint")
        check(signed.returncode == 0 and "confidant audit log" in signed.stdout, f"checkpoint: {signed.stdout}{signed.stderr}")
        run("user", "enable", "p2@example.org")

        verify = run("audit", "verify")
        check(verify.returncode == 0, f"verify of an intact log exits 0, got {verify.returncode}: {verify.stdout}{verify.stderr}")
        match = re.fullmatch(r"ok: (\d+) events, head ([0-9a-f]{64})\n", verify.stdout)
        check(match is not None, f"verify prints `ok: N events, head <hash>`, got {verify.stdout!r}")
        events = int(match.group(1)) if match else 0
        # set-role dsl names the first lead, which is recorded as a decision beside the role change.
        check(events == 6 * 2 + 4, f"16 events expected (6 accounts and links, first lead and role, disable, enable), got {events}")

        export = os.path.join(work, "export.jsonl")
        check(run("audit", "export", "--output", export).returncode == 0, "export")
        public_key = os.path.join(work, "verifier.key")
        with open(public_key, "w") as out:
            out.write(run("audit", "public-key").stdout)
        offline = run("audit", "verify-export", export, "--public-key", public_key)
        check(offline.returncode == 0 and offline.stdout.startswith(f"ok: {events} events"), f"verify-export: {offline.stdout}{offline.stderr}")

        proof = run("audit", "proof", "--seq", "3", "--json")
        check(proof.returncode == 0 and '"sequence":3' in proof.stdout.replace(" ", ""), f"proof: {proof.stdout}{proof.stderr}")
        check(run("audit", "proof", "--seq", "999").returncode == 2, "proof of a missing event exits 2")
        check(run("audit", "verify", "--database", "mysql://nowhere/db").returncode == 2, "an unusable database URL exits 2")

        database = os.path.join(work, "confidant-data", "confidant.sqlite")
        pristine = database + ".pristine"
        shutil.copy(database, pristine)
        tamperings = [
            ("change a field", "UPDATE audit_events SET actor = 'someone' WHERE seq = 4", 4),
            ("delete an event", "DELETE FROM audit_events WHERE seq = 5", 5),
            ("swap two events", "UPDATE audit_events SET seq = 1000 WHERE seq = 6; UPDATE audit_events SET seq = 6 WHERE seq = 7; UPDATE audit_events SET seq = 7 WHERE seq = 1000", 6),
            # export itself is an audited event, so the log now ends at events + 1
            ("insert an event", f"INSERT INTO audit_events SELECT {events + 2}, time, actor, action, target, detail, hash, hash FROM audit_events WHERE seq = {events + 1}", events + 2),
            ("truncate the tail", "DELETE FROM audit_events WHERE seq > 10", 11),
        ]
        for name, sql, sequence in tamperings:
            shutil.copy(pristine, database)
            for suffix in ("-wal", "-shm"):
                if os.path.exists(database + suffix):
                    os.remove(database + suffix)
            connection = sqlite3.connect(database)
            connection.executescript(sql)
            connection.commit()
            connection.close()
            result = run("audit", "verify")
            check(result.returncode == 1, f"{name}: verify exits 1, got {result.returncode}: {result.stdout}{result.stderr}")
            check(result.stdout.startswith(f"fail: event {sequence}:"), f"{name}: expected event {sequence}, got {result.stdout!r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if failures:
        print("\n".join(failures))
        print(f"cli audit: FAILED ({len(failures)} problem(s))")
        return 1
    print("cli audit: passed (verify, 5 kinds of tampering, export, verify-export, proof, exit statuses)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: audit.py CONFIDANT_BINARY")
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
