"""What moderators read: every held post of every kind, the open reports and the hidden posts,
each as an Entry with its words and the test it belongs to; one query per kind of post."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from movement.models import ModerationStep, PracticeTest
from movement.models.moderation import Post
from movement.services.moderation import KIND_OF, MODEL_OF
from movement.services.practice import TEST_FIELDS
from movement.templatetags.practice import author_label

Action = ModerationStep.Action
MODELS = {kind.value: model for kind, model in MODEL_OF.items()}


def post_text(post: Post) -> list[tuple[str, str]]:
    """What the post says, part by part, as (label, text)."""
    if isinstance(post, PracticeTest):
        parts = [
            (PracticeTest._meta.get_field(name).verbose_name.capitalize(), getattr(post, name))
            for name in TEST_FIELDS
        ]
        parts[-1] = (parts[-1][0], post.get_duration_display())
        return parts
    if hasattr(post, "result"):  # a finding, the author's or someone trying it
        return [("What they found", post.get_result_display()), ("Reflection", post.reflection)]
    return [(post._meta.verbose_name.capitalize(), post.body)]


@dataclass
class Entry:
    """One post as a moderator reads it, with the test it belongs to."""

    kind: str
    post: Post
    at: datetime  # waiting since, first reported, or hidden
    reports: list[ModerationStep] = field(default_factory=list)
    hidden_because: str = ""

    @property
    def kind_label(self) -> str:
        return ModerationStep.Kind(self.kind).label

    @property
    def practice_test(self) -> PracticeTest:
        return self.post if isinstance(self.post, PracticeTest) else self.post.practice_test

    @property
    def author(self) -> str:
        return author_label(self.post.author)

    @property
    def test_author(self) -> str:
        return author_label(self.practice_test.author)

    @property
    def text(self) -> list[tuple[str, str]]:
        return post_text(self.post)


def posts_of(model: type[Post]) -> QuerySet:
    """A kind's posts with what a moderator's page shows of them, in the same query."""
    posts = model.objects.select_related("author__movement_member__organisation")
    if model is PracticeTest:
        return posts.prefetch_related("interventions")
    return posts.select_related("practice_test__author__movement_member__organisation")


def _latest_step(kind: str, action: str, value: str) -> Subquery:
    steps = ModerationStep.objects.filter(kind=kind, post_id=OuterRef("pk"), action=action)
    return Subquery(steps.order_by("-at", "-pk").values(value)[:1])


def held_entries() -> list[Entry]:
    """Every post waiting for a moderator, oldest first: one query for each kind."""
    entries = []
    for model, kind in KIND_OF.items():
        # Waiting since it was last held: a refused finding written again waits afresh.
        held = (
            posts_of(model)
            .awaiting_moderation()
            .annotate(
                waiting_since=Coalesce(_latest_step(kind, Action.HELD, "at"), F("created_at"))
            )
        )
        entries += [Entry(kind, post, post.waiting_since) for post in held]
    return sorted(entries, key=lambda e: (e.at, e.kind, e.post.pk))


def report_entries() -> list[Entry]:
    """Every post with an open report, first reported first: one query for the reports and one
    for each kind reported."""
    reports = ModerationStep.objects.filter(action=Action.REPORTED, resolved_at=None)
    grouped: dict[tuple[str, int], list[ModerationStep]] = {}
    for report in reports.select_related("by__movement_member").order_by("at", "pk"):
        grouped.setdefault((report.kind, report.post_id), []).append(report)
    posts = {
        kind: posts_of(MODELS[kind]).in_bulk([pk for k, pk in grouped if k == kind])
        for kind in {kind for kind, _ in grouped}
    }
    return [
        Entry(kind, posts[kind][pk], found[0].at, reports=found)
        for (kind, pk), found in grouped.items()
        if pk in posts[kind]
    ]


def hidden_entries() -> list[Entry]:
    """Every hidden post, the most recently hidden first, with why: one query for each kind."""
    entries = []
    for model, kind in KIND_OF.items():
        hidden = posts_of(model).filter(hidden_at__isnull=False)
        hidden = hidden.annotate(because=_latest_step(kind, Action.HIDDEN, "reason"))
        entries += [Entry(kind, p, p.hidden_at, hidden_because=p.because or "") for p in hidden]
    return sorted(entries, key=lambda e: (e.at, e.kind, e.post.pk), reverse=True)
