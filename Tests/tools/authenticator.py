"""An authenticator application in a few lines (RFC 6238: HMAC-SHA-1, 6 digits, 30 s), for
the tests that enrol and sign in the organisations' agents. The standard library only."""
import base64
import hashlib
import hmac
import struct
import time

PERIOD = 30
DIGITS = 6


def secret_bytes(key):
    """The key as the invitation page shows it (Base32, grouped by four) decoded."""
    compact = "".join(key.split()).upper().rstrip("=")
    return base64.b32decode(compact + "=" * (-len(compact) % 8))


def hotp(key, counter):
    """RFC 4226: the code of one counter value."""
    digest = hmac.new(secret_bytes(key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%0*d" % (DIGITS, value % 10 ** DIGITS)


def step_at(moment=None):
    return int((time.time() if moment is None else moment) // PERIOD)


def totp(key, moment=None):
    """RFC 6238: the code shown at a moment (now by default)."""
    return hotp(key, step_at(moment))


class Authenticator:
    """One enrolled key. The portal accepts each time step only once per agent, so a
    second code in the same 30 s waits for the next step (the only sleep of these tests,
    at most one period)."""

    def __init__(self, key):
        self.key = "".join(key.split())
        self.last_step = None

    def code(self):
        step = step_at()
        if self.last_step is not None and step <= self.last_step:
            time.sleep(max(0.0, (self.last_step + 1) * PERIOD - time.time()) + 0.2)
            step = step_at()
        assert self.last_step is None or step > self.last_step
        self.last_step = step
        return hotp(self.key, step)


# RFC 6238, appendix B: SHA-1, the ASCII key "12345678901234567890", the last 6 of its
# 8-digit codes (checked by the browser stage's first test).
RFC_6238_KEY = base64.b32encode(b"12345678901234567890").decode()
RFC_6238_VECTORS = [(59, "287082"), (1111111109, "081804"), (1111111111, "050471"), (1234567890, "005924"),
                    (2000000000, "279037"), (20000000000, "353130")]
