"""Admin for PINE projects: the list and its export, stages and their sign-off, meetings, documents,
evaluation reports and project events. Every change of state goes through pine.services.projects.
"""

from pine.admin.projects import documents, meetings, projects, reports, stages

__all__ = ["documents", "meetings", "projects", "reports", "stages"]
