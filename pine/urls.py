"""PINE's public pages and the applicant's pages (signed in)."""

from django.urls import path

from pine.views import applications, programme, sections

app_name = "pine"

urlpatterns = [
    path("", programme.programme_detail, name="index"),
    path("calls/<slug:slug>/", programme.call_detail, name="call_detail"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/new/", applications.application_new, name="application_create"),
    path(
        "applications/<str:reference>/",
        applications.application_detail,
        name="application_detail",
    ),
    path(
        "applications/<str:reference>/submit/",
        applications.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<str:reference>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<str:reference>/<slug:section>/",
        sections.section_edit,
        name="section_edit",
    ),
]
