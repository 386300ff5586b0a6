"""Reviewers score applications in the admin, one review each; they see only their own."""

import pytest

from pine.models import Criterion, Review
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_reviewer_scores_every_criterion_and_is_recorded_as_the_reviewer(client, pine_reviewer):
    application = ApplicationFactory(status=Status.SCREENING)
    criteria = list(Criterion.objects.all())
    client.force_login(pine_reviewer)
    page = client.get("/admin/pine/review/add/").content.decode()
    assert application.reference in page
    data = {
        "application": application.pk,
        "recommendation": "yes",
        "scores-TOTAL_FORMS": len(criteria),
        "scores-INITIAL_FORMS": 0,
        "scores-MIN_NUM_FORMS": 0,
        "scores-MAX_NUM_FORMS": 1000,
    }
    for n, criterion in enumerate(criteria):
        data |= {
            f"scores-{n}-criterion": criterion.pk,
            f"scores-{n}-score": 4,
            f"scores-{n}-comment": "",
        }
    response = client.post("/admin/pine/review/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    review = Review.objects.get()
    assert review.reviewer == pine_reviewer and review.scores.count() == len(criteria)


def test_score_outside_1_to_5_is_an_error(client, pine_reviewer):
    application = ApplicationFactory(status=Status.SCREENING)
    client.force_login(pine_reviewer)
    data = {
        "application": application.pk,
        "scores-TOTAL_FORMS": 1,
        "scores-INITIAL_FORMS": 0,
        "scores-MIN_NUM_FORMS": 0,
        "scores-MAX_NUM_FORMS": 1000,
        "scores-0-criterion": Criterion.objects.first().pk,
        "scores-0-score": 9,
    }
    response = client.post("/admin/pine/review/add/", data)
    assert response.status_code == 200
    assert not Review.objects.exists()


def test_reviewers_see_only_their_own_reviews(client, pine_reviewer, pine_manager):
    mine = ReviewFactory(reviewer=pine_reviewer)
    theirs = ReviewFactory()
    client.force_login(pine_reviewer)
    assert client.get(f"/admin/pine/review/{theirs.pk}/change/").status_code == 302
    assert client.get(f"/admin/pine/review/{mine.pk}/change/").status_code == 200
    client.force_login(pine_manager)
    assert client.get(f"/admin/pine/review/{theirs.pk}/change/").status_code == 200


def test_reviewers_see_only_their_own_review_on_the_application_page(
    client, pine_reviewer, pine_manager
):
    application = ApplicationFactory(status=Status.SCREENING)
    ReviewFactory(application=application, reviewer=pine_reviewer, comment="My own view")
    ReviewFactory(application=application, is_draft=True, comment="SECRET DRAFT COMMENT")
    url = f"/admin/pine/application/{application.pk}/change/"
    client.force_login(pine_reviewer)
    html = client.get(url).content.decode()
    assert "SECRET DRAFT COMMENT" not in html
    client.force_login(pine_manager)
    assert "SECRET DRAFT COMMENT" in client.get(url).content.decode()
