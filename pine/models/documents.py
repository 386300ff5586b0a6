"""The documents a project's stage holds: plans, forms, instruments, data and drafts."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.uploads import KINDS
from pine.models.projects import Project, ProjectStage
from pine.models.upload_paths import _document_path


class DocumentQuerySet(models.QuerySet):
    def for_user(self, user, *, staff_verified: bool = True) -> "DocumentQuerySet":
        """Documents of the projects this person can open; none for anyone else."""
        projects = Project.objects.for_user(user, staff_verified=staff_verified)
        return self.filter(stage__project__in=projects.values("pk")).select_related(
            "stage__project"
        )


class Document(models.Model):
    """A file uploaded to a stage, kept in private storage and served only by a checking view."""

    class Kind(models.TextChoices):
        THEORY_OF_CHANGE = "theory_of_change", "Theory of change"
        EVALUATION_PLAN = "evaluation_plan", "Evaluation plan"
        ETHICS = "ethics", "Data protection or ethics form"
        INSTRUMENT = "instrument", "Survey, topic guide or other instrument"
        DATA = "data", "Data or analysis"
        DRAFT = "draft", "Draft report"
        OTHER = "other", "Something else"

    stage = models.ForeignKey(ProjectStage, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(upload_to=_document_path, max_length=200)
    original_name = models.CharField(max_length=255, editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pine:document_download", kwargs={"pk": self.pk})

    @property
    def kind_label(self) -> str:
        return next(
            (k.label for k in KINDS.values() if k.content_type == self.content_type), "File"
        )
