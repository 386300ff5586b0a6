"""What the load run's simulated people type and read: searches, section answers, the form
fields they pick out, and the security codes an authenticator app would show them."""

import base64
import hashlib
import hmac
import re
import struct

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
SEARCHES = [
    "family",
    "parenting programme",
    '"foster care"',
    "trauma therapy",
    "kinship carer support",
    "group conference",
    "mental health",
    "domestic abuse",
    "adolescent crisis",
    "reunification",
]
# Sections an applicant saves: the field whose text grows by one line a save, and the rest.
PARAGRAPH = (
    "Practitioners meet each family weekly for twelve weeks, agree a plan with them and review "
    "it with their social worker. "
) * 4
SECTIONS = {
    "theory-of-change": ("outcomes", {"activities": PARAGRAPH}),
    "what-you-want-to-learn": ("questions", {"use_of_findings": PARAGRAPH}),
    "evidence-so-far": ("data_collected", {"evidence_stage": "routine"}),
}
LONG_ANSWER = 5000  # the form's limit for a long answer
ACCOUNT_HOME = "/accounts/"  # where signing in leads
CONFIRM_EMAIL = "/accounts/confirm-email/"  # where signing up leads


def totp(secret: str, at: float) -> str:
    """The six-digit code an authenticator app shows (RFC 6238: SHA-1, 30-second steps)."""
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
