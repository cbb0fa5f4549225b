#!/usr/bin/env python3
"""A throwaway SMTP relay for ConfidantMail's live tests, on loopback only.

It listens on up to three ports of 127.0.0.1:
  --port        plain connect, STARTTLS offered and required, AUTH (PLAIN, LOGIN) required after TLS;
  --smtps-port  implicit TLS from the first byte, AUTH required and only AUTH LOGIN offered;
  --plain-port  no TLS and no AUTH at all (to check that the client refuses to send credentials there).
At start-up it makes a certificate authority and a server certificate for localhost and 127.0.0.1
in --cert-dir (ca.pem is what the client's ?ca= option should name). Each accepted message is
written to --maildir as NNNN.eml (the bytes received) and NNNN.json (envelope, and the subject and
body decoded by Python's email package, an independent decoder). Recipients at reject.example are
refused with 550. When every port listens it prints
"READY <port> <smtps-port> <plain-port>" (0 for a port not asked for) and runs until killed.
"""
import argparse
import datetime
import email
import email.policy
import ipaddress
import json
import os
import signal
import ssl
import subprocess
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def make_certificates(directory):
    """Writes ca.pem, server.pem and server.key; returns the paths of the server's pair."""
    ca_path = os.path.join(directory, "ca.pem")
    cert_path = os.path.join(directory, "server.pem")
    key_path = os.path.join(directory, "server.key")
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        make_certificates_with_openssl(directory, ca_path, cert_path, key_path)
        return cert_path, key_path

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Confidant test mail CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([
                x509.DNSName("localhost"),
                x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                x509.IPAddress(ipaddress.ip_address("::1")),
            ]),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    with open(ca_path, "wb") as f:
        f.write(ca.public_bytes(serialization.Encoding.PEM))
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


def make_certificates_with_openssl(directory, ca_path, cert_path, key_path):
    """The same certificates with the openssl command, where the cryptography package is missing."""
    ca_key = os.path.join(directory, "ca.key")
    csr = os.path.join(directory, "server.csr")
    ext = os.path.join(directory, "server.ext")
    with open(ext, "w") as f:
        f.write("basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n"
                "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", ca_key, "-out", ca_path, "-days", "2", "-subj", "/CN=Confidant test mail CA",
                    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign"], **quiet)
    subprocess.run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key_path, "-out", csr, "-subj", "/CN=localhost"], **quiet)
    subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", ca_path, "-CAkey", ca_key, "-CAcreateserial",
                    "-out", cert_path, "-days", "2", "-extfile", ext], **quiet)


class Maildir:
    """Stores each accepted message as NNNN.eml plus a decoded NNNN.json."""

    def __init__(self, directory):
        self.directory = directory
        self.lock = threading.Lock()
        self.count = len([n for n in os.listdir(directory) if n.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Addresses at reject.example are refused, so tests can see a permanent rejection.
        if address.lower().endswith("@reject.example"):
            return "550 5.1.1 Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "message_id": parsed["Message-ID"],
            "subject": str(parsed["Subject"]),
            "from": str(parsed["From"]),
            "to": str(parsed["To"]),
            "date": str(parsed["Date"]),
            "content_type": parsed.get_content_type(),
            "charset": parsed.get_content_charset(),
            "transfer_encoding": parsed["Content-Transfer-Encoding"],
            "body": parsed.get_content().replace("\r\n", "\n"),
            "authenticated_as": (session.auth_data.login.decode()
                                 if isinstance(session.auth_data, LoginPassword) else None),
            "auth_mechanism": getattr(session, "auth_mechanism", None),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
        }
        with self.lock:
            self.count += 1
            stem = os.path.join(self.directory, "%04d" % self.count)
        # The JSON is written last and renamed into place, so a reader that sees it sees both files whole.
        with open(stem + ".eml", "wb") as f:
            f.write(raw)
        with open(stem + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=1)
        os.replace(stem + ".json.tmp", stem + ".json")
        return "250 2.0.0 Message accepted"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        session.auth_mechanism = mechanism
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return authenticate


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True, help="STARTTLS port")
    parser.add_argument("--smtps-port", type=int, default=0, help="implicit TLS port (0: none)")
    parser.add_argument("--plain-port", type=int, default=0, help="port without TLS or AUTH (0: none)")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert-dir", required=True)
    args = parser.parse_args()

    os.makedirs(args.maildir, exist_ok=True)
    os.makedirs(args.cert_dir, exist_ok=True)
    cert_path, key_path = make_certificates(args.cert_dir)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert_path, key_path)

    handler = Maildir(args.maildir)
    authenticator = make_authenticator(args.user, args.password)
    controllers = [Controller(
        handler, hostname="127.0.0.1", port=args.port, server_hostname="localhost",
        tls_context=tls, require_starttls=True, authenticator=authenticator,
        auth_required=True, auth_require_tls=True)]
    if args.smtps_port:
        # aiosmtpd only counts STARTTLS as TLS; this port is TLS from the first byte, so
        # auth_require_tls is off here and AUTH is still required.
        controllers.append(Controller(
            handler, hostname="127.0.0.1", port=args.smtps_port, server_hostname="localhost",
            ssl_context=tls, authenticator=authenticator, auth_required=True, auth_require_tls=False,
            auth_exclude_mechanism=["PLAIN"]))
    if args.plain_port:
        controllers.append(Controller(handler, hostname="127.0.0.1", port=args.plain_port))
    for controller in controllers:
        controller.start()

    print("READY %d %d %d" % (args.port, args.smtps_port, args.plain_port), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    for controller in controllers:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
