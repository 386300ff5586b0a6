"""The header tests' admin routes: the admin's own pages and the project's additions in
ADMIN_ROUTES, and the pages the admin generates for each registered model.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from movement.models import Event as MovementEvent
from tests.security.header_visits import (
    ANONYMOUS,
    APPLICANT,
    STAFF,
    Visit,
    World,
    download,
    other,
    page,
    post_only,
)

ADMIN_ROUTES: dict[str, list[Visit]] = {
    # The admin's own pages, and the project's additions to it
    "admin:index": [page(STAFF, lambda w: "/admin/")],
    "admin:login": [page(ANONYMOUS, lambda w: "/admin/login/")],
    "admin:logout": [post_only(STAFF, lambda w: "/admin/logout/")],
    "admin:password_change": [page(STAFF, lambda w: "/admin/password_change/")],
    "admin:password_change_done": [page(STAFF, lambda w: "/admin/password_change/done/")],
    "admin:autocomplete": [
        other(
            STAFF,
            lambda w: (
                "/admin/autocomplete/?app_label=evidence_store&model_name=outcomerating"
                "&field_name=outcome&term=o"
            ),
            "search results for the admin's autocomplete boxes, as JSON",
            content_type="application/json",
        )
    ],
    "admin:jsi18n": [
        other(
            STAFF,
            lambda w: "/admin/jsi18n/",
            "the admin's translated strings, as JavaScript",
            content_type="text/javascript",
        )
    ],
    "admin:view_on_site": [
        other(
            STAFF,
            lambda w: (
                f"/admin/r/{ContentType.objects.get_for_model(w.intervention).pk}/"
                f"{w.intervention.pk}/"
            ),
            "sends staff to the object's public page",
            status=302,
        )
    ],
    "admin:app_list": [page(STAFF, lambda w: "/admin/pine/")],
    "admin/(?P<url>.*)$": [page(STAFF, lambda w: "/admin/no-such-page/", status=404)],
    "admin:evidence_store_intervention_preview": [
        page(STAFF, lambda w: f"/admin/evidence_store/intervention/{w.intervention.pk}/preview/")
    ],
    "admin:evidence_store_intervention_resource": [
        download(
            STAFF,
            lambda w: (
                f"/admin/evidence_store/intervention/{w.intervention.pk}/resources/{w.resource.pk}/"
            ),
        )
    ],
    "admin:evidence_store_intervention_simple_history": [
        page(STAFF, lambda w: _history_path(w.intervention))
    ],
    "admin:evidence_store_outcomerating_simple_history": [
        page(STAFF, lambda w: _history_path(w.rating))
    ],
    "admin:evidence_store_study_simple_history": [page(STAFF, lambda w: _history_path(w.study))],
    "admin:auth_user_password_change": [
        page(STAFF, lambda w: f"/admin/accounts/user/{w.people[APPLICANT].pk}/password/")
    ],
    "admin:pine_application_export": [
        page(STAFF, lambda w: "/admin/pine/application/export/"),
        download(
            STAFF,
            lambda w: "/admin/pine/application/export/",
            method="post",
            data=lambda w: {"include_contact_details": "on"},
        ),
    ],
    "admin:pine_application_transition": [
        page(
            STAFF,
            lambda w: f"/admin/pine/application/{w.application.pk}/transition/?transition=withdraw",
        )
    ],
    "admin:pine_projectstage_autocomplete": [
        other(
            STAFF,
            lambda w: (
                "/admin/pine/projectstage/autocomplete/?app_label=pine&model_name=document"
                "&field_name=stage&term=a"
            ),
            "search results for the admin's stage box, as JSON",
            content_type="application/json",
        )
    ],
    "admin:pine_projectstage_act": [
        page(STAFF, lambda w: f"/admin/pine/projectstage/{w.stage.pk}/act/skip/")
    ],
    "admin:pine_project_act": [
        page(STAFF, lambda w: f"/admin/pine/project/{w.project.pk}/act/pause/")
    ],
    "admin:pine_project_export": [download(STAFF, lambda w: "/admin/pine/project/export/")],
    "admin:pine_evaluationreport_publish": [
        page(STAFF, lambda w: f"/admin/pine/evaluationreport/{w.draft_report.pk}/publish/")
    ],
    "admin:pine_evaluationreport_unpublish": [
        page(STAFF, lambda w: f"/admin/pine/evaluationreport/{w.report.pk}/unpublish/")
    ],
    "admin:pine_evaluationreport_preview": [
        page(STAFF, lambda w: f"/admin/pine/evaluationreport/{w.draft_report.pk}/preview/")
    ],
    "admin:pine_portfolio": [page(STAFF, lambda w: "/admin/pine/portfolio/")],
    "admin:movement_moderation": [
        page(STAFF, lambda w: "/admin/movement/practicetest/moderation/")
    ],
    "admin:movement_moderation_hidden": [
        page(STAFF, lambda w: "/admin/movement/practicetest/moderation/hidden/")
    ],
    "admin:movement_moderation_step": [
        page(
            STAFF,
            lambda w: (
                f"/admin/movement/practicetest/moderation/reply/{w.practice_held_reply.pk}/refuse/"
            ),
        )
    ],
    "admin:movement_event_attendees": [
        page(STAFF, lambda w: f"/admin/movement/event/{_movement_event().pk}/attendees/"),
        download(
            STAFF,
            lambda w: f"/admin/movement/event/{_movement_event().pk}/attendees/",
            method="post",
            data=lambda w: {"include_needs": "on"},
        ),
    ],
    "admin:movement_event_sign_in_sheet": [
        page(STAFF, lambda w: f"/admin/movement/event/{_movement_event().pk}/sign-in-sheet/")
    ],
    "admin:movement_event_attendance": [
        page(STAFF, lambda w: f"/admin/movement/event/{_movement_event().pk}/attendance/")
    ],
    "admin:movement_event_message": [
        page(STAFF, lambda w: f"/admin/movement/event/{_movement_event().pk}/message/")
    ],
}


def _movement_event():
    """An event for the Movement's staff pages: the first, as the model pages take theirs."""
    event = MovementEvent.objects.order_by("pk").first()
    assert event is not None, "the world needs a Movement event for its staff pages"
    return event


