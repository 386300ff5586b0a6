"""The visits the header tests make: each route's kind, who requests it, what it must answer."""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

PAGE, DOWNLOAD, OTHER = "page", "download", "other"
# People, each with their own browser: see `_Browsers.sign_everyone_in` in header_crawl.py.
ANONYMOUS, APPLICANT, TWO_FACTOR, SIGNING_IN, PASSWORDLESS, STAFF = (
    "anonymous",
    "applicant",  # the admin of the organisation that owns the application and the project
    "two_factor",  # signed in with password and authenticator code, has recovery codes, and
    # belongs to no organisation
    "signing_in",  # has typed their password and is asked for their authenticator code
    "passwordless",  # signed in, with no password set
    "staff",  # a superuser; STAFF_MFA_REQUIRED is off so that no code is needed
)

INVITATION_TOKEN = "header-test-invitation-token-0123456789abcdefghijkl"


@dataclass(frozen=True)
class Visit:
    """One request to a route, and what it must answer.

    PAGE is an HTML page; DOWNLOAD an attachment, which must not be stored when `no_store`;
    OTHER answers something else (`why`), and its status and content type are checked so
    that a route does not become a page unnoticed.
    """

    kind: str
    role: str
    path: Callable[["World"], str]
    method: str = "get"
    data: Callable[["World"], dict] | None = None
    status: int | Callable[["World"], int] = 200
    follow: bool = False
    no_store: bool = True
    content_type: str = ""
    why: str = ""


def page(role: str, path: Callable, **kwargs) -> Visit:
    return Visit(PAGE, role, path, **kwargs)


def download(role: str, path: Callable, **kwargs) -> Visit:
    return Visit(DOWNLOAD, role, path, **kwargs)


def other(role: str, path: Callable, why: str, **kwargs) -> Visit:
    return Visit(OTHER, role, path, why=why, **kwargs)


def post_only(role: str, path: Callable) -> Visit:
    return other(role, path, "POST only: a form button, answered with a redirect", status=405)


class World(SimpleNamespace):
    """The people (`people[role]`) and objects that the routes' addresses are built from."""
