#!/usr/bin/env python3
"""People are found through a blind index, and no name of a person is stored in the clear (docs/security.md).

Usage: tests/cli/search_index.py PATH/TO/confidant
- `confidant demo load --people 200 --concerns 400` into a new SQLite database: every file the database wrote (the
  file, its write-ahead log and shared memory) is scanned for the names of the demo's people and of the made-up
  people, in any letter case; none may be found;
- the same into a new database on the PostgreSQL of ./scripts/test (CONFIDANT_TEST_POSTGRES_URL), scanning a
  `pg_dump` of it, when that server is there (required when CONFIDANT_REQUIRE_POSTGRES=1);
- the index holds terms for every person, and `key rotate` re-indexes them under the new key.
Searching itself (exact names, first names, known-as names, one letter off) is tested in RecordStoreTests, on both
databases, and over HTTP in RecordingTests.
"""
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO_SOURCE = os.path.join(HERE, "..", "..", "Sources", "ConfidantDemo", "DemoOrganisation.swift")
SYNTHETIC_SOURCE = os.path.join(HERE, "..", "..", "Sources", "ConfidantStore", "SyntheticLoad.swift")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def demo_names():
    """The people of the demo (children, adults at risk, relatives), from its source: full names and surnames."""
    text = open(DEMO_SOURCE, encoding="utf-8").read()
    pattern = r"\(\"([A-Z][a-z]+ [A-Z][a-z]+)\", \.(?:child|adult|adultAtRisk)\b"
    names = set(re.findall(pattern, text))
    check(len(names) >= 20, f"the demo's people read from {DEMO_SOURCE}: {sorted(names)}")
    # A surname that is also a word of the demo's other text (its policy says "everything in it is invented") is
    # scanned for only as part of the full name.
    other_text = re.sub(pattern, "", text).lower()
    surnames = {name.split()[1] for name in names if name.split()[1].lower() not in other_text}
    return sorted(names | surnames)


def synthetic_words():
    """What every made-up person's surname ends in, from SyntheticLoad's source."""
    text = open(SYNTHETIC_SOURCE, encoding="utf-8").read()
    check('capitalized)synth"' in text, "SyntheticLoad's surnames still end in 'synth' (this test scans for it)")
    return ["synth"]


def found_in(data, words):
    """The words that occur in data, in any letter case."""
    lowered = data.lower()
    return [word for word in words if word.lower().encode() in lowered]


def main(binary):
    binary = os.path.abspath(binary)
    names = demo_names() + synthetic_words()
    work = tempfile.mkdtemp(prefix="confidant-search-index-")
    try:
        def run(*args, env=None, timeout=600):
            return subprocess.run([binary, *args], cwd=work, capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, **(env or {})})

        loaded = run("demo", "load", "--people", "200", "--concerns", "400")
        check(loaded.returncode == 0, f"demo load into SQLite: {loaded.stdout}{loaded.stderr}")
        check("Recorded 200 made-up people and 400 concerns" in loaded.stderr, f"demo load says what it loaded: {loaded.stderr}")
        files = glob.glob(os.path.join(work, "confidant-data", "confidant.sqlite*"))
        check(any(f.endswith(".sqlite") for f in files), f"the SQLite database is where expected: {files}")
        for path in files:
            leaked = found_in(open(path, "rb").read(), names)
            check(not leaked, f"{os.path.basename(path)} holds names in the clear: {leaked}")

        database = os.path.join(work, "confidant-data", "confidant.sqlite")
        with sqlite3.connect(database) as db:
            people = db.execute("SELECT count(*) FROM people").fetchone()[0]
            unindexed = db.execute(
                "SELECT count(*) FROM people WHERE id NOT IN (SELECT person_id FROM person_search_terms)").fetchone()[0]
            keys = {row[0] for row in db.execute("SELECT DISTINCT search_key_id FROM people")}
            terms = [row[0] for row in db.execute("SELECT term FROM person_search_terms LIMIT 1000")]
        check(people >= 220 and unindexed == 0, f"every one of {people} people has terms ({unindexed} have none)")
        check(len(keys) == 1 and None not in keys, f"everyone is indexed under one key: {keys}")
        check(all(re.fullmatch(r"[0-9a-f]{32}", t) for t in terms), f"terms are keyed hashes: {terms[:5]}")

        rotated = run("key", "rotate")
        check(rotated.returncode == 0, f"key rotate: {rotated.stdout}{rotated.stderr}")
        with sqlite3.connect(database) as db:
            after = {row[0] for row in db.execute("SELECT DISTINCT search_key_id FROM people")}
            moved = db.execute("SELECT count(*) FROM person_search_terms WHERE term IN (%s)" % ",".join("?" * len(terms)),
                               terms).fetchone()[0]
        check(len(after) == 1 and after != keys, f"after a rotation everyone is indexed under the new key: {keys} then {after}")
        check(moved == 0, f"no term made under the old key is left ({moved} are)")

        scan_postgres(run, names)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def scan_postgres(run, names):
    admin = os.environ.get("CONFIDANT_TEST_POSTGRES_URL")
    if not admin:
        check(os.environ.get("CONFIDANT_REQUIRE_POSTGRES") != "1", "CONFIDANT_TEST_POSTGRES_URL is not set")
        print("search_index: no PostgreSQL (CONFIDANT_TEST_POSTGRES_URL): the pg_dump scan was skipped")
        return
    parts = urllib.parse.urlsplit(admin)
    name = "confidant_search_" + uuid.uuid4().hex[:12]
    tools = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
    connection = ["-h", parts.hostname, "-p", str(parts.port), "-U", parts.username or "confidant"]
    subprocess.run([os.path.join(tools, "createdb"), *connection, name], check=True, timeout=60)
    try:
        url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))
        folder = tempfile.mkdtemp(prefix="confidant-search-pg-")
        try:
            env = {"DATABASE_URL": url, "CONFIDANT_KEY_FILE": os.path.join(folder, "confidant.key"),
                   "CONFIDANT_AUDIT_KEY_FILE": os.path.join(folder, "audit-signing.key")}
            loaded = run("demo", "load", "--people", "200", "--concerns", "400", env=env)
            check(loaded.returncode == 0, f"demo load into PostgreSQL: {loaded.stdout}{loaded.stderr}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        dump = subprocess.run([os.path.join(tools, "pg_dump"), *connection, name], capture_output=True, timeout=120)
        check(dump.returncode == 0 and b"person_search_terms" in dump.stdout, f"pg_dump: {dump.stderr[-300:]}")
        leaked = found_in(dump.stdout, names)
        check(not leaked, f"the pg_dump holds names in the clear: {leaked}")
    finally:
        subprocess.run([os.path.join(tools, "dropdb"), *connection, name], timeout=60)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
    for failure in failures:
        print("FAIL:", failure)
    print("search_index:", "FAILED" if failures else "ok")
    sys.exit(1 if failures else 0)
