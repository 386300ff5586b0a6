"""The defaults pine's migrations provide: priorities, selection criteria and stage templates.

Migrations add them once. `ensure_defaults` puts back any that are missing, for the demo loader
on a database whose tables were emptied (as transactional tests do); it never changes rows
that exist, so staff edits are kept.
"""

from importlib import import_module

from pine.models import Criterion, Priority, StageTemplate

_APPLICATIONS = "pine.migrations.0002_reference_data_and_staff_permissions"
_PROJECTS = "pine.migrations.0004_stage_templates_and_project_permissions"


def ensure_defaults() -> None:
    applications, projects = import_module(_APPLICATIONS), import_module(_PROJECTS)
    for order, (slug, name) in enumerate(applications.PRIORITIES, start=1):
        Priority.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    for order, (name, description, weight) in enumerate(applications.CRITERIA, start=1):
        Criterion.objects.get_or_create(
            name=name, defaults={"description": description, "weight": weight, "order": order}
        )
    if not StageTemplate.objects.exists():
        for position, (name, guidance) in enumerate(projects.STAGES, start=1):
            StageTemplate.objects.create(name=name, guidance=guidance, position=position)
