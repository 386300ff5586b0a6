"""The people and objects the header tests build the routes' addresses from."""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import JoinRequest
from core.emails import Email, queue
from evidence_store.models import ResourceFile
from movement.models import AttendeeExport, EventMessage
from pine.services.exports import export_log
from pine.workflow import Status
from tests.accounts.factories import (
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)
from tests.evidence_store.factories import (
    AgeGroupFactory,
    InterventionFactory,
    OutcomeRatingFactory,
    StudyFactory,
    TopicFactory,
)
from tests.movement.factories import EventDocumentFactory, OfferedFactory, RegistrationFactory
from tests.movement.factories import EventFactory as MovementEventFactory
from tests.pine.factories import (
    PDF_BYTES,
    ApplicationFactory,
    CallFactory,
    DocumentFactory,
    EvaluationReportFactory,
    EventFactory,
    MeetingFactory,
    ProjectFactory,
    ReviewFactory,
    pdf_file,
    restore_reference_data,
    stages_of,
)
from tests.security.header_routes_practice import practice_world
from tests.security.header_visits import (
    APPLICANT,
    INVITATION_TOKEN,
    PASSWORDLESS,
    STAFF,
    TWO_FACTOR,
    World,
)


def _build_world() -> World:
    restore_reference_data()
    call = CallFactory()
    membership = AdminMembershipFactory()
    organisation = membership.organisation
    applicant = membership.user
    colleague = MembershipFactory(organisation=organisation)
    two_factor = UserFactory(totp=True)
    RecoveryCodes.activate(two_factor)
    passwordless = UserFactory()
    passwordless.set_unusable_password()
    passwordless.save(update_fields=["password"])
    staff = UserFactory(is_staff=True, is_superuser=True, totp=False)
    people = {
        APPLICANT: applicant,
        TWO_FACTOR: two_factor,
        PASSWORDLESS: passwordless,
        STAFF: staff,
    }

    intervention = InterventionFactory(topics=[TopicFactory()], age_groups=[AgeGroupFactory()])
    rating = OutcomeRatingFactory(intervention=intervention)
    resource = ResourceFile.objects.create(
        intervention=intervention,
        title="Practice guide",
        file=SimpleUploadedFile("guide.pdf", PDF_BYTES),
        original_name="guide.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )

    application = ApplicationFactory(organisation=organisation, call=call)
    JoinRequest.objects.create(organisation=organisation, user=two_factor)
    EventFactory(application=application)
    ReviewFactory(application=ApplicationFactory(call=call, status=Status.SUBMITTED))
    project = ProjectFactory(
        application=ApplicationFactory(organisation=organisation, call=call, status=Status.ACCEPTED)
    )
    stage = stages_of(project)[0]
    MeetingFactory(stage=stage)
    document = DocumentFactory(stage=stage, uploaded_by=applicant)
    report = EvaluationReportFactory(pdf=pdf_file(), published_on=timezone.localdate())
    draft_report = EvaluationReportFactory()
    export_log(user=staff, kind="applications", filters="", rows=0)

    # The Movement: the applicant holds a place at one event and is offered one at a full one.
    movement_event = MovementEventFactory()
    place = RegistrationFactory(event=movement_event, user=applicant)
    offer = OfferedFactory(event=MovementEventFactory(capacity=1), user=applicant)
    # What staff did at it, for the admin's pages of each model.
    EventMessage.objects.create(
        event=movement_event, subject="Joining details", body="Doors open at 9.30am.", sent_by=staff
    )
    AttendeeExport.objects.create(event=movement_event, exported_by=staff, rows=1)
    # An email the service sent, for the admin's outbox pages.
    queue([Email("accounts/email/invitation", applicant.email, {"link": "https://x/"})], about={})

    unconfirmed = EmailAddress.objects.create(
        user=UserFactory(verified_email=False), email="new@example.org", verified=False
    )
    uidb36 = user_pk_to_url_str(applicant)
    token = default_token_generator.make_token(applicant)
    return World(
        people=people,
        call=call,
        organisation=organisation,
        colleague=colleague,
        invitation=InvitationFactory(
            organisation=organisation, invited_by=applicant, token=INVITATION_TOKEN
        ),
        intervention=intervention,
        other_intervention=InterventionFactory(),
        rating=rating,
        study=StudyFactory(interventions=[intervention]),
        resource=resource,
        application=application,
        project=project,
        stage=stage,
        document=document,
        report=report,
        draft_report=draft_report,
        movement_event=movement_event,
        event_document=EventDocumentFactory(event=movement_event),
        place=place,
        offer=offer,
        confirmation_key=EmailConfirmationHMAC(unconfirmed).key,
        reset_path=f"/accounts/password/reset/key/{uidb36}-{token}/",
        **practice_world(applicant),
    )
