"""The load: public visitors, applicants saving sections, and staff using the admin (Locust users).

It runs in Locust's own process and reads its plan from LOAD_CONFIG (JSON). It writes every
request to LOAD_OUTPUT/requests.jsonl and every section save, with its content and what the
server answered, to LOAD_OUTPUT/saves.jsonl.

The generator stands in for the TLS proxy of a deployment: it sends `X-Forwarded-Proto: https`
and the client's `X-Forwarded-For`, and sends the `Secure` cookies over the loopback hop.
"""

import itertools
import json
import os
import random
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import gevent
from locust import FastHttpUser, between, events, task

# Locust puts this file's folder on the import path.
from visits import (
    ACCOUNT_HOME,
    CONFIRM_EMAIL,
    LONG_ANSWER,
    SEARCHES,
    SECTIONS,
    TOKEN,
    VERSION,
    totp,
)

CONFIG = json.loads(Path(os.environ["LOAD_CONFIG"]).read_text(encoding="utf-8"))
OUTPUT = Path(os.environ["LOAD_OUTPUT"])
REQUESTS = (OUTPUT / "requests.jsonl").open("a", encoding="utf-8")
SAVES = (OUTPUT / "saves.jsonl").open("a", encoding="utf-8")
SIGNUPS = (OUTPUT / "signups.jsonl").open("a", encoding="utf-8")
TIMEOUT = 30
RNG = random.Random()  # noqa: S311 - which page to visit next, not a secret
_clients = itertools.count(1)
_applicants = iter(CONFIG["applicants"])
_staff = iter(CONFIG["staff"])
_sent = 0


@events.request.add_listener
def _record(name, response_time, response, exception, start_time=None, **_kwargs):
    global _sent
    status = getattr(response, "status_code", 0) or 0
    line = {"t": start_time, "ms": response_time, "name": name, "status": status}
    if exception:
        line["error"] = str(exception)[:300]
    REQUESTS.write(json.dumps(line) + "\n")
    _sent += 1
    if _sent == CONFIG["max_requests"] and _runner is not None:
        gevent.spawn(_runner.quit)  # the bound on the number of requests


_runner = None


@events.init.add_listener
def _keep_runner(environment, **_kwargs):
    global _runner
    _runner = environment.runner


@events.quitting.add_listener
def _flush(**_kwargs):
    REQUESTS.flush()
    SAVES.flush()
    SIGNUPS.flush()


