"""The topology run's other processes: its own Redis, the email worker, and killing a server.

Each is a child of the run, started and stopped only by it, so that nothing else on the
machine is touched when one is stopped in the middle.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from scripts.load.server import ROOT, free_port


class Redis:
    """`redis-server` on a free loopback port with no persistence, as the cache needs none."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/1"
        command = [
            "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no",
        ]  # fmt: skip
        with log.open("ab") as output:
            self.process = subprocess.Popen(  # noqa: S603 - Debian's redis-server
                command, stdout=output, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.ping():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"redis-server did not answer within 20 s; see {log}")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class EmailWorker:
    """`manage.py worker --interval 1`, the one process that sends the queued emails."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.starts = 0
        self.start()

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "worker", "--interval", "1"],
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.starts += 1

    def terminate(self) -> int:
        """SIGTERM, as systemd stops it: it finishes the task in hand, then exits. Returns its code."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.terminate()


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in brackets and may hold spaces: the parent comes after it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def kill_server(process: subprocess.Popen) -> int:
    """SIGKILL gunicorn's master and every worker at once, as when a machine dies.

    Killing only the master would leave its workers serving until they notice; a dead machine
    answers nothing. Returns how many processes were killed.
    """
    pids = [process.pid, *children(process.pid)]
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait()
    return len(pids)
