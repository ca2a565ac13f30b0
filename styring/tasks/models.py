"""One task model for every app: something a person must do by a date, optionally about a record."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


class Task(TenantModel):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "organisations.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    # The record the task is about, as its change-log type and public id (any app's record).
    subject_type = models.CharField(_("about"), max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    subject_label = models.CharField(max_length=300, blank=True)
    subject_url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["due_date", "title"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["organisation", "subject_type", "subject_id"], name="task_subject")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:task-list", kwargs={"org": self.organisation.slug}) + f"#task-{self.public_id}"
