"""haproxy in front of the topology run's app servers: its configuration, process and switches.

The configuration is written into the run's directory, so that each run's is there to read.
Servers are taken out of and put back into the rotation through haproxy's admin socket, as an
operator would, so that the one-server and two-server runs go through the same proxy.
"""

import socket
import subprocess
import time
from pathlib import Path

from scripts.load.server import free_port, health

HAPROXY = "/usr/sbin/haproxy"
# A health check every second: a server is out after 2 failed checks and back after 2 good;
# and out at once when a request's connection to it fails, so that the retries go elsewhere.
CHECK = "check inter 1s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down"


def configuration(
    *, port: int, servers: dict[str, int], host: str, workers: int, socket_path: Path
) -> str:
    """haproxy.cfg for `servers` (name → port on 127.0.0.1), listening on plain HTTP at `port`.

    Each server is given at most `workers` requests at once (its gunicorn sync workers): the
    rest wait in haproxy's queue, for whichever server is free first, rather than in one
    server's listen backlog, where a health check would wait behind them and where a killed
    server would take them down with it.

    The run's load generator stands in for the TLS proxy in front, as it does for gunicorn in
    the one-server run: it sets X-Forwarded-Proto and X-Forwarded-For, and haproxy passes both
    on unchanged (no `option forwardfor`), so the app trusts one proxy (TRUSTED_PROXY_COUNT=1).
    """
    lines = [
        "global",
        f"    stats socket {socket_path} mode 600 level admin",
        "    maxconn 4096",
        "",
        "defaults",
        "    mode http",
        "    log stdout format raw local0",
        "    option httplog",
        "    timeout connect 2s",
        "    timeout client 60s",
        "    timeout server 60s",
        "    timeout http-request 10s",
        "    timeout queue 30s",
        # A busy server answers its check late but answers; only a dead or stuck one is taken out.
        "    timeout check 5s",
        # A connection refused or reset by a dead server is tried on the other one.
        "    retries 3",
        "    option redispatch 1",
        "",
        "frontend web",
        f"    bind 127.0.0.1:{port}",
        "    default_backend app",
        "",
        "backend app",
        "    balance roundrobin",
        "    option httpchk",
        f"    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host {host}",
        "    http-check expect status 200",
        *(
            f"    server {name} 127.0.0.1:{p} maxconn {workers} {CHECK}"
            for name, p in servers.items()
        ),
        "",
    ]
    return "\n".join(lines)


class HAProxy:
    """`haproxy -db -f <run>/haproxy.cfg`, in the foreground as a child of the run."""

    def __init__(self, directory: Path, servers: dict[str, int], host: str, workers: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.socket_path = directory / "haproxy.sock"
        self.config = directory / "haproxy.cfg"
        self.config.write_text(
            configuration(
                port=self.port,
                servers=servers,
                host=host,
                workers=workers,
                socket_path=self.socket_path,
            ),
            encoding="utf-8",
        )
        subprocess.run([HAPROXY, "-c", "-q", "-f", str(self.config)], check=True)  # noqa: S603
        self.log = directory / "haproxy.log"
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(  # noqa: S603 - Debian's haproxy, our config
                [HAPROXY, "-db", "-f", str(self.config)], stdout=output, stderr=subprocess.STDOUT
            )
        self.wait_until_up(list(servers))

    def command(self, text: str) -> str:
        """One command on the admin socket (e.g. `disable server app/b`); returns its answer."""
        with socket.socket(socket.AF_UNIX) as connection:
            connection.connect(str(self.socket_path))
            connection.sendall(text.encode() + b"\n")
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        return answer.decode()

    def _servers(self) -> dict[str, list[str]]:
        """`show stat`'s CSV row of each server of the backend, by name."""
        rows = {}
        for line in self.command("show stat").splitlines():
            fields = line.split(",")
            if len(fields) > 17 and fields[0] == "app" and fields[1] not in {"BACKEND", ""}:
                rows[fields[1]] = fields
        return rows

    def states(self) -> dict[str, str]:
        """Each server's state as haproxy sees it: UP, DOWN, MAINT, or a transition."""
        return {name: fields[17] for name, fields in self._servers().items()}

    def in_progress(self, name: str) -> int:
        """How many requests the server `name` is answering now (`scur`)."""
        return int(self._servers()[name][4] or 0)

    def wait_until_up(self, names: list[str], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"haproxy exited; see {self.log}")
            states = self.states() if self.socket_path.exists() else {}
            up = all(states.get(name, "").startswith("UP") for name in names)
            if up and health(self.url, timeout=2)[0] == 200:
                return
            time.sleep(0.2)
        raise RuntimeError(f"haproxy did not see {', '.join(names)} up within {timeout:g} s")

    def disable(self, name: str) -> None:
        self.command(f"disable server app/{name}")

    def enable(self, name: str) -> None:
        self.command(f"enable server app/{name}")
        self.wait_until_up([name])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
