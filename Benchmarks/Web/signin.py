"""Signs a demo account in through the pages (password, then the second factor when the role needs one) and prints
the Cookie header value. Usage: signin.py BASE_URL EMAIL PASSWORD [KEY_FILE]

With KEY_FILE, the authenticator key set up at the first sign-in is kept there, and a later sign-in (a benchmark run
over a database an earlier run left) answers the code page with it."""
import base64, hashlib, hmac, os, re, struct, sys, time
import requests

base, email, password = sys.argv[1:4]
key_file = sys.argv[4] if len(sys.argv) > 4 else None


def totp(key, step):
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


s = requests.Session()
page = s.get(base + "/sign-in")
token = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
answer = s.post(base + "/sign-in", data={"email": email, "password": password, "_csrf": token})
if "/account/second-factor" in answer.url:
    key = re.search(r'id="manual-key"[^>]*>([^<]+)<', answer.text).group(1).replace(" ", "")
    csrf = re.search(r'name="_csrf" value="([^"]+)"', answer.text).group(1)
    form = {"code": totp(key, int(time.time() // 30)), "_csrf": csrf}
    once = re.search(r'name="_once" value="([^"]+)"', answer.text)
    if once:
        form["_once"] = once.group(1)
    done = s.post(answer.url.split("?")[0], data=form)
    if "/account/second-factor" in done.url and "recovery" not in done.text.lower():
        sys.exit("the second factor was not accepted")
    if key_file:
        with open(key_file, "w") as f:
            f.write(key)
elif "/sign-in/code" in answer.url:
    if not key_file or not os.path.exists(key_file):
        sys.exit("the account has a second factor and no key file was given")
    key = open(key_file).read().strip()
    page = answer
    for attempt in range(3):
        form = {"code": totp(key, int(time.time() // 30)), "_csrf": re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)}
        once = re.search(r'name="_once" value="([^"]+)"', page.text)
        if once:
            form["_once"] = once.group(1)
        page = s.post(base + "/sign-in/code", data=form)
        if "/sign-in/code" not in page.url:
            break
        # A code is accepted once: when the last sign-in used this one (or the next), wait for a fresh one.
        time.sleep(31 - time.time() % 30)
    else:
        sys.exit("the code was not accepted")
print("; ".join(f"{k}={v}" for k, v in s.cookies.items()))
