"""Admin autocomplete widgets that survive a tampered value and are named by their label.

Django's autocomplete widgets look up the submitted value when a form is shown again with its
errors. A value that is not a valid key (such as ":") then raises ValueError and the page is a
500 instead of the form with its error. These widgets leave such values out of that lookup; the
form's own validation still reports them.

select2 names its combobox by the choice shown, so an empty box would have no accessible name
(WCAG 2.2, 4.1.2): a script names it by the field's label as well.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

LABELS_SCRIPT = "js/admin-autocomplete-labels.js"


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

    @property
    def media(self) -> forms.Media:
        # After Django's autocomplete.js, which makes the select2 boxes the script names: the
        # pair keeps that order when the admin merges the page's media.
        return super().media + forms.Media(js=["admin/js/autocomplete.js", LABELS_SCRIPT])


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
