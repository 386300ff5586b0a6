"""Security headers, cookie flags and caching on every route the project serves.

Every URL pattern is found from the resolver and needs an entry in ROUTES (the admin's pages
for a registered model are generated from the model), so a new route fails the first test
until it is covered. Each route is requested over HTTPS as the person who gets its real page
or download: anonymous for public pages, a member for signed-in pages, staff for the admin.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import Morsel
from types import SimpleNamespace

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from csp.constants import NONCE
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from evidence_store.models import ResourceFile
from pine.services.exports import export_log
from pine.workflow import Status
from tests.accounts.factories import (
    PASSWORD,
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)
from tests.accounts.journeys import current_code
from tests.evidence_store.factories import (
    AgeGroupFactory,
    InterventionFactory,
    OutcomeRatingFactory,
    StudyFactory,
    TopicFactory,
)
from tests.pine.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    ReviewFactory,
    restore_reference_data,
)
from tests.pine.project_factories import (
    PDF_BYTES,
    DocumentFactory,
    EvaluationReportFactory,
    MeetingFactory,
    ProjectFactory,
    pdf_file,
    stages_of,
)

PAGE, DOWNLOAD, OTHER = "page", "download", "other"
# People, each with their own browser: see `_sign_everyone_in`.
ANONYMOUS, APPLICANT, TWO_FACTOR, SIGNING_IN, PASSWORDLESS, STAFF = (
    "anonymous",
    "applicant",  # the admin of the organisation that owns the application and the project
    "two_factor",  # signed in with password and authenticator code, has recovery codes, and
    # belongs to no organisation
    "signing_in",  # has typed their password and is asked for their authenticator code
    "passwordless",  # signed in, with no password set
    "staff",  # a superuser; STAFF_MFA_REQUIRED is off so that no code is needed
)
pytestmark = pytest.mark.django_db

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


# Public CSV exports and the data package hold open data only (published interventions,
# ratings and studies), so caching them is allowed; every stored file and every export of
# PINE data must never be stored.
ROUTES: dict[str, list[Visit]] = {
    # Project-wide pages
    "home": [page(ANONYMOUS, lambda w: "/")],
    "accessibility": [page(ANONYMOUS, lambda w: reverse("accessibility"))],
    "privacy": [page(ANONYMOUS, lambda w: reverse("privacy"))],
    "cookies": [page(ANONYMOUS, lambda w: reverse("cookies"))],
    "healthz": [
        other(ANONYMOUS, lambda w: "/healthz", "plain-text health check", content_type="text/plain")
    ],
    # Evidence store
    "evidence_store:intervention_list": [page(ANONYMOUS, lambda w: "/evidence/?q=family")],
    "evidence_store:compare": [
        page(
            ANONYMOUS,
            lambda w: f"/evidence/compare/?i={w.intervention.slug}&i={w.other_intervention.slug}",
        )
    ],
    "evidence_store:ratings_guide": [page(ANONYMOUS, lambda w: "/evidence/ratings/")],
    "evidence_store:data_dictionary": [page(ANONYMOUS, lambda w: "/evidence/data/")],
    "evidence_store:datapackage": [
        other(
            ANONYMOUS,
            lambda w: "/evidence/export/datapackage.json",
            "the open data's description, as JSON",
            content_type="application/json",
        )
    ],
    "evidence_store:export": [
        download(ANONYMOUS, lambda w: "/evidence/export/interventions.csv", no_store=False)
    ],
    "evidence_store:intervention_detail": [
        page(ANONYMOUS, lambda w: w.intervention.get_absolute_url())
    ],
    "evidence_store:resource_file": [
        download(ANONYMOUS, lambda w: f"/evidence/{w.intervention.slug}/resources/{w.resource.pk}/")
    ],
    # Sign-in and account pages
    "account_login": [page(ANONYMOUS, lambda w: "/accounts/login/")],
    "mfa_authenticate": [page(SIGNING_IN, lambda w: "/accounts/2fa/authenticate/")],
    "account_profile": [page(APPLICANT, lambda w: "/accounts/profile/")],
    "account_profile_edit": [page(APPLICANT, lambda w: "/accounts/profile/details/")],
    "account_data": [download(APPLICANT, lambda w: "/accounts/data/")],
    "account_delete": [page(APPLICANT, lambda w: "/accounts/delete/")],
    # Someone in one organisation is taken straight to it; the list is for everyone else.
    "organisation_list": [page(TWO_FACTOR, lambda w: "/accounts/organisation/")],
    "organisation_create": [page(APPLICANT, lambda w: "/accounts/organisation/new/")],
    "organisation_detail": [page(APPLICANT, lambda w: w.organisation.get_absolute_url())],
    "organisation_invite": [
        page(APPLICANT, lambda w: f"/accounts/organisation/{w.organisation.slug}/invite/")
    ],
    "organisation_invitation_cancel": [
        post_only(
            APPLICANT,
            lambda w: (
                f"/accounts/organisation/{w.organisation.slug}/invitations/"
                f"{w.invitation.pk}/cancel/"
            ),
        )
    ],
    "organisation_member_role": [
        post_only(
            APPLICANT,
            lambda w: (
                f"/accounts/organisation/{w.organisation.slug}/members/{w.colleague.pk}/role/"
            ),
        )
    ],
    "organisation_member_remove": [
        page(
            APPLICANT,
            lambda w: (
                f"/accounts/organisation/{w.organisation.slug}/members/{w.colleague.pk}/remove/"
            ),
        )
    ],
    "invitation_accept": [page(ANONYMOUS, lambda w: f"/accounts/invitations/{INVITATION_TOKEN}/")],
    "account_logout": [page(APPLICANT, lambda w: "/accounts/logout/")],
    "account_inactive": [page(ANONYMOUS, lambda w: "/accounts/inactive/")],
    "account_signup": [page(ANONYMOUS, lambda w: "/accounts/signup/")],
    "account_reauthenticate": [page(APPLICANT, lambda w: "/accounts/reauthenticate/")],
    # Reauthentication by an emailed code is not offered (accounts/urls.py).
    "account_request_reauthentication_code": [
        page(APPLICANT, lambda w: "/accounts/reauthenticate/code/", status=404)
    ],
    "account_confirm_reauthentication_code": [
        page(APPLICANT, lambda w: "/accounts/reauthenticate/code/confirm/", status=404)
    ],
    "account_email": [page(APPLICANT, lambda w: "/accounts/email/")],
    "account_email_verification_sent": [page(ANONYMOUS, lambda w: "/accounts/confirm-email/")],
    "account_change_password": [page(APPLICANT, lambda w: "/accounts/password/change/")],
    "account_set_password": [page(PASSWORDLESS, lambda w: "/accounts/password/set/")],
    "account_reset_password": [page(ANONYMOUS, lambda w: "/accounts/password/reset/")],
    "account_confirm_login_code": [
        other(
            ANONYMOUS,
            lambda w: "/accounts/login/code/confirm/",
            "sign-in by emailed code is off: sends people to the sign-in page",
            status=302,
        )
    ],
    "account_confirm_email": [
        page(ANONYMOUS, lambda w: f"/accounts/confirm-email/{w.confirmation_key}/")
    ],
    "account_reset_password_from_key_done": [
        page(ANONYMOUS, lambda w: "/accounts/password/reset/key/done/")
    ],
    # The emailed link puts its key in the session and moves on to the form, which is checked.
    "account_reset_password_from_key": [page(ANONYMOUS, lambda w: w.reset_path, follow=True)],
    "account_reset_password_done": [page(ANONYMOUS, lambda w: "/accounts/password/reset/done/")],
    "mfa_index": [page(APPLICANT, lambda w: "/accounts/2fa/")],
    "mfa_reauthenticate": [page(TWO_FACTOR, lambda w: "/accounts/2fa/reauthenticate/")],
    "mfa_activate_totp": [page(APPLICANT, lambda w: "/accounts/2fa/totp/activate/")],
    "mfa_deactivate_totp": [page(TWO_FACTOR, lambda w: "/accounts/2fa/totp/deactivate/")],
    "mfa_view_recovery_codes": [page(TWO_FACTOR, lambda w: "/accounts/2fa/recovery-codes/")],
    "mfa_generate_recovery_codes": [
        page(TWO_FACTOR, lambda w: "/accounts/2fa/recovery-codes/generate/")
    ],
    "mfa_download_recovery_codes": [
        download(TWO_FACTOR, lambda w: "/accounts/2fa/recovery-codes/download/")
    ],
    # PINE: public pages
    "pine:index": [page(ANONYMOUS, lambda w: "/pine/")],
    "pine:call_detail": [page(ANONYMOUS, lambda w: f"/pine/calls/{w.call.slug}/")],
    "pine:partner_list": [page(ANONYMOUS, lambda w: "/pine/partners/")],
    "pine:partner_detail": [page(ANONYMOUS, lambda w: f"/pine/partners/{w.project.slug}/")],
    "pine:evaluation_list": [page(ANONYMOUS, lambda w: "/pine/evaluations/")],
    "pine:evaluation_detail": [page(ANONYMOUS, lambda w: f"/pine/evaluations/{w.report.slug}/")],
    "pine:evaluation_pdf": [
        download(ANONYMOUS, lambda w: f"/pine/evaluations/{w.report.slug}/report.pdf")
    ],
    # PINE: the applicant's pages
    "pine:project_list": [page(APPLICANT, lambda w: "/pine/projects/")],
    "pine:project_detail": [page(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/")],
    "pine:meetings_ics": [
        download(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/meetings.ics")
    ],
    "pine:stage_detail": [page(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/stages/1/")],
    "pine:stage_upload": [
        post_only(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/stages/1/documents/")
    ],
    "pine:stage_ready": [
        post_only(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/stages/1/ready/")
    ],
    "pine:document_download": [download(APPLICANT, lambda w: f"/pine/documents/{w.document.pk}/")],
    "pine:application_list": [page(APPLICANT, lambda w: "/pine/applications/")],
    "pine:application_create": [
        page(APPLICANT, lambda w: f"/pine/applications/new/?call={w.call.slug}")
    ],
    "pine:application_detail": [
        page(APPLICANT, lambda w: f"/pine/applications/{w.application.reference}/")
    ],
    "pine:application_submit": [
        page(APPLICANT, lambda w: f"/pine/applications/{w.application.reference}/submit/")
    ],
    "pine:application_withdraw": [
        page(APPLICANT, lambda w: f"/pine/applications/{w.application.reference}/withdraw/")
    ],
    "pine:section_edit": [
        page(APPLICANT, lambda w: f"/pine/applications/{w.application.reference}/the-practice/")
    ],
    # The admin's own pages, and the project's additions to it
    "admin:index": [page(STAFF, lambda w: "/admin/")],
    "admin:login": [page(ANONYMOUS, lambda w: "/admin/login/")],
    "admin:logout": [post_only(STAFF, lambda w: "/admin/logout/")],
    "admin:password_change": [page(STAFF, lambda w: "/admin/password_change/")],
    "admin:password_change_done": [page(STAFF, lambda w: "/admin/password_change/done/")],
    "admin:autocomplete": [
        other(
            STAFF,
            lambda w: (
                "/admin/autocomplete/?app_label=evidence_store&model_name=outcomerating"
                "&field_name=outcome&term=o"
            ),
            "search results for the admin's autocomplete boxes, as JSON",
            content_type="application/json",
        )
    ],
    "admin:jsi18n": [
        other(
            STAFF,
            lambda w: "/admin/jsi18n/",
            "the admin's translated strings, as JavaScript",
            content_type="text/javascript",
        )
    ],
    "admin:view_on_site": [
        other(
            STAFF,
            lambda w: (
                f"/admin/r/{ContentType.objects.get_for_model(w.intervention).pk}/"
                f"{w.intervention.pk}/"
            ),
            "sends staff to the object's public page",
            status=302,
        )
    ],
    "admin:app_list": [page(STAFF, lambda w: "/admin/pine/")],
    "admin/(?P<url>.*)$": [page(STAFF, lambda w: "/admin/no-such-page/", status=404)],
    "admin:evidence_store_intervention_preview": [
        page(STAFF, lambda w: f"/admin/evidence_store/intervention/{w.intervention.pk}/preview/")
    ],
    "admin:evidence_store_intervention_resource": [
        download(
            STAFF,
            lambda w: (
                f"/admin/evidence_store/intervention/{w.intervention.pk}/resources/{w.resource.pk}/"
            ),
        )
    ],
    "admin:evidence_store_intervention_simple_history": [
        page(STAFF, lambda w: _history_path(w.intervention))
    ],
    "admin:evidence_store_outcomerating_simple_history": [
        page(STAFF, lambda w: _history_path(w.rating))
    ],
    "admin:evidence_store_study_simple_history": [page(STAFF, lambda w: _history_path(w.study))],
    "admin:auth_user_password_change": [
        page(STAFF, lambda w: f"/admin/accounts/user/{w.people[APPLICANT].pk}/password/")
    ],
    "admin:pine_application_export": [
        page(STAFF, lambda w: "/admin/pine/application/export/"),
        download(
            STAFF,
            lambda w: "/admin/pine/application/export/",
            method="post",
            data=lambda w: {"include_contact_details": "on"},
        ),
    ],
    "admin:pine_application_transition": [
        page(
            STAFF,
            lambda w: f"/admin/pine/application/{w.application.pk}/transition/?transition=withdraw",
        )
    ],
    "admin:pine_projectstage_autocomplete": [
        other(
            STAFF,
            lambda w: (
                "/admin/pine/projectstage/autocomplete/?app_label=pine&model_name=document"
                "&field_name=stage&term=a"
            ),
            "search results for the admin's stage box, as JSON",
            content_type="application/json",
        )
    ],
    "admin:pine_projectstage_act": [
        page(STAFF, lambda w: f"/admin/pine/projectstage/{w.stage.pk}/act/skip/")
    ],
    "admin:pine_project_act": [
        page(STAFF, lambda w: f"/admin/pine/project/{w.project.pk}/act/pause/")
    ],
    "admin:pine_project_export": [download(STAFF, lambda w: "/admin/pine/project/export/")],
    "admin:pine_evaluationreport_publish": [
        page(STAFF, lambda w: f"/admin/pine/evaluationreport/{w.draft_report.pk}/publish/")
    ],
    "admin:pine_evaluationreport_unpublish": [
        page(STAFF, lambda w: f"/admin/pine/evaluationreport/{w.report.pk}/unpublish/")
    ],
}


def _history_path(obj) -> str:
    opts = obj._meta
    record = obj.history.latest()
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/history/{record.history_id}/"


# --- Finding the routes ----------------------------------------------------------------------


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


def discovered_routes() -> dict[str, str]:
    """Every URL pattern the project defines: its name (or its route when it has none)."""
    return dict(_walk(get_resolver().url_patterns))


ADMIN_VIEWS = ("changelist", "add", "history", "delete", "change")


def admin_model_routes() -> dict[str, tuple]:
    """The standard admin pages of every registered model: key -> (model, view)."""
    routes = {}
    for model in admin.site._registry:
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        for view in ADMIN_VIEWS:
            routes[f"admin:{info}_{view}"] = (model, view)
        # The bare object address only redirects to its change page.
        routes[f"admin/{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/"] = (
            model,
            "redirect",
        )
    return routes


def admin_model_visits(model, view: str, staff) -> list[Visit]:
    """The admin page of one model's view; 403 where its ModelAdmin refuses even a superuser."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = staff

    def some(w: World):
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world needs one {model.__name__} for its admin pages"
        return obj

    if view == "changelist":
        return [page(STAFF, lambda w: reverse(f"admin:{_info(model)}_changelist"))]
    if view == "add":
        status = 200 if model_admin.has_add_permission(request) else 403
        return [page(STAFF, lambda w: reverse(f"admin:{_info(model)}_add"), status=status)]
    if view == "redirect":
        return [
            other(
                STAFF,
                lambda w: f"/admin/{model._meta.app_label}/{model._meta.model_name}/{some(w).pk}/",
                "the object's bare address redirects to its change page",
                status=302,
            )
        ]

    def status_for(w: World) -> int:
        obj = some(w)
        allowed = {
            "history": model_admin.has_view_or_change_permission(request, obj),
            "change": model_admin.has_view_or_change_permission(request, obj),
            "delete": model_admin.has_delete_permission(request, obj),
        }[view]
        return 200 if allowed else 403

    return [
        page(
            STAFF,
            lambda w: reverse(f"admin:{_info(model)}_{view}", args=[some(w).pk]),
            status=status_for,
        )
    ]


