"""Staff exports of applications and projects, as rows for the shared CSV writer, and the log of
each export."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.models import User
from pine.models import ApplicationGap, Export, Project, SectionAnswer
from pine.sections import CONTACT_FIELDS

HEADER = [
    "reference",
    "organisation",
    "organisation_kind",
    "region",
    "call",
    "status",
    "practice",
    "priorities",
    "evidence_gaps",
    "submitted_at",
    "average_weighted_score",
]
CONTACT_HEADER = [name for names in CONTACT_FIELDS.values() for name in names]


def application_export_rows(
    queryset: QuerySet, *, include_contacts: bool
) -> tuple[list[str], Iterator[list]]:
    """The header and the rows, in a constant number of queries. Contacts only if asked for."""
    gaps = ApplicationGap.objects.select_related("topic", "outcome")
    queryset = queryset.select_related("organisation", "call").prefetch_related(
        "priorities", Prefetch("gaps", queryset=gaps)
    )
    if include_contacts:
        contacts = SectionAnswer.objects.filter(section__in=CONTACT_FIELDS)
        queryset = queryset.prefetch_related(
            Prefetch("answers", queryset=contacts, to_attr="contact_answers")
        )

    def rows() -> Iterator[list]:
        for a in queryset.iterator(chunk_size=500):
            row = [
                a.reference,
                a.organisation.name,
                a.organisation.get_kind_display(),
                a.organisation.get_region_display(),
                a.call.title,
                a.get_status_display(),
                a.title,
                "; ".join(p.name for p in a.priorities.all()),
                "; ".join(str(gap) for gap in a.gaps.all()),
                a.submitted_at,
                round(a.average_score, 2) if a.average_score is not None else None,
            ]
            if include_contacts:
                saved = {s.section: s.answers for s in a.contact_answers}
                row += [
                    saved.get(section, {}).get(name, "")
                    for section, names in CONTACT_FIELDS.items()
                    for name in names
                ]
            yield row

    return HEADER + (CONTACT_HEADER if include_contacts else []), rows()


def export_log(
    *, user: User, kind: str, filters: str, rows: int, include_contacts: bool = False
) -> Export:
    """Record who exported which filtered list, and whether it held contact details."""
    return Export.objects.create(
        kind=kind,
        exported_by=user,
        filters=filters[:1000],
        included_contact_details=include_contacts,
        rows=rows,
    )


PROJECT_HEADER = [
    "slug", "title", "organisation", "region", "status", "current_stage", "days_in_stage",
    "overdue_meetings", "stages_complete", "stages_skipped", "stages_total", "intervention", "started_on",
]  # fmt: skip


def days_in_stage(project: Project, today: date) -> int | None:
    """Whole days since the current stage started; None when no stage is under way."""
    started = project.current_stage_started_at
    return None if started is None else (today - timezone.localdate(started)).days


def project_export_rows(queryset: QuerySet) -> tuple[list[str], Iterator[list]]:
    """The header and the rows of projects annotated by ProjectQuerySet.with_progress(), as the
    admin's list is: one query whatever the number of rows."""
    queryset = queryset.select_related("organisation", "intervention")
    today = timezone.localdate()

    def rows() -> Iterator[list]:
        for p in queryset.iterator(chunk_size=500):
            yield [
                p.slug,
                p.title,
                p.organisation.name,
                p.organisation.get_region_display(),
                p.get_status_display(),
                p.current_stage_name or "",
                days_in_stage(p, today),
                p.overdue_meetings,
                p.stages_complete,
                p.stages_skipped,
                p.stages_total,
                p.intervention.name if p.intervention else "",
                p.started_on,
            ]

    return PROJECT_HEADER, rows()
