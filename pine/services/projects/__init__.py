"""Every change to a project: creating it on acceptance, the stages' sign-off, its status,
meetings, documents and the report.

Each function runs in a transaction and locks what it changes. A person acting on something that
changed since they saw it gets a Conflict, and nothing is saved. Emails go after commit. Who may
do what is pine.workflow.rules'.
"""

from pine.services.projects.documents import document_upload, validate_report_pdf
from pine.services.projects.meetings import meeting_save
from pine.services.projects.partnership import project_create, stage_add
from pine.services.projects.progress import WEEKS_PER_STAGE, current_stage
from pine.services.projects.reports import report_publish, report_unpublish
from pine.services.projects.stages import (
    stage_mark_ready,
    stage_restore,
    stage_return,
    stage_sign_off,
    stage_skip,
    stage_transition,
)
from pine.services.projects.status import project_transition
from pine.workflow.rules import can_sign_off, can_upload, is_partner

__all__ = [
    "WEEKS_PER_STAGE",
    "can_sign_off",
    "can_upload",
    "current_stage",
    "document_upload",
    "is_partner",
    "meeting_save",
    "project_create",
    "project_transition",
    "report_publish",
    "report_unpublish",
    "stage_add",
    "stage_mark_ready",
    "stage_restore",
    "stage_return",
    "stage_sign_off",
    "stage_skip",
    "stage_transition",
    "validate_report_pdf",
]