def _history_path(obj) -> str:
    opts = obj._meta
    record = obj.history.latest()
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/history/{record.history_id}/"


ADMIN_VIEWS = ("changelist", "add", "history", "delete", "change")


def admin_model_routes() -> dict[str, tuple]:
    """The standard admin pages of every registered model: key -> (model, view)."""
    routes = {}
    for model in admin.site._registry:
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        for view in ADMIN_VIEWS:
            routes[f"admin:{info}_{view}"] = (model, view)
        # The bare object address only redirects to its change page.
        routes[f"admin/{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/"] = (
            model,
            "redirect",
        )
    return routes


def admin_model_visits(model, view: str, staff) -> list[Visit]:
    """The admin page of one model's view; 403 where its ModelAdmin refuses even a superuser."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = staff

    def some(w: World):
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world needs one {model.__name__} for its admin pages"
        return obj

    if view == "changelist":
        return [page(STAFF, lambda w: reverse(f"admin:{_info(model)}_changelist"))]
    if view == "add":
        status = 200 if model_admin.has_add_permission(request) else 403
        return [page(STAFF, lambda w: reverse(f"admin:{_info(model)}_add"), status=status)]
    if view == "redirect":
        return [
            other(
                STAFF,
                lambda w: f"/admin/{model._meta.app_label}/{model._meta.model_name}/{some(w).pk}/",
                "the object's bare address redirects to its change page",
                status=302,
            )
        ]

    def status_for(w: World) -> int:
        obj = some(w)
        allowed = {
            "history": model_admin.has_view_or_change_permission(request, obj),
            "change": model_admin.has_view_or_change_permission(request, obj),
            "delete": model_admin.has_delete_permission(request, obj),
        }[view]
        return 200 if allowed else 403

    return [
        page(
            STAFF,
            lambda w: reverse(f"admin:{_info(model)}_{view}", args=[some(w).pk]),
            status=status_for,
        )
    ]


def _info(model) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}"
