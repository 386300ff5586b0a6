"""App configuration for the evidence store."""

from django.apps import AppConfig


class EvidenceStoreConfig(AppConfig):
    name = "evidence_store"
    verbose_name = "Evidence store"
