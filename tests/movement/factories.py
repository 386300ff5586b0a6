"""Factories for the Movement: events, their documents, registrations in each status; and the
practice network's members and tests."""

from datetime import timedelta
from importlib import import_module

import factory
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from movement.models import Event, EventDocument, Member, Post, PracticeTest, Registration
from tests.accounts.factories import UserFactory
from tests.pine.factories import staff_in

# The smallest real PDF: what core.uploads accepts as a flyer.
FLYER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Using evidence in practice {n}")
    slug = factory.Sequence(lambda n: f"using-evidence-{n}")
    summary = "A day for social workers who use evidence in their practice."
    description = "Practitioners share how they **test** ideas in their own practice."
    agenda = "- 10.00am: Welcome\n- 11.00am: Workshops\n- 4.00pm: Close"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    venue_name = "Birmingham Council House"
    venue_address = "Victoria Square\nBirmingham\nB1 1BB"
    access_information = "Step-free access by the Victoria Square entrance."
    capacity = 100
    is_published = True


class PastEventFactory(EventFactory):
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=40))


class EventDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventDocument

    event = factory.SubFactory(EventFactory)
    title = "Flyer"
    file = factory.LazyFunction(lambda: ContentFile(FLYER_PDF, name="flyer.pdf"))
    original_name = "flyer.pdf"
    content_type = "application/pdf"
    size = len(FLYER_PDF)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place, made directly: use movement.services to test how places are given."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    name = factory.LazyAttribute(lambda o: o.user.full_name or "Sam Practitioner")
    role = "Social worker"
    organisation_name = "Anytown Council"
    confirmed_at = factory.LazyFunction(timezone.now)


class WaitingFactory(RegistrationFactory):
    status = Registration.Status.WAITING
    confirmed_at = None
    waiting_since = factory.LazyFunction(timezone.now)


class OfferedFactory(WaitingFactory):
    status = Registration.Status.OFFERED
    offered_at = factory.LazyFunction(timezone.now)
    offer_expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=48))


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Practitioner {n}")
    role = "Social worker"


class PracticeTestFactory(factory.django.DjangoModelFactory):
    """A published practice test by a member; `state=Post.State.DRAFT` for a draft."""

    class Meta:
        model = PracticeTest

    author = factory.LazyFunction(lambda: MemberFactory().user)
    state = Post.State.APPROVED
    published_at = factory.LazyFunction(timezone.now)
    title = factory.Sequence(lambda n: f"Asking children first, trial {n}")
    what_we_will_try = "Asking the child what they want from the first visit, before the parents."
    expected_change = "Children say more about what matters to them."
    why = "Research on direct work suggests children open up when asked first."
    how_we_will_tell = "I will count how many children raise a worry of their own."
    duration = "month"


GROUP_MIGRATIONS = {
    "Movement event organisers": "movement.migrations.0002_event_organisers_group",
    "Movement moderators": "movement.migrations.0004_moderators_group",
}


def movement_staff(group: str, **kwargs):
    """A staff member in one of the Movement's groups, with the group's permissions put back
    first: a transactional test (the browser tests) empties what the migrations made."""
    source = import_module(GROUP_MIGRATIONS[group])
    permissions = Permission.objects.filter(
        content_type__app_label="movement", codename__in=source.CODENAMES
    )
    Group.objects.get_or_create(name=group)[0].permissions.add(*permissions)
    return staff_in(group, **kwargs)
