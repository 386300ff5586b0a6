"""PINE's public pages and the applicant's pages (signed in)."""

from django.urls import path, register_converter

from pine.views import applications, programme, projects, public, sections


class ReferenceConverter:
    """An application reference such as PINE-2026-0007; anything else is simply not found."""

    regex = r"PINE-[0-9]{4}-[0-9]{4,8}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")

app_name = "pine"

urlpatterns = [
    path("", programme.programme_detail, name="index"),
    path("calls/<slug:slug>/", programme.call_detail, name="call_detail"),
    path("partners/", public.partner_list, name="partner_list"),
    path("partners/<slug:slug>/", public.partner_detail, name="partner_detail"),
    path("evaluations/", public.evaluation_list, name="evaluation_list"),
    path("evaluations/<slug:slug>/", public.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<slug:slug>/report.pdf", public.evaluation_pdf, name="evaluation_pdf"),
    path("projects/", projects.project_list, name="project_list"),
    path("projects/<slug:slug>/", projects.project_detail, name="project_detail"),
    path("projects/<slug:slug>/meetings.ics", projects.meetings_ics, name="meetings_ics"),
    path(
        "projects/<slug:slug>/stages/<int:number>/",
        projects.stage_detail,
        name="stage_detail",
    ),
    path(
        "projects/<slug:slug>/stages/<int:number>/documents/",
        projects.stage_upload,
        name="stage_upload",
    ),
    path(
        "projects/<slug:slug>/stages/<int:number>/ready/",
        projects.stage_ready,
        name="stage_ready",
    ),
    path("documents/<int:pk>/", projects.document_download, name="document_download"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/new/", applications.application_new, name="application_create"),
    path(
        "applications/<reference:reference>/",
        applications.application_detail,
        name="application_detail",
    ),
    path(
        "applications/<reference:reference>/submit/",
        applications.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<reference:reference>/sent/",
        applications.application_sent,
        name="application_sent",
    ),
    path(
        "applications/<reference:reference>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<reference:reference>/<slug:section>/",
        sections.section_edit,
        name="section_edit",
    ),
]
