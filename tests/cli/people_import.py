#!/usr/bin/env python3
"""`confidant people import`: a register in, nothing half-imported, each bad row named, importing again updates.

Usage: tests/cli/people_import.py PATH/TO/confidant
Runs against a throwaway SQLite database in a temporary folder (made-up people only).
"""
import os
import shutil
import subprocess
import sys
import tempfile

GOOD = """name,known_as,date_of_birth,group,external_id,kind
Robin Testchild,Robs,27/03/2014,Under 13s,MIS-001,child
"Sam ""Sparky"" Testperson",,2012-01-05,Under 15s,MIS-002,
"""
BAD = GOOD + ",,2014-01-01,,MIS-003,child\nAda Test,,31/02/2014,,MIS-001,pupil\n"


def main(binary):
    folder = tempfile.mkdtemp(prefix="confidant-people-")
    problems = []

    def run(*args):
        return subprocess.run([os.path.abspath(binary), *args], cwd=folder, capture_output=True, text=True, timeout=120)

    def expect(condition, message):
        if not condition:
            problems.append(message)

    try:
        added = run("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        expect(added.returncode == 0, f"user add failed: {added.stderr}")
        for name, text in [("good.csv", GOOD), ("bad.csv", BAD), ("changed.csv", GOOD.replace("Under 13s", "Under 14s"))]:
            with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
                out.write(text)

        bad = run("people", "import", "bad.csv", "--by", "dana@example.org")
        expect(bad.returncode == 1, f"a bad register exits 1, got {bad.returncode}")
        for words in ["Nothing was imported", "row 4:", "row 5:", "also on row 2", "pupil"]:
            expect(words in bad.stderr, f"the refusal names {words!r}: {bad.stderr}")

        good = run("people", "import", "good.csv", "--by", "dana@example.org")
        expect(good.returncode == 0, f"a good register imports: {good.stderr}")
        expect("2 added, 0 updated" in good.stdout, f"first import adds both: {good.stdout}")
        again = run("people", "import", "changed.csv", "--by", "dana@example.org")
        expect("0 added, 1 updated, 1 unchanged" in again.stdout, f"importing again updates: {again.stdout}")

        missing = run("people", "import", "nowhere.csv", "--by", "dana@example.org")
        expect(missing.returncode == 2, f"a missing file exits 2, got {missing.returncode}")
        stranger = run("people", "import", "good.csv", "--by", "nobody@example.org")
        expect(stranger.returncode == 1 and "not the account of a safeguarding lead" in stranger.stderr, f"an unknown importer is refused: {stranger.stderr}")
        binary_file = os.path.join(folder, "photo.csv")
        with open(binary_file, "wb") as out:
            out.write(b"\xff\xd8\xff\xe0 not text")
        notext = run("people", "import", "photo.csv", "--by", "dana@example.org")
        expect(notext.returncode == 2, f"a file that is not UTF-8 text exits 2, got {notext.returncode}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    if problems:
        print("\n".join(problems))
        print(f"cli people import: FAILED, {len(problems)} problem(s)")
        return 1
    print("cli people import: passed (bad rows named and nothing imported, import, re-import updates, bad arguments refused)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: tests/cli/people_import.py PATH/TO/confidant")
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
