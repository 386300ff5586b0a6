"""Production settings refuse to start insecurely and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k2Jd8s0-Vb1mZq9Xw3Ly7Pt4Rc6Nf5Hg2Ua8Ke1Io0Sd9Fj3Gl7Hz6Xc4Vb5Nm1Qw"


def _run_django(*args: str, **env: str) -> subprocess.CompletedProcess:
    ignored = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_secret_key_stops_production_start_up_with_a_clear_message():
    result = _run_django("check")
    assert result.returncode != 0
    assert "SECRET_KEY is missing or too weak" in result.stderr


def test_weak_secret_key_stops_production_start_up():
    result = _run_django("check", SECRET_KEY="django-insecure-" + "x" * 60)
    assert result.returncode != 0
    assert "SECRET_KEY is missing or too weak" in result.stderr


def test_development_needs_no_secret_key():
    result = _run_django("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_deployment_checks_pass_with_production_settings():
    result = _run_django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="evidence.example.org",
        SECURE_SSL_REDIRECT="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_variables_left_empty_as_in_env_example_mean_their_defaults():
    result = _run_django(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.SECURE_SSL_REDIRECT, s.MEDIA_ROOT.name, "
        "s.EMAIL_BACKEND)",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="evidence.example.org",
        DATABASE_URL="",
        SECURE_SSL_REDIRECT="",
        MEDIA_ROOT="",
        EMAIL_URL="",
        CACHE_URL="",
    )
    assert result.returncode == 0, result.stderr
    values = result.stdout.strip().splitlines()[-1].split()
    assert values[:3] == ["django.db.backends.sqlite3", "True", "media"]
    assert "smtp" in values[3]
