"""PINE's public pages and the applicant's pages (signed in)."""

from django.urls import path, register_converter

from pine.views import applications, programme, sections


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
