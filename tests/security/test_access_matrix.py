"""Who can reach what: every URL the project defines, tried as each kind of person.

The tables are the authorisation matrix: GET in matrix_get.py (pages outside the admin),
matrix_get_practice.py (the practice network), matrix_get_admin.py, matrix_get_admin_pine.py and
matrix_get_admin_movement.py, joined below in that order; POST in matrix_post.py and
matrix_post_practice.py; HIDDEN in matrix_hidden.py and matrix_get_practice.py. Each row names a path, whose
{placeholders} are filled from tests/security/matrix_fixtures.py (organisation A owns every object
named there), and each column says what that person must get:

    anon   signed out                     edit   in the Evidence editors group
    noorg  signed in, no organisation     rev    in the PINE reviewers group
    memA   a member of organisation A     mgr    in the PINE programme managers group
    memB   a member of organisation B     super  a superuser
    admA   an admin of organisation A

GET is every URL pattern at least once (a pattern with no row fails
test_every_url_pattern_has_a_row_in_the_matrix); POST is the views that answer only POST and the
forms that change things; HIDDEN is what a page must not show to whom. Staff sessions have
passed two-factor authentication, as the admin requires; the last tests show what happens when
they have not.

An answer is a status code, or one of:

    login  a redirect to sign in, /accounts/login/?next=<this path>
    admin  a redirect to the admin's sign-in, /admin/login/?next=<this path>
    again  a redirect to enter their password again, /accounts/reauthenticate/?next=<this path>
    302    a redirect anywhere else

Every request runs in a savepoint that is rolled back. It must leave what `watched_data` counts
(matrix_requests.py) as it was, unless its answer ends in * (302*, 200*): then it must change it.
"""

import csv
import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.urls import get_resolver

from tests.accounts.factories import UserFactory
from tests.pine.factories import staff_in
from tests.security.matrix_fixtures import World, build_world
from tests.security.matrix_get import GET_PAGES
from tests.security.matrix_get_admin import GET_ADMIN
from tests.security.matrix_get_admin_movement import GET_ADMIN_MOVEMENT
from tests.security.matrix_get_admin_pine import GET_ADMIN_PINE
from tests.security.matrix_get_practice import GET_PRACTICE, HIDDEN_PRACTICE
from tests.security.matrix_hidden import HIDDEN
from tests.security.matrix_post import POST, POST_FORMS
from tests.security.matrix_post_practice import POST_FORMS_PRACTICE, POST_PRACTICE
from tests.security.matrix_requests import attempt, check, page_text
from tests.security.matrix_rows import parse, parse_hidden
from tests.security.matrix_url_patterns import defined_patterns, pattern_of

pytestmark = pytest.mark.django_db

# One GET table: the pages outside the admin, then the admin's own and other apps', then PINE's
# and the Movement's.
GET = GET_PAGES + GET_PRACTICE + GET_ADMIN + GET_ADMIN_PINE + GET_ADMIN_MOVEMENT

GET_ROWS = parse(GET)
POST_ROWS = parse(POST + POST_PRACTICE)
HIDDEN_ROWS = parse_hidden(HIDDEN + HIDDEN_PRACTICE)


# --- The data, made once for the module ---------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Everyone and everything the matrix needs, inside a transaction rolled back at the end."""
    media = tmp_path_factory.mktemp("matrix-media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media), "base_url": None},
        },
    }
    with (
        override_settings(
            MEDIA_ROOT=media,
            STORAGES=storages,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def _private_storage_in_a_temporary_directory() -> None:
    """Replaces the suite's fresh directory per test: the module's files live in `world`'s."""


@pytest.fixture(autouse=True)
def _no_throttle_counts():
    cache.clear()


# --- The matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize("row", GET_ROWS, ids=str)
def test_get(world, row):
    check(world, row, "get")


@pytest.mark.parametrize("row", POST_ROWS, ids=str)
def test_post(world, row):
    check(world, row, "post", {**POST_FORMS, **POST_FORMS_PRACTICE}.get(row.path))


@pytest.mark.parametrize("row", HIDDEN_ROWS, ids=str)
def test_pages_show_nobody_what_is_not_theirs(world, row):
    path, words = row.path.format(**world.values), row.words.format(**world.values)
    wrong = [
        f"  {role}: shown" for role in row.hidden_from if words in page_text(world, role, path)
    ]
    wrong += [
        f"  {role}: not shown" for role in row.shown_to if words not in page_text(world, role, path)
    ]
    assert not wrong, f"GET {path} ({pattern_of(path)}), {words!r}:\n" + "\n".join(wrong)


def test_every_url_pattern_has_a_row_in_the_matrix(world):
    defined = set(defined_patterns(get_resolver()))
    covered = {pattern_of(row.path.format(**world.values)) for row in GET_ROWS}
    missing = sorted(defined - covered)
    assert not missing, (
        "These URL patterns have no row in the matrix (tests/security/matrix_get*.py). "
        "Add a path for each, with the answer every role must get:\n  " + "\n  ".join(missing)
    )


def test_views_that_answer_only_post_are_tried_with_post():
    answers_only_post = {row.path for row in GET_ROWS if "405" in row.expected.values()}
    missing = answers_only_post - {row.path for row in POST_ROWS}
    assert not missing, f"Add these to the POST table: {sorted(missing)}"


def test_every_admin_path_asks_staff_for_their_second_factor(world):
    """A staff session that has not passed two-factor gets the code prompt, or the set-up page."""
    with_app = UserFactory(is_staff=True, is_superuser=True)
    without_app = UserFactory(is_staff=True, is_superuser=True, totp=False)
    gate = World(values=world.values, sessions={})
    gate.sessions = {
        "with_app": gate.sign_in_without_two_factor(with_app),
        "without_app": gate.sign_in_without_two_factor(without_app),
    }
    wrong = []
    for row in GET_ROWS:
        path = row.path.format(**world.values)
        if not path.startswith("/admin/"):
            continue
        for role, expected in [("with_app", "two-factor"), ("without_app", "403")]:
            got, _ = attempt(gate, role, "get", path)
            if got != expected:
                wrong.append(f"  {role} {path}: expected {expected}, got {got}")
    assert not wrong, "Admin paths open without two-factor:\n" + "\n".join(wrong)


def test_staff_reach_partners_projects_only_after_their_second_factor(world):
    """Outside the admin too: a manager's session without two-factor sees no one else's project."""
    manager = staff_in("PINE programme managers")
    gate = World(values=world.values, sessions={})
    gate.sessions = {"mgr": gate.sign_in_without_two_factor(manager)}
    workspace = [
        row.path.format(**world.values)
        for row in GET_ROWS
        if row.path.startswith(("/pine/projects/{project}/", "/pine/documents/"))
        and row.expected["mgr"] == "200"
    ]
    assert len(workspace) == 4
    answers = {path: attempt(gate, "mgr", "get", path)[0] for path in workspace}
    assert answers == dict.fromkeys(workspace, "404")


def test_reviewers_export_no_score_of_another_reviewer(world):
    """The export is the application list as CSV: the same independence applies to it."""
    averages = {}
    for role in ["rev", "mgr"]:
        csv_text = page_text(world, role, "/admin/pine/application/export/", "post")
        rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(csv_text))}
        averages[role] = rows[world.values["submitted"]]["average_weighted_score"]
    # The reviewer has not scored this application; only another reviewer has.
    assert averages == {"rev": "", "mgr": "3.0"}, f"average weighted score by role: {averages}"
