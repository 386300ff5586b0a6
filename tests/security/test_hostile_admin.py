"""Hostile input to the admin pages staff use most: application transitions, review scores, the
intervention change form, stage sign-off and the lists' filters."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from hypothesis import example, given
from hypothesis import strategies as st

from evidence_store.models import Intervention, OutcomeRating
from pine.models import (
    Application,
    Criterion,
    Event,
    Project,
    ProjectEvent,
    ProjectStage,
    Review,
    ReviewScore,
)
from pine.services.projects import stage_mark_ready
from pine.workflow import PROJECT_TRANSITIONS, STAGE_TRANSITIONS, TRANSITIONS, Status
from tests.accounts.factories import UserFactory
from tests.evidence_store.factories import (
    InterventionFactory,
    OutcomeRatingFactory,
    StudyFactory,
    TopicFactory,
)
from tests.pine.factories import (
    ApplicationFactory,
    ProjectFactory,
    manager,
    member_of,
    reviewer,
    stages_of,
)
from tests.security.test_hostile_input import (
    assert_kept,
    body,
    each_example,
    examples,
    field_value,
    form,
    hostile_text,
    marked_text,
    signed_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _staff_sign_in_directly(settings) -> None:
    """Staff are signed in with force_login; the two-factor gate is tested in tests/accounts."""
    settings.STAFF_MFA_REQUIRED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def application_state(application: Application) -> tuple:
    return (
        Application.objects.values_list("status", "decided_at").get(pk=application.pk),
        Event.objects.count(),
        Project.objects.count(),
        ProjectStage.objects.count(),
    )


@examples(30)
@given(
    status=st.sampled_from([Status.SCREENING, Status.CONSULTATION]),
    data=form(
        transition=st.sampled_from(list(TRANSITIONS)),
        seen_status=st.sampled_from([Status.SCREENING, Status.CONSULTATION]),
        message=st.just("Please send us your data protection plan."),
    ),
)
def test_transition_happens_whole_or_not_at_all_and_keeps_the_message(status, data):
    with each_example():
        application = ApplicationFactory(status=status)
        before = application_state(application)
        url = f"/admin/pine/application/{application.pk}/transition/"
        response = signed_in(manager(totp=False)).post(url, data)
        page = body(response)
        if response.status_code != 302:
            assert application_state(application) == before
        if response.status_code == 200:
            assert_kept(page, data, "message")


def review_form(criteria: list[int]) -> st.SearchStrategy:
    scores = {}
    for n, pk in enumerate(criteria):
        scores[f"scores-{n}-criterion"] = st.just(str(pk))
        scores[f"scores-{n}-score"] = st.integers(1, 5).map(str)
        scores[f"scores-{n}-comment"] = st.just("Clear theory of change.")
    return form(
        application=st.just("reviewable"),
        recommendation=st.sampled_from(["yes", "maybe", "no"]),
        comment=st.just("A promising practice."),
        conflict_details=st.just(""),
        conflict_of_interest=st.just("on"),
        **{"scores-TOTAL_FORMS": st.just(str(len(criteria))), "scores-INITIAL_FORMS": st.just("0")},
        **scores,
    )


@examples(25)
@given(data=st.data())
def test_review_is_saved_with_all_its_scores_or_not_at_all(data):
    with each_example():
        application = ApplicationFactory(status=Status.SCREENING)
        posted = data.draw(review_form(list(Criterion.objects.values_list("pk", flat=True))))
        if posted.get("application") == "reviewable":
            posted["application"] = str(application.pk)
        before = (Review.objects.count(), ReviewScore.objects.count())
        response = signed_in(reviewer(totp=False)).post("/admin/pine/review/add/", posted)
        page = body(response)
        if response.status_code != 302:
            assert (Review.objects.count(), ReviewScore.objects.count()) == before
            assert_kept(page, posted, "comment", "conflict_details")


INTERVENTION_TEXT = ["name", "summary", "what_is_it", "how_effective", "delivery_summary"]


# A rating row and a study row, with the inlines' counts; resource files take no row.
INLINE_ROWS = {
    "ratings-TOTAL_FORMS": "1", "ratings-INITIAL_FORMS": "1",
    "ratings-0-id": "rating", "ratings-0-outcome": "outcome", "ratings-0-notes": "Two trials.",
    "ratings-0-effectiveness": "tends_positive", "ratings-0-strength": "moderate",
    "Study_interventions-TOTAL_FORMS": "1", "Study_interventions-INITIAL_FORMS": "0",
    "Study_interventions-0-study": "study",
    "resource_files-TOTAL_FORMS": "0", "resource_files-INITIAL_FORMS": "0",
}  # fmt: skip
intervention_form = form(
    **{name: st.just("Family group conferencing") for name in INTERVENTION_TEXT},
    slug=st.just("family-group-conferencing"),
    review_year=st.just("2019"),
    review_url=st.just("https://example.org/review"),
    last_reviewed=st.just("2024-05-01"),
    seen_version=st.just("current"),
    topics=st.just("topic"),
    **{name: st.just(value) for name, value in INLINE_ROWS.items()},
)


@examples(20)
@given(data=intervention_form)
@example(data={"ratings-TOTAL_FORMS": "1", "ratings-0-outcome": ":"})  # not an outcome's id
def test_intervention_change_saves_whole_or_not_at_all_and_keeps_the_text(data):
    with each_example():
        rating = OutcomeRatingFactory(intervention=InterventionFactory(slug="conferencing"))
        intervention = rating.intervention
        stand_ins = {
            "current": str(intervention.history.order_by("-history_id").first().history_id),
            "topic": str(TopicFactory().pk),
            "rating": str(rating.pk),
            "outcome": str(rating.outcome_id),
            "study": str(StudyFactory().pk),
        }
        posted = {k: stand_ins.get(v, v) if isinstance(v, str) else v for k, v in data.items()}
        editor = UserFactory(is_staff=True, totp=False)
        editor.groups.add(Group.objects.get(name="Evidence editors"))

        def saved() -> tuple:
            return (
                Intervention.objects.filter(pk=intervention.pk).values().get(),
                list(OutcomeRating.objects.filter(intervention=intervention).values()),
                intervention.history.count(),
                list(intervention.topics.values_list("pk", flat=True)),
                list(intervention.studies.values_list("pk", flat=True)),
            )

        before = saved()
        url = f"/admin/evidence_store/intervention/{intervention.pk}/change/"
        response = signed_in(editor).post(url, posted)
        page = body(response)
        if response.status_code != 302:
            assert saved() == before
            assert_kept(page, posted, *INTERVENTION_TEXT)


def stage_state(project: Project) -> tuple:
    return (
        list(project.stages.order_by("pk").values_list("status", "version", "returned_comment")),
        ProjectEvent.objects.filter(project=project).count(),
    )


STAGE_ADMIN_ACTS = {n: t for n, t in STAGE_TRANSITIONS.items() if t.page == "admin"}


@examples(30)
@given(
    action=st.one_of(st.sampled_from(list(STAGE_ADMIN_ACTS)), hostile_text),
    awaiting=st.booleans(),
    data=form(seen_version=st.just("current"), text=st.just("Please add the consent forms.")),
)
def test_stage_act_changes_the_stages_whole_or_not_at_all_and_keeps_the_text(
    action, awaiting, data
):
    with each_example():
        project = ProjectFactory()
        stage = stages_of(project)[0]
        if awaiting:
            stage = stage_mark_ready(stage=stage, user=member_of(project.organisation))
        posted = {k: str(stage.version) if v == "current" else v for k, v in data.items()}
        before = stage_state(project)
        url = f"/admin/pine/projectstage/{stage.pk}/act/{quote(action, safe='')}/"
        response = signed_in(manager(totp=False)).post(url, posted)
        page = body(response)
        if response.status_code != 302:
            assert stage_state(project) == before
        if response.status_code == 200 and STAGE_ADMIN_ACTS[action].text:
            assert_kept(page, posted, "text")  # restoring a stage asks for no text


@examples(25)
@given(
    action=st.one_of(st.sampled_from(list(PROJECT_TRANSITIONS)), hostile_text),
    paused=st.booleans(),
    data=form(seen_version=st.just("current"), text=st.just("Waiting for new staff.")),
)
def test_project_status_pages_change_the_project_whole_or_not_at_all_and_keep_the_text(
    action, paused, data
):
    with each_example():
        project = ProjectFactory(status="paused" if paused else "active")
        posted = {k: str(project.version) if v == "current" else v for k, v in data.items()}
        before = (project.status, project.version, stage_state(project))
        url = f"/admin/pine/project/{project.pk}/act/{quote(action, safe='')}/"
        response = signed_in(manager(totp=False)).post(url, posted)
        page = body(response)
        project.refresh_from_db()
        if response.status_code != 302:
            assert (project.status, project.version, stage_state(project)) == before
        if response.status_code == 200:
            assert_kept(page, posted, "text")


CHANGE_LISTS = [
    "/admin/pine/application/",
    "/admin/pine/application/export/",
    "/admin/pine/review/",
    "/admin/pine/project/",
    "/admin/pine/project/export/",
    "/admin/pine/projectstage/",
    "/admin/evidence_store/intervention/",
    "/admin/accounts/organisation/",
]
LIST_PARAMETERS = ["q", "o", "p", "e", "all", "status", "status__exact", "call__id__exact",
                   "overdue", "stage", "organisation__region", "topics__id__exact", "_to_field",
                   "_popup", "_changelist_filters"]  # fmt: skip


@examples(40)
@given(
    path=st.sampled_from(CHANGE_LISTS),
    params=st.dictionaries(
        st.one_of(st.sampled_from(LIST_PARAMETERS), hostile_text),
        st.one_of(field_value, marked_text),
        max_size=4,
    ),
)
@example(path="/admin/pine/application/", params={"status": "a\x00b"})  # fails on PostgreSQL
def test_admin_lists_and_exports_take_hostile_filters(path, params):
    with each_example():
        ProjectFactory()
        superuser = UserFactory(is_staff=True, is_superuser=True, totp=False)
        response = signed_in(superuser).get(path, params)
        body(response)
    assert response.status_code in (200, 302, 400)
