"""PINE's workflows as plain data, one table each: applications, a project's stages, projects.

Each entry says where it goes from and to, who may make it, whether it needs words from them,
what it records and what follows. One service in pine.services carries out each table, and
pine.workflow.rules answers "may this person do this here now, and if not, why".
"""

from pine.workflow.applications import (
    APPLICANT_STATUS,
    BEFORE_DECISION,
    EDITABLE,
    STAFF_GROUPS,
    TRANSITIONS,
    Actor,
    Status,
    Transition,
    applicant_transition,
)
from pine.workflow.projects import PROJECT_TRANSITIONS, ProjectStatus, ProjectTransition
from pine.workflow.stages import (
    DONE,
    STAGE_TRANSITIONS,
    UNDER_WAY,
    StageActor,
    StageStatus,
    StageTransition,
)

__all__ = [
    "APPLICANT_STATUS",
    "BEFORE_DECISION",
    "DONE",
    "EDITABLE",
    "PROJECT_TRANSITIONS",
    "STAFF_GROUPS",
    "STAGE_TRANSITIONS",
    "TRANSITIONS",
    "UNDER_WAY",
    "Actor",
    "ProjectStatus",
    "ProjectTransition",
    "StageActor",
    "StageStatus",
    "StageTransition",
    "Status",
    "Transition",
    "applicant_transition",
]
