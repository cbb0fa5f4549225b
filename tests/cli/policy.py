#!/usr/bin/env python3
"""`confidant policy import` brings an organisation's text in as a draft, and refuses bad files with one clear
line, a non-zero exit and nothing written.

Usage: tests/cli/policy.py PATH/TO/confidant
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

failures = []

POLICY = """# Example Youth Trust confidentiality policy (made up for tests)

## Policy statement

Safety comes first, and any worry can go to the designated safeguarding lead.

## Purpose of policy

To set out the boundaries of confidentiality.

## Aims of MCT's Confidentiality Policy

To say when information will need to be shared.

## Definition of confidentiality

Absolute confidentiality means telling no one; we almost never offer it.

## Limited confidentiality

What you tell us may be discussed with other professionals, usually without your name.
"""


def run(binary, work, *args):
    return subprocess.run([binary, "policy", *args, "--database", os.path.join(work, "db.sqlite")],
                          cwd=work, capture_output=True, text=True, timeout=120)


def versions(binary, work):
    result = run(binary, work, "list")
    return [line for line in result.stdout.splitlines() if line.strip()]


def main(binary):
    binary = os.path.abspath(binary)
    work = tempfile.mkdtemp(prefix="confidant-policy-cli-")
    try:
        def write(name, data):
            path = os.path.join(work, name)
            with open(path, "wb") as out:
                out.write(data)
            return path

        bad = [
            ("a missing file", os.path.join(work, "nope.txt"), "Cannot read the policy file"),
            ("a file that is not UTF-8", write("latin1.txt", "Policy statement\n\nCaf\xe9 au lait.\n".encode("latin-1")), "not UTF-8"),
            ("an empty file", write("empty.txt", b"   \n\n"), "empty"),
            ("a file with a NUL", write("nul.txt", b"Policy statement\n\nA NUL \x00 here.\n"), "line 3"),
            ("text with no heading", write("flat.txt", b"Just one sentence, with no heading at all.\n"), "heading"),
            ("a file over 512 KB", write("big.txt", b"Heading\n\n" + b"word " * 120_000), "at most 524288"),
            ("a directory", work, "Cannot read the policy file"),
        ]
        for name, path, expected in bad:
            result = run(binary, work, "import", path)
            output = (result.stdout + result.stderr).strip()
            if result.returncode == 0:
                failures.append(f"{name}: exit status 0")
            if expected.lower() not in output.lower():
                failures.append(f"{name}: expected {expected!r} in {output!r}")
            if "Fatal error" in output or "Stack dump" in output or len(output.splitlines()) > 2:
                failures.append(f"{name}: not one clear line: {output!r}")
        if versions(binary, work):
            failures.append(f"refused imports left versions behind: {versions(binary, work)}")

        clauses = json.loads(subprocess.run([binary, "policy-doc", "--json"], capture_output=True, text=True, check=True).stdout)
        clauses["name"] = "Example Youth Trust Confidentiality Policy"
        bad_clauses = write("bad-clauses.json", b'{"name": "x", "version": "1", "clauses": []}')
        result = run(binary, work, "import", write("ok.md", POLICY.encode()), "--clauses", bad_clauses)
        if result.returncode == 0 or "not valid clause data" not in result.stderr:
            failures.append(f"invalid clause data accepted: {result.stdout + result.stderr!r}")

        good_clauses = write("clauses.json", json.dumps(clauses).encode())
        result = run(binary, work, "import", write("policy.md", POLICY.encode()), "--label", "2027 review", "--clauses", good_clauses)
        if result.returncode != 0:
            failures.append(f"a good import failed: {result.stderr!r}")
        if "Imported Version 1 (2027 review) as a draft: 6 sections, 20 clauses." not in result.stdout:
            failures.append(f"import summary: {result.stdout!r}")
        if "Every clause rests on a section of the text." not in result.stdout:
            failures.append(f"grounding summary: {result.stdout!r}")

        result = run(binary, work, "import", write("short.txt", b"Our policy\n\nWe keep people safe.\n"))
        if result.returncode != 0 or "20 clause(s) name a section the text does not have" not in result.stdout:
            failures.append(f"ungrounded clauses not reported: {result.stdout + result.stderr!r}")

        listed = versions(binary, work)
        if len(listed) != 2 or not listed[0].startswith("2\tdraft\t") or not listed[1].startswith("1\tdraft\t2027 review"):
            failures.append(f"policy list: {listed!r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if failures:
        print("\n".join(failures))
        print(f"cli policy: FAILED, {len(failures)} problem(s)")
        return 1
    print("cli policy: passed, import refuses 8 kinds of bad input with one clear line and writes nothing; a good import is a draft")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: tests/cli/policy.py CONFIDANT_BINARY")
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
