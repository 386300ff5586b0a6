"""Run manage.py in a fresh process, so the settings module is read again with a given environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A key that passes the production checks; for tests only.
STRONG_KEY = "k2Jd8s0-Vb1mZq9Xw3Ly7Pt4Rc6Nf5Hg2Ua8Ke1Io0Sd9Fj3Gl7Hz6Xc4Vb5Nm1Qw"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py with the test run's environment, less DEBUG and SECRET_KEY, plus `env`."""
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
