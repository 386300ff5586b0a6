"""App configuration for the evidence store."""

from django.apps import AppConfig


class EvidenceStoreConfig(AppConfig):
    name = "evidence_store"
    verbose_name = "Evidence store"

    def ready(self) -> None:
        from evidence_store import content_version

        content_version.connect()
