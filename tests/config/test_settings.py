"""Production settings refuse to start insecurely and pass Django's deployment checks."""

import pytest

from tests.manage_process import STRONG_KEY, run_manage


def test_missing_secret_key_stops_production_start_up_with_a_clear_message():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is missing or too weak" in result.stderr


def test_weak_secret_key_stops_production_start_up():
    result = run_manage("check", SECRET_KEY="django-insecure-" + "x" * 60)
    assert result.returncode != 0
    assert "SECRET_KEY is missing or too weak" in result.stderr


def test_development_needs_no_secret_key():
    result = run_manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_deployment_checks_pass_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="evidence.example.org",
        SITE_URL="https://evidence.example.org",
        SECURE_SSL_REDIRECT="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_variables_left_empty_as_in_env_example_mean_their_defaults():
    result = run_manage(
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


def test_postgresql_keeps_connections_checked_and_fails_fast_without_a_pool_by_default():
    show = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d['OPTIONS'].get('connect_timeout'), "
        "'pool' in d['OPTIONS'])"
    )
    common = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "evidence.example.org"}
    url = "postgres://postgres@127.0.0.1:5432/evidence"
    result = run_manage("shell", "-c", show, DATABASE_URL=url, **common)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["60", "True", "3", "False"]
    pooled = run_manage("shell", "-c", show, DATABASE_URL=url, DATABASE_POOL="true", **common)
    assert pooled.returncode == 0, pooled.stderr
    assert pooled.stdout.split()[-4:] == ["0", "True", "3", "True"]


def test_no_request_can_mount_the_site_under_a_script_prefix(settings):
    assert settings.FORCE_SCRIPT_NAME == ""


@pytest.mark.parametrize(
    "site_url",
    ["", "http://evidence.example.org", "https://evidence.example.org/app", "evidence.example.org"],
    ids=["missing", "plain-http", "with-a-path", "no-scheme"],
)
def test_production_start_up_needs_the_sites_https_address(site_url):
    result = run_manage("check", SECRET_KEY=STRONG_KEY, SITE_URL=site_url)
    assert result.returncode != 0
    assert "SITE_URL must be the service's address" in result.stderr


def test_development_serves_links_on_the_local_address_by_default():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SITE_URL)",
        DEBUG="true", SITE_URL="",
    )  # fmt: skip
    assert result.stdout.splitlines()[-1] == "http://127.0.0.1:8000", result.stderr
