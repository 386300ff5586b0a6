"""A minimal browser for the topology run's checks: one person's cookies, on any server's port.

The same cookies go to whichever server is asked, which is what a load balancer does to a
browser's requests. Like the load generator, it stands in for the TLS proxy: it sends
`X-Forwarded-Proto: https` and the client's `X-Forwarded-For`, and sends the `Secure`
cookies over the loopback hop. Redirects are not followed, so each answer can be checked.
"""

import http.client
import secrets
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from scripts.load.visits import TOKEN


@dataclass
class Answer:
    status: int
    location: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    def __init__(self, client_ip: str) -> None:
        self.cookies: dict[str, str] = {}
        self.client_ip = client_ip

    def request(
        self, port: int, method: str, path: str, body: bytes = b"", content_type: str = ""
    ) -> Answer:
        origin = f"https://127.0.0.1:{port}"
        headers = {
            "Host": f"127.0.0.1:{port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.client_ip,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers |= {"Origin": origin, "Referer": origin + path, "Content-Type": content_type}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.getheader("Location", ""), response.read())
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
        finally:
            connection.close()
        return answer

    def get(self, port: int, path: str) -> Answer:
        return self.request(port, "GET", path)

    def token(self, port: int, path: str) -> str:
        """The CSRF token of the form on the page at `path`."""
        page = self.get(port, path)
        found = TOKEN.search(page.text)
        if page.status != 200 or not found:
            raise RuntimeError(f"GET {path} on :{port} answered {page.status} with no form")
        return found.group(1)

    def post_form(self, port: int, path: str, data: dict[str, str]) -> Answer:
        body = urlencode(data).encode()
        return self.request(port, "POST", path, body, "application/x-www-form-urlencoded")

    def post_multipart(
        self, port: int, path: str, data: dict[str, str], file: tuple[str, str, bytes]
    ) -> Answer:
        """A form with one file, `file` being (field name, file name, content)."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in data.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        field, filename, content = file
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            port, "POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}"
        )

    def sign_in(self, port: int, email: str, password: str) -> Answer:
        token = self.token(port, "/accounts/login/")
        data = {"csrfmiddlewaretoken": token, "login": email, "password": password}
        return self.post_form(port, "/accounts/login/", data)


def client_address() -> str:
    """A made-up client address, so that each check starts with its own per-address counts."""
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 2}"
