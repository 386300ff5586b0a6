"""One guard against concurrent edits: lock the row, and compare the version the person saw.

Of two people saving at once, the second is told, nothing of theirs is saved, and what they
typed is kept. Services call `lock_unchanged`; admin forms use `VersionedFormMixin`, which calls
it. A tampered version counts as out of date.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from core.refusals import Conflict

SAVED_MEANWHILE = (
    "Someone else saved changes to this since you opened it, so yours have not been saved. "
    "Copy anything you need from this page, then open it again to see their changes."
)


def changed_meanwhile(what: str, now: str = "") -> Conflict:
    """The one message of a conflict in a service: what changed, what it is now, what to do."""
    return Conflict(
        f"Someone else changed {what} while you were looking at it.{f' {now}' if now else ''} "
        "Nothing was changed: check it and try again."
    )


def lock_unchanged(
    queryset: models.QuerySet,
    *,
    pk: Any,
    seen: Any,
    version: Callable[[models.Model], Any] = lambda row: row.version,
    conflict: Callable[[models.Model], Exception] = lambda row: Conflict(SAVED_MEANWHILE),
) -> models.Model:
    """The row, locked until the transaction ends, if its version is still the one seen.

    Otherwise raises `conflict(row)`, a Conflict saying what changed. `seen=None` means the
    caller saw no version (a service called from code): the row is only locked. `version` reads
    the row's version: its `version` field, or whatever else changes on every save.
    """
    row = queryset.select_for_update().get(pk=pk)
    if seen is not None and version(row) != seen:
        raise conflict(row)
    return row


class VersionedFormMixin(forms.Form):
    """Mixed into a ModelForm: it carries the version it was opened with, in `seen_version`, and
    refuses to save over a change made since: on clean it locks the row and compares."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def version_of(self, instance: models.Model) -> Any:
        return instance.version

    def advance(self, instance: models.Model, current: Any) -> None:
        """Move the version on for this save (models whose version is a field)."""
        instance.version = (current or 0) + 1

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.version_of(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            seen = cleaned.get("seen_version")
            try:
                row = lock_unchanged(
                    type(self.instance).objects,
                    pk=self.instance.pk,
                    seen=seen,
                    version=self.version_of,
                )
            except Conflict as conflict:
                raise ValidationError(str(conflict), code="conflict") from None
            if seen is None and self.version_of(row) is not None:  # missing or tampered
                raise ValidationError(SAVED_MEANWHILE, code="conflict")
            if self.has_changed():
                self.advance(self.instance, self.version_of(row))
        return cleaned


class VersionedModelForm(VersionedFormMixin, forms.ModelForm):
    """For models with a `version` field that goes up on every save."""
