#!/usr/bin/env bash
# Starts tests/mail/smtp_server.py in the background on free loopback ports and prints the
# environment the ConfidantMail live tests read, as shell exports:
#
#   eval "$(tests/mail/start_smtp.sh)"                 # or: tests/mail/start_smtp.sh /tmp/some-dir
#   CONFIDANT_REQUIRE_SMTP=1 swift test --filter ConfidantMailTests
#   kill "$CONFIDANT_TEST_SMTP_PID"; rm -rf "$CONFIDANT_TEST_SMTP_DIR"
#
# Installs aiosmtpd from PyPI when it is missing. Everything else it prints goes to stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$(mktemp -d /tmp/confidant-smtp.XXXXXX)}
mkdir -p "$dir/maildir"

if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "==> installing aiosmtpd from PyPI" >&2
  python3 -m pip install -q --disable-pip-version-check aiosmtpd >&2
fi

read -r port smtps_port plain_port < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(3)]
for s in sockets: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))
for s in sockets: s.close()')

user="confidant"
password="p@ss w0rd:1"                     # special characters check the URL's percent-decoding
encoded_password="p%40ss%20w0rd%3A1"

python3 "$here/smtp_server.py" --port "$port" --smtps-port "$smtps_port" --plain-port "$plain_port" \
  --user "$user" --password "$password" --maildir "$dir/maildir" --cert-dir "$dir" \
  >"$dir/server.log" 2>&1 &
pid=$!

for _ in $(seq 1 300); do
  grep -q '^READY' "$dir/server.log" 2>/dev/null && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the test SMTP server stopped at start-up:" >&2; cat "$dir/server.log" >&2; exit 1
  fi
  sleep 0.1
done
grep -q '^READY' "$dir/server.log" || { echo "the test SMTP server did not start in 30 s" >&2; kill "$pid"; exit 1; }

cat <<EXPORTS
export CONFIDANT_TEST_SMTP_URL='smtp://$user:$encoded_password@localhost:$port?ca=$dir/ca.pem&timeout=10'
export CONFIDANT_TEST_SMTPS_URL='smtps://$user:$encoded_password@127.0.0.1:$smtps_port?ca=$dir/ca.pem&timeout=10'
export CONFIDANT_TEST_SMTP_PLAIN_PORT='$plain_port'
export CONFIDANT_TEST_SMTP_MAILDIR='$dir/maildir'
export CONFIDANT_TEST_SMTP_DIR='$dir'
export CONFIDANT_TEST_SMTP_PID='$pid'
EXPORTS
