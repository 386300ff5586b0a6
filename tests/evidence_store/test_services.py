"""Publishing rules."""

import pytest

from evidence_store.services import PublishingError, intervention_publish, intervention_unpublish
from tests.evidence_store.factories import DraftInterventionFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def test_publishing_keeps_the_first_publication_date():
    intervention = InterventionFactory()
    first = intervention.published_at
    intervention_unpublish(intervention=intervention)
    republished = intervention_publish(intervention=intervention)
    assert republished.published_at == first


def test_publishing_twice_is_refused_with_a_reason():
    with pytest.raises(PublishingError, match="already published"):
        intervention_publish(intervention=InterventionFactory())


def test_a_draft_without_a_summary_cannot_be_published():
    with pytest.raises(PublishingError, match="needs a summary"):
        intervention_publish(intervention=DraftInterventionFactory(summary=" "))
