#!/usr/bin/env python3
"""`confidant serve` refuses bad configuration with one clear line and a non-zero exit, never a stack trace.

Usage: tests/cli/serve_errors.py PATH/TO/confidant
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile

failures = []


def main(binary):
    binary = os.path.abspath(binary)
    work = tempfile.mkdtemp(prefix="confidant-serve-errors-")
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    busy_port = holder.getsockname()[1]
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    free_port = free.getsockname()[1]
    free.close()
    bad_key = os.path.join(work, "bad.key")
    with open(bad_key, "w") as out:
        out.write("not a key\n")
    cases = [
        ("an unsupported DATABASE_URL", ["--database", "mysql://root@localhost/db"], {}, "DATABASE_URL"),
        ("a DATABASE_URL from the environment", [], {"DATABASE_URL": "postgres://"}, "DATABASE_URL"),
        ("an unreachable database", ["--database", "postgres://nobody@127.0.0.1:1/none"], {}, "Cannot reach the database"),
        ("a key file that is a directory", ["--key-file", work], {}, "Cannot read the key file"),
        ("a key file that is not a key", ["--key-file", bad_key], {}, "is not a usable key"),
        ("a port in use", ["--port", str(busy_port)], {}, "already in use"),
        ("a port out of range", ["--port", "70000"], {}, "between 1 and 65535"),
        ("an unknown log level", ["--log-level", "loud"], {}, "--log-level"),
    ]
    try:
        for name, args, env, expected in cases:
            arguments = [binary, "serve", *args]
            if "--port" not in args:
                arguments += ["--port", str(free_port)]
            try:
                result = subprocess.run(arguments, cwd=work, capture_output=True, text=True, timeout=60,
                                        env={**os.environ, **env})
            except subprocess.TimeoutExpired:
                failures.append(f"{name}: serve kept running instead of refusing")
                continue
            output = (result.stdout + result.stderr).strip()
            problem_lines = [line for line in output.splitlines() if "error" in line.lower() or expected in line]
            if result.returncode == 0:
                failures.append(f"{name}: exit status 0")
            if expected not in output:
                failures.append(f"{name}: expected {expected!r} in {output!r}")
            if len(problem_lines) > 2 or "Fatal error" in output or "Stack dump" in output or "0x0000" in output:
                failures.append(f"{name}: more than one clear line: {output!r}")
    finally:
        holder.close()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("\n".join(failures))
        print(f"cli serve errors: FAILED ({len(failures)} problem(s))")
        return 1
    print(f"cli serve errors: passed ({len(cases)} kinds of bad configuration, each one clear line and a non-zero exit)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: serve_errors.py CONFIDANT_BINARY")
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
