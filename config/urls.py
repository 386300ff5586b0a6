"""The project's URL map: each app's URLs, the admin and the project-wide pages."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from config import views
from core import admin_wording
from pine.admin.portfolio import portfolio_view


def _admin_urls() -> tuple[list, str, str]:
    """The admin's URLs, with our staff pages among them: in the admin's namespace, the staff
    two-factor gate covers them as it covers the admin's own pages. They come first, so that
    the admin's catch-all does not answer for them."""
    patterns, app_name, namespace = admin.site.urls
    portfolio = path(
        "pine/portfolio/", admin.site.admin_view(portfolio_view), name="pine_portfolio"
    )
    password = path(
        "password_change/", admin_wording.password_change(admin.site), name="password_change"
    )
    return [portfolio, password, *patterns], app_name, namespace


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
    path("movement/", include("movement.urls")),
    path("admin/", _admin_urls()),
]

handler500 = "config.views.server_error"
