"""The practice network's pages, under /movement/practice/, in the `movement` namespace
(movement/urls.py includes them)."""

from django.urls import path

from movement.views import (
    practice_author,
    practice_detail,
    practice_feed,
    practice_list,
    practice_posting,
    practice_taking_part,
    practice_unfollow,
)

urlpatterns = [
    path("", practice_list.practice_list, name="practice_list"),
    path("feed/", practice_feed.practice_feed, name="practice_feed"),
    path("profile/", practice_posting.member_edit, name="member_edit"),
    path("new/", practice_posting.practice_create, name="practice_create"),
    path("unfollow/<uuid:token>/", practice_unfollow.practice_unfollow, name="practice_unfollow"),
    path("<int:pk>/", practice_detail.practice_detail, name="practice_detail"),
    path("<int:pk>/edit/", practice_posting.practice_edit, name="practice_edit"),
    path("<int:pk>/check/", practice_posting.practice_check, name="practice_check"),
    path("<int:pk>/updates/new/", practice_author.update_add, name="practice_update_add"),
    path("<int:pk>/finding/", practice_author.finding_create, name="practice_finding_add"),
    path(
        "<int:pk>/put-forward/", practice_author.practice_put_forward, name="practice_put_forward"
    ),
    path("<int:pk>/replies/", practice_taking_part.reply_create, name="practice_reply_add"),
    path("<int:pk>/trying/", practice_taking_part.trial_create, name="practice_trial_start"),
    path(
        "<int:pk>/trying/finding/",
        practice_taking_part.trial_finding_create,
        name="practice_trial_finding_add",
    ),
    path("<int:pk>/follow/", practice_taking_part.follow_create, name="practice_follow"),
    path("<int:pk>/unfollow/", practice_taking_part.follow_delete, name="practice_follow_delete"),
    path(
        "<int:pk>/report/<str:kind>/<int:post_id>/",
        practice_taking_part.report_create,
        name="practice_report",
    ),
]