class Visitor(FastHttpUser):
    abstract = True
    wait_time = between(*CONFIG["think"])
    network_timeout = connection_timeout = TIMEOUT

    def on_start(self) -> None:
        n = next(_clients)
        self.forwarded = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.{n // 250}.{n % 250}.1",
        }
        # The client's leg to the proxy is HTTPS, so its Secure cookies travel on this one too.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "http")))

    def get(self, path: str, name: str, expect: int = 200):
        """GET without following redirects; anything but `expect` is a failure. Returns the body."""
        with self.client.get(
            path, name=name, headers=self.forwarded, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != expect:
                response.failure(f"HTTP {response.status_code}, expected {expect}")
                return None
            response.success()
            return response.text

    def post(self, path: str, data: dict, name: str, expect_location: str = ""):
        """POST a form as a browser does (with its Origin); success is a 302 to `expect_location`."""
        with self.client.post(
            path,
            data=data,
            name=name,
            headers=self.forwarded
            | {"Origin": CONFIG["origin"], "Referer": CONFIG["origin"] + path},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}, expected a 302")
                return None
            if expect_location and location != expect_location:
                response.failure(f"redirected to {location}, expected {expect_location}")
                return None
            response.success()
            return location

    def sign_in(self, email: str, then: str) -> bool:
        """Sign in through the real sign-in page; success is a redirect to `then`."""
        page = self.get("/accounts/login/", "sign in (GET)")
        if page is None:
            return False
        data = {"csrfmiddlewaretoken": TOKEN.search(page).group(1), "login": email}
        data["password"] = CONFIG["password"]
        return (
            self.post("/accounts/login/", data, "sign in (POST)", expect_location=then) is not None
        )


class PublicVisitor(Visitor):
    """Practitioners and researchers: the list, search, intervention pages, exports, PINE pages."""

    weight = 1

    @task(2)
    def home(self) -> None:
        self.get("/", "home")

    @task(4)
    def evidence_list(self) -> None:
        if RNG.random() < 0.5:
            self.get(f"/evidence/?page={RNG.randint(1, 5)}", "evidence list")
        else:
            query = f"topic={RNG.choice(CONFIG['topics'])}&strength=high&sort=effectiveness"
            self.get(f"/evidence/?{query}", "evidence list, filtered")

    @task(4)
    def search(self) -> None:
        self.get(f"/evidence/?q={RNG.choice(SEARCHES)}", "evidence search")

    @task(6)
    def intervention(self) -> None:
        self.get(f"/evidence/{RNG.choice(CONFIG['interventions'])}/", "intervention page")

    @task(1)
    def compare(self) -> None:
        slugs = RNG.sample(CONFIG["interventions"], RNG.randint(2, 4))
        self.get("/evidence/compare/?" + "&".join(f"i={s}" for s in slugs), "compare")

    @task(1)
    def export(self) -> None:
        # Small exports: one topic, one outcome, one level of each measure.
        query = (
            f"topic={RNG.choice(CONFIG['topics'])}&outcome={RNG.choice(CONFIG['outcomes'])}"
            "&effectiveness=consistently_positive&strength=high"
        )
        name = RNG.choice(["interventions", "outcome-ratings", "studies"])
        self.get(f"/evidence/export/{name}.csv?{query}", f"export {name}.csv, filtered")

    @task(2)
    def pine(self) -> None:
        path = RNG.choice(
            ["/pine/", "/pine/partners/", "/pine/evaluations/"]
            + [f"/pine/calls/{slug}/" for slug in CONFIG["calls"]]
        )
        self.get(path, "PINE public pages")


class Applicant(Visitor):
    """A member of an organisation filling in its draft application, section by section."""

    fixed_count = CONFIG["counts"]["applicant"]

    def on_start(self) -> None:
        super().on_start()
        account = next(_applicants)
        self.reference = account["reference"]
        self.texts = dict.fromkeys(SECTIONS, "")
        self.saves = 0
        self.signed_in = self.sign_in(account["email"], then=ACCOUNT_HOME)

    @task(1)
    def applications(self) -> None:
        if self.signed_in:
            self.get("/pine/applications/", "your applications")

    @task(1)
    def task_list(self) -> None:
        if self.signed_in:
            self.get(f"/pine/applications/{self.reference}/", "application task list")

    @task(4)
    def save_section(self) -> None:
        if not self.signed_in:
            return
        section = RNG.choice(list(SECTIONS))
        field, others = SECTIONS[section]
        path = f"/pine/applications/{self.reference}/{section}/"
        page = self.get(path, "section (GET)")
        if page is None:
            return
        self.saves += 1
        marker = f"{CONFIG['run']} {self.reference} save {self.saves}"
        text = f"{self.texts[section]}{marker}.\n"
        if len(text) > LONG_ANSWER:
            return  # this section's answer is full; the others still take saves
        data = {
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
            "version": VERSION.search(page).group(1),
            "action": "save",
            field: text,
            **others,
        }
        record = {"reference": self.reference, "section": section, "field": field}
        record |= {"marker": marker, "content": text, "sent": time.time()}
        SAVES.write(json.dumps(record | {"outcome": "sent"}) + "\n")
        task_list = f"/pine/applications/{self.reference}/"
        location = self.post(path, data, "section save (POST)", expect_location=task_list)
        # Acknowledged means the server answered 302 to the task list; anything else is unknown.
        outcome = "acknowledged" if location else "unknown"
        SAVES.write(json.dumps(record | {"outcome": outcome, "answered": time.time()}) + "\n")
        if location:
            self.texts[section] = text
            self.get(location, "application task list, after a save")


class Staff(Visitor):
    """A PINE programme manager in the admin, signed in with a password and a security code."""

    fixed_count = CONFIG["counts"]["staff"]

    def on_start(self) -> None:
        super().on_start()
        account = next(_staff)
        self.signed_in = self.sign_in(
            account["email"], then="/accounts/2fa/authenticate/"
        ) and self.two_factor(account["secret"])

    def two_factor(self, secret: str) -> bool:
        page = self.get("/accounts/2fa/authenticate/", "two-factor (GET)")
        if page is None:
            return False
        if time.time() % 30 > 27:  # a code is valid for its 30-second step only
            gevent.sleep(30 - time.time() % 30 + 0.1)
        data = {
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
            "code": totp(secret, time.time()),
        }
        location = self.post(
            "/accounts/2fa/authenticate/", data, "two-factor (POST)", expect_location=ACCOUNT_HOME
        )
        return location is not None

    @task(1)
    def admin_index(self) -> None:
        if self.signed_in:
            self.get("/admin/", "admin index")

    @task(4)
    def application_list(self) -> None:
        if self.signed_in:
            query = RNG.choice(
                ["", "?status__exact=draft", "?status__exact=submitted", "?q=PINE", "?o=-5"]
            )
            self.get(f"/admin/pine/application/{query}", "admin application list")

    @task(2)
    def application_change(self) -> None:
        if self.signed_in and CONFIG["applications"]:
            pk = RNG.choice(CONFIG["applications"])
            self.get(f"/admin/pine/application/{pk}/change/", "admin application page")

    @task(2)
    def project_list(self) -> None:
        if self.signed_in:
            self.get("/admin/pine/project/", "admin project list")


if CONFIG["counts"].get("signup"):

    class NewcomerSigningUp(Visitor):
        """Someone creating an account, which queues the email that confirms their address.

        Only in the topology run, which stops the email worker while these arrive. Each sign-up
        comes from an address of its own, as different people's would (the limit is per address).
        """

        fixed_count = CONFIG["counts"]["signup"]
        _numbers = itertools.count(1)

        @task
        def sign_up(self) -> None:
            n = next(self._numbers)
            self.forwarded["X-Forwarded-For"] = (
                f"172.{16 + n // 62500 % 16}.{n // 250 % 250}.{n % 250 + 1}"
            )
            page = self.get("/accounts/signup/", "sign up (GET)")
            if page is None:
                return
            email = f"newcomer-{n}-{RNG.randrange(10**9)}@{CONFIG['run']}.load.example.org"
            password = f"lantern-orchard-{n}-velvet"
            data = {
                "csrfmiddlewaretoken": TOKEN.search(page).group(1),
                "full_name": f"Newcomer {n}",
            }
            data |= {"email": email, "password1": password, "password2": password}
            location = self.post(
                "/accounts/signup/", data, "sign up (POST)", expect_location=CONFIRM_EMAIL
            )
            SIGNUPS.write(json.dumps({"email": email, "acknowledged": location is not None}) + "\n")
