"""App configuration for PINE: registers its part of each person's data with accounts."""

from django.apps import AppConfig


class PineConfig(AppConfig):
    name = "pine"
    verbose_name = "PINE: Practice In Need of Evidence"

    def ready(self) -> None:
        from accounts import personal_data
        from pine import personal_data as pine_data

        personal_data.register("pine_applications_started", pine_data.applications_started)
        personal_data.register("pine_application_events", pine_data.events_authored)
        personal_data.register("pine_section_answers_saved", pine_data.sections_saved)
        personal_data.register("pine_documents_uploaded", pine_data.documents_uploaded)
        personal_data.register("pine_project_events", pine_data.project_events_authored)
