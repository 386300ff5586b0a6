"""The programme managers' portfolio: who may open it, what it counts, that every figure leads
to the list it counts, and that its queries do not grow with the programme."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from pine.models import Application, ApplicationGap, Event, Priority, ProjectStage
from pine.portfolio import (
    applications_by_status,
    gaps_covered,
    priorities_covered,
    projects_by_stage,
    reviews_outstanding,
)
from pine.workflow import Status
from tests.accounts.factories import UserFactory
from tests.evidence_store.factories import OutcomeFactory, TopicFactory
from tests.pine.factories import (
    ApplicationFactory,
    CallFactory,
    ClosedCallFactory,
    EventFactory,
    MeetingFactory,
    ProjectFactory,
    ReviewFactory,
    stages_of,
)

pytestmark = pytest.mark.django_db
PORTFOLIO = "/admin/pine/portfolio/"


def _entered(application: Application, status: str, days_ago: int) -> None:
    event = EventFactory(application=application, to_status=status)
    Event.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(days=days_ago))


def _gap(priority: Priority, topic: str = "Child protection", outcome: str = "Entry into care"):
    """A topic and outcome with no evidence, inside the priority: a gap in the evidence."""
    topic, outcome = (
        TopicFactory(name=topic, slug=slugify(topic)),
        OutcomeFactory(name=outcome, slug=slugify(outcome)),
    )
    priority.topics.add(topic)
    priority.outcomes.add(outcome)
    return topic, outcome


def _names(application: Application, topic, outcome) -> None:
    ApplicationGap.objects.create(application=application, topic=topic, outcome=outcome)


def _programme(size: int) -> None:
    """`size` of everything the portfolio counts."""
    priority = Priority.objects.first()
    gap = _gap(priority)
    for n in range(size):
        application = ApplicationFactory(status=Status.SCREENING)
        _entered(application, Status.SCREENING, days_ago=n)
        ReviewFactory(application=application, is_draft=True)
        _names(application, *gap)
        project = ProjectFactory()
        project.application.priorities.add(priority)
        _names(project.application, *gap)
        MeetingFactory(stage=stages_of(project)[0])
        ProjectStage.objects.filter(pk=stages_of(project)[0].pk).update(
            due_date=timezone.localdate() - timedelta(days=1)
        )


def test_days_in_status_count_from_the_event_that_moved_the_application_there():
    waiting = ApplicationFactory(status=Status.SCREENING)
    _entered(waiting, Status.SUBMITTED, days_ago=9)
    _entered(waiting, Status.SCREENING, days_ago=6)
    newer = ApplicationFactory(status=Status.SCREENING)
    _entered(newer, Status.SCREENING, days_ago=2)
    ApplicationFactory()  # a draft, since it was started today

    figures = {f.status: f for f in applications_by_status()}

    screening = figures[Status.SCREENING]
    assert (screening.count, screening.average_days, screening.longest_days) == (2, 4, 6)
    assert (figures[Status.DRAFT].count, figures[Status.DRAFT].longest_days) == (1, 0)
    assert (figures[Status.ACCEPTED].count, figures[Status.ACCEPTED].average_days) == (0, None)


def test_reviews_outstanding_are_drafts_and_applications_not_started(pine_reviewer):
    first, second, _decided = (
        ApplicationFactory(status=Status.SCREENING),
        ApplicationFactory(status=Status.CONSULTATION),
        ApplicationFactory(status=Status.DECLINED),
    )
    ReviewFactory(application=first, reviewer=pine_reviewer, is_draft=True)
    colleague = ReviewFactory(application=second, is_draft=False).reviewer

    figures = {f.reviewer: f for f in reviews_outstanding()}

    assert (figures[pine_reviewer].drafts, figures[pine_reviewer].not_started) == (1, 1)
    assert figures[pine_reviewer].outstanding == 2
    assert colleague not in figures  # not a reviewer, and nothing left in draft


def test_projects_by_stage_count_active_projects_and_their_overdue_stages():
    late = ProjectFactory()
    ProjectFactory()
    ProjectFactory(status="paused")
    first = stages_of(late)[0]
    ProjectStage.objects.filter(pk=first.pk).update(due_date=timezone.localdate() - timedelta(1))

    figures = projects_by_stage()

    assert [(f.name, f.projects, f.overdue) for f in figures] == [(first.name, 2, 1)]


def test_every_priority_is_listed_with_the_accepted_applications_that_seek_it():
    sought, gap = Priority.objects.all()[:2]
    ProjectFactory().application.priorities.add(sought)
    ApplicationFactory(status=Status.SCREENING).priorities.add(sought, gap)

    figures = {f.priority: f.accepted for f in priorities_covered()}

    assert (figures[sought], figures[gap]) == (1, 0)
    assert len(figures) == Priority.objects.count()


def test_each_gap_inside_a_current_priority_counts_the_applications_under_review_and_accepted():
    priority, elsewhere = Priority.objects.first(), Priority.objects.last()
    named, open_gap = _gap(priority), _gap(priority, "Courts", "Re-referral")
    outside = _gap(elsewhere, "Parenting", "Maltreatment")
    seeking = CallFactory()  # the only call open now, and it seeks only the first priority
    seeking.priorities.set([priority])
    for status in [Status.SCREENING, Status.CONSULTATION, Status.DRAFT, Status.DECLINED]:
        _names(ApplicationFactory(status=status, call=seeking), *named)
    _names(ProjectFactory(application__call=seeking).application, *named)
    _names(ApplicationFactory(status=Status.SCREENING, call=ClosedCallFactory()), *outside)

    figures = {(f.gap.topic, f.gap.outcome): f for f in gaps_covered()}

    assert (figures[named].under_review, figures[named].accepted) == (2, 1)
    assert (figures[open_gap].under_review, figures[open_gap].accepted) == (0, 0)
    assert outside not in figures
    # Every open gap in the priority is listed, in topic then outcome order.
    assert [f.label for f in gaps_covered()] == [
        "Child protection: Entry into care",
        "Child protection: Re-referral",
        "Courts: Entry into care",
        "Courts: Re-referral",
    ]


def test_the_gap_figures_lead_to_the_applications_that_name_that_gap(client, pine_manager):
    gap = _gap(Priority.objects.first())
    reviewing = ApplicationFactory(status=Status.SUBMITTED)
    _names(reviewing, *gap)
    ApplicationFactory(status=Status.SUBMITTED)  # names none
    client.force_login(pine_manager)
    panel = client.get(PORTFOLIO).context["panels"][-1]

    assert panel.heading == "Evidence gaps covered"
    label, under_review, accepted = panel.rows[0]
    assert (label.text, under_review.text, accepted.text) == (
        "Child protection: Entry into care",
        1,
        0,
    )
    response = client.get(under_review.url)
    assert list(response.context["cl"].result_list) == [reviewing]


@pytest.mark.parametrize("bad", ["nobody", "1-", "12345678901-1", "1-2-3"])
def test_a_bad_gap_in_the_application_filter_gets_an_answer_not_a_500(client, pine_manager, bad):
    client.force_login(pine_manager)
    response = client.get(f"/admin/pine/application/?gap={bad}")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_a_gap_no_application_names_lists_no_applications(client, pine_manager):
    ApplicationFactory(status=Status.SUBMITTED)
    client.force_login(pine_manager)
    response = client.get("/admin/pine/application/?gap=1-1")
    assert response.status_code == 200 and response.context["cl"].result_count == 0


def test_the_gap_filter_offers_the_gaps_that_applications_name(client, pine_manager):
    gap = _gap(Priority.objects.first())
    _names(ApplicationFactory(status=Status.SUBMITTED), *gap)
    client.force_login(pine_manager)

    page = client.get("/admin/pine/application/").content.decode()

    assert "By gap in the evidence named" in page
    assert f"?gap={gap[0].pk}-{gap[1].pk}" in page


def test_managers_see_each_count_as_a_chart_beside_its_table(client, pine_manager):
    _programme(1)
    client.force_login(pine_manager)

    response = client.get(PORTFOLIO)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('role="img"') == 7
    for chart in ["applications-by-status", "reviews-outstanding", "projects-by-stage",
                  "overdue-stages", "priorities-covered", "gaps-under-review",
                  "gaps-accepted"]:  # fmt: skip
        assert f'aria-labelledby="{chart}-title {chart}-description"' in page
    for caption in ["Applications by status", "Reviews outstanding per reviewer",
                    "Active projects by stage, and overdue stages",
                    "PINE priorities covered by accepted projects", "The next 1 meeting",
                    "Gaps in the evidence inside current priorities, and the applications "
                    "that name them"]:  # fmt: skip
        assert f"<caption>{caption}</caption>" in page
    assert "1 meeting still to come" in page


def test_every_figure_leads_to_the_list_it_counts(client, pine_manager):
    _programme(2)
    client.force_login(pine_manager)
    panels = client.get(PORTFOLIO).context["panels"]

    followed = 0
    for panel in panels:
        for row in panel.rows:
            for cell in row:
                if not cell.url:
                    continue
                response = client.get(cell.url)
                assert response.status_code == 200, cell.url
                assert response.context["cl"].result_count == cell.text, cell.url
                followed += 1
    assert followed >= 10


def test_not_started_reviews_lead_to_the_applications_that_reviewer_has_not_begun(
    client, pine_manager, pine_reviewer
):
    waiting = ApplicationFactory(status=Status.SUBMITTED, title="Nobody has looked at this")
    begun = ApplicationFactory(status=Status.SCREENING, title="Already begun by the reviewer")
    ReviewFactory(application=begun, reviewer=pine_reviewer)
    ApplicationFactory(status=Status.DECLINED)
    client.force_login(pine_manager)
    panel = client.get(PORTFOLIO).context["panels"][1]
    not_started = panel.rows[0][2]
    assert panel.rows[0][0].text == pine_reviewer
    response = client.get(not_started.url)
    assert response.context["cl"].result_count == not_started.text == 1
    assert list(response.context["cl"].result_list) == [waiting]


def test_a_bad_reviewer_in_the_not_reviewed_filter_gets_an_answer_not_a_500(
    client, pine_manager, pine_reviewer
):
    client.force_login(pine_manager)
    response = client.get("/admin/pine/application/?not_reviewed_by=nobody")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_the_page_takes_the_same_number_of_queries_however_big_the_programme(client, pine_manager):
    client.force_login(pine_manager)
    _programme(1)
    client.get(PORTFOLIO)  # the session and the permission caches settle
    with CaptureQueriesContext(connection) as small:
        client.get(PORTFOLIO)
    _programme(4)
    with CaptureQueriesContext(connection) as large:
        response = client.get(PORTFOLIO)
    assert "5 meetings still to come" in response.content.decode()
    assert len(large) == len(small)


def test_reviewers_are_refused_and_people_who_are_not_staff_are_asked_to_sign_in(
    client, pine_reviewer
):
    client.force_login(pine_reviewer)
    assert client.get(PORTFOLIO).status_code == 403
    client.force_login(UserFactory())
    response = client.get(PORTFOLIO)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_superusers_may_open_the_portfolio(client, superuser):
    client.force_login(superuser)
    assert client.get(PORTFOLIO).status_code == 200


def test_the_portfolio_is_behind_the_staff_two_factor_gate(client, settings, pine_manager):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(pine_manager)  # a session that has not used a second factor
    response = client.get(PORTFOLIO)
    assert response.status_code == 403
    assert "Set up two-factor authentication to use the admin" in response.content.decode()


def test_the_admin_start_page_and_the_project_list_link_managers_to_the_portfolio(
    client, pine_manager, pine_reviewer
):
    client.force_login(pine_manager)
    assert f'href="{PORTFOLIO}"' in client.get("/admin/").content.decode()
    assert f'href="{PORTFOLIO}"' in client.get("/admin/pine/project/").content.decode()
    client.force_login(pine_reviewer)
    assert f'href="{PORTFOLIO}"' not in client.get("/admin/").content.decode()
    assert f'href="{PORTFOLIO}"' not in client.get("/admin/pine/project/").content.decode()
