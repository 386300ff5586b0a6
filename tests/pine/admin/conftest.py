"""Admin tests sign staff in directly; the two-factor gate is tested in tests/accounts."""

import pytest


@pytest.fixture(autouse=True)
def _no_two_factor_gate(settings) -> None:
    settings.STAFF_MFA_REQUIRED = False
