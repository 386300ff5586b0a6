"""App configuration for the Movement: registers its part of each person's account home and
data with accounts, which knows nothing of the Movement."""

from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "movement"
    verbose_name = "Movement for Evidence-Based Practice"

    def ready(self) -> None:
        from accounts import account_home, personal_data
        from movement import account_home as movement_home
        from movement import personal_data as movement_data

        account_home.register(
            "movement_places", movement_home.places_section, order=movement_home.PLACES_ORDER
        )
        personal_data.register("movement_event_registrations", movement_data.registrations_of)
        personal_data.register_deletion_hook(movement_data.cancel_places_of)
