"""Cached page fragments (evidence_store/fragments.py): a cached page is the page rendered afresh,
it costs a few queries, and every evidence write shows at once (evidence_store/content_version.py)."""

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from evidence_store import fragments, gap_layers, practice_links
from evidence_store.gap_layers import GapLayer
from evidence_store.models import AgeGroup, Intervention, OutcomeRating, ResourceFile
from evidence_store.practice_links import PracticeLink
from evidence_store.ratings import Effectiveness, Strength
from evidence_store.services import intervention_publish, intervention_unpublish
from tests.accounts.factories import UserFactory
from tests.accounts.journeys import sign_in_with_two_factor
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

LIST, DETAIL, GAP_MAP = "/evidence/", "/evidence/family-help/", "/evidence/gap-map/"
PAGES = [LIST, DETAIL, GAP_MAP]
NONCE = re.compile(r' nonce="[^"]*"')


@pytest.fixture
def public() -> Client:
    return Client()


@pytest.fixture
def family_help(db) -> Intervention:
    topic = TopicFactory(name="Child protection", slug="child-protection")
    ages = [AgeGroupFactory(name="Under 5", slug="under-5")]
    intervention = InterventionFactory(
        name="Family help", slug="family-help", topics=[topic], age_groups=ages
    )
    OutcomeRatingFactory(intervention=intervention, outcome__name="Entry into care")
    StudyFactory(interventions=[intervention], citation="Smith, J. (2019). A first trial.")
    return intervention


def page(client: Client, url: str) -> tuple[int, str]:
    """The status and the HTML without its CSP nonces, which differ on every response."""
    response = client.get(url)
    return response.status_code, NONCE.sub("", response.content.decode())


def query_count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        (LIST, 1),  # the content version
        (DETAIL, 3),  # the version, the intervention's title, the Movement's practice link
        (GAP_MAP, 2),  # the version and PINE's open calls, for its layer
    ],
)
def test_a_cached_page_is_the_page_rendered_afresh_in_a_few_queries(
    public, family_help, url, queries
):
    first_queries = query_count(public, url)
    fresh = page(public, url)
    assert query_count(public, url) == queries < first_queries
    assert page(public, url) == fresh
    caches[fragments.CACHE].clear()
    assert page(public, url) == fresh


@pytest.mark.parametrize("url", ["/evidence/", "/evidence/bulk-3/", "/evidence/gap-map/"])
def test_cached_pages_make_as_many_queries_with_200_interventions_as_with_10(public, url):
    outcomes = [OutcomeFactory(slug=f"outcome-{n}") for n in range(3)]
    topic = TopicFactory(slug="common")
    rated_interventions(10, outcomes, topic)
    public.get(url)
    with_10 = query_count(public, url)
    rated_interventions(190, outcomes, topic, start=10)
    public.get(url)
    assert query_count(public, url) == with_10


def test_parameters_the_list_does_not_read_share_its_fragment(public, family_help):
    fresh = page(public, "/evidence/?topic=child-protection")
    assert query_count(public, "/evidence/?topic=child-protection&utm_source=email") == 1
    assert page(public, "/evidence/?topic=child-protection&utm_source=email") == fresh
    assert "utm_source" not in fresh[1]


def test_fragments_hold_nothing_of_the_visitor(client, public, family_help):
    _sign_in_an_editor(client)
    for url in PAGES:
        signed_in = client.get(url)
        assert "Sign out" in signed_in.content.decode()
        html = signed_in.context["fragment"].html
        assert "nonce" not in html and "csrfmiddlewaretoken" not in html
        assert "Sign out" not in html
        anonymous = public.get(url)
        assert anonymous.context["fragment"].html == html
        assert "Sign out" not in anonymous.content.decode()


def _sign_in_an_editor(client: Client) -> None:
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Evidence editors"))
    sign_in_with_two_factor(client, editor)


