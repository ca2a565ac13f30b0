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


class NotificationKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class Notification(TenantModel):
    """An in-app message to one member about one of their tasks; the same message is e-mailed once. One per task,
    kind and due date, so running the reminder job again never repeats it (a new due date may)."""

    recipient = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("task"))
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    due_date = models.DateField(_("due date"))
    title = models.CharField(_("title"), max_length=400)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "recipient", "kind", "due_date"], name="notification_once_per_task_kind_due_date"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:notifications", kwargs={"org": self.organisation.slug})
