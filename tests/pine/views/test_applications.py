"""The applicant's pages: starting, listing, submitting and withdrawing, always scoped to them."""

from datetime import date

import pytest
from django.core import mail

from pine.models import Application
from pine.workflow import Status
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.pine.factories import (
    ApplicationFactory,
    CallFactory,
    ClosedCallFactory,
    EventFactory,
    SectionAnswerFactory,
    complete_sections,
    member_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


def test_other_organisation_gets_404_for_every_application_url(client, application):
    client.force_login(member_of(ApplicationFactory().organisation))
    base = f"/pine/applications/{application.reference}/"
    for url in [base, base + "submit/", base + "withdraw/", base + "the-practice/"]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "complete"}).status_code == 404, url
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT


def test_signed_out_people_are_asked_to_sign_in(client, application):
    response = client.get(application.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_starts_an_application_for_their_organisation(signed_in, applicant):
    call = CallFactory()
    response = signed_in.post(f"/pine/applications/new/?call={call.slug}", {})
    application = Application.objects.get(call=call)
    assert response["Location"] == application.get_absolute_url()
    assert application.organisation == applicant.memberships.get().organisation
    assert application.created_by == applicant


def test_member_of_two_organisations_must_choose_one(client):
    membership = MembershipFactory()
    MembershipFactory(user=membership.user)
    client.force_login(membership.user)
    call = CallFactory()
    response = client.post(f"/pine/applications/new/?call={call.slug}", {})
    assert "Select the organisation that is applying." in response.content.decode()
    assert not Application.objects.filter(call=call).exists()


def test_closed_call_refuses_a_new_application_with_a_clear_message(signed_in):
    call = ClosedCallFactory()
    response = signed_in.post(f"/pine/applications/new/?call={call.slug}", {})
    assert "is not open, so you cannot start an application" in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    assert not Application.objects.filter(call=call).exists()


def test_application_page_shows_plain_status_and_visible_events_only(signed_in, application):
    EventFactory(application=application, transition="submit", visible_to_applicant=True)
    EventFactory(application=application, message="Internal note", visible_to_applicant=False)
    page = signed_in.get(application.get_absolute_url()).content.decode()
    assert "Not submitted yet" in page
    assert "Application submitted" in page and "Internal note" not in page


def test_submitting_an_incomplete_application_says_what_is_missing(signed_in, application):
    response = signed_in.post(
        f"/pine/applications/{application.reference}/submit/", {"seen_status": "draft"}
    )
    assert "Not completed: Your organisation and contacts" in response.content.decode()
    assert Application.objects.get().status == Status.DRAFT


def test_complete_application_is_submitted_from_check_your_answers(
    signed_in, application, django_capture_on_commit_callbacks
):
    complete_sections(application)
    page = signed_in.get(f"/pine/applications/{application.reference}/submit/").content.decode()
    assert "Family Circles" in page and "Change" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            f"/pine/applications/{application.reference}/submit/", {"seen_status": "draft"}
        )
    assert response["Location"] == f"/pine/applications/{application.reference}/sent/"
    assert Application.objects.get().status == Status.SUBMITTED
    assert mail.outbox


def test_applicant_withdraws_before_a_decision(signed_in, application):
    response = signed_in.post(
        f"/pine/applications/{application.reference}/withdraw/", {"seen_status": "draft"}
    )
    assert response.status_code == 302
    assert Application.objects.get().status == Status.WITHDRAWN


def test_withdrawing_a_decided_application_is_refused(signed_in, applicant):
    application = ApplicationFactory(
        status=Status.ACCEPTED, organisation=applicant.memberships.get().organisation
    )
    response = signed_in.post(
        f"/pine/applications/{application.reference}/withdraw/", {"seen_status": "accepted"}
    )
    assert (
        "You cannot withdraw an application whose status is accepted." in response.content.decode()
    )
    assert Application.objects.get(pk=application.pk).status == Status.ACCEPTED


