"""GOV.UK error styling and wording for every form, whatever renders it.

The crispy-forms-gds template pack styles only a few widget classes by their exact name (a
password, email or number box in error is left plain), so the classes come from the bound field
instead: ``FORM_RENDERER = "core.forms.GovukFormRenderer"`` gives every field the template pack
draws the GOV.UK class of its widget, and the error class when the field has an error, as the
GOV.UK macros do (the admin's fields are left alone). ``plain_error_messages`` (and
``GovukFormMixin``, which adds both to one form) replaces Django's default wording.
"""

from django import forms
from django.forms import widgets
from django.forms.renderers import DjangoTemplates

# Most specific first: an EmailInput is an Input, a ClearableFileInput a FileInput.
# Radios, checkboxes and date parts carry no error class of their own in GOV.UK Frontend:
# the error shows on their form group, which the template pack already marks.
_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (forms.RadioSelect, "", ""),
    (forms.CheckboxSelectMultiple, "", ""),
    (forms.CheckboxInput, "", ""),
    (widgets.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (widgets.Input, "govuk-input", "govuk-input--error"),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.Select, "govuk-select", "govuk-select--error"),
]


def govuk_classes(widget: forms.Widget, *, has_error: bool) -> list[str]:
    """The GOV.UK Frontend classes a widget's element takes, in an error state or not."""
    if isinstance(widget, forms.MultiWidget | forms.HiddenInput):
        return []  # each part of a date input is styled as a part, by its own template
    for kind, base, error in _CLASSES:
        if isinstance(widget, kind):
            return [c for c in (base, error if has_error else "") if c]
    return []


class GovukBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs: dict, widget: forms.Widget | None = None) -> dict:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        # These attrs override the widget's own, so start from the classes it already has.
        classes = f"{widget.attrs.get('class', '')} {attrs.get('class', '')}".split()
        guess = type(widget).__name__.lower()
        # Only a widget the GOV.UK template pack is drawing: it gives each one a govuk- class,
        # or its bare class name (such as "numberinput") where it has none. The admin's
        # widgets, which have neither, keep the admin's look.
        if guess not in classes and not any(c.startswith("govuk-") for c in classes):
            return attrs
        extra = govuk_classes(widget, has_error=bool(self.form.is_bound and self.errors))
        if extra:
            # Less the template pack's guesses: the bare class name, and the text box's error
            # class on a select or a text area.
            wrong = {guess}
            if not isinstance(widget, widgets.Input):
                wrong.add("govuk-input--error")
            kept = [c for c in classes if c not in wrong]
            attrs["class"] = " ".join(dict.fromkeys(kept + extra))
        return attrs


class GovukFormRenderer(DjangoTemplates):
    bound_field_class = GovukBoundField


def _what(field: forms.Field) -> str:
    label = str(field.label or "").strip().rstrip("?").rstrip(":")
    return label[:1].lower() + label[1:] if label else "an answer"


def not_one_of(things: str) -> dict[str, str]:
    """Error messages for a choice that is not one of the list, naming the value and the list in
    words ("“x” is not one of the topics."), for every way a choice field can refuse one."""
    message = f"“%(value)s” is not one of the {things}."
    return {"invalid_choice": message, "invalid_pk_value": message, "list": message}


def filter_leaving_out_bad(filterset_class: type, params, queryset):
    """A filterset (django-filter) of the valid parameters only, with `bad_parameters` holding
    the invalid ones' errors for the page to explain: a bad value in a link narrows nothing and
    fails nothing, and the person is told which was left out."""
    filterset = filterset_class(params, queryset=queryset)
    if filterset.is_valid():
        filterset.bad_parameters = {}
        return filterset
    errors = filterset.form.errors
    valid = params.copy()
    for field in errors:
        valid.pop(field, None)
    filterset = filterset_class(valid, queryset=queryset)
    filterset.is_valid()
    filterset.bad_parameters = errors
    return filterset


def plain_error_messages(form: forms.BaseForm) -> None:
    """Give every field GOV.UK wording wherever it still has Django's default.

    Forms that know better set their own messages, which are kept; this is the fallback, so
    nobody sees "This field is required." or "Select a valid choice. x is not one of the
    available choices."
    """
    for field in form.fields.values():
        what = _what(field)
        # A date and time's parts (the admin's split boxes) are worded as parts of the same answer.
        for part in [field, *getattr(field, "fields", [])]:
            _replace_defaults(part, what)
        upper = what[:1].upper() + what[1:]
        # Limits are checked by validators, whose codes a field's own messages override.
        limits = {
            "max_length": f"{upper} must be %(limit_value)d characters or fewer.",
            "min_length": f"{upper} must be %(limit_value)d characters or more.",
            "max_value": f"{upper} must be %(limit_value)s or less.",
            "min_value": f"{upper} must be %(limit_value)s or more.",
        }
        if isinstance(field, forms.EmailField):
            limits["invalid"] = (
                "Enter an email address in the correct format, like name@example.org."
            )
        for key, message in limits.items():
            field.error_messages.setdefault(key, message)
        # Every message is a sentence, including those of a date's day, month and year.
        for part in [field, *getattr(field, "fields", [])]:
            for key, message in part.error_messages.items():
                if not str(message).rstrip().endswith((".", "?", "!")):
                    part.error_messages[key] = f"{str(message).rstrip()}."


def _replace_defaults(field: forms.Field, what: str) -> None:
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or isinstance(
        field.widget, forms.CheckboxInput
    )
    upper = what[:1].upper() + what[1:]
    from_list = f"Select {what} from the list."  # noqa: S608 - words for a person, not SQL
    plain = {
        "required": f"Select {what}." if choosing else f"Enter {what}.",
        "invalid_choice": from_list,
        "invalid_pk_value": from_list,
        "list": from_list,
        "invalid": f"Enter {what} in the correct format.",
        "invalid_date": f"Enter the date of {what} as a real date, like 2027-03-27.",
        "invalid_time": f"Enter the time of {what} as hours and minutes, like 14:30.",
    }
    if isinstance(field, forms.IntegerField):
        plain["invalid"] = f"{upper} must be a whole number, like 12."
    if isinstance(field, forms.GenericIPAddressField):  # its validator's code, not the field's
        field.error_messages.setdefault("invalid", "Enter an IP address, like 192.0.2.1.")
    if isinstance(field, forms.URLField):
        plain["invalid"] = "Enter a web address in the correct format, like https://example.org."
    if isinstance(field, forms.FileField):
        plain["required"] = f"Select {what}."
        plain["invalid"] = "The selected file could not be read. Try again."
        plain["missing"] = "The selected file could not be read. Try again."
        plain["empty"] = "The selected file is empty."
    for key, message in plain.items():
        if key in field.error_messages and field.error_messages[key] == defaults.get(key):
            field.error_messages[key] = message


class GovukFormMixin:
    """A form with GOV.UK classes and wording, whichever renderer the project sets."""

    bound_field_class = GovukBoundField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_error_messages(self)