def _info(model) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}"


def test_every_route_has_an_entry():
    discovered = discovered_routes()
    covered = set(ROUTES) | set(admin_model_routes())
    assert sorted(set(discovered) - covered) == [], "add an entry to ROUTES for each new route"
    assert sorted(set(ROUTES) - set(discovered)) == [], "remove entries for routes that are gone"


# --- Requesting every route ------------------------------------------------------------------


@dataclass
class Answer:
    """What one visit got back, kept after the database has been rolled back."""

    key: str
    visit: Visit
    path: str
    status: int
    expected_status: int
    headers: dict
    body: str
    signed_in: bool


@dataclass
class Crawl:
    """Every answer, and every cookie any response set."""

    answers: list[Answer]
    cookies: list[tuple[str, Morsel]]  # (the path that set it, the cookie)


def _build_world() -> World:
    restore_reference_data()
    call = CallFactory()
    membership = AdminMembershipFactory()
    organisation = membership.organisation
    applicant = membership.user
    colleague = MembershipFactory(organisation=organisation)
    two_factor = UserFactory(totp=True)
    RecoveryCodes.activate(two_factor)
    passwordless = UserFactory()
    passwordless.set_unusable_password()
    passwordless.save(update_fields=["password"])
    staff = UserFactory(is_staff=True, is_superuser=True, totp=False)
    people = {
        APPLICANT: applicant,
        TWO_FACTOR: two_factor,
        PASSWORDLESS: passwordless,
        STAFF: staff,
    }

    intervention = InterventionFactory(topics=[TopicFactory()], age_groups=[AgeGroupFactory()])
    rating = OutcomeRatingFactory(intervention=intervention)
    resource = ResourceFile.objects.create(
        intervention=intervention,
        title="Practice guide",
        file=SimpleUploadedFile("guide.pdf", PDF_BYTES),
        original_name="guide.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )

    application = ApplicationFactory(organisation=organisation, call=call)
    EventFactory(application=application)
    ReviewFactory(application=ApplicationFactory(call=call, status=Status.SUBMITTED))
    project = ProjectFactory(
        application=ApplicationFactory(organisation=organisation, call=call, status=Status.ACCEPTED)
    )
    stage = stages_of(project)[0]
    MeetingFactory(stage=stage)
    document = DocumentFactory(stage=stage, uploaded_by=applicant)
    report = EvaluationReportFactory(pdf=pdf_file(), published_on=timezone.localdate())
    draft_report = EvaluationReportFactory()
    export_log(user=staff, kind="applications", filters="", rows=0)

    unconfirmed = EmailAddress.objects.create(
        user=UserFactory(verified_email=False), email="new@example.org", verified=False
    )
    uidb36 = user_pk_to_url_str(applicant)
    token = default_token_generator.make_token(applicant)
    return World(
        people=people,
        call=call,
        organisation=organisation,
        colleague=colleague,
        invitation=InvitationFactory(
            organisation=organisation, invited_by=applicant, token=INVITATION_TOKEN
        ),
        intervention=intervention,
        other_intervention=InterventionFactory(),
        rating=rating,
        study=StudyFactory(interventions=[intervention]),
        resource=resource,
        application=application,
        project=project,
        stage=stage,
        document=document,
        report=report,
        draft_report=draft_report,
        confirmation_key=EmailConfirmationHMAC(unconfirmed).key,
        reset_path=f"/accounts/password/reset/key/{uidb36}-{token}/",
    )


class _Browsers:
    """One test client per person, recording every cookie that any response sets."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.clients = {role: Client() for role in (ANONYMOUS, *world.people, SIGNING_IN)}
        self.cookies: list[tuple[str, Morsel]] = []

    def request(self, role: str, method: str, path: str, data=None, follow=False):
        response = getattr(self.clients[role], method)(path, data=data, secure=True, follow=follow)
        self.cookies.extend((path, morsel) for morsel in response.cookies.values())
        return response

    def sign_everyone_in(self) -> None:
        """Sign in through the real pages, then confirm the password as two-factor settings ask."""
        people = self.world.people
        password = {"password": PASSWORD}
        for role in (APPLICANT, TWO_FACTOR, SIGNING_IN):
            person = people[TWO_FACTOR] if role == SIGNING_IN else people[role]
            response = self.request(
                role, "post", "/accounts/login/", {"login": person.email, **password}
            )
            assert response.status_code == 302, (role, response.status_code)
        code = {"code": current_code(people[TWO_FACTOR])}
        response = self.request(TWO_FACTOR, "post", "/accounts/2fa/authenticate/", code)
        assert response.status_code == 302, response
        for role in (APPLICANT, TWO_FACTOR):
            response = self.request(role, "post", "/accounts/reauthenticate/", password)
            assert response.status_code == 302, (role, response.status_code)
        self.clients[PASSWORDLESS].force_login(people[PASSWORDLESS])
        self.clients[STAFF].force_login(people[STAFF])


def _all_visits(staff) -> list[tuple[str, Visit]]:
    visits = [(key, visit) for key, entries in ROUTES.items() for visit in entries]
    for key, (model, view) in admin_model_routes().items():
        visits.extend((key, visit) for visit in admin_model_visits(model, view, staff))
    return visits


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker, tmp_path_factory) -> Crawl:
    """Request every route once, then roll the database back, as a test case would."""
    media = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media), "base_url": None},
        },
    }
    with (
        override_settings(
            STAFF_MFA_REQUIRED=False,
            MEDIA_ROOT=media,
            STORAGES=storages,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        cache.clear()
        world = _build_world()
        browsers = _Browsers(world)
        browsers.sign_everyone_in()
        answers = []
        for key, visit in _all_visits(world.people[STAFF]):
            answers.append(_visit(browsers, key, visit))
        transaction.set_rollback(True)
        cache.clear()
    return Crawl(answers=answers, cookies=browsers.cookies)


def _visit(browsers: _Browsers, key: str, visit: Visit) -> Answer:
    world = browsers.world
    path = visit.path(world)
    expected_status = visit.status(world) if callable(visit.status) else visit.status
    data = visit.data(world) if visit.data else None
    response = browsers.request(visit.role, visit.method, path, data, visit.follow)
    # Reading a streamed body to its end closes it, as the test client closes other responses;
    # closing again would end the database connection inside the crawl's transaction.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Answer(
        key=key,
        visit=visit,
        path=path,
        status=response.status_code,
        expected_status=expected_status,
        headers=dict(response.headers),
        body=body.decode(errors="replace") if visit.kind == PAGE else "",
        signed_in=visit.role != ANONYMOUS,
    )


def test_every_route_answers_as_its_entry_says(crawl):
    wrong = []
    for answer in crawl.answers:
        content_type = answer.headers.get("Content-Type", "")
        if answer.status != answer.expected_status:
            wrong.append(
                f"{answer.path}: status {answer.status}, not {answer.expected_status}"
                f" {answer.headers.get('Location', '')}"
            )
        elif answer.visit.kind == PAGE and not content_type.startswith("text/html"):
            wrong.append(f"{answer.path}: {content_type}, not an HTML page")
        elif answer.visit.kind == DOWNLOAD and not answer.headers.get(
            "Content-Disposition", ""
        ).startswith("attachment"):
            wrong.append(f"{answer.path}: not served as an attachment")
        elif not content_type.startswith(answer.visit.content_type):
            wrong.append(f"{answer.path}: {content_type}, not {answer.visit.content_type}")
    assert not wrong, "\n".join(wrong)


# --- The checks ------------------------------------------------------------------------------

HSTS = "max-age=31536000; includeSubDomains; preload"
PROTECTIVE_HEADERS = {
    "Strict-Transport-Security": HSTS,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
NONCE_TOKEN = re.compile(r"'nonce-([\w+/=-]+)'")


def _pages(crawl: Crawl) -> list[Answer]:
    pages = [a for a in crawl.answers if a.visit.kind == PAGE]
    assert len(pages) > 100, "the crawl reached the pages"
    return pages


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split(";") if d.strip())}


def _policy_in_settings() -> dict[str, list[str]]:
    """The directives of settings.CONTENT_SECURITY_POLICY, with the nonce as NONCE_TOKEN."""
    return {
        name: ["'nonce-*'" if value is NONCE else value for value in values]
        for name, values in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }


def test_every_page_sends_hsts_nosniff_frame_denial_referrer_policy_and_coop(crawl):
    wrong = [
        f"{a.path}: {header} is {a.headers.get(header)!r}, not {value!r}"
        for a in _pages(crawl)
        for header, value in PROTECTIVE_HEADERS.items()
        if a.headers.get(header) != value
    ]
    assert not wrong, "\n".join(wrong)


def test_every_download_sends_hsts_and_nosniff(crawl):
    downloads = [a for a in crawl.answers if a.visit.kind == DOWNLOAD]
    wrong = [
        f"{a.path}: {header} is {a.headers.get(header)!r}"
        for a in downloads
        for header in ("Strict-Transport-Security", "X-Content-Type-Options")
        if a.headers.get(header) != PROTECTIVE_HEADERS[header]
    ]
    assert downloads
    assert not wrong, "\n".join(wrong)


def test_policy_in_settings_allows_no_inline_code_and_no_framing():
    policy = _policy_in_settings()
    for directive in ("default-src", "script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert "'nonce-*'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_every_page_sends_the_content_security_policy_of_the_settings(crawl):
    """The header is the settings' policy on every page: no view loosens it."""
    expected = _policy_in_settings()
    wrong = []
    for answer in _pages(crawl):
        policy = answer.headers.get("Content-Security-Policy")
        if policy is None:
            wrong.append(f"{answer.path}: no Content-Security-Policy")
            continue
        sent = {
            name: [NONCE_TOKEN.sub("'nonce-*'", value) for value in values]
            for name, values in _directives(policy).items()
        }
        # django-csp leaves the nonce out of pages that did not use it: 'self' alone is stricter.
        if "'nonce-*'" not in sent.get("script-src", []):
            sent.setdefault("script-src", []).append("'nonce-*'")
        if {k: sorted(v) for k, v in sent.items()} != {k: sorted(v) for k, v in expected.items()}:
            wrong.append(f"{answer.path}: {policy}")
    assert not wrong, "\n".join(wrong)


def test_every_inline_script_carries_the_pages_nonce(crawl):
    wrong = []
    for answer in _pages(crawl):
        nonce = NONCE_TOKEN.search(answer.headers.get("Content-Security-Policy", ""))
        for tag in re.findall(r"<script\b[^>]*>", answer.body):
            if " src=" in tag:
                continue  # served from our own origin, which script-src allows
            if not nonce or f'nonce="{nonce.group(1)}"' not in tag:
                wrong.append(f"{answer.path}: {tag}")
    assert not wrong, "\n".join(wrong)


def test_no_page_uses_inline_styles_the_policy_would_block(crawl):
    wrong = [
        f"{answer.path}: {match.group(0)}"
        for answer in _pages(crawl)
        for match in re.finditer(r"<style\b[^>]*>|<[^>]+\sstyle=\"[^\"]*\"", answer.body)
    ]
    assert not wrong, "\n".join(wrong)


def test_signed_in_pages_and_downloads_are_never_stored(crawl):
    wrong = []
    for answer in crawl.answers:
        must_not_store = (answer.visit.kind == PAGE and answer.signed_in) or (
            answer.visit.kind == DOWNLOAD and answer.visit.no_store
        )
        cache_control = answer.headers.get("Cache-Control", "")
        directives = {d.strip() for d in cache_control.split(",")}
        if must_not_store and "no-store" not in directives:
            wrong.append(f"{answer.path}: Cache-Control is {cache_control!r}")
    assert not wrong, "\n".join(wrong)


def test_public_pages_are_not_marked_private_for_anonymous_visitors(crawl):
    """docs/accounts.md: only pages served to someone signed in are marked private and no-store.

    Pages holding a form may still refuse caching on their own, as the sign-in pages do.
    """
    wrong = []
    for answer in _pages(crawl):
        if answer.signed_in or "csrfmiddlewaretoken" in answer.body:
            continue
        cache_control = answer.headers.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            wrong.append(f"{answer.path}: Cache-Control is {cache_control!r}")
    assert not wrong, "\n".join(wrong)


def test_every_cookie_is_secure_httponly_and_same_site(crawl):
    wrong = []
    for path, cookie in crawl.cookies:
        if cookie["max-age"] == 0 or not cookie.value:
            continue  # a cookie being deleted carries nothing
        if not cookie["secure"]:
            wrong.append(f"{path}: {cookie.key} is not Secure")
        if not cookie["httponly"]:
            wrong.append(f"{path}: {cookie.key} is not HttpOnly")
        if cookie["samesite"] not in ("Lax", "Strict"):
            wrong.append(f"{path}: {cookie.key} has SameSite={cookie['samesite']!r}")
        if cookie.key.startswith("__Host-") and (cookie["path"] != "/" or cookie["domain"]):
            wrong.append(f"{path}: {cookie.key} breaks the __Host- rules (Path=/, no Domain)")
    assert not wrong, "\n".join(wrong)


def test_the_session_csrf_and_message_cookies_were_all_checked(crawl):
    """The cookie test saw every cookie the service sets, each under its production name."""
    names = {cookie.key for _, cookie in crawl.cookies if cookie.value}
    assert names == {"__Host-sessionid", "__Host-csrftoken", "messages"}