def _admin_saves(client: Client, intervention: Intervention, **changes) -> None:
    """Save the intervention's admin form (its rating and study inlines left as they are)."""
    _sign_in_an_editor(client)
    url = f"/admin/evidence_store/intervention/{intervention.pk}/change/"
    form = client.get(url).context["adminform"].form
    rating = intervention.ratings.get()
    data = {
        "name": intervention.name, "slug": intervention.slug, "summary": intervention.summary,
        "seen_version": form["seen_version"].value(),
        "topics": [t.pk for t in intervention.topics.all()],
        "age_groups": [a.pk for a in intervention.age_groups.all()],
        "what_is_it": intervention.what_is_it,
        "ratings-TOTAL_FORMS": 1, "ratings-INITIAL_FORMS": 1, "ratings-0-id": rating.pk,
        "ratings-0-intervention": intervention.pk, "ratings-0-outcome": rating.outcome.pk,
        "ratings-0-effectiveness": rating.effectiveness, "ratings-0-strength": rating.strength,
        "ratings-0-notes": rating.notes,
        "Study_interventions-TOTAL_FORMS": 0, "Study_interventions-INITIAL_FORMS": 0,
        "resource_files-TOTAL_FORMS": 0, "resource_files-INITIAL_FORMS": 0,
        **changes,
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def _admin_renames(client: Client, intervention: Intervention) -> None:
    _admin_saves(client, intervention, name="Family help at home")


def _admin_rerates_inline(client: Client, intervention: Intervention) -> None:
    _admin_saves(client, intervention, **{"ratings-0-effectiveness": Effectiveness.MIXED})


def _admin_rerates(client: Client, intervention: Intervention) -> None:
    _sign_in_an_editor(client)
    rating = intervention.ratings.get()
    response = client.post(
        f"/admin/evidence_store/outcomerating/{rating.pk}/change/",
        {
            "seen_version": rating.history.first().history_id,
            "intervention": intervention.pk,
            "outcome": rating.outcome.pk,
            "effectiveness": Effectiveness.NEGATIVE,
            "strength": Strength.HIGH,
            "notes": "A larger trial found harm.",
        },
    )
    assert response.status_code == 302


def _rerates(client: Client, intervention: Intervention) -> None:
    rating = intervention.ratings.get()
    rating.strength = Strength.VERY_LOW
    rating.save()


def _unpublishes(client: Client, intervention: Intervention) -> None:
    intervention_unpublish(intervention=intervention)


def _publishes_another(client: Client, intervention: Intervention) -> None:
    draft = DraftInterventionFactory(name="Kinship care", topics=list(intervention.topics.all()))
    intervention_publish(intervention=draft)


def _adds_an_age_group(client: Client, intervention: Intervention) -> None:
    intervention.age_groups.add(AgeGroupFactory(name="5 to 11"))


def _clears_the_topics(client: Client, intervention: Intervention) -> None:
    intervention.topics.clear()


def _renames_the_topic(client: Client, intervention: Intervention) -> None:
    topic = intervention.topics.get()
    topic.name = "Keeping children safe"
    topic.save()


def _deletes_the_age_group(client: Client, intervention: Intervention) -> None:
    AgeGroup.objects.get(slug="under-5").delete()


def _deletes_the_rating(client: Client, intervention: Intervention) -> None:
    OutcomeRating.objects.filter(intervention=intervention).delete()


def _adds_a_rating(client: Client, intervention: Intervention) -> None:
    OutcomeRatingFactory(intervention=intervention, outcome__name="Re-referral")


def _edits_the_study(client: Client, intervention: Intervention) -> None:
    study = intervention.studies.get()
    study.citation = "Smith, J. (2020). A second trial."
    study.save()


def _unlinks_the_study(client: Client, intervention: Intervention) -> None:
    intervention.studies.remove(intervention.studies.get())


def _admin_links_a_study(client: Client, intervention: Intervention) -> None:
    """Through the study inline, which saves the link's row directly."""
    study = StudyFactory(citation="Jones, K. (2021). A third trial.")
    _admin_saves(client, intervention, **{
        "Study_interventions-TOTAL_FORMS": 1, "Study_interventions-0-study": study.pk,
        "Study_interventions-0-intervention": intervention.pk,
    })  # fmt: skip


def _adds_a_resource_file(client: Client, intervention: Intervention) -> None:
    ResourceFile.objects.create(
        intervention=intervention, title="Practice guide", file="evidence-resources/g.pdf",
        original_name="guide.pdf", content_type="application/pdf", size=10,
    )  # fmt: skip


WRITES: list[tuple[Callable, set[str]]] = [
    # (a write, the pages it shows on)
    (_admin_renames, {LIST, DETAIL, GAP_MAP}),
    (_admin_rerates, {LIST, DETAIL, GAP_MAP}),
    (_admin_rerates_inline, {LIST, DETAIL, GAP_MAP}),
    (_admin_links_a_study, {DETAIL}),
    (_rerates, {LIST, DETAIL, GAP_MAP}),
    (_unpublishes, {LIST, DETAIL, GAP_MAP}),
    (_publishes_another, {LIST, GAP_MAP}),
    (_adds_an_age_group, {LIST, DETAIL, GAP_MAP}),
    (_clears_the_topics, {LIST, DETAIL, GAP_MAP}),
    (_renames_the_topic, {LIST, DETAIL, GAP_MAP}),
    (_deletes_the_age_group, {LIST, DETAIL, GAP_MAP}),
    (_deletes_the_rating, {LIST, DETAIL, GAP_MAP}),
    (_adds_a_rating, {LIST, DETAIL, GAP_MAP}),
    (_edits_the_study, {DETAIL}),
    (_unlinks_the_study, {DETAIL}),
    (_adds_a_resource_file, {DETAIL}),
]


@pytest.mark.parametrize(("write", "shown_on"), WRITES, ids=[w.__name__[1:] for w, _ in WRITES])
def test_every_evidence_write_shows_at_once_on_the_cached_pages(
    client, public, family_help, write, shown_on
):
    before = {url: page(public, url) for url in PAGES}
    assert {url: page(public, url) for url in PAGES} == before  # now served from the cache
    write(client, family_help)
    after = {url: page(public, url) for url in PAGES}
    caches[fragments.CACHE].clear()
    assert after == {url: page(public, url) for url in PAGES}  # as if nothing were cached
    assert {url for url in PAGES if after[url] != before[url]} == shown_on


def test_gap_map_layers_change_the_cached_map_without_an_evidence_write(
    public, family_help, monkeypatch
):
    rating = family_help.ratings.get()
    rating.strength = Strength.LOW  # a gap, which a layer can mark
    rating.save()
    topic, outcome = family_help.topics.get(), rating.outcome
    legend = {"text": "Inside a current priority"}

    def layer() -> GapLayer:
        return GapLayer(
            key="test", legend=legend["text"], pairs=frozenset({(topic.pk, outcome.pk)})
        )

    monkeypatch.setitem(gap_layers._builders, "test", layer)
    assert "Inside a current priority" in page(public, GAP_MAP)[1]
    legend["text"] = "Inside a priority of a call that opened today"
    assert "Inside a priority of a call that opened today" in page(public, GAP_MAP)[1]


def test_practice_links_change_the_cached_page_without_an_evidence_write(
    public, family_help, monkeypatch
):
    tests = {"count": 1}

    def link(intervention: Intervention) -> PracticeLink:
        return PracticeLink(f"Testing this in practice ({tests['count']})", "Tests.", "Read", "/")

    monkeypatch.setitem(practice_links._builders, "test", link)
    assert "Testing this in practice (1)" in page(public, DETAIL)[1]
    tests["count"] = 2
    assert "Testing this in practice (2)" in page(public, DETAIL)[1]


def test_a_fragment_too_large_to_keep_is_rendered_every_time(public, family_help, monkeypatch):
    monkeypatch.setattr(fragments, "MAX_STORED_BYTES", 100)
    rendered = query_count(public, LIST)
    assert query_count(public, LIST) == rendered > 1
