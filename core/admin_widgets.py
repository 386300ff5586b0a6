"""Admin autocomplete widgets that survive a tampered value.

Django's autocomplete widgets look up the submitted value when a form is shown again with its
errors. A value that is not a valid key (such as ":") then raises ValueError and the page is a
500 instead of the form with its error. These widgets leave such values out of that lookup; the
form's own validation still reports them.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class _ValidValuesOnly:
    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.model._meta.get_field(
            getattr(self.field.remote_field, "field_name", None)
            or self.field.remote_field.model._meta.pk.name
        )
        valid = []
        for item in value:
            try:
                target.to_python(item)
            except (ValidationError, TypeError, ValueError):
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_ValidValuesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidValuesOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For a ModelAdmin or inline: its autocomplete_fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
