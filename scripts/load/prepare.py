"""Preparing the run's database as a release does, and using the app's models in this process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def install_schema_and_demo(env: dict[str, str]) -> None:
    """What a release does, then the demo content (interventions, calls, partners, projects)."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_data")


def start_django(env: dict[str, str]) -> None:
    """Use the app's models in this process, on the run's database, without a connection pool."""
    os.environ.update(env)
    os.environ["DATABASE_POOL"] = "false"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def release_connections() -> None:
    """Close this process's connections before the database is restarted under it."""
    from django.db import connections

    connections.close_all()
