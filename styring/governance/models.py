from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import AimsProcess, ChangeStatus, ConcernCategory, ConcernStatus, Direction, Frequency, RaciValue


class AIRole(TenantModel):
    """A role in the AI management system (5.3, A.3.2) with its responsibilities and authorities."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    authorities = models.TextField(_("authorities"), blank=True)
    # Concerns reported under A.3.3 reach the people holding a role marked here.
    receives_concerns = models.BooleanField(_("receives reported concerns"), default=False)
    # Set on the starter roles Styring writes, so "Add the typical AI roles" never adds one twice.
    template_key = models.CharField(max_length=50, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("AI role")
        verbose_name_plural = _("AI roles")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="airole_name_per_organisation")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:airole-detail", kwargs={"org": self.organisation.slug, "airole": self.public_id})


class RoleAssignment(TenantModel):
    """Who holds a role: a member of the organisation, or a named person who does not use Styring."""

    role = models.ForeignKey(AIRole, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("role"))
    member = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("member"),
    )  # fmt: skip
    person_name = models.CharField(_("person outside Styring"), max_length=200, blank=True)
    person_email = models.EmailField(_("their e-mail address"), blank=True)
    system = models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments",
        verbose_name=_("for AI system"),
    )  # fmt: skip
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["role__name", "person_name"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        return f"{self.role}: {self.holder_name}"

    @property
    def holder_name(self) -> str:
        if self.member_id:
            return self.member.user.get_full_name() or self.member.user.email
        return self.person_name

    def clean(self):
        super().clean()
        if bool(self.member_id) == bool(self.person_name.strip()):
            raise ValidationError(_("Choose a member or name a person outside Styring (one of the two)."))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})


def _finite(value) -> None:
    if value is not None and not math.isfinite(value):
        raise ValidationError(_("Enter a finite number."))


def _owner(verbose_name=None, related_name="+"):
    return models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name,
        verbose_name=verbose_name or _("owner"),
    )  # fmt: skip


def _system(related_name: str):
    return models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name,
        verbose_name=_("AI system"),
    )  # fmt: skip


def subject_label(subject: str) -> str:
    """A RACI subject's short label without a query: the process name, or the Annex A control number."""
    if subject in AimsProcess.values:
        return str(AimsProcess(subject).label)
    return subject.rsplit(":", 1)[-1]


class RaciEntry(TenantModel):
    """One cell of the RACI matrix: what a role does for an AIMS process or an Annex A control. An empty cell
    has no row."""

    role = models.ForeignKey(AIRole, on_delete=models.CASCADE, related_name="raci_entries", verbose_name=_("role"))
    # An AimsProcess value, or the catalog key of an Annex A control (iso42001:2023:A.2.2).
    subject = models.CharField(_("subject"), max_length=100)
    value = models.CharField(_("value"), max_length=1, choices=RaciValue.choices)

    class Meta:
        ordering = ["subject", "role__name"]
        verbose_name = _("RACI entry")
        verbose_name_plural = _("RACI entries")
        constraints = [models.UniqueConstraint(fields=["role", "subject"], name="raci_entry_per_role_and_subject")]

    def __str__(self) -> str:
        return f"{subject_label(self.subject)} · {self.role}: {self.value}"


class GovernanceSettings(TenantModel):
    """Per-organisation options of this area; one row per organisation, created when first needed."""

    anonymous_concerns_enabled = models.BooleanField(_("allow anonymous reports of concerns"), default=False)

    class Meta:
        verbose_name = _("governance settings")
        verbose_name_plural = _("governance settings")
        constraints = [models.UniqueConstraint(fields=["organisation"], name="governance_settings_per_organisation")]

    def __str__(self) -> str:
        return str(_("Governance settings"))


