"""Checks that the two app servers share what a person's visit needs: the session, the sign-in
counts in Redis, and the uploaded files.

Each check asks the servers directly on their own ports (not through haproxy), so that which
server answered is known. Import this module once Django is set up: it makes the accounts it
signs in with, and reads what the uploads stored.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from accounts.models import Membership
from pine import selectors
from pine.models import Document, Project
from scripts.load.browser import Browser, client_address
from scripts.load.data import _user
from scripts.load.fault import Finding


@dataclass(frozen=True)
class Person:
    email: str
    password: str
    project: str = ""  # the slug of the project whose organisation they belong to
    stage: int = 0  # the pk of its first stage
    stage_number: int = 0  # its number in the stage's URL


@transaction.atomic
def make_people() -> tuple[Person, Person]:
    """A partner in a demo project (for the session and the upload), and a person to lock out."""
    from django.contrib.auth.hashers import make_password

    password = secrets.token_urlsafe(18)
    hashed = make_password(password)
    project = Project.objects.exclude(status=Project.Status.WITHDRAWN).order_by("pk").first()
    if project is None:
        raise RuntimeError("The demo data has no project to upload a document to.")
    partner = _user("partner@topology.load.example.org", hashed)
    Membership.objects.create(user=partner, organisation=project.organisation)
    stage = selectors.numbered_stages(project)[0]
    locked = _user("locked-out@topology.load.example.org", hashed)
    return (
        Person(partner.email, password, project.slug, stage.pk, stage.number),
        Person(locked.email, password),
    )


def account_limit() -> int:
    """Failed sign-ins allowed for one account: the `/key` part of the `login_failed` limit."""
    for rule in settings.ACCOUNT_RATE_LIMITS["login_failed"].split(","):
        amount, _duration, *per = rule.strip().split("/")
        if per == ["key"]:
            return int(amount)
    raise RuntimeError("ACCOUNT_RATE_LIMITS['login_failed'] has no per-account (/key) limit")


def session_check(person: Person, a: int, b: int) -> Finding:
    """Sign in on server A; ask for the account page on server B with the same cookie."""
    browser = Browser(client_address())
    signed_in = browser.sign_in(a, person.email, person.password)
    page = browser.get(b, "/accounts/")
    kept = signed_in.location == "/accounts/" and page.status == 200 and "Sign out" in page.text
    return Finding(
        "a session started on server A, used on server B",
        f"sign-in on A: {signed_in.status} → {signed_in.location or '-'}; "
        f"/accounts/ on B: {page.status}{', signed in' if 'Sign out' in page.text else ''}",
        "200, signed in",
        kept,
    )


def limit_check(person: Person, a: int, b: int) -> Finding:
    """Wrong passwords for one account, alternating between A and B, until the limit refuses.

    Counted per server, the limit would allow its number on each (twice as many in all).
    """
    limit = account_limit()
    browser = Browser(client_address())
    answers = []
    for attempt in range(2 * limit + 2):
        port = (a, b)[attempt % 2]
        token = browser.token(port, "/accounts/login/")
        data = {"csrfmiddlewaretoken": token, "login": person.email, "password": "wrong-" * 3}
        answers.append(browser.post_form(port, "/accounts/login/", data).status)
    failed = next((i for i, status in enumerate(answers) if status != 200), len(answers))
    refused_after = all(status == 429 for status in answers[failed:])
    sequence = " ".join(f"{'AB'[i % 2]}:{status}" for i, status in enumerate(answers))
    return Finding(
        "wrong passwords for one account, A and B in turn, answered before the limit refused",
        f"{failed} ({sequence})",
        f"exactly {limit} (login_failed's per-account limit), then 429",
        failed == limit and refused_after and failed < len(answers),
    )


def upload_check(person: Person, a: int, b: int) -> Finding:
    """A CSV uploaded to a project stage through A, downloaded through B, compared byte for byte."""
    browser = Browser(client_address())
    browser.sign_in(a, person.email, person.password)
    path = f"/pine/projects/{person.project}/stages/{person.stage_number}/"
    token = browser.token(a, path)
    # UTF-8 with characters beyond ASCII, so that a change of encoding would show.
    content = ("site,families,note\r\n" + "".join(
        f"Área {n},{n * 7},“{secrets.token_hex(8)}”\r\n" for n in range(200)
    )).encode()  # fmt: skip
    title = f"Topology check {secrets.token_hex(4)}"
    data = {
        "csrfmiddlewaretoken": token,
        "title": title,
        "kind": "data",
        "stage": str(person.stage),
    }
    uploaded = browser.post_multipart(a, path + "documents/", data, ("file", "sites.csv", content))
    document = Document.objects.filter(title=title).first()
    if document is None:
        return Finding(
            "a document uploaded through A, downloaded through B",
            f"upload answered {uploaded.status}; no document stored",
            "byte-identical",
            False,
        )
    download = browser.get(b, f"/pine/documents/{document.pk}/")
    same = download.status == 200 and download.body == content
    digest = hashlib.sha256(download.body).hexdigest()[:12]
    return Finding(
        "a document uploaded through A, downloaded through B",
        f"upload {uploaded.status}; download {download.status}, {len(download.body):,} of "
        f"{len(content):,} bytes, {'identical' if same else 'DIFFERENT'} (sha256 {digest}…)",
        "byte-identical",
        same,
    )
