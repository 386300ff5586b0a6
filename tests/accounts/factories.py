"""Factories for users, organisations, memberships and invitations."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.utils import timezone

from accounts.models import Invitation, Membership, Organisation, User
from accounts.models.invitations import INVITATION_LIFETIME, hash_token

PASSWORD = "correct-horse-battery-staple-42"
PRODUCTION_HASHERS = list(settings.PASSWORD_HASHERS)


class UserFactory(factory.django.DjangoModelFactory):
    """A person who can sign in: their email address is verified.

    Staff get an authenticator app, as production requires to reach the admin; pass
    `totp=False` for staff who have not set one up.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(self, create: bool, extracted, **kwargs) -> None:
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def totp(self, create: bool, extracted, **kwargs) -> None:
        if create and (extracted or (extracted is None and self.is_staff)):
            TOTP.activate(self, generate_totp_secret())


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Borough Council {n}")
    slug = factory.Sequence(lambda n: f"borough-council-{n}")
    kind = Organisation.Kind.LOCAL_AUTHORITY
    region = Organisation.Region.NORTH_WEST


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class AdminMembershipFactory(MembershipFactory):
    role = Membership.Role.ADMIN


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation. Pass `token=` to know the link's token, as the email would carry it."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"test-token-{n:04d}-abcdefghijklmnopqrstuvwxyz")

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    invited_by = None
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + INVITATION_LIFETIME)
