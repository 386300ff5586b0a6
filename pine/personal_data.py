"""What PINE holds about one person, for the download of their data.

Applications and projects belong to organisations, so deleting an account keeps them: the links to the person
are set to null by the database (on_delete=SET_NULL), and the answers stay with the organisation.
"""

from pine.models import Application, Document, Event, ProjectEvent, SectionAnswer


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def applications_started(user) -> list[dict]:
    return [
        {
            "reference": a.reference,
            "organisation": a.organisation.name,
            "started": _iso(a.created_at),
        }
        for a in Application.objects.filter(created_by=user).select_related("organisation")
    ]


def events_authored(user) -> list[dict]:
    return [
        {
            "application": e.application.reference,
            "when": _iso(e.created_at),
            "what": e.applicant_label,
            "message": e.message,
        }
        for e in Event.objects.filter(actor=user).select_related("application")
    ]


def sections_saved(user) -> list[dict]:
    return [
        {"application": s.application.reference, "section": s.section, "saved": _iso(s.updated_at)}
        for s in SectionAnswer.objects.filter(updated_by=user).select_related("application")
    ]


def documents_uploaded(user) -> list[dict]:
    return [
        {
            "project": d.stage.project.title,
            "stage": d.stage.name,
            "title": d.title,
            "file_name": d.original_name,
            "uploaded": _iso(d.uploaded_at),
        }
        for d in Document.objects.filter(uploaded_by=user).select_related("stage__project")
    ]


def project_events_authored(user) -> list[dict]:
    return [
        {
            "project": e.project.title,
            "stage": e.stage.name if e.stage else None,
            "when": _iso(e.created_at),
            "what": e.get_kind_display(),
            "message": e.message,
        }
        for e in ProjectEvent.objects.filter(actor=user).select_related("project", "stage")
    ]
