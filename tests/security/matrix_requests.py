"""Trying a path of the authorisation matrix as someone, and reading the answer in its words.

Each request runs in a savepoint that is rolled back, with `watched_data` read before and after.
"""

from urllib.parse import parse_qs, urlsplit

from django.contrib.sessions.models import Session
from django.db import connection, transaction

from accounts.models import Invitation, Membership
from evidence_store.models import Intervention
from movement.models import (
    Finding,
    Follow,
    Member,
    ModerationStep,
    PracticeTest,
    PracticeUpdate,
    Registration,
    Reply,
    Trial,
)
from pine.models import (
    Application,
    Document,
    EvaluationReport,
    Export,
    Project,
    ProjectStage,
    SectionAnswer,
)
from pine.workflow import Status
from tests.security.matrix_fixtures import World
from tests.security.matrix_rows import Row
from tests.security.matrix_url_patterns import pattern_of

# The practice network's tables whose rows a POST adds or removes.
PRACTICE_TABLES = [
    "PracticeUpdate",
    "Finding",
    "Reply",
    "Trial",
    "Follow",
    "Member",
    "ModerationStep",
]


def watched_data(world: World) -> tuple:
    """What no request may change unless its cell says so: what the POST views change.

    Counts and sums, in one query, as it runs twice for each of the matrix's requests.
    """
    t = {
        m.__name__: connection.ops.quote_name(m._meta.db_table)
        for m in [
            Application,
            Export,
            Document,
            EvaluationReport,
            Intervention,
            Invitation,
            Membership,
            Project,
            ProjectStage,
            SectionAnswer,
            Session,
            Registration,
            PracticeTest,
            PracticeUpdate,
            Finding,
            Reply,
            Trial,
            Follow,
            Member,
            ModerationStep,
        ]
    }
    keys = list(world.sessions.values())
    application_statuses, stage_statuses = Status.values, ProjectStage.Status.values
    registration_statuses, post_states = Registration.Status.values, PracticeTest.State.values
    queries = [
        f"COUNT(*) FROM {t['Invitation']}",
        f"COUNT(accepted_at) FROM {t['Invitation']}",
        f"COUNT(*) FROM {t['Membership']}",
        f"COUNT(*) FROM {t['Membership']} WHERE role = %s",
        *[f"COUNT(*) FROM {t['Application']} WHERE status = %s"] * len(application_statuses),
        f"SUM(version) FROM {t['SectionAnswer']}",
        f"COUNT(*) FROM {t['Export']}",
        f"SUM(version) FROM {t['Project']}",
        f"SUM(version) FROM {t['ProjectStage']}",
        *[f"COUNT(*) FROM {t['ProjectStage']} WHERE status = %s"] * len(stage_statuses),
        f"COUNT(*) FROM {t['Document']}",
        f"COUNT(published_on) FROM {t['EvaluationReport']}",
        f"COUNT(*) FROM {t['Intervention']} WHERE status = %s",
        *[f"COUNT(*) FROM {t['Registration']} WHERE status = %s"] * len(registration_statuses),
        *[f"COUNT(*) FROM {t['PracticeTest']} WHERE state = %s"] * len(post_states),
        *[f"COUNT(*) FROM {t[name]}" for name in PRACTICE_TABLES],
        f"COUNT(hidden_at) FROM {t['PracticeTest']}",
        f"COUNT(*) FROM {t['Session']} WHERE session_key IN ({', '.join(['%s'] * len(keys))})",
    ]
    params = [
        Membership.Role.ADMIN,
        *application_statuses,
        *stage_statuses,
        Intervention.Status.PUBLISHED,
        *registration_statuses,
        *post_states,
        *keys,
    ]
    # Table names come from the models; every value is a parameter.
    sql = "SELECT " + ", ".join(f"(SELECT {q})" for q in queries)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


# Pages that send a person back to the path they asked for, once they have signed in.
SIGN_IN_PAGES = {
    "/accounts/login/": "login",
    "/admin/login/": "admin",
    "/accounts/reauthenticate/": "again",
    "/accounts/2fa/reauthenticate/": "two-factor",
}


def answer(response, path: str) -> str:
    """The response in the matrix's words, with where a redirect goes if it is not sign-in."""
    if response.status_code != 302:
        return str(response.status_code)
    location = urlsplit(response["Location"])
    if parse_qs(location.query) == {"next": [path]} and location.path in SIGN_IN_PAGES:
        return SIGN_IN_PAGES[location.path]
    return f"302 to {response['Location']}"


def attempt(world: World, role: str, method: str, path: str, form=None) -> tuple[str, bool]:
    """The answer `role` gets, and whether the watched data changed; nothing is kept."""
    before = watched_data(world)
    with transaction.atomic():
        try:
            response = getattr(world.client(role), method)(path, form or {})
        except Exception as error:  # a 500: reported as a mismatch, with its cause
            got = f"500 ({type(error).__name__}: {error})"
        else:
            got = answer(response, path)
            body(response)
        changed = watched_data(world) != before
        transaction.set_rollback(True)
    return got, changed


def page_text(world: World, role: str, path: str, method: str = "get") -> str:
    """The body of the page `role` gets; nothing is kept."""
    with transaction.atomic():
        text = body(getattr(world.client(role), method)(path)).decode()
        transaction.set_rollback(True)
    return text


def body(response) -> bytes:
    """The whole body. Reading a download to its end closes it, as the test client arranges:
    closing it again would signal the request's end twice and close the database connection.
    """
    return b"".join(response.streaming_content) if response.streaming else response.content


def matches(expected: str, got: str, changed: bool) -> bool:
    if expected.endswith("*") != changed:
        return False
    expected = expected.rstrip("*")
    return got == expected or (expected == "302" and got.startswith("302 to"))


def check(world: World, row: Row, method: str, form=None) -> None:
    path = row.path.format(**world.values)
    wrong = []
    for role, expected in row.expected.items():
        got, changed = attempt(world, role, method, path, form(world) if form else None)
        if not matches(expected, got, changed):
            did = " and changed the data" if changed else ""
            wrong.append(f"  {role}: expected {expected}, got {got}{did}")
    assert not wrong, f"{method.upper()} {path} ({pattern_of(path)}):\n" + "\n".join(wrong)
