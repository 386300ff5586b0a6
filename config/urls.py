"""The project's URL map: each app's URLs, the admin and the project-wide pages."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from config import views

urlpatterns = [
    path("", TemplateView.as_view(template_name="pages/home.html"), name="home"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("cookies/", TemplateView.as_view(template_name="pages/cookies.html"), name="cookies"),
    path("healthz", views.healthz, name="healthz"),
    path("evidence/", include("evidence_store.urls")),
    path("accounts/", include("accounts.urls")),
    path("pine/", include("pine.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "config.views.server_error"