class Concern(TenantModel):
    """A concern about the organisation's AI reported by a member (A.3.3).

    Anonymous reports keep no reporter and only the date: the time stamps are set to midnight of that date."""

    reference = models.CharField(_("reference"), max_length=20)
    category = models.CharField(_("category"), max_length=20, choices=ConcernCategory.choices)
    description = models.TextField(_("description"))
    system = _system("concerns")
    status = models.CharField(_("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED)
    response = models.TextField(_("response"), blank=True)
    handled_by = _owner(_("handled by"))
    reporter = _owner(_("reported by"))
    anonymous = models.BooleanField(_("reported anonymously"), default=False)
    received_on = models.DateField(_("received on"))

    class Meta:
        ordering = ["-received_on", "-reference"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="concern_reference_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("governance:concern-detail", kwargs={"org": self.organisation.slug, "concern": self.public_id})

    def clean(self):
        super().clean()
        if self.anonymous and self.reporter_id:
            raise ValidationError(_("An anonymous report keeps no reporter."))


class Objective(TenantModel):
    """An AI objective (6.2): what is to be achieved, how it is measured, by when and by whom. Its status is
    computed from the measurements (see `objectives.objective_status`)."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = _owner()
    metric = models.CharField(
        _("metric"),
        max_length=300,
        help_text=_("What is measured, e.g. share of AI systems with a completed impact assessment."),
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True, validators=[_finite])
    target_value = models.FloatField(_("target value"), validators=[_finite])
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices, default=Direction.INCREASE)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    resources = models.TextField(_("resources needed"), blank=True)
    evaluation = models.TextField(_("how results are evaluated"), blank=True)
    system = _system("objectives")

    class Meta:
        ordering = ["reference"]
        verbose_name = _("AI objective")
        verbose_name_plural = _("AI objectives")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="objective_reference_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:objective-detail", kwargs={"org": self.organisation.slug, "objective": self.public_id}
        )

    def clean(self):
        super().clean()
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": _("The due date cannot be before the start date.")})


class ObjectiveMeasurement(TenantModel):
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("objective")
    )
    measured_on = models.DateField(_("measured on"))
    value = models.FloatField(_("value"), validators=[_finite])
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["measured_on", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.measured_on.isoformat()}: {self.value:g}"

    def get_absolute_url(self) -> str:
        return self.objective.get_absolute_url()


class PlannedChange(TenantModel):
    """A change to the AI management system, planned before it is made (6.3)."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    consequences = models.TextField(_("possible consequences"), blank=True)
    resources = models.TextField(_("resources needed"), blank=True)
    owner = _owner(_("responsible"))
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED)
    systems = models.ManyToManyField(
        "inventory.AISystem", blank=True, related_name="planned_changes", verbose_name=_("AI systems affected")
    )

    class Meta:
        ordering = ["reference"]
        verbose_name = _("planned change")
        verbose_name_plural = _("planned changes")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="plannedchange_reference_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:plannedchange-detail", kwargs={"org": self.organisation.slug, "plannedchange": self.public_id}
        )


class CommunicationItem(TenantModel):
    """One line of the communication plan (7.4): what, with whom, when, how and by whom."""

    what = models.CharField(_("what is communicated"), max_length=300)
    audience = models.CharField(_("with whom"), max_length=300)
    frequency = models.CharField(_("when"), max_length=20, choices=Frequency.choices, default=Frequency.YEARLY)
    channel = models.CharField(_("how (channel)"), max_length=200, blank=True)
    communicator = _owner(_("who communicates"))
    next_due_on = models.DateField(_("next due"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["what"]
        verbose_name = _("communication")
        verbose_name_plural = _("communication plan")

    def __str__(self) -> str:
        return self.what

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:communicationitem-detail",
            kwargs={"org": self.organisation.slug, "communicationitem": self.public_id},
        )


class CommunicationRecord(TenantModel):
    """A communication that took place."""

    item = models.ForeignKey(
        CommunicationItem, on_delete=models.CASCADE, related_name="records", verbose_name=_("communication")
    )
    communicated_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=1000, blank=True)
    recorded_by = _owner(_("recorded by"))

    class Meta:
        ordering = ["-communicated_on", "-id"]
        verbose_name = _("communication record")
        verbose_name_plural = _("communication records")

    def __str__(self) -> str:
        return f"{self.item}: {self.communicated_on.isoformat()}"

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()
