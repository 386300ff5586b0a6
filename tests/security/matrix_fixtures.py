"""The people and objects the authorisation matrix tries every URL with.

Two organisations, A and B, each with members; a verified person with no organisation; one
person in each staff group and a superuser. Everything the URLs name (a project, a stage, a
document, an application, an invitation...) belongs to organisation A, so that B's member shows
what "someone else's object" gives.
"""

from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import JoinRequest
from core.models import OutboundEmail
from evidence_store.models import Intervention, ResourceFile
from pine.models import Criterion, Export, Priority, ProjectEvent, StageTemplate
from pine.workflow import Status
from tests.accounts.factories import (
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.accounts.journeys import sign_in, sign_in_with_two_factor
from tests.evidence_store.factories import (
    AgeGroupFactory,
    DraftInterventionFactory,
    InterventionFactory,
    OutcomeRatingFactory,
    StudyFactory,
    TopicFactory,
)
from tests.movement.factories import EventDocumentFactory, OfferedFactory, PastEventFactory
from tests.movement.factories import EventFactory as MovementEventFactory
from tests.movement.factories import RegistrationFactory as PlaceFactory
from tests.pine.factories import (
    ApplicationFactory,
    CallFactory,
    DocumentFactory,
    EvaluationReportFactory,
    EventFactory,
    MeetingFactory,
    ProjectFactory,
    ReviewFactory,
    complete_sections,
    pdf_file,
    score_all,
    staff_in,
    stages_of,
)
from tests.security.matrix_fixtures_practice import practice

# The columns of the matrix, in order, with the person each stands for.
ROLES = ["anon", "noorg", "memA", "memB", "admA", "edit", "rev", "mgr", "super"]
STAFF_GROUPS = {
    "edit": "Evidence editors",
    "rev": "PINE reviewers",
    "mgr": "PINE programme managers",
}
INVITATION_TOKEN = "matrix-invitation-token-abcdefghijklmnopqrstuvwxyz012345"
# Words that appear only in one private or unpublished thing, so that a page showing one is caught.
PRIVATE = {
    "org_name": "Organisation A Borealis",
    "draft_name": "Draft intervention Zephyr",
    "application_title": "Application of A Kestrel",
    "staff_note": "Staff note Obsidian",
    "other_reviewer": "Reviewer Lantern",
    "other_review_comment": "Comment of another reviewer Lantern",
    "project_title": "Project of A Tamarind",
    "meeting_place": "Meeting room Juniper",
    "document_title": "Document Saffron",
    "unpublished_title": "Unpublished evaluation Quill",
    "member_name": "Member of A Wren",
    "asker_name": "Asker Marigold",
    "draft_event_title": "Draft event Halcyon",
    "access_needs": "Access needs Periwinkle",
    "email_body": "Email body Tangerine",
}


@dataclass
class World:
    """The matrix's data: `values` fills the paths' {placeholders}; `sessions` signs people in."""

    values: dict[str, object]
    sessions: dict[str, str]  # role -> session key; no entry for "anon"
    # One client for every request: each new one loads the middleware again, and WhiteNoise's
    # then reads the whole static directory.
    _client: Client = field(default_factory=lambda: Client(raise_request_exception=True))

    def client(self, role: str) -> Client:
        """The client with no cookies but the role's session (none for "anon")."""
        self._client.cookies = SimpleCookie()
        if role in self.sessions:
            self._client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return self._client

    def sign_in(self, user) -> str:
        """Sign in through the sign-in pages, with the security code for staff; the session key."""
        client = self.client("anon")
        if user.is_staff:
            sign_in_with_two_factor(client, user)
        else:
            assert sign_in(client, user.email).status_code == 302
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    def sign_in_without_two_factor(self, user) -> str:
        """A staff session that has not used a second factor: they signed in before becoming
        staff, or before setting up their app. The session key."""
        client = self.client("anon")
        client.force_login(user)
        return client.cookies[settings.SESSION_COOKIE_NAME].value


def build_world() -> World:
    org_a = OrganisationFactory(slug="organisation-a", name=PRIVATE["org_name"])
    users = {
        "anon": None,
        "noorg": UserFactory(),
        "memA": MembershipFactory(organisation=org_a, user__full_name=PRIVATE["member_name"]).user,
        "memB": MembershipFactory(organisation=OrganisationFactory()).user,
        "admA": AdminMembershipFactory(organisation=org_a).user,
        **{role: staff_in(group) for role, group in STAFF_GROUPS.items()},
        "super": UserFactory(is_staff=True, is_superuser=True),
    }
    world = World(values={}, sessions={})
    world.sessions = {role: world.sign_in(user) for role, user in users.items() if user}
    world.values = {
        **PRIVATE,
        **_evidence(),
        **_organisation(org_a, users),
        **_applications(org_a, users),
        **_projects(org_a),
        **_movement(users),
        **practice(users),
        "usersession_id": UserSession.objects.get(session_key=world.sessions["memA"]).pk,
        "outbound_email_id": OutboundEmail.objects.create(
            template="pine/email/applicant",
            to=users["memA"].email,
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject="Your application has been submitted",
            body=PRIVATE["email_body"],
        ).pk,
        # The admin's search boxes: which field of which model is being filled in.
        "topic_search": "app_label=evidence_store&model_name=intervention&field_name=topics",
        "stage_search": "app_label=pine&model_name=meeting&field_name=stage",
    }
    return world


def _evidence() -> dict:
    topic, age = TopicFactory(), AgeGroupFactory()
    intervention = InterventionFactory(topics=[topic], age_groups=[age])
    rating = OutcomeRatingFactory(intervention=intervention)
    study = StudyFactory(interventions=[intervention])
    draft = DraftInterventionFactory(name=PRIVATE["draft_name"])
    resource = ResourceFile.objects.create(
        intervention=intervention,
        title="Practice guide",
        file=SimpleUploadedFile("guide.pdf", b"%PDF-1.7\n%%EOF\n"),
        original_name="guide.pdf",
        content_type="application/pdf",
        size=15,
    )
    return {
        "intervention": intervention.slug,
        "intervention_id": intervention.pk,
        "intervention_type_id": ContentType.objects.get_for_model(Intervention).pk,
        "history_id": intervention.history.latest().history_id,
        "draft": draft.slug,
        "draft_id": draft.pk,
        "resource_id": resource.pk,
        "topic_id": topic.pk,
        "outcome_id": rating.outcome.pk,
        "age_id": age.pk,
        "rating_id": rating.pk,
        "rating_history_id": rating.history.latest().history_id,
        "study_id": study.pk,
        "study_history_id": study.history.latest().history_id,
        "today": timezone.localdate().isoformat(),
    }


def _organisation(org_a, users: dict) -> dict:
    pending = InvitationFactory(organisation=org_a, invited_by=users["admA"])
    to_noorg = InvitationFactory(
        organisation=org_a,
        invited_by=users["admA"],
        email=users["noorg"].email,
        token=INVITATION_TOKEN,
    )
    # Someone outside the matrix's people has asked to join A: only A's admins decide.
    join_request = JoinRequest.objects.create(
        organisation=org_a, user=UserFactory(full_name=PRIVATE["asker_name"])
    )
    return {
        "org": org_a.slug,
        "org_id": org_a.pk,
        "invitation_id": pending.pk,
        "membership_id": users["memA"].memberships.get().pk,
        "membership_b_id": users["memB"].memberships.get().pk,
        "token": INVITATION_TOKEN,
        "invitation_received_id": to_noorg.pk,
        "join_request_id": join_request.pk,
        "user_id": users["memA"].pk,
        "email_id": EmailAddress.objects.get(user=users["memA"]).pk,
        "group_id": Group.objects.get(name=STAFF_GROUPS["edit"]).pk,
        "authenticator_id": Authenticator.objects.get(user=users["edit"]).pk,
    }


def _applications(org_a, users: dict) -> dict:
    call = CallFactory()
    draft = ApplicationFactory(organisation=org_a, call=call, title=PRIVATE["application_title"])
    complete_sections(draft)
    submitted = ApplicationFactory(organisation=org_a, call=call, status=Status.SUBMITTED)
    screening = ApplicationFactory(organisation=org_a, call=call, status=Status.SCREENING)
    # A note staff made when they started screening: it is not for the applicant.
    EventFactory(
        application=submitted,
        transition="start_screening",
        from_status=Status.SUBMITTED,
        to_status=Status.SCREENING,
        message=PRIVATE["staff_note"],
    )
    # Reviewers score independently: the reviewer has not scored yet, another has (all 3s).
    own_review = ReviewFactory(application=submitted, reviewer=users["rev"])
    other_review = ReviewFactory(
        application=submitted,
        reviewer=staff_in("PINE reviewers", full_name=PRIVATE["other_reviewer"]),
        comment=PRIVATE["other_review_comment"],
    )
    score_all(other_review, 3)
    export = Export.objects.create(exported_by=users["mgr"], rows=1)
    return {
        "call": call.slug,
        "call_id": call.pk,
        "priority_id": Priority.objects.first().pk,
        "criterion_id": Criterion.objects.first().pk,
        "application": draft.reference,
        "submitted": submitted.reference,
        "other_reviews_average": "3.00",
        "application_id": submitted.pk,
        "screening_id": screening.pk,
        "event_id": EventFactory(application=submitted).pk,
        "review_id": own_review.pk,
        "other_review_id": other_review.pk,
        "export_id": export.pk,
    }


def _projects(org_a) -> dict:
    project = ProjectFactory(
        application=ApplicationFactory(organisation=org_a, status=Status.ACCEPTED),
        title=PRIVATE["project_title"],
    )
    first, second, *_ = stages_of(project)
    meeting = MeetingFactory(stage=first, location=PRIVATE["meeting_place"])
    document = DocumentFactory(stage=first, title=PRIVATE["document_title"])
    published = EvaluationReportFactory(pdf=pdf_file())
    published.published_on = timezone.localdate()
    published.save(update_fields=["published_on"])
    unpublished = EvaluationReportFactory(pdf=pdf_file(), title=PRIVATE["unpublished_title"])
    return {
        "project": project.slug,
        "project_id": project.pk,
        "stage_id": first.pk,
        "stage_version": first.version,
        "second_stage_id": second.pk,
        "second_stage_version": second.version,
        "unpublished_version": unpublished.version,
        "project_version": project.version,
        "meeting_id": meeting.pk,
        "document_id": document.pk,
        "template_id": StageTemplate.objects.first().pk,
        "report": published.slug,
        "report_id": published.pk,
        "unpublished": unpublished.slug,
        "unpublished_id": unpublished.pk,
        "project_event_id": ProjectEvent.objects.filter(project=project).first().pk,
    }


def _movement(users: dict) -> dict:
    """An upcoming event where memA holds a place (with access needs only event staff may see), a
    full one where memA has been offered a place, a past one and an unpublished one.

    Its keys start with "movement_" where PINE's already use the plain word (`event_id` is an
    application's event)."""
    event = MovementEventFactory()
    document = EventDocumentFactory(event=event)
    place = PlaceFactory(event=event, user=users["memA"], access_needs=PRIVATE["access_needs"])
    full = MovementEventFactory(capacity=1)
    offer = OfferedFactory(event=full, user=users["memA"])
    past = PastEventFactory()
    draft = MovementEventFactory(is_published=False, title=PRIVATE["draft_event_title"])
    return {
        "event": event.slug,
        "movement_event_id": event.pk,
        "full_event": full.slug,
        "past_event": past.slug,
        "draft_event": draft.slug,
        "draft_event_id": draft.pk,
        "event_document_id": document.pk,
        "registration_id": place.pk,
        "place_token": place.token,
        "offer_token": offer.token,
        "offer_id": offer.pk,
    }
