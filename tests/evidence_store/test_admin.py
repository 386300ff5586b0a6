"""Evidence editors work in the admin: exact permissions, history, publishing and preview."""

import pytest
from django.contrib.auth.models import Group

from evidence_store.models import Intervention, OutcomeRating
from evidence_store.ratings import Effectiveness, Strength
from tests.accounts.factories import UserFactory
from tests.accounts.journeys import sign_in_with_two_factor
from tests.evidence_store.factories import (
    DraftInterventionFactory,
    InterventionFactory,
    OutcomeRatingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Evidence editors"))
    sign_in_with_two_factor(client, user)
    return user


def test_evidence_editors_have_exactly_the_evidence_permissions():
    codenames = set(
        Group.objects.get(name="Evidence editors").permissions.values_list("codename", flat=True)
    )
    models = [
        "intervention",
        "outcomerating",
        "study",
        "topic",
        "outcome",
        "agegroup",
        "resourcefile",
    ]
    expected = {f"{a}_{m}" for m in models for a in ["add", "change", "delete", "view"]}
    expected |= {"publish_intervention", "view_historicalintervention",
                 "view_historicaloutcomerating", "view_historicalstudy"}  # fmt: skip
    assert codenames == expected


def test_admin_history_records_who_changed_a_rating_and_from_what(client, editor):
    rating = OutcomeRatingFactory(effectiveness=Effectiveness.MIXED, strength=Strength.LOW)
    response = client.post(
        f"/admin/evidence_store/outcomerating/{rating.pk}/change/",
        {
            "seen_version": rating.history.first().history_id,
            "intervention": rating.intervention.pk,
            "outcome": rating.outcome.pk,
            "effectiveness": Effectiveness.TENDS_POSITIVE,
            "strength": Strength.MODERATE,
            "notes": "A new trial.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest, previous = rating.history.all()[:2]
    assert latest.history_user == editor
    assert (previous.effectiveness, latest.effectiveness) == ("mixed", "tends_positive")
    history_page = client.get(f"/admin/evidence_store/outcomerating/{rating.pk}/history/")
    assert history_page.status_code == 200
    # The content security policy forbids inline styles, so the history page must have none.
    assert " style=" not in history_page.content.decode()


def test_intervention_change_page_has_ratings_inline_and_a_preview_link(client, editor):
    intervention = DraftInterventionFactory(slug="draft-one")
    OutcomeRatingFactory(intervention=intervention)
    html = client.get(
        f"/admin/evidence_store/intervention/{intervention.pk}/change/"
    ).content.decode()
    assert "ratings-TOTAL_FORMS" in html
    preview = f"/admin/evidence_store/intervention/{intervention.pk}/preview/"
    assert f'href="{preview}"' in html and "Preview draft" in html


def test_editor_previews_a_draft_in_the_admin_never_cached(client, editor):
    draft = DraftInterventionFactory(slug="draft-two", name="Unpublished model")
    response = client.get(f"/admin/evidence_store/intervention/{draft.pk}/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unpublished model" in html and "Draft preview" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_preview_is_refused_to_the_public_and_to_staff_without_permission(client):
    draft = DraftInterventionFactory()
    url = f"/admin/evidence_store/intervention/{draft.pk}/preview/"
    assert client.get(url).status_code == 302  # to sign in
    sign_in_with_two_factor(client, UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


def test_second_of_two_concurrent_admin_edits_is_refused_and_keeps_its_input(client, editor):
    intervention = InterventionFactory(name="Original")
    url = f"/admin/evidence_store/intervention/{intervention.pk}/change/"
    version = client.get(url).context["adminform"].form["seen_version"].value()
    data = {
        "name": "First editor's name", "slug": intervention.slug, "summary": "S",
        "seen_version": version,
        "ratings-TOTAL_FORMS": 0, "ratings-INITIAL_FORMS": 0,
        "Study_interventions-TOTAL_FORMS": 0, "Study_interventions-INITIAL_FORMS": 0,
        "resource_files-TOTAL_FORMS": 0, "resource_files-INITIAL_FORMS": 0,
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    second = client.post(url, {**data, "name": "Second editor's name"})
    assert second.status_code == 200
    html = second.content.decode()
    assert "Someone else saved changes to this since you opened it" in html
    assert "Second editor&#x27;s name" in html
    intervention.refresh_from_db()
    assert intervention.name == "First editor's name"


def test_publish_and_unpublish_actions_go_through_the_service(client, editor):
    draft = DraftInterventionFactory()
    client.post(
        "/admin/evidence_store/intervention/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Intervention.Status.PUBLISHED and draft.published_at
    client.post(
        "/admin/evidence_store/intervention/",
        {"action": "unpublish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Intervention.Status.DRAFT


def test_staff_without_the_publish_permission_cannot_publish(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Group.objects.get(name="Evidence editors").permissions.exclude(
            codename="publish_intervention"
        )
    )
    sign_in_with_two_factor(client, user)
    draft = DraftInterventionFactory()
    client.post(
        "/admin/evidence_store/intervention/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Intervention.Status.DRAFT


def test_editor_sees_lists_of_every_evidence_model(client, editor):
    InterventionFactory()
    for model in ["intervention", "outcomerating", "study", "topic", "outcome", "agegroup"]:
        assert client.get(f"/admin/evidence_store/{model}/").status_code == 200, model
    assert OutcomeRating.objects.count() == 0
