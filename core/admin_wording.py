"""GOV.UK wording for the admin's forms too: every registered admin's form, its inlines' forms and
its password form call ``plain_error_messages``, so staff never see "This field is required."."""

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from core.forms import plain_error_messages


def plain_wording(form_class: type) -> type:
    """A subclass of the form whose fields keep their own messages and lose Django's defaults."""
    if getattr(form_class, "plain_wording", False):
        return form_class

    def __init__(self, *args, **kwargs) -> None:
        form_class.__init__(self, *args, **kwargs)
        plain_error_messages(self)

    return type(form_class)(
        form_class.__name__,
        (form_class,),
        {"__init__": __init__, "plain_wording": True, "__module__": form_class.__module__},
    )


def use_plain_wording(site: AdminSite) -> None:
    """Give every admin registered on the site, and its inlines, forms with plain wording."""
    for model_admin in site._registry.values():
        model_admin.form = plain_wording(model_admin.form)
        for name in ("add_form", "change_password_form"):  # the user admin's other forms
            if hasattr(model_admin, name):
                setattr(model_admin, name, plain_wording(getattr(model_admin, name)))
        for inline in model_admin.inlines:
            inline.form = plain_wording(inline.form)


def password_change(site: AdminSite):
    """The admin's own "Change password" page, as Django draws it, with plain wording."""
    from django.contrib.admin.forms import AdminPasswordChangeForm
    from django.contrib.auth.views import PasswordChangeView

    form_class = plain_wording(AdminPasswordChangeForm)

    def view(request: HttpRequest) -> HttpResponse:
        request.current_app = site.name
        return PasswordChangeView.as_view(
            form_class=form_class,
            success_url=reverse("admin:password_change_done", current_app=site.name),
            extra_context=site.each_context(request),
        )(request)

    return site.admin_view(view, cacheable=False)
