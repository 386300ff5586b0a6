"""App configuration for the Movement: registers its part of each person's account home and
data with accounts, and its practice tests on intervention pages with the evidence store; neither
knows anything of the Movement."""

from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "movement"
    verbose_name = "Movement for Evidence-Based Practice"

    def ready(self) -> None:
        from accounts import account_home, personal_data
        from core import email_audiences
        from evidence_store import practice_links
        from movement import account_home as movement_home
        from movement import emails, practice_home, practice_link
        from movement import personal_data as movement_data

        account_home.register(
            "movement_places", movement_home.places_section, order=movement_home.PLACES_ORDER
        )
        account_home.register(
            "movement_practice", practice_home.practice_section, order=practice_home.PRACTICE_ORDER
        )
        personal_data.register("movement_event_registrations", movement_data.registrations_of)
        personal_data.register_deletion_hook(movement_data.cancel_places_of)
        personal_data.register("movement_practice_network", movement_data.practice_posts_of)
        personal_data.register_deletion_hook(movement_data.forget_practice_profile_of)
        practice_links.register(practice_link.KEY, practice_link.practice_tests_link)
        # Event organisers see the events' emails in the admin, moderators the practice
        # network's, and each sends failed ones again.
        email_audiences.register(
            "Movement event organisers",
            [f"movement/email/{kind}" for kind in (*emails.KINDS, "message")],
        )
        email_audiences.register("Movement moderators", ["movement/email/practice_"])