def test_your_applications_page_query_count_does_not_grow(
    signed_in, applicant, django_assert_max_num_queries
):
    organisation = applicant.memberships.get().organisation
    ApplicationFactory.create_batch(2, organisation=organisation)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get("/pine/applications/").status_code == 200
        return len(queries)

    count()  # the first request after signing in also updates the session
    few = count()
    ApplicationFactory.create_batch(8, organisation=organisation)
    assert count() == few


def test_starting_without_a_call_leads_to_the_open_calls(signed_in):
    response = signed_in.get("/pine/applications/new/")
    assert response["Location"] == "/pine/#open-calls"


def test_applicant_answers_a_request_for_more_information_and_sends_it_again(signed_in, applicant):
    organisation = applicant.memberships.get().organisation
    application = ApplicationFactory(status=Status.MORE_INFORMATION, organisation=organisation)
    complete_sections(application)
    url = f"/pine/applications/{application.reference}/"
    assert "We need more information from you" in signed_in.get(url).content.decode()
    signed_in.post(url + "theory-of-change/", {"version": "1", "action": "complete", "outcomes": "More", "activities": "Detail"})  # fmt: skip
    response = signed_in.post(url + "submit/", {"seen_status": "more_information"})
    assert response["Location"] == url + "sent/"
    assert Application.objects.get(pk=application.pk).status == Status.SCREENING


@pytest.mark.parametrize(
    "url",
    [
        "/pine/applications/new/?call=%00",
        "/pine/applications/new/?call=a%00b",
        "/pine/applications/PINE-2026-0001%00/",
        "/pine/applications/PINE-2026-0001%00/submit/",
        "/pine/applications/%00/the-practice/",
    ],
)
def test_hostile_references_and_call_slugs_are_404_not_500(signed_in, url):
    # A NUL in the query string (not the path) is refused as a bad request by middleware.
    expected = 400 if "?" in url and "%00" in url.split("?", 1)[1] else 404
    assert signed_in.get(url).status_code == expected


def test_applicant_sees_reasons_and_their_own_words_but_not_internal_staff_notes(
    signed_in, application
):
    EventFactory(
        application=application, transition="start_screening", message="Internal: low scores"
    )
    EventFactory(
        application=application, transition="decline", message="Outside this call's priorities"
    )
    html = signed_in.get(application.get_absolute_url()).content.decode()
    assert "Internal: low scores" not in html
    assert "Outside this call&#x27;s priorities" in html


def test_a_tampered_hidden_organisation_is_explained_in_the_error_summary(signed_in):
    call = CallFactory()
    response = signed_in.post(
        f"/pine/applications/new/?call={call.slug}", {"organisation": 99999999}
    )
    html = response.content.decode()
    assert "There is a problem" in html
    summary = html[html.index("govuk-error-summary__list") :]
    assert "<li>" in summary[: summary.index("</ul>")]


def test_change_links_on_check_your_answers_point_at_questions_that_exist(signed_in, application):
    complete_sections(application)
    html = signed_in.get(f"{application.get_absolute_url()}submit/").content.decode()
    import re

    for section, anchor in set(
        re.findall(r'/pine/applications/[^/]+/([\w-]+)/#(div_id_\w+)"', html)
    ):
        page = signed_in.get(f"{application.get_absolute_url()}{section}/").content.decode()
        assert f'id="{anchor}"' in page, (section, anchor)


def test_setting_up_an_organisation_from_the_start_page_comes_back_to_it(client):
    person = UserFactory()
    client.force_login(person)
    call = CallFactory(slug="spring-2027")
    start = "/pine/applications/new/?call=spring-2027"
    page = client.get(start).content.decode()
    assert (
        'href="/accounts/organisation/new/?next=%2Fpine%2Fapplications%2Fnew%2F%3Fcall%3Dspring-2027"'
        in page
    )
    assert "Start application" not in page

    MembershipFactory(user=person)  # the organisation they set up
    page = client.get(start).content.decode()
    assert "Start application" in page and call.title in page
    client.post(start, {})
    assert Application.objects.get(call=call).organisation == person.memberships.get().organisation


