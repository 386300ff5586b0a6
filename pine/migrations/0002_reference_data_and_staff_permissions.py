"""PINE's reference data (priorities and selection criteria) and its permissions for staff groups.

The groups themselves are created by accounts' migration 0003. Staff can edit the priorities and
criteria afterwards; this only provides the defaults.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PRIORITIES = [
    ("workforce", "The children's social care workforce"),
    ("mental-health", "Children and young people's mental health"),
    ("residential-care", "Residential care"),
    ("domestic-abuse", "Domestic abuse"),
    ("risk-and-decision-making", "Risk and decision-making"),
    (
        "safeguarding-under-ones",
        "Safeguarding children under one from non-accidental injury by male carers",
    ),
]
# (name, description, weight)
CRITERIA = [
    ("Promising practice", "The practice looks likely to make a difference to children and families.", 2),
    ("A gap in the evidence", "Little is known yet about whether this kind of practice works.", 1),
    ("Fit with the priorities", "The practice fits one or more of the programme's priorities.", 1),
    ("Readiness", "Where the organisation stands on its evidence journey, and whether now is the right time.", 1),
    ("Capacity and senior commitment", "Staff time, data and analysts are available, and a senior sponsor supports the work.", 2),
    ("Potential to scale", "The practice could be used elsewhere and made ready for research that can show cause and effect.", 1),
]  # fmt: skip

VIEW = [
    "view_call",
    "view_priority",
    "view_criterion",
    "view_application",
    "view_sectionanswer",
    "view_event",
    "view_review",
    "view_reviewscore",
]
GROUPS = {
    "PINE reviewers": VIEW + [
        "add_review", "change_review", "add_reviewscore", "change_reviewscore", "delete_reviewscore",
        "export_application",
    ],
    "PINE programme managers": VIEW + [
        "add_call", "change_call", "add_priority", "change_priority", "delete_priority",
        "add_criterion", "change_criterion", "delete_criterion", "change_event",
        "export_application", "view_applicationexport",
    ],
}  # fmt: skip


def add_defaults(apps, schema_editor):
    Priority = apps.get_model("pine", "Priority")
    Criterion = apps.get_model("pine", "Criterion")
    for order, (slug, name) in enumerate(PRIORITIES, start=1):
        Priority.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    for order, (name, description, weight) in enumerate(CRITERIA, start=1):
        Criterion.objects.get_or_create(
            name=name, defaults={"description": description, "weight": weight, "order": order}
        )
    # Permissions are normally made after migrations; make them now so the groups can have them.
    app_config = apps.get_app_config("pine")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="pine", codename__in=codenames)
        )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pine"))


class Migration(migrations.Migration):
    dependencies = [
        ("pine", "0001_applications"),
        ("accounts", "0003_pine_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_defaults, remove_permissions)]
