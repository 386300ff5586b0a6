"""Admin autocomplete fields show a tampered value as a form error, never a 500."""

import pytest
from django.test import Client

from tests.accounts.factories import UserFactory
from tests.evidence_store.factories import OutcomeRatingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [":", "1e9x", "\x00", "-"])
def test_a_rating_with_a_malformed_outcome_comes_back_with_an_error(settings, value):
    settings.STAFF_MFA_REQUIRED = False
    rating = OutcomeRatingFactory()
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/evidence_store/outcomerating/{rating.pk}/change/"
    page = client.get(url).content.decode()
    version = page.split('name="seen_version" value="')[1].split('"')[0]
    response = client.post(
        url,
        {
            "intervention": rating.intervention_id,
            "outcome": value,
            "effectiveness": rating.effectiveness,
            "strength": rating.strength,
            "seen_version": version,
        },
    )
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()  # the form, with its error
