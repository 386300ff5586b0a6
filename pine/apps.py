"""App configuration for PINE: registers its part of each person's data and account home with
accounts, and its layer on the evidence gap map, since neither app knows anything of PINE."""

from django.apps import AppConfig


class PineConfig(AppConfig):
    name = "pine"
    verbose_name = "PINE: Practice In Need of Evidence"

    def ready(self) -> None:
        from accounts import account_home, personal_data
        from core import email_audiences
        from evidence_store import gap_layers
        from pine import account_home as pine_home
        from pine import gap_layer
        from pine import personal_data as pine_data
        from pine.workflow import STAFF_GROUPS, Actor

        account_home.register(
            "pine_applications", pine_home.applications_section, order=pine_home.APPLICATIONS_ORDER
        )
        account_home.register(
            "pine_projects", pine_home.projects_section, order=pine_home.PROJECTS_ORDER
        )

        personal_data.register("pine_applications_started", pine_data.applications_started)
        personal_data.register("pine_application_events", pine_data.events_authored)
        personal_data.register("pine_section_answers_saved", pine_data.sections_saved)
        personal_data.register("pine_documents_uploaded", pine_data.documents_uploaded)
        personal_data.register("pine_project_events", pine_data.project_events_authored)

        gap_layers.register(gap_layer.KEY, gap_layer.priority_layer)
        # Programme managers see PINE's emails in the admin, and send failed ones again.
        email_audiences.register(STAFF_GROUPS[Actor.MANAGER], ["pine/email/"])