def test_check_your_answers_lists_the_incomplete_sections_and_offers_no_send(
    signed_in, application
):
    SectionAnswerFactory(application=application, section="your-organisation")
    SectionAnswerFactory(application=application, section="the-practice", progress="in_progress")
    url = application.get_absolute_url()
    html = signed_in.get(f"{url}submit/").content.decode()
    missing = html[html.index('id="cannot-send"') : html.index("</ul>", html.index("cannot-send"))]
    assert "You have completed 1 of 7 sections." in missing
    assert f'href="{url}the-practice/">The practice</a> (in progress)' in missing
    assert f'href="{url}declarations/">Declarations</a> (not started)' in missing
    assert "your-organisation/" not in missing
    assert "Accept and send" not in html and 'name="seen_status"' not in html
    assert "<title>Error: " not in html  # nothing has gone wrong: they have more to do
    application.answers.all().delete()
    complete_sections(application)
    html = signed_in.get(f"{url}submit/").content.decode()
    assert "Accept and send" in html and 'id="cannot-send"' not in html


def test_check_your_answers_says_why_a_complete_application_to_a_closed_call_cannot_be_sent(
    signed_in, applicant
):
    organisation = applicant.memberships.get().organisation
    application = ApplicationFactory(organisation=organisation, call=ClosedCallFactory())
    complete_sections(application)
    html = signed_in.get(f"{application.get_absolute_url()}submit/").content.decode()
    assert "so the application cannot be submitted." in html
    assert "Accept and send" not in html


def test_a_send_that_arrives_anyway_is_still_refused_and_explained(signed_in, application):
    SectionAnswerFactory(application=application, section="your-organisation")
    response = signed_in.post(f"{application.get_absolute_url()}submit/", {"seen_status": "draft"})
    html = response.content.decode()
    assert "<title>Error: " in html and 'href="#cannot-send"' in html
    assert Application.objects.get().status == Status.DRAFT


@pytest.mark.parametrize("call_open", [True, False])
def test_confirmation_page_gives_the_reference_and_what_happens_next(
    signed_in, applicant, call_open
):
    application = ApplicationFactory(
        organisation=applicant.memberships.get().organisation,
        status=Status.SUBMITTED,
        call=(CallFactory if call_open else ClosedCallFactory)(title="Spring call"),
    )
    url = application.get_absolute_url()
    html = signed_in.get(f"{url}sent/").content.decode()
    panel = html[html.index("govuk-panel--confirmation") : html.index("What happens next")]
    assert "Application sent" in panel and application.reference in panel
    assert ("Spring call closes at" in html) is call_open
    assert f'href="{url}">View your application' in html
    assert 'href="/accounts/">Go to your account' in html


def test_confirmation_page_gives_the_calls_decision_date(signed_in, applicant):
    call = CallFactory(decisions_by=date(2027, 3, 31))
    organisation = applicant.memberships.get().organisation
    application = ApplicationFactory(organisation=organisation, status=Status.SUBMITTED, call=call)
    html = signed_in.get(f"{application.get_absolute_url()}sent/").content.decode()
    assert "We aim to tell you our decision by 31 March 2027." in html


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.MORE_INFORMATION, Status.ACCEPTED, Status.WITHDRAWN]
)
def test_confirmation_page_leads_to_the_application_when_nothing_is_with_us(
    signed_in, applicant, status
):
    organisation = applicant.memberships.get().organisation
    application = ApplicationFactory(organisation=organisation, status=status)
    response = signed_in.get(f"{application.get_absolute_url()}sent/")
    assert response["Location"] == application.get_absolute_url()


def test_confirmation_page_is_only_for_the_organisations_members(client):
    application = ApplicationFactory(status=Status.SCREENING)
    url = f"{application.get_absolute_url()}sent/"
    assert "/accounts/login/" in client.get(url)["Location"]
    client.force_login(member_of(ApplicationFactory().organisation))
    assert client.get(url).status_code == 404
    client.force_login(member_of(application.organisation))
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
