"""Fixtures shared by the whole suite."""

import pytest
from django.core.management import call_command

from tests.accounts.factories import UserFactory


@pytest.fixture(scope="session", autouse=True)
def _collected_static_files() -> None:
    """Build the hashed static manifest once, as production does, so templates render for real."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _no_cached_page_fragments() -> None:
    """Each test starts with no cached page fragments: tests that write no evidence share the
    migration's content version, and a fragment one cached must not answer for another."""
    from django.core.cache import caches

    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _private_storage_in_a_temporary_directory(settings, tmp_path_factory) -> None:
    """Uploads made by any test go to a fresh directory, never into the checkout's media/."""
    location = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = location
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
