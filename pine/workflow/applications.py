"""The application workflow as plain data: states, transitions, who may act and what people see.

Every change of state goes through pine.services.transitions.application_transition, which does
what each transition's entry says: nothing about a transition is inferred from its name.
"""

from dataclasses import dataclass

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SCREENING = "screening", "Screening"
    MORE_INFORMATION = "more_information", "More information requested"
    CONSULTATION = "consultation", "Consultation"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Actor(models.TextChoices):
    APPLICANT = "applicant", "a member of the applying organisation"
    REVIEWER = "reviewer", "PINE reviewers"
    MANAGER = "manager", "PINE programme managers"


# The staff group each staff actor stands for (created by accounts' migration 0003).
STAFF_GROUPS = {Actor.REVIEWER: "PINE reviewers", Actor.MANAGER: "PINE programme managers"}

# What the applicant sees as the status of their application.
APPLICANT_STATUS = {
    Status.DRAFT: "Not submitted yet",
    Status.SUBMITTED: "Submitted",
    Status.SCREENING: "Being checked",
    Status.MORE_INFORMATION: "We need more information from you",
    Status.CONSULTATION: "Being considered",
    Status.ACCEPTED: "Accepted",
    Status.DECLINED: "Not accepted",
    Status.WITHDRAWN: "Withdrawn",
}
# Applicants can change their answers in these states.
EDITABLE = (Status.DRAFT, Status.MORE_INFORMATION)
BEFORE_DECISION = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SCREENING,
    Status.MORE_INFORMATION,
    Status.CONSULTATION,
)


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    actors: tuple[str, ...]
    staff_label: str  # the button staff press
    applicant_label: str  # the line in the applicant's timeline
    message_required: bool = False  # a reason, sent to the applicant
    email_applicant: bool = False
    email_staff: bool = False
    visible_to_applicant: bool = True
    needs_complete_sections: bool = False  # every section of the application completed
    needs_open_call: bool = False
    stamps: str = ""  # the application's date field set to now: submitted_at or decided_at
    creates_project: bool = False  # in the same transaction: both or neither
    applicant_page: str = ""  # the applicant's page that offers it: "submit" or "withdraw"


S, A = Status, Actor
SEND = {"needs_complete_sections": True, "applicant_page": "submit", "email_applicant": True, "email_staff": True}  # fmt: skip
DECIDE = {"message_required": True, "email_applicant": True, "stamps": "decided_at"}
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("submit", (S.DRAFT,), S.SUBMITTED, (A.APPLICANT,), "Submit", "Application submitted", needs_open_call=True, stamps="submitted_at", **SEND),
        Transition("start_screening", (S.SUBMITTED,), S.SCREENING, (A.REVIEWER, A.MANAGER), "Start screening", "We started checking the application"),
        Transition("request_more_information", (S.SCREENING,), S.MORE_INFORMATION, (A.REVIEWER, A.MANAGER), "Ask for more information", "We asked for more information", message_required=True, email_applicant=True),
        Transition("resubmit", (S.MORE_INFORMATION,), S.SCREENING, (A.APPLICANT,), "Send more information", "More information sent", **SEND),
        Transition("move_to_consultation", (S.SCREENING,), S.CONSULTATION, (A.MANAGER,), "Move to consultation", "We started considering the application"),
        Transition("accept", (S.CONSULTATION,), S.ACCEPTED, (A.MANAGER,), "Accept", "Application accepted", creates_project=True, **DECIDE),
        Transition("decline", (S.SCREENING, S.CONSULTATION), S.DECLINED, (A.MANAGER,), "Decline", "Application not accepted", **DECIDE),
        Transition("withdraw", BEFORE_DECISION, S.WITHDRAWN, (A.APPLICANT,), "Withdraw", "Application withdrawn", applicant_page="withdraw"),
    ]
}  # fmt: skip


def applicant_transition(status: str, page: str) -> Transition:
    """The transition the applicant's `page` makes from this status; where it makes none from
    here, the page's first, which the service then refuses, saying why."""
    on_page = [t for t in TRANSITIONS.values() if t.applicant_page == page]
    return next((t for t in on_page if status in t.sources), on_page[0])
