"""Reviewers score applications in the admin, one review each; they see only their own."""

import pytest

from pine.models import Criterion, Review
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory, ReviewFactory, reviewer, score_all

pytestmark = pytest.mark.django_db
BUTTON = "Review this application"


def _change_page(application) -> str:
    return f"/admin/pine/application/{application.pk}/change/"


def _scores(criteria, score) -> dict:
    data = {
        "scores-TOTAL_FORMS": len(criteria),
        "scores-INITIAL_FORMS": 0,
        "scores-MIN_NUM_FORMS": 0,
        "scores-MAX_NUM_FORMS": 1000,
    }
    for n, criterion in enumerate(criteria):
        data |= {
            f"scores-{n}-criterion": criterion.pk,
            f"scores-{n}-score": score,
            f"scores-{n}-comment": "",
        }
    return data


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


@pytest.mark.parametrize("score", [0, 6, 9])
def test_score_outside_1_to_5_is_an_error_in_plain_words(client, pine_reviewer, score):
    application = ApplicationFactory(status=Status.SCREENING)
    client.force_login(pine_reviewer)
    data = {"application": application.pk, **_scores([Criterion.objects.first()], score)}
    response = client.post("/admin/pine/review/add/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Score must be between 1 and 5." in page and "Ensure this value" not in page
    assert not Review.objects.exists()


def test_score_box_tells_the_browser_the_range(client, pine_reviewer):
    ApplicationFactory(status=Status.SCREENING)
    client.force_login(pine_reviewer)
    page = client.get("/admin/pine/review/add/").content.decode()
    assert 'name="scores-0-score" min="1" max="5"' in page


def test_the_model_refuses_a_score_of_0_in_plain_words():
    from django.core.exceptions import ValidationError

    from pine.models import ReviewScore

    score = ReviewScore(review=ReviewFactory(), criterion=Criterion.objects.first(), score=0)
    with pytest.raises(ValidationError) as refused:
        score.full_clean()
    assert refused.value.message_dict == {"score": ["Score must be between 1 and 5."]}


def test_reviewer_starts_their_review_from_the_application_and_returns_to_it(client, pine_reviewer):
    application = ApplicationFactory(status=Status.SCREENING)
    client.force_login(pine_reviewer)
    page = client.get(_change_page(application)).content.decode()
    start = f"/admin/pine/review/add/?application={application.pk}"
    assert f'href="{start}">{BUTTON}</a>' in page
    form = client.get(start).content.decode()
    assert f'<option value="{application.pk}" selected>' in form
    data = {"application": application.pk, "recommendation": "yes"}
    response = client.post(start, data | _scores(list(Criterion.objects.all()), 4))
    assert response.status_code == 302 and response.url == _change_page(application)
    assert Review.objects.get().reviewer == pine_reviewer


def test_the_button_opens_this_reviewers_own_review_never_a_colleagues(client, pine_reviewer):
    application = ApplicationFactory(status=Status.SCREENING)
    theirs = ReviewFactory(application=application, reviewer=reviewer(totp=False))
    mine = ReviewFactory(application=application, reviewer=pine_reviewer)
    client.force_login(pine_reviewer)
    page = client.get(_change_page(application)).content.decode()
    assert f'href="/admin/pine/review/{mine.pk}/change/">{BUTTON}</a>' in page
    assert f"/admin/pine/review/{theirs.pk}/" not in page and "?application=" not in page


def test_saving_a_review_returns_to_its_application(client, pine_reviewer):
    application = ApplicationFactory(status=Status.SCREENING)
    review = ReviewFactory(application=application, reviewer=pine_reviewer, is_draft=True)
    score_all(review, 3)
    client.force_login(pine_reviewer)
    data = {
        "recommendation": "maybe",
        "comment": "Promising.",
        "scores-TOTAL_FORMS": 0,
        "scores-INITIAL_FORMS": 0,
        "scores-MIN_NUM_FORMS": 0,
        "scores-MAX_NUM_FORMS": 1000,
    }
    response = client.post(f"/admin/pine/review/{review.pk}/change/", data)
    assert response.status_code == 302 and response.url == _change_page(application)
    review.refresh_from_db()
    assert (review.recommendation, review.comment) == ("maybe", "Promising.")
    continuing = client.post(f"/admin/pine/review/{review.pk}/change/", data | {"_continue": "1"})
    assert continuing.url == f"/admin/pine/review/{review.pk}/change/"


def test_people_who_may_not_review_do_not_see_the_button(client, pine_manager):
    application = ApplicationFactory(status=Status.SCREENING)
    client.force_login(pine_manager)
    assert BUTTON not in client.get(_change_page(application)).content.decode()


def test_no_new_review_once_an_application_is_decided(client, pine_reviewer):
    decided = ApplicationFactory(status=Status.DECLINED)
    client.force_login(pine_reviewer)
    assert BUTTON not in client.get(_change_page(decided)).content.decode()


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


@pytest.mark.django_db
def test_a_score_for_an_unknown_criterion_is_refused_in_plain_words():
    from pine.forms.staff import ReviewScoreForm

    form = ReviewScoreForm(data={"criterion": "999999", "score": "3"})
    assert not form.is_valid()
    assert form.errors["criterion"] == ["Select a criterion from the list."]
