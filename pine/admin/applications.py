"""Admin for applications: the filtered list with scores, the answers, reviews, history and actions."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.timezone import localtime

from core.admin_records import ReadOnlyAdminMixin
from core.csv_export import streaming_csv_response
from pine import portfolio
from pine.admin.gaps import GapFilter
from pine.admin.reviews import own_review_url, sees_every_review
from pine.admin.transition_pages import TransitionPagesMixin, Words
from pine.forms.staff import ExportForm
from pine.models import Application, Event, Export, Project
from pine.models.projects import STAFF_WORKSPACE_PERMISSIONS
from pine.named_gaps import gap_key
from pine.reviews import review_grid
from pine.sections import SECTIONS
from pine.services.exports import application_export_rows, export_log
from pine.services.transitions import application_transition
from pine.workflow import TRANSITIONS


class _Titled(admin.ChoicesFieldListFilter):
    label = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = self.label


class OrganisationKindFilter(_Titled):
    label = "organisation kind"


class RegionFilter(_Titled):
    label = "region"


class NotReviewedByFilter(admin.SimpleListFilter):
    """Applications under review that a reviewer has not begun: the portfolio's "Not started"."""

    title = "not yet reviewed by"
    parameter_name = "not_reviewed_by"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [(str(r.pk), str(r)) for r in portfolio.reviewers()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            raise IncorrectLookupParameters
        return portfolio.not_begun_by(queryset, int(self.value()))


@admin.register(Application)
class ApplicationAdmin(TransitionPagesMixin, admin.ModelAdmin):
    # Few enough columns to fit a 1280 px screen beside the filters; the title is searched, and
    # the call, priorities and kinds of organisation are filters.
    list_display = ["reference", "organisation_name", "status", "submitted", "score"]
    list_filter = [
        "call",
        "status",
        "priorities",
        ("organisation__kind", OrganisationKindFilter),
        ("organisation__region", RegionFilter),
        NotReviewedByFilter,
        GapFilter,
    ]
    list_select_related = ["organisation", "call"]
    search_fields = ["reference", "title", "organisation__name"]
    view_on_site = False  # the applicant's page is only for the applying organisation
    change_form_template = "admin/pine/application/change_form.html"
    change_list_template = "admin/pine/application/change_list.html"
    fields = ["reference", "organisation", "call", "title", "status", "created_at", "submitted_at", "decided_at", "gaps_named"]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # A reviewer's list (and export) shows only their own score, never their colleagues'.
        only = None if sees_every_review(request) else request.user
        return super().get_queryset(request).with_average_score(only_reviewer=only)

    @admin.display(description="organisation", ordering="organisation__name")
    def organisation_name(self, application: Application) -> str:
        # A method, not the field: Django keeps a related object's name on one line.
        return application.organisation.name

    @admin.display(description="submitted", ordering="submitted_at")
    def submitted(self, application: Application) -> str:
        # The date alone: the time of day made the column too wide to fit beside the filters.
        when = application.submitted_at
        return "–" if when is None else date_format(localtime(when), "j M Y")

    @admin.display(description="average score", ordering="average_score")
    def score(self, application: Application) -> str:
        return "–" if application.average_score is None else f"{application.average_score:.2f}"

    @admin.display(description="gaps in the evidence it would help fill")
    def gaps_named(self, application: Application) -> str:
        # Each gap leads to the other applications that name it.
        gaps = application.gaps.select_related("topic", "outcome")
        changelist = reverse("admin:pine_application_changelist")
        return (
            format_html_join(
                "; ",
                '<a href="{}?gap={}">{}</a>',
                ((changelist, gap_key(g.topic_id, g.outcome_id), g) for g in gaps),
            )
            or "None named"
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # applicants start applications

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # answers are the applicant's; status changes through the workflow

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="pine_application_export"),
            path("<int:pk>/transition/", view(self.application_transition_view), name="pine_application_transition"),
            *super().get_urls(),
        ]  # fmt: skip

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None
    ):
        application = self.get_object(request, object_id)
        if application is not None:
            saved = {row.section: row for row in application.answers.all()}
            extra_context = {
                **(extra_context or {}),
                "sections": [
                    (
                        s,
                        saved.get(s.slug),
                        s.form.summary(saved[s.slug].answers if s.slug in saved else {}),
                    )
                    for s in SECTIONS
                ],
                "grid": review_grid(
                    application,
                    only_reviewer=None if sees_every_review(request) else request.user,
                ),
                "events": application.events.select_related("actor"),
                "transitions": self.offered_transitions(request, application),
                "review_url": own_review_url(request, application),
                **self._project_links(request, application),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _project_links(self, request: HttpRequest, application: Application) -> dict:
        """An accepted application's project: its admin page and the partner's workspace."""
        project = Project.objects.filter(application=application).first()
        if project is None or not request.user.has_perm("pine.view_project"):
            return {}
        links = {"project": project}
        links["project_admin_url"] = reverse("admin:pine_project_change", args=[project.pk])
        if request.user.has_perms(STAFF_WORKSPACE_PERMISSIONS):
            links["project_workspace_url"] = project.get_absolute_url()
        return links

    # Each workflow step has a page (pine/admin/transition_pages.py) at transition/?transition=…
    transitions = TRANSITIONS
    noun = "application"
    seen_field = "seen_status"  # what the person saw is the status they acted on
    words_field = "message"

    def may_open(self, request: HttpRequest, obj=None) -> bool:
        return self.has_view_permission(request, obj)

    def application_transition_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        name = request.POST.get("transition") or request.GET.get("transition", "")
        return self.transition_view(request, pk, name)

    def action_url(self, application: Application, name: str) -> str:
        return reverse("admin:pine_application_transition", args=[application.pk])

    def hidden_fields(self, transition) -> dict:
        return {"transition": transition.name}

    def transition_label(self, application: Application) -> str:
        return application.reference

    def seen_version(self, application: Application) -> str:
        return application.status

    def parse_seen(self, posted: str) -> str:
        return posted or "missing"  # no application has this status, so it is a conflict

    def words(self, transition) -> Words:
        if transition.message_required:
            return Words(
                "Reason (this is emailed to the applicant)",
                required=True,
                missing="Enter a reason. It is sent to the applicant.",
            )
        return Words("Internal note for the history (optional, not shown to the applicant)")

    def button(self, transition) -> str:
        return transition.staff_label

    def done_message(self, application: Application, transition) -> str:
        return f"{application.reference}: {transition.applicant_label.lower()}."

    def explanation(self, application: Application, transition) -> list[str]:
        title = application.title or "untitled"
        status = application.get_status_display().lower()
        return [f"{application.organisation}: {title}. Status: {status}."]

    def make_transition(self, request, application, name: str, text: str, seen) -> None:
        application_transition(
            application=application,
            transition=name,
            user=request.user,
            message=text,
            seen_status=seen,
        )

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("pine.export_application"):
            raise PermissionDenied
        form = ExportForm(request.POST if request.method == "POST" else None)
        filters = request.GET.copy()
        if request.method == "POST" and form.is_valid():
            include = form.cleaned_data["include_contact_details"]
            try:
                queryset = self.get_changelist_instance(request).get_queryset(request)
            except IncorrectLookupParameters:
                messages.error(request, "Those filters are not valid. Choose them again.")
                return redirect("admin:pine_application_changelist")
            export_log(
                user=request.user,
                kind=Export.Kind.APPLICATIONS,
                filters=filters.urlencode(),
                include_contacts=include,
                rows=queryset.count(),
            )
            header, rows = application_export_rows(queryset, include_contacts=include)
            return streaming_csv_response("pine-applications.csv", header, rows)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "filters": filters.urlencode(),
            "title": "Export applications as CSV",
        }
        return TemplateResponse(request, "admin/pine/application/export.html", context)


@admin.register(Event)
class EventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "application",
        "created_at",
        "actor",
        "from_status",
        "to_status",
    ]
    list_filter = ["to_status"]
    list_select_related = ["application", "actor"]
    search_fields = ["application__reference"]
    readonly_fields = [f.name for f in Event._meta.fields]


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ["exported_at", "kind", "exported_by", "filters", "included_contact_details", "rows"]  # fmt: skip
    list_filter = ["kind", "included_contact_details"]
    list_select_related = ["exported_by"]
    readonly_fields = ["exported_at", "kind", "exported_by", "filters", "included_contact_details", "rows"]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
