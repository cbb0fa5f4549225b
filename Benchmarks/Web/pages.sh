#!/usr/bin/env bash
# Confidant's pages side by side with bare Hummingbird, in one run on one machine (docs/benchmarks.md, "Web pages").
# Usage: Benchmarks/Web/pages.sh CONFIDANT_BIN BARE_BIN [SECONDS]
# BENCH_DB=postgres://… runs Confidant on that (empty) PostgreSQL database instead of a new SQLite file.
# BENCH_LOAD="--people 200000 --concerns 1000000" first loads the demo with that many made-up records beside it
# (`confidant demo load`, timed) and adds a search for one made-up person, their printed chronology and the reports.
# BENCH_DIR=DIR (a new folder) keeps the database and key files there afterwards instead of deleting them, so that
# `confidant audit verify` and other commands can be run over the same data. Given a folder such a run left (and no
# BENCH_LOAD), it measures that database again, migrated by the build under test.
# BENCH_CONNECTIONS=N runs wrk with N connections instead of 32 (latency under a lighter load).
# Signs the demo's staff member and DSL in through the pages (the DSL with a second factor), then runs
# `wrk -t2 -c32 -dS --latency` against each page and prints req/s, % of bare and the 99th percentile latency.
set -u
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
BIN=$(readlink -f "$1"); BARE=$(readlink -f "$2"); S=${3:-8}
d=${BENCH_DIR:-$(mktemp -d)}; mkdir -p "$d"; cd "$d"
export DATABASE_URL="${BENCH_DB:-$d/c.sqlite}" CONFIDANT_KEY_FILE="$d/key" CONFIDANT_AUDIT_KEY_FILE="$d/audit.key"
C=${BENCH_CONNECTIONS:-32}; T=$(( C < 2 ? 1 : 2 ))
if [ -n "${BENCH_DIR:-}" ] && [ -n "$(ls -A "$d")" ] && { [ -n "${BENCH_LOAD:-}" ] || [ ! -f "$d/log" ]; }; then
  echo "BENCH_DIR must be a new or empty folder, or one an earlier run left (without BENCH_LOAD)"; exit 1
fi
if [ -n "${BENCH_LOAD:-}" ]; then
  started=$(date +%s)
  # shellcheck disable=SC2086
  "$BIN" demo load $BENCH_LOAD > log 2> load.log || { cat load.log; exit 1; }
  echo "demo load $BENCH_LOAD: $(( $(date +%s) - started )) s ($(tail -n 1 load.log))"
fi
"$BIN" serve --demo --port 18400 >> log 2>&1 & cpid=$!
"$BARE" 18401 > bare.log 2>&1 & bpid=$!
trap 'kill $cpid $bpid 2>/dev/null; wait 2>/dev/null; [ -n "${BENCH_DIR:-}" ] || rm -rf "$d"' EXIT
for i in $(seq 1 600); do curl -sf http://127.0.0.1:18400/health >/dev/null && break; sleep 0.5; done
password() { grep -E "^\s+\S+\s+$1\s" log | awk '{print $3}'; }
staff=$(python3 "$here/signin.py" http://127.0.0.1:18400 sam.coach@demo.example "$(password sam.coach@demo.example)")
dsl=$(python3 "$here/signin.py" http://127.0.0.1:18400 dana.lead@demo.example "$(password dana.lead@demo.example)" "$d/dsl.totp")
first() { curl -s -H "Cookie: $dsl" "http://127.0.0.1:18400$1" | grep -oE "$2" | head -1; }
person=$(first "/people?q=a" '/people/[0-9A-Fa-f-]{36}')
concern=$(first "/triage" '/concerns/[0-9A-Fa-f-]{36}')
pages="/explain/children - /health - /sign-in - /home staff /tasks staff /home dsl /triage dsl $person dsl $concern dsl /people?q=a dsl"
if [ -f load.log ]; then
  # The first made-up person (SyntheticLoad.person(0)), found by full name among everyone, and their chronology.
  made=$(first "/people?q=Alex+Basynth" '/people/[0-9A-Fa-f-]{36}')
  pages="$pages /people?q=Alex+Basynth dsl /people?q=Alex+Basinth dsl $made dsl $made/chronology/print dsl /reports dsl"
fi
rate() { # URL [COOKIE] -> "req/s p99"
  wrk -t"$T" -c"$C" -d"${S}s" --latency ${2:+-H "Cookie: $2"} "$1" 2>/dev/null |
    awk '/Requests\/sec/{r=$2} /^ +99%/{p=$2} /Non-2xx/{n=$4} END{print r, p, (n==""?0:n)}'
}
read -r bare barep99 _ <<<"$(rate http://127.0.0.1:18401/page)"
echo "bare Hummingbird, 4 kB page: $bare req/s, p99 $barep99"
printf '%-34s %6s %10s %8s %8s %s\n' page HTTP req/s "% bare" p99 non-2xx
set -- $pages
while [ $# -ge 2 ]; do
  path=$1; who=$2; shift 2; ck=""
  [ "$who" = dsl ] && ck=$dsl; [ "$who" = staff ] && ck=$staff
  code=$(curl -s -o /dev/null -w '%{http_code}' ${ck:+-H "Cookie: $ck"} "http://127.0.0.1:18400$path")
  read -r v p99 non <<<"$(rate "http://127.0.0.1:18400$path" "$ck")"
  label=$path
  case $path in */chronology/print) label="/people/{id}/chronology/print";; /people/*) label="/people/{id}";; /concerns/*) label="/concerns/{id}";; esac
  python3 -c "import sys; v=float(sys.argv[2] or 0); b=float(sys.argv[3]); print(f'{sys.argv[1]:34s} {sys.argv[4]:>6s} {v:10.0f} {100*v/b:7.1f}% {sys.argv[5]:>8s} {sys.argv[6]}')" \
    "$label ($who)" "$v" "$bare" "$code" "$p99" "$non"
done
echo "serve's memory after the run: $(ps -o rss= -p $cpid | awk '{printf "%.0f MB", $1/1024}')"
