"""Nonconformities and corrective action (10.2) and the improvement register (10.1)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import (
    ActionStatus,
    AnalysisMethod,
    FishboneCategory,
    ImprovementSource,
    ImprovementStatus,
    NonconformitySource,
    NonconformityStatus,
    Severity,
)

__all__ = ["CorrectiveAction", "Improvement", "Nonconformity", "NonconformitySource"]

MAX_WHYS = 5
MAX_CAUSES_PER_CATEGORY = 20
MAX_ANALYSIS_TEXT = 1000


def _text(value) -> bool:
    return isinstance(value, str) and len(value) <= MAX_ANALYSIS_TEXT


def validate_five_whys(value) -> None:
    """A list of up to five {"why": …, "because": …} steps, each with an answer."""
    if not isinstance(value, list):
        raise ValidationError(_("The 5 whys must be a list of steps."))
    if len(value) > MAX_WHYS:
        raise ValidationError(_("Ask at most five whys."))
    for step in value:
        if not isinstance(step, dict) or set(step) != {"why", "because"}:
            raise ValidationError(_("Each step of the 5 whys has a question (why) and an answer (because)."))
        if not (_text(step["why"]) and _text(step["because"])):
            raise ValidationError(_("Each why and because is text of at most 1,000 characters."))
        if not step["why"].strip() or not step["because"].strip():
            raise ValidationError(_("Each step of the 5 whys needs both the question and its answer."))


def validate_fishbone(value) -> None:
    """A mapping of fishbone category → list of causes (text)."""
    if not isinstance(value, dict):
        raise ValidationError(_("The fishbone must map categories to lists of causes."))
    unknown = set(value) - set(FishboneCategory.values)
    if unknown:
        raise ValidationError(
            _("Unknown fishbone categories: %(names)s.") % {"names": ", ".join(sorted(map(str, unknown)))}
        )
    for causes in value.values():
        if not isinstance(causes, list) or len(causes) > MAX_CAUSES_PER_CATEGORY:
            raise ValidationError(_("Each fishbone category holds a list of at most 20 causes."))
        if not all(_text(cause) and cause.strip() for cause in causes):
            raise ValidationError(_("Each cause is non-empty text of at most 1,000 characters."))


class Nonconformity(TenantModel):
    """A requirement not fulfilled (10.2), from any source. The record it came from is named by type, id, label and
    address, like a task's subject, so any app can raise one without this app knowing its models."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=NonconformitySource.choices)
    source_type = models.CharField(_("raised from"), max_length=100, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    source_label = models.CharField(max_length=300, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    system = models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.SET_NULL, related_name="nonconformities",
        verbose_name=_("AI system"),
    )  # fmt: skip
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    detected_on = models.DateField(_("detected on"), null=True, blank=True)
    requirement = models.ForeignKey(
        "catalog.Requirement", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("requirement not met"),
    )  # fmt: skip
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.MINOR)
    status = models.CharField(
        _("status"), max_length=20, choices=NonconformityStatus.choices, default=NonconformityStatus.OPEN
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Containment: what was done at once to control the nonconformity and deal with its consequences.
    containment = models.TextField(_("containment"), blank=True)
    contained_by = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("contained by"),
    )  # fmt: skip
    contained_on = models.DateField(_("contained on"), null=True, blank=True)
    # Root-cause analysis.
    analysis_method = models.CharField(_("analysis method"), max_length=20, choices=AnalysisMethod.choices, blank=True)
    five_whys = models.JSONField(_("5 whys"), default=list, blank=True, validators=[validate_five_whys])
    fishbone = models.JSONField(_("fishbone"), default=dict, blank=True, validators=[validate_fishbone])
    root_cause = models.TextField(_("root cause"), blank=True)
    could_occur_elsewhere = models.BooleanField(_("could occur elsewhere"), default=False)
    elsewhere_note = models.TextField(_("where else it could occur"), blank=True)
    recurrence_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="recurrences",
        verbose_name=_("recurrence of"),
    )  # fmt: skip
    # Effectiveness check (required before closure).
    effective = models.BooleanField(_("effective"), null=True, blank=True)
    effectiveness_evidence = models.TextField(_("effectiveness evidence"), blank=True)
    effectiveness_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("effectiveness verified by"),
    )  # fmt: skip
    effectiveness_verified_at = models.DateTimeField(_("effectiveness verified at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-reference"]
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="nonconformity_reference_per_org")
        ]
        indexes = [models.Index(fields=["organisation", "source_type", "source_id"], name="nonconformity_source")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "improvement:nonconformity-detail", kwargs={"org": self.organisation.slug, "nonconformity": self.public_id}
        )

    def clean(self):
        super().clean()
        if self.recurrence_of_id and self.pk and self.recurrence_of_id == self.pk:
            raise ValidationError({"recurrence_of": _("A nonconformity cannot be a recurrence of itself.")})
        if self.recurrence_of_id and self.pk:
            # no cycles: walk up the chain (short in practice)
            seen, current = {self.pk}, self.recurrence_of
            while current is not None:
                if current.pk in seen:
                    raise ValidationError({"recurrence_of": _("This would make the recurrences go round in a circle.")})
                seen.add(current.pk)
                current = current.recurrence_of

    @property
    def is_active(self) -> bool:
        return self.status not in (NonconformityStatus.CLOSED, NonconformityStatus.CANCELLED)


class CorrectiveAction(TenantModel):
    """An action to remove the cause of a nonconformity so it does not happen again. Each action is also a task
    (about the action) in the task list, kept in step with it."""

    nonconformity = models.ForeignKey(
        Nonconformity, on_delete=models.CASCADE, related_name="actions", verbose_name=_("nonconformity")
    )
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("task"),
        editable=False,
    )  # fmt: skip

    # The link to its task is bookkeeping, not content.
    audit_exclude = (*TenantModel.audit_exclude, "task")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")

    def __str__(self) -> str:
        text = " ".join(self.description.split())
        return text if len(text) <= 120 else f"{text[:119]}…"

    def get_absolute_url(self) -> str:
        return self.nonconformity.get_absolute_url() + f"#action-{self.public_id}"

    def clean(self):
        super().clean()
        if self.status == ActionStatus.DONE and not self.completed_on:
            raise ValidationError({"completed_on": _("Say when the action was completed.")})


class Improvement(TenantModel):
    """An improvement to the AI management system (10.1), from any source, with its benefit and outcome."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=ImprovementSource.choices, default=ImprovementSource.SUGGESTION
    )
    nonconformity = models.ForeignKey(
        Nonconformity, null=True, blank=True, on_delete=models.SET_NULL, related_name="improvements",
        verbose_name=_("nonconformity"),
    )  # fmt: skip
    benefit = models.TextField(_("expected benefit"), blank=True)
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=20, choices=ImprovementStatus.choices, default=ImprovementStatus.PROPOSED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="improvement_reference_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "improvement:improvement-detail", kwargs={"org": self.organisation.slug, "improvement": self.public_id}
        )
