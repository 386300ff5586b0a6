"""A PostgreSQL cluster of the load run's own, so that stopping it in the middle harms nobody else.

It lives in a directory of its own (created with initdb when missing), listens only on loopback
TCP, and is started, stopped and restarted only by this script. Run as root, its programs run as
the `postgres` user, since PostgreSQL refuses to run as root.
"""

import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

import psycopg


def _bindir(chosen: str) -> Path:
    """The directory of PostgreSQL's server programs: the one asked for, else the newest installed."""
    if chosen:
        return Path(chosen)
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
    )
    if installed:
        return installed[-1].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise SystemExit(
        "PostgreSQL's server programs (initdb, pg_ctl) were not found. Install PostgreSQL 15 or "
        "later, or say where they are with --pg-bin."
    )


class Cluster:
    """One PostgreSQL server in `directory`, listening on 127.0.0.1:`port` with trust auth."""

    def __init__(self, directory: Path, port: int, bindir: str = "") -> None:
        self.bindir = _bindir(bindir)
        self.home = directory / "postgres"
        self.data = self.home / "data"
        self.log = self.home / "server.log"
        self.port = port
        self.as_postgres = os.geteuid() == 0

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)  # noqa: S603

    def ensure(self) -> None:
        """Create the cluster if it does not exist yet; stop it if a previous run left it up."""
        self.home.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.home, account.pw_uid, account.pw_gid)
        self.home.chmod(0o700)
        if not (self.data / "PG_VERSION").exists():
            self._run(
                "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--no-locale",
            )  # fmt: skip
            with (self.data / "postgresql.conf").open("a") as conf:
                conf.write(
                    "\n# Added by scripts/load: loopback TCP only, no Unix socket.\n"
                    "listen_addresses = '127.0.0.1'\n"
                    "unix_socket_directories = ''\n"
                )
        if self.running():
            self.stop("fast")

    def running(self) -> bool:
        return self._run("pg_ctl", "status", "-D", str(self.data), check=False).returncode == 0

    def start(self) -> float:
        """Start the server and return the moment (time.time()) it first accepted a connection."""
        self._run(
            "pg_ctl", "start", "-W", "-D", str(self.data), "-l", str(self.log),
            "-o", f"-p {self.port}",
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with psycopg.connect(self.url("postgres"), connect_timeout=2):
                    return time.time()
            except psycopg.OperationalError:
                time.sleep(0.05)
        raise RuntimeError(f"PostgreSQL did not start within a minute; see {self.log}")

    def stop(self, mode: str) -> None:
        """Stop the server: `fast` shuts down cleanly, `immediate` is like a crash (WAL replay on start)."""
        self._run("pg_ctl", "stop", "-w", "-t", "60", "-m", mode, "-D", str(self.data))

    def checkpoint(self) -> None:
        """Write out everything so far, as the server does every few minutes in production.

        Without it, a crash-like stop after loading the run's data would replay all of that
        data's WAL on start, and the outage would measure that rather than a restart.
        """
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute("CHECKPOINT")

    def recreate_database(self, name: str) -> str:
        """Drop and create `name`, so that every run starts from the same state; return its URL."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
