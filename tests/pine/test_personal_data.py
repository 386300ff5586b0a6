"""PINE's part of a person's data download: what they started, did and saved."""

import pytest

from accounts.personal_data import personal_data_collect
from tests.pine.factories import ApplicationFactory, EventFactory, SectionAnswerFactory

pytestmark = pytest.mark.django_db


def test_download_holds_the_applications_events_and_sections_a_person_authored(applicant):
    application = ApplicationFactory(created_by=applicant)
    EventFactory(application=application, actor=applicant, message="Sent")
    SectionAnswerFactory(application=application, updated_by=applicant)
    ApplicationFactory()  # someone else's
    data = personal_data_collect(applicant)
    assert [a["reference"] for a in data["pine_applications_started"]] == [application.reference]
    assert data["pine_application_events"][0]["message"] == "Sent"
    assert data["pine_section_answers_saved"][0]["section"] == "theory-of-change"
