"""Demo organisations (the 2019 PINE partners) and, only when DEBUG is true, demo accounts."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import Membership, Organisation, User

PASSWORD = "demo-password-123"  # noqa: S105 - published in the docs; accounts exist only in DEBUG
K, R = Organisation.Kind, Organisation.Region
# (slug, name, kind, region): the organisations of the partnerships announced in July 2019.
ORGANISATIONS = [
    ("barking-and-dagenham", "Barking and Dagenham", K.LOCAL_AUTHORITY, R.LONDON),
    (
        "centre-of-expertise-on-child-sexual-abuse",
        "Centre of Expertise on Child Sexual Abuse",
        K.VOLUNTARY_SECTOR,
        R.NATIONAL,
    ),
    (
        "greater-manchester-combined-authority",
        "Greater Manchester Combined Authority",
        K.LOCAL_AUTHORITY,
        R.NORTH_WEST,
    ),
    (
        "bath-and-north-east-somerset",
        "Bath and North East Somerset",
        K.LOCAL_AUTHORITY,
        R.SOUTH_WEST,
    ),
    (
        "brighton-and-hove-city-council",
        "Brighton and Hove City Council",
        K.LOCAL_AUTHORITY,
        R.SOUTH_EAST,
    ),
    ("south-tyneside-council", "South Tyneside Council", K.LOCAL_AUTHORITY, R.NORTH_EAST),
    (
        "parents-and-children-together",
        "Parents and Children Together (PACT)",
        K.VOLUNTARY_SECTOR,
        R.SOUTH_EAST,
    ),
    ("warrington", "Warrington", K.LOCAL_AUTHORITY, R.NORTH_WEST),
    ("royal-borough-of-greenwich", "Royal Borough of Greenwich", K.LOCAL_AUTHORITY, R.LONDON),
]
# (email, full name, job title, role, staff group, organisation slug)
ACCOUNTS = [
    ("editor@example.org", "Evie Editor", "Evidence editor", "", "Evidence editors", None),
    ("reviewer@example.org", "Ravi Reviewer", "PINE reviewer", "", "PINE reviewers", None),
    ("manager@example.org", "Mina Manager", "PINE programme manager", "", "PINE programme managers", None),
    (
        "applicant@barking-dagenham.example.org",
        "Abi Applicant",
        "Head of adolescent services",
        User.Role.SENIOR_LEADER,
        None,
        "barking-and-dagenham",
    ),
    (
        "applicant@warrington.example.org",
        "Wes Applicant",
        "Principal social worker",
        User.Role.PRINCIPAL_SOCIAL_WORKER,
        None,
        "warrington",
    ),
]  # fmt: skip


def load(*, stdout, style) -> None:
    for slug, name, kind, region in ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "region": region, "verified": True}
        )
    stdout.write(style.SUCCESS(f"Accounts: {len(ORGANISATIONS)} organisations."))
    if not settings.DEBUG:
        stdout.write("Accounts: demo accounts are only created when DEBUG=true; none created.")
        return
    for email, full_name, job_title, role, group, organisation in ACCOUNTS:
        _load_account(email, full_name, job_title, role, group, organisation)
    stdout.write(style.SUCCESS(f"Accounts: {len(ACCOUNTS)} demo accounts, password {PASSWORD}."))


def _load_account(email, full_name, job_title, role, group, organisation_slug) -> None:
    user, created = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "job_title": job_title,
            "role": role,
            "is_staff": bool(group),
            "is_active": True,
        },
    )
    if created or not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if organisation_slug:
        Membership.objects.update_or_create(
            user=user,
            organisation=Organisation.objects.get(slug=organisation_slug),
            defaults={"role": Membership.Role.ADMIN},
        )
