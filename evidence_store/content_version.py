"""The evidence store's content version: a token in the database that every evidence write
changes, so that page fragments cached under it (evidence_store/fragments.py) show an edit at
once on every worker.

Writes are caught with Django's signals rather than by calls in each service, because evidence
changes in many places that no service sees: the admin's forms and inlines, its many-to-many
checkboxes, reverting from history, the demo loader and fixtures. A signal catches them all.
Writes that send no signal must call bump() themselves: QuerySet.update, bulk_create, raw SQL,
and saving or deleting rows of a many-to-many table directly (Django sends no signal for them;
the admin's study inline does it, but the intervention it saves in the same transaction bumps).

The token changes inside the writing transaction, not after it commits: it then commits or rolls
back with the data, so a reader that sees the new token also sees the new data, and no crash
between the two can leave an edit hidden. The price is that evidence writes queue for the one
row until their transaction ends, which editors' saves can afford.
"""

import secrets

from django.db.models.signals import m2m_changed, post_delete, post_save

from evidence_store.models import (
    AgeGroup,
    ContentVersion,
    Intervention,
    Outcome,
    OutcomeRating,
    ResourceFile,
    Study,
    Topic,
)


def _new_token() -> str:
    # Random, never a counter: a counter would repeat its values after a rollback or a restore
    # from backup, and a cache could then serve fragments of content that no longer exists.
    return secrets.token_hex(16)


def current() -> str:
    """The token to key fragments by: one query, made once for each page that has a fragment."""
    token = ContentVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:  # the row is made by the migration; only an emptied table lacks it
        token = ContentVersion.objects.get_or_create(pk=1, defaults={"token": _new_token()})[
            0
        ].token
    return token


def bump() -> None:
    """Give the evidence a new version, so that nothing cached before this write is used."""
    if not ContentVersion.objects.filter(pk=1).update(token=_new_token()):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": _new_token()})


def _saved_or_deleted(sender, **kwargs) -> None:
    bump()


def _links_changed(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        bump()


# Everything a cached fragment shows, and the links between them.
_MODELS = [Topic, Outcome, AgeGroup, Intervention, OutcomeRating, Study, ResourceFile]
_LINKS = [Intervention.topics.through, Intervention.age_groups.through, Study.interventions.through]


def connect() -> None:
    """Bump the version on every write to the evidence; called once, from the app's ready()."""
    for model in _MODELS:
        uid = f"content_version_{model._meta.label_lower}"
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}_delete")
    for through in _LINKS:
        uid = f"content_version_{through._meta.label_lower}_links"
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=uid)
