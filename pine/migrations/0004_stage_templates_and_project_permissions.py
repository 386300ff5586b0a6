"""The seven default evaluation stages, and the project permissions of the PINE staff groups.

Staff edit, reorder and add stage templates afterwards; this only provides the defaults.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# (name, guidance in Markdown, written for the practitioners doing the evaluation)
STAGES = [
    (
        "Planning and modelling the intervention",
        "Describe your practice clearly enough that someone else could recognise it: who it is for, "
        "what happens, who delivers it and how often.\n\n"
        "Together we will draw up a **theory of change**. Start from the outcomes you hope for "
        "children and families, then work backwards to the activities that should lead to them, "
        "and the assumptions in between.\n\n"
        "Bring to the meeting anything you already have: a service description, referral "
        "criteria, a logic model. Upload your theory of change here when it is ready.",
    ),
    (
        "Evaluation plan",
        "Agree what you want to learn and how you will find it out. The plan sets out your "
        "questions, the outcomes you will measure, what data you will collect, from whom and "
        "when, and who will do each part.\n\n"
        "Keep it realistic: the best plan is one your team can carry out alongside its everyday "
        "work. Upload the plan for sign-off before you start collecting data.",
    ),
    (
        "Data protection and research ethics",
        "Before you collect anything, check that you can do it lawfully and ethically. You will "
        "need to think about consent, how you will keep data secure, who can see it, and how "
        "long you will keep it.\n\n"
        "Talk to your data protection officer early. Upload your data protection impact "
        "assessment and any ethics forms or approvals here.",
    ),
    (
        "Data collection",
        "Collect the data your plan describes: interviews, focus groups, surveys or administrative "
        "data from your case management system.\n\n"
        "Check in with the research team if numbers are lower than you expected or something is "
        "not working: it is easier to adjust early. Upload your survey questions and topic guides "
        "here (not the raw data with personal details).",
    ),
    (
        "Analysis and summarising findings",
        "Make sense of what you collected. Count and compare what you can, look for themes in what "
        "people told you, and note what surprised you.\n\n"
        "Be honest about what the data can and cannot show. Absence of evidence of an effect is "
        "not evidence that the practice does not work.",
    ),
    (
        "Writing up the report",
        "Write up what you did and what you found, in plain words, for colleagues in other "
        "organisations. Say what you would do differently and what should be studied next.\n\n"
        "Upload drafts here. We will comment on each draft before it is signed off.",
    ),
    (
        "Publication",
        "We publish your evaluation report on this site, so that others can learn from it. We "
        "agree the final wording with you before anything is published.",
    ),
]

MANAGE = ["view", "add", "change", "delete"]
GROUPS = {
    "PINE reviewers": ["view_project", "view_projectstage", "view_stagetemplate", "view_evaluationreport"],
    "PINE programme managers": [
        *[f"{verb}_{model}" for verb in MANAGE for model in ("stagetemplate", "action")],
        # Meetings are moved, not deleted: the partner has been sent them for their calendar.
        "view_meeting", "add_meeting", "change_meeting",
        "view_project", "change_project", "export_project",
        "view_projectstage", "add_projectstage", "change_projectstage", "sign_off_projectstage",
        "view_document", "add_document",
        "view_projectevent", "change_projectevent",
        "view_evaluationreport", "add_evaluationreport", "change_evaluationreport",
        "publish_evaluationreport",
    ],
}  # fmt: skip


def add_defaults(apps, schema_editor):
    StageTemplate = apps.get_model("pine", "StageTemplate")
    for position, (name, guidance) in enumerate(STAGES, start=1):
        StageTemplate.objects.get_or_create(
            name=name, defaults={"guidance": guidance, "position": position}
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


def remove_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = {c for names in GROUPS.values() for c in names}
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="pine", codename__in=codenames)
        )
    apps.get_model("pine", "StageTemplate").objects.filter(
        name__in=[name for name, _ in STAGES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pine", "0003_projects"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
