"""Load PINE's demo content from fixtures/pine/ (idempotent): calls, partners and their projects."""

import json
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from pine.demo.applications import load_calls, load_current, load_partners
from pine.demo.priorities import load_priority_links
from pine.demo.projects import load_projects
from pine.models import Criterion, Document, EvaluationReport, Meeting, Priority
from pine.reference_data import ensure_defaults

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "pine"


def load(*, stdout, style, directory: Path = FIXTURES) -> None:
    """Load the priorities' links to the evidence store, the calls, applications and projects.

    Priorities, criteria and stage templates come from pine's migrations; any that are missing
    (on a database whose tables were emptied) are put back first.
    """
    ensure_defaults()
    load_priority_links(directory / "priority_links.json")
    data = json.loads((directory / "applications.json").read_text(encoding="utf-8"))
    now = timezone.now()
    open_call, partners_call = load_calls(data, now=now)
    load_partners(partners_call, data["partners"])
    load_current(open_call, data["current"], year=now.year)
    projects = load_projects(partners_call, directory)
    meetings = Meeting.objects.filter(stage__project__in=projects).count()
    documents = Document.objects.filter(stage__project__in=projects).count()
    reports = EvaluationReport.objects.published().filter(project__in=projects).count()
    stdout.write(
        style.SUCCESS(
            f"PINE: {Priority.objects.count()} priorities, {Criterion.objects.count()} criteria, "
            f"2 calls, {len(data['partners'])} partners and {len(data['current'])} applications; "
            f"{len(projects)} projects with {meetings} meetings, {documents} documents and "
            f"{reports} published evaluation report{'' if reports == 1 else 's'}."
        )
    )
