"""Admin tests sign staff in directly; the two-factor gate is tested in tests/accounts. Uploads go
to private storage, which tests/conftest.py makes fresh for each test."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_two_factor_gate(settings) -> None:
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def private_storage(settings) -> Path:
    """Where uploads go: tests/conftest.py points storage at a fresh directory for each test."""
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])
