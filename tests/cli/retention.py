#!/usr/bin/env python3
"""`confidant retention report`: the files due for review and under hold, as a table and JSON, naming nobody.

Usage: tests/cli/retention.py PATH/TO/confidant
Runs against a throwaway SQLite database in a temporary folder (made-up people only): a register of three people
is imported, one born long enough ago that their file is due for review, one an adult without contact for years
(their file counts from the day they were recorded, today, so it is kept), one a young child (kept).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

REGISTER = """name,known_as,date_of_birth,group,external_id,kind
Casey Testolder,,27/03/1995,Alumni,MIS-101,child
Robin Testchild,Robs,27/03/2014,Under 13s,MIS-102,child
Alex Testadult,,1980-01-01,Volunteers,MIS-103,adult
"""


def main(binary):
    folder = tempfile.mkdtemp(prefix="confidant-retention-")
    problems = []

    def run(*args, env=None):
        return subprocess.run([os.path.abspath(binary), *args], cwd=folder, capture_output=True, text=True, timeout=120,
                              env={**os.environ, **(env or {})})

    def expect(condition, message):
        if not condition:
            problems.append(message)

    try:
        expect(run("retention", "report").returncode != 0, "a report without a database fails")
        added = run("user", "add", "--name", "Dana Lead", "--email", "dana@example.org", "--role", "dsl")
        expect(added.returncode == 0, f"user add failed: {added.stderr}")
        with open(os.path.join(folder, "register.csv"), "w", encoding="utf-8") as out:
            out.write(REGISTER)
        imported = run("people", "import", "register.csv", "--by", "dana@example.org")
        expect(imported.returncode == 0, f"people import failed: {imported.stderr}")

        table = run("retention", "report")
        expect(table.returncode == 0, f"the report runs: {table.stderr}")
        expect("1 due for review, 0 under legal hold, 0 disposed of, 2 kept" in table.stdout, f"the summary line: {table.stdout!r}")
        expect("Child " in table.stdout and "date of birth plus 25 years" in table.stdout, f"the due file by pseudonym and rule: {table.stdout!r}")

        report = run("retention", "report", "--json")
        expect(report.returncode == 0, f"the JSON report runs: {report.stderr}")
        body = json.loads(report.stdout)
        # A date of birth plus 25 years would tell the date of birth: the report gives the year alone.
        expect(len(body["due"]) == 1 and body["due"][0]["review_on"] == "2020", f"one file due since 2020: {body['due']!r}")
        expect(body["held"] == [] and body["disposed"] == [] and body["kept"] == 2, f"nothing held or disposed, two kept: {body!r}")
        expect(body["schedule"] == {"child_years_after_birth": 25, "adult_years_after_last_contact": 6, "advice_years": 1},
               f"the default schedule: {body['schedule']!r}")
        expect(body["advice"] == {"due": [], "held": [], "kept": 0}, f"no advice was asked: {body['advice']!r}")
        expect("Advice about no named person: 0 due for review" in table.stdout, f"the advice line: {table.stdout!r}")
        for words in ["Casey", "Testolder", "Robin", "1995", "27 March"]:
            expect(words not in report.stdout and words not in table.stdout, f"{words!r} is not in the report")

        # The organisation's own schedule, by flag or environment; nonsense is refused with a clear message.
        longer = json.loads(run("retention", "report", "--json", "--retention-child-years", "40").stdout)
        expect(longer["due"] == [] and longer["kept"] == 3, f"with 40 years nothing is due: {longer!r}")
        by_env = json.loads(run("retention", "report", "--json", env={"CONFIDANT_RETENTION_CHILD_YEARS": "40"}).stdout)
        expect(by_env["due"] == [], "the environment sets the schedule too")
        for args, env, words in [(["--retention-child-years", "0"], None, "between 1 and 100"),
                                 (["--retention-advice-years", "101"], None, "between 1 and 100"),
                                 ([], {"CONFIDANT_RETENTION_ADULT_YEARS": "six"}, "whole number of years")]:
            refused = run("retention", "report", *args, env=env)
            expect(refused.returncode != 0 and words in refused.stderr, f"{args or env} is refused saying {words!r}: {refused.stderr!r}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    if problems:
        print("retention report: FAILED")
        for problem in problems:
            print("  " + problem)
        return 1
    print("retention report: passed (table and JSON, the organisation's schedule by flag and environment, bad values refused, nobody named)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
