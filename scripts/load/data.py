"""The run's data beside the demo content: synthetic evidence, and the accounts the load uses.

The demo accounts exist only with DEBUG=true, and the run uses production settings, so it makes
its own: for each run, applicants who each belong to their own organisation with a draft
application in the open call, and PINE programme managers with an authenticator app whose codes
the load generator computes, since staff must pass two-factor authentication to reach the admin.
Import this module only once Django is set up (prepare.start_django).
"""

import random
import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Organisation, User
from accounts.services.organisations import organisation_create
from evidence_store.models import Intervention, Outcome, Topic
from pine.models import Application, Call
from pine.services.applications import application_create
from scripts.load.runs import Plan

# The benchmarks' generator: bulk inserts with a fixed seed, so that runs are comparable.
from tests.benchmarks.synthetic import make_interventions, make_studies


def make_evidence(interventions: int, studies: int) -> None:
    """Synthetic published interventions (six ratings each) and studies beside the demo ones."""
    make_interventions(interventions)
    make_studies(studies)


@transaction.atomic
def make_accounts(plans: list[Plan]) -> dict[str, dict]:
    """Fresh accounts for each run, so that no run signs in as another's or reuses a code."""
    call = Call.objects.open().order_by("closes_at").first()
    if call is None:
        raise RuntimeError("The demo data has no open call to apply to.")
    managers = Group.objects.get(name="PINE programme managers")
    password = secrets.token_urlsafe(18)
    hashed = make_password(password)  # hashed once: Argon2 is slow on purpose
    accounts = {}
    for plan in plans:
        applicants, staff = [], []
        for n in range(plan.applicants):
            user = _user(f"applicant-{n}@{plan.name}.load.example.org", hashed)
            organisation = organisation_create(
                user=user,
                name=f"Load test organisation {plan.name} {n}",
                kind=Organisation.Kind.LOCAL_AUTHORITY,
                region=Organisation.Region.LONDON,
            )
            application = application_create(call=call, organisation=organisation, user=user)
            applicants.append({"email": user.email, "reference": application.reference})
        for n in range(plan.staff):
            user = _user(f"manager-{n}@{plan.name}.load.example.org", hashed, is_staff=True)
            user.groups.add(managers)
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
            staff.append({"email": user.email, "secret": secret})
        accounts[plan.name] = {"password": password, "applicants": applicants, "staff": staff}
    return accounts


def _user(email: str, hashed: str, is_staff: bool = False) -> User:
    """An active account with a confirmed email address, as after sign-up and confirmation."""
    user = User(email=email, full_name=email.split("@")[0].title(), is_staff=is_staff)
    user.password = hashed
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def site_map(sample: int = 400) -> dict[str, list]:
    """What the mix's pages link to: interventions, filters, calls, and applications for staff."""
    slugs = list(Intervention.objects.published().values_list("slug", flat=True))
    demo = [slug for slug in slugs if not slug.startswith("synthetic-")]
    rng = random.Random(7)  # noqa: S311 - a repeatable sample of pages, not a secret
    return {
        "interventions": demo + rng.sample(slugs, min(sample, len(slugs))),
        "topics": list(Topic.objects.values_list("slug", flat=True)),
        "outcomes": list(Outcome.objects.values_list("slug", flat=True)),
        "calls": list(Call.objects.values_list("slug", flat=True)),
        "applications": list(
            Application.objects.exclude(organisation__name__startswith="Load test")
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
    }
