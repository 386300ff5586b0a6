"""The public pages: list, intervention, comparison, guides; drafts stay hidden."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence_store.ratings import Effectiveness, Strength
from tests.accounts.factories import UserFactory
from tests.evidence_store.factories import (
    AgeGroupFactory,
    DraftInterventionFactory,
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    StudyFactory,
    TopicFactory,
    rated_interventions,
)

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/evidence/",
        "/evidence/?q=bulk&topic=common&sort=effectiveness",
        "/evidence/?outcome=outcome-1&effectiveness=mixed&strength=high&age=none",
        "/evidence/bulk-3/",
        "/evidence/compare/?i=bulk-1&i=bulk-2&i=bulk-3",
        "/evidence/export/interventions.csv?topic=common",
        "/evidence/export/outcome-ratings.csv",
        "/evidence/export/studies.csv",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_interventions(client, url):
    outcomes = [OutcomeFactory(slug=f"outcome-{n}") for n in range(3)]
    topic = TopicFactory(slug="common")
    rated_interventions(10, outcomes, topic)
    with_10 = queries(client, url)
    rated_interventions(190, outcomes, topic, start=10)
    assert queries(client, url) == with_10


def test_list_shows_each_result_with_its_ratings_as_words_and_symbol_classes(client):
    rating = OutcomeRatingFactory(
        outcome__name="Entry into care",
        effectiveness=Effectiveness.CONSISTENTLY_POSITIVE,
        strength=Strength.HIGH,
        intervention__summary="Helps families stay together.",
    )
    rating.intervention.topics.add(TopicFactory(name="Child protection"))
    rating.intervention.age_groups.add(AgeGroupFactory(name="Under 5"))
    html = client.get("/evidence/").content.decode()
    assert rating.intervention.name in html and "Helps families stay together." in html
    assert "Topics: Child protection" in html and "Age groups: Under 5" in html
    # The stylesheet draws "++", "●●●" and "evidence" for these classes; the words are here.
    chip = '<li class="app-e3 app-s3"><b>Entry into care</b> <span>Consistently positive</span>\u00a0High'
    assert chip in html


def test_list_page_for_20_results_with_six_ratings_each_is_40_kb_or_less(client):
    outcomes = [OutcomeFactory(name=f"Outcome number {n}") for n in range(12)]
    topics = [TopicFactory(name=f"Topic number {n}") for n in range(10)]
    ages = [AgeGroupFactory(name=f"Age group {n}") for n in range(5)]
    for intervention in rated_interventions(25, outcomes[:6]):
        intervention.summary = "A practical sentence about what it does and who it is for. " * 2
        intervention.save()
        intervention.topics.add(*topics[:2])
        intervention.age_groups.add(*ages[:2])
    html = client.get("/evidence/").content
    assert html.count(b'name="i"') == 20
    assert len(html) <= 40 * 1024, f"{len(html):,} bytes"


def test_active_filters_each_have_a_link_that_removes_only_that_filter(client):
    TopicFactory(slug="care", name="Care")
    TopicFactory(slug="courts", name="Courts")
    html = client.get("/evidence/?topic=care&topic=courts&sort=name&page=2&q=family").content
    html = html.decode()
    assert (
        '<a class="app-filter-tag" href="/evidence/?topic=courts&amp;sort=name&amp;q=family">'
        '<span class="govuk-visually-hidden">Remove filter: </span>Topic: Care'
    ) in html
    assert "Remove filter: </span>Search: “family”" in html
    assert '<a class="govuk-link" href="/evidence/?sort=name">Clear filters</a>' in html


def test_without_filters_there_is_no_active_filter_summary(client):
    InterventionFactory()
    html = client.get("/evidence/").content.decode()
    assert "Active filters" not in html and "Clear filters" not in html


def test_rating_filters_mark_the_matching_outcomes_and_say_why_in_words(client):
    entry = OutcomeFactory(slug="entry", name="Entry into care")
    other = OutcomeFactory(slug="other", name="School")
    rating = OutcomeRatingFactory(
        outcome=entry, effectiveness=Effectiveness.TENDS_POSITIVE, strength=Strength.LOW
    )
    OutcomeRatingFactory(intervention=rating.intervention, outcome=other)
    html = client.get("/evidence/?outcome=entry&effectiveness=tends_positive").content.decode()
    assert "<b>Matches:</b> Tends to positive for ‘Entry into care’" in html
    assert '<li class="app-e2 app-s1 app-match"><b>Entry into care</b>' in html
    assert html.count(' app-match"') == 1
    html = client.get("/evidence/?strength=low").content.decode()
    assert "<b>Matches:</b> Low strength of evidence for ‘Entry into care’" in html
    assert "Matches:" not in client.get("/evidence/?topic=").content.decode()


def test_outcome_filter_is_labelled_and_its_bad_value_worded_plainly(client):
    OutcomeFactory(slug="entry", name="Entry into care")
    html = client.get("/evidence/?outcome=nope").content.decode()
    assert "[invalid name]" not in html
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Outcome</legend>' in html
    )
    assert "“nope” is not one of the outcomes. We have left this filter out." in html


def test_results_can_be_ticked_and_sent_to_the_comparison(client):
    InterventionFactory(slug="kin", name="Kinship care")
    html = client.get("/evidence/").content.decode()
    assert '<form id="compare-form" method="get" action="/evidence/compare/"' in html
    assert '<input name="i" type="checkbox" value="kin">' in html
    assert (
        'type="submit" class="govuk-button govuk-button--secondary app-compare-bar__button"' in html
    )


def test_long_lists_show_a_few_page_links_around_the_current_page(client):
    rated_interventions(300, [OutcomeFactory()])
    html = client.get("/evidence/?page=7").content.decode()
    assert 'aria-current="page">7<' in html
    assert "govuk-pagination__item--ellipses" in html
    assert 'aria-label="Page 15"' in html  # the last page
    assert 'aria-label="Page 11"' not in html


def test_empty_result_says_so_and_suggests_removing_filters(client):
    InterventionFactory(name="Kinship care")
    html = client.get("/evidence/?q=zzzyzzy").content.decode()
    assert "No interventions match your search" in html
    assert "remove some filters" in html


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=99999",
        "page=-1",
        "topic=%00",
        "sort=drop+table",
        "effectiveness=best",
        "q=" + "x" * 5000,
        "q=%22unbalanced",
        "q=&&&",
        "age=1&age=2",
    ],
)
def test_bad_parameters_get_a_clean_page_never_a_500(client, query):
    InterventionFactory()
    # A NUL anywhere in a query string is refused as a bad request (config/middleware.py).
    expected = 400 if "%00" in query else 200
    assert client.get(f"/evidence/?{query}").status_code == expected
    for export in ["interventions", "outcome-ratings", "studies"]:
        response = client.get(f"/evidence/export/{export}.csv?{query}")
        assert response.status_code == expected
        if expected == 200:
            b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "query",
    ["i=%00", "i=a%00b&i=c", "i=" + "x" * 5000, "i=%F0%9F%98%80&i=caf%C3%A9", "i=../../etc"],
)
def test_compare_with_hostile_values_is_a_clean_page(client, query):
    InterventionFactory(slug="c")
    response = client.get(f"/evidence/compare/?{query}")
    if "%00" in query:  # refused as a bad request (config/middleware.py)
        assert response.status_code == 400
        return
    assert response.status_code == 200
    assert "We could not find an intervention" in response.content.decode()


def test_bad_filter_value_is_explained_in_the_summary_and_next_to_the_filter(client):
    html = client.get("/evidence/?topic=not-a-topic").content.decode()
    assert "There is a problem" in html
    assert "<title>Error:" in html
    assert 'id="filter-topic-error"' in html and "govuk-form-group--error" in html


def test_detail_page_has_every_section_a_contents_list_and_rating_cards(client):
    intervention = InterventionFactory(
        headline_points="- It helps",
        how_it_works="Through trust.",
        in_summary="Promising.",
        review_title="A review",
        review_authors="Smith, J.",
        review_year=2018,
    )
    OutcomeRatingFactory(intervention=intervention, outcome__name="Placement stability")
    StudyFactory(interventions=[intervention], citation="Jones (2016). A trial.")
    html = client.get(intervention.get_absolute_url()).content.decode()
    for text in [
        "Contents",
        "Headline points",
        "How is it meant to work?",
        "In summary",
        "Placement stability",
        "/evidence/ratings/#effectiveness-tends_positive",
        "Smith, J.",
        "Jones (2016). A trial.",
    ]:
        assert text in html, text


def test_markdown_in_sections_is_sanitised(client):
    intervention = InterventionFactory(
        what_is_it="<script>alert(1)</script> **bold** [x](javascript:alert(1))"
    )
    html = client.get(intervention.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "<strong>bold</strong>" in html
    assert "javascript:alert" not in html


def test_drafts_are_invisible_to_the_public_everywhere(client):
    draft = DraftInterventionFactory(name="Secret draft", slug="secret-draft")
    OutcomeRatingFactory(intervention=draft)
    StudyFactory(interventions=[draft], citation="Draft-only study")
    assert client.get("/evidence/secret-draft/").status_code == 404
    assert "Secret draft" not in client.get("/evidence/").content.decode()
    assert "Secret draft" not in client.get("/evidence/?q=secret").content.decode()
    assert (
        "Secret draft" not in client.get("/evidence/compare/?i=secret-draft&i=x").content.decode()
    )
    for name in ["interventions", "outcome-ratings", "studies"]:
        body = b"".join(client.get(f"/evidence/export/{name}.csv").streaming_content).decode()
        assert "secret-draft" not in body and "Draft-only study" not in body


def test_drafts_are_404_on_the_public_site_even_for_editors(client):
    DraftInterventionFactory(slug="preview-me")
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Evidence editors"))
    client.force_login(editor)
    assert client.get("/evidence/preview-me/").status_code == 404


def test_detail_and_compare_queries_do_not_grow_with_what_one_intervention_holds(client):
    from evidence_store.models import ResourceFile

    def grow(intervention, count):
        for n in range(count):
            OutcomeRatingFactory(intervention=intervention)
            StudyFactory(interventions=[intervention])
            intervention.topics.add(TopicFactory())
            ResourceFile.objects.create(
                intervention=intervention, title=f"File {n}", file=f"x/{n}.pdf",
                original_name=f"{n}.pdf", content_type="application/pdf", size=10,
            )  # fmt: skip

    a, b = InterventionFactory(slug="a"), InterventionFactory(slug="b")
    grow(a, 1)
    grow(b, 1)
    counts = [queries(client, "/evidence/a/"), queries(client, "/evidence/compare/?i=a&i=b")]
    grow(a, 9)
    grow(b, 9)
    assert [
        queries(client, "/evidence/a/"),
        queries(client, "/evidence/compare/?i=a&i=b"),
    ] == counts


def test_compare_shows_two_interventions_side_by_side(client):
    outcome = OutcomeFactory(name="Re-referral")
    a = OutcomeRatingFactory(outcome=outcome, intervention__cost_summary="Low cost").intervention
    b = OutcomeRatingFactory(outcome=outcome, effectiveness=Effectiveness.NEGATIVE).intervention
    html = client.get(f"/evidence/compare/?i={a.slug}&i={b.slug}").content.decode()
    assert a.name in html and b.name in html
    assert "Re-referral" in html and "Negative effect" in html and "Low cost" in html
    assert "There is a problem" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("i=nope&i=also-nope", "We could not find an intervention called “nope”"),
        ("i=one", "Choose at least 2 interventions"),
        ("i=one&i=two&i=three&i=four&i=five", "Choose no more than 4 interventions"),
    ],
)
def test_compare_explains_invalid_choices(client, query, message):
    for slug in ["one", "two", "three", "four", "five"]:
        InterventionFactory(slug=slug)
    html = client.get(f"/evidence/compare/?{query}").content.decode()
    assert message in html


def test_compare_without_a_choice_offers_the_list_without_an_error(client):
    InterventionFactory(name="Kinship care")
    html = client.get("/evidence/compare/").content.decode()
    assert "Choose interventions to compare" in html and "Kinship care" in html
    assert "There is a problem" not in html


def test_comparing_from_an_intervention_starts_with_it_ticked_and_no_error(client):
    one = InterventionFactory(slug="one", name="First")
    InterventionFactory(slug="two", name="Second")
    detail = client.get(one.get_absolute_url()).content.decode()
    assert 'href="/evidence/compare/?with=one#choose"' in detail
    html = client.get("/evidence/compare/?with=one").content.decode()
    assert 'value="one" checked' in html
    assert 'value="two">' in html
    assert "There is a problem" not in html


def test_ratings_guide_explains_all_eight_levels(client):
    html = client.get("/evidence/ratings/").content.decode()
    for label in [*Effectiveness.labels, *Strength.labels]:
        assert label in html
    assert "No evidence of effect is not evidence of no effect" in html
    assert "Glossary" in html


def test_data_dictionary_documents_every_column(client):
    from evidence_store.exports import EXPORTS

    html = client.get("/evidence/data/").content.decode()
    for export in EXPORTS.values():
        for column in export.columns:
            assert f"<code>{column.name}</code>" in html
