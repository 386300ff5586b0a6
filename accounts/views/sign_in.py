"""allauth's sign-in pages, answering 429 with a "try again later" page when throttled."""

from allauth.account.views import LoginView
from allauth.core.ratelimit import respond_429
from allauth.mfa.base.views import AuthenticateView
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

THROTTLED = "too_many_login_attempts"


class SignInView(LoginView):
    """Too many failed sign-ins, per account or per IP address, get the 429 page."""

    def form_invalid(self, form: Form) -> HttpResponse:
        if form.has_error("__all__", THROTTLED):
            return respond_429(self.request)
        return super().form_invalid(form)


class MFAAuthenticateView(AuthenticateView):
    """Too many wrong security codes at sign-in get the same 429 page."""

    def form_invalid(self, form: Form) -> HttpResponse:
        if form.has_error("code", THROTTLED):
            return respond_429(self.request)
        return super().form_invalid(form)


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """The admin's sign-in page is the service's own: throttled, with two-factor authentication."""
    if request.user.is_authenticated:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("admin:index")
    return SignInView.as_view()(request)


def not_offered(request: HttpRequest) -> HttpResponse:
    """An allauth page for something this service does not offer: answered as if it did not exist."""
    raise Http404
