"""Performance evaluation (ISO/IEC 42001 9.2, 9.3): the internal audit programme, audits with their checklists and
findings, and management reviews with their compiled inputs and actions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import ActionStatus, AuditStatus, ChecklistResult, FindingType, ReviewStatus


def process_choices() -> list[tuple[str, str]]:
    """The AIMS processes an audit can cover: the governance app's list of processes (empty if it has none)."""
    try:
        from styring.governance.choices import AimsProcess
    except ImportError:  # pragma: no cover - governance without processes
        return []
    return list(AimsProcess.choices)


def _member(label):
    return models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=label,
    )  # fmt: skip


def _user(label):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=label,
    )  # fmt: skip


class AuditProgramme(TenantModel):
    """The plan of internal audits for a period: how often, how, by whom, against what and why (9.2.2)."""

    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    frequency = models.CharField(
        _("frequency"),
        max_length=300,
        blank=True,
        help_text=_("e.g. every process once a year, high-risk systems twice."),
    )
    methods = models.TextField(_("methods"), blank=True, help_text=_("Interviews, document review, sampling …"))
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    criteria = models.TextField(_("audit criteria"), blank=True)
    objectives = models.TextField(_("objectives of the programme"), blank=True)
    approved_by = _user(_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "assurance:auditprogramme-detail", kwargs={"org": self.organisation.slug, "auditprogramme": self.public_id}
        )

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class Audit(TenantModel):
    """One internal audit: what it covers, who audits whom, its checklist, findings and conclusion."""

    reference = models.CharField(_("reference"), max_length=20, help_text=_("Given automatically, e.g. AUD-003."))
    programme = models.ForeignKey(
        AuditProgramme, null=True, blank=True, on_delete=models.SET_NULL, related_name="audits",
        verbose_name=_("programme"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300)
    scope = models.TextField(_("scope"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True)
    requirements = models.ManyToManyField(
        "catalog.Requirement", blank=True, related_name="+", verbose_name=_("clauses and Annex A controls")
    )
    processes = models.JSONField(_("processes in scope"), default=list, blank=True)
    lead_auditor = _member(_("lead auditor"))
    auditors = models.ManyToManyField(
        "organisations.Membership", blank=True, related_name="+", verbose_name=_("auditors")
    )
    auditees = models.ManyToManyField(
        "organisations.Membership", blank=True, related_name="+", verbose_name=_("process owners and auditees")
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.PLANNED)
    plan = models.TextField(_("audit plan"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    reported_by = _user(_("reported by"))
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        ordering = ["-reference"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="audit_reference_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("assurance:audit-detail", kwargs={"org": self.organisation.slug, "audit": self.public_id})

    def clean(self):
        super().clean()
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The audit cannot end before it starts.")
        known = {key for key, _label in process_choices()}
        if not isinstance(self.processes, list) or not all(isinstance(key, str) for key in self.processes):
            errors["processes"] = _("Choose processes from the list.")
        elif known and set(self.processes) - known:
            errors["processes"] = _("Unknown processes: %(keys)s.") % {
                "keys": ", ".join(sorted(set(self.processes) - known))
            }
        if errors:
            raise ValidationError(errors)

    @property
    def process_labels(self) -> list[str]:
        labels = dict(process_choices())
        return [str(labels.get(key, key)) for key in self.processes or []]

    @property
    def is_open(self) -> bool:
        return self.status in (AuditStatus.PLANNED, AuditStatus.IN_PROGRESS)


class ChecklistItem(TenantModel):
    """One question of an audit's checklist, about one selected clause or control, with what the auditor found."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("audit"))
    requirement = models.ForeignKey(
        "catalog.Requirement", on_delete=models.PROTECT, related_name="+", verbose_name=_("requirement")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    question = models.TextField(_("question"))
    result = models.CharField(
        _("result"), max_length=20, choices=ChecklistResult.choices, default=ChecklistResult.NOT_AUDITED
    )
    notes = models.TextField(_("notes"), blank=True)
    evidence_seen = models.TextField(_("evidence seen"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [models.UniqueConstraint(fields=["audit", "requirement"], name="checklist_item_per_requirement")]

    def __str__(self) -> str:
        return f"{self.requirement.ref} {self.requirement.display_title}"

    def get_absolute_url(self) -> str:
        return self.audit.get_absolute_url() + f"#item-{self.public_id}"


class AuditFinding(TenantModel):
    """What an audit found: a nonconformity (major or minor), an observation or an opportunity for improvement.
    A nonconformity finding raises a nonconformity in the improvement register, once."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings", verbose_name=_("audit"))
    number = models.PositiveIntegerField(_("number"), default=1)
    requirement = models.ForeignKey(
        "catalog.Requirement", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("requirement"),
    )  # fmt: skip
    checklist_item = models.ForeignKey(
        ChecklistItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings",
        verbose_name=_("checklist item"),
    )  # fmt: skip
    finding_type = models.CharField(_("type"), max_length=20, choices=FindingType.choices)
    statement = models.TextField(_("statement"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_records = models.ManyToManyField(
        "controls.Evidence", blank=True, related_name="+", verbose_name=_("evidence records")
    )
    auditee_response = models.TextField(_("auditee response"), blank=True)
    nonconformity = models.ForeignKey(
        "improvement.Nonconformity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("nonconformity"), editable=False,
    )  # fmt: skip

    class Meta:
        ordering = ["audit", "number"]
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        constraints = [models.UniqueConstraint(fields=["audit", "number"], name="audit_finding_number")]

    def __str__(self) -> str:
        reference = self.audit.reference if self.audit_id else ""
        return f"{reference} F{self.number} {self.get_finding_type_display()}"

    def get_absolute_url(self) -> str:
        return reverse(
            "assurance:auditfinding-edit", kwargs={"org": self.organisation.slug, "auditfinding": self.public_id}
        )

    def clean(self):
        super().clean()
        if self.checklist_item_id and self.audit_id and self.checklist_item.audit_id != self.audit_id:
            raise ValidationError({"checklist_item": _("Choose an item of this audit's checklist.")})


class ManagementReview(TenantModel):
    """A management review (9.3): its inputs compiled from live data, the meeting, decisions and actions, and the
    minutes signed by top management. A signed review is frozen."""

    reference = models.CharField(_("reference"), max_length=20, help_text=_("Given automatically, e.g. MR-002."))
    title = models.CharField(_("title"), max_length=300, blank=True)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("follows review"),
        editable=False,
    )  # fmt: skip
    planned_date = models.DateField(_("planned date"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    attendees = models.TextField(_("attendees"), blank=True, help_text=_("Names and roles, also of people outside."))
    attendee_members = models.ManyToManyField(
        "organisations.Membership", blank=True, related_name="+", verbose_name=_("attending members")
    )
    status = models.CharField(_("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PLANNED)
    inputs = models.JSONField(_("inputs"), default=dict, blank=True, editable=False)
    inputs_compiled_at = models.DateTimeField(_("inputs compiled"), null=True, blank=True, editable=False)
    input_notes = models.JSONField(_("notes on the inputs"), default=dict, blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    aims_changes = models.TextField(_("changes to the AIMS"), blank=True)
    resources = models.TextField(_("resources"), blank=True)
    signed_by = _user(_("signed by"))
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)

    class Meta:
        ordering = ["-planned_date", "-reference"]
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="review_reference_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse(
            "assurance:review-detail", kwargs={"org": self.organisation.slug, "managementreview": self.public_id}
        )

    def clean(self):
        super().clean()
        if not isinstance(self.input_notes, dict) or not all(
            isinstance(key, str) and isinstance(value, str) and len(value) <= 5000
            for key, value in self.input_notes.items()
        ):
            raise ValidationError({"input_notes": _("Notes are text of at most 5,000 characters per input.")})

    @property
    def is_signed(self) -> bool:
        return self.status == ReviewStatus.SIGNED


class ReviewAction(TenantModel):
    """An action decided in a management review; it is also a task in the owner's task list."""

    review = models.ForeignKey(
        ManagementReview, on_delete=models.CASCADE, related_name="actions", verbose_name=_("management review")
    )
    description = models.TextField(_("action"))
    owner = _member(_("owner"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
        verbose_name=_("task"),
    )  # fmt: skip

    audit_exclude = (*TenantModel.audit_exclude, "task")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review action")
        verbose_name_plural = _("review actions")

    def __str__(self) -> str:
        text = " ".join(self.description.split())
        return text if len(text) <= 120 else f"{text[:119]}…"

    def get_absolute_url(self) -> str:
        return self.review.get_absolute_url() + f"#action-{self.public_id}"
