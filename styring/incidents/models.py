"""AI incidents (A.8.4) and the notifications sent about them (EU AI Act Art. 73, GDPR Art. 33/34)."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from . import deadlines
from .choices import ClockState, IncidentSeverity, IncidentStatus, NotificationKind, ReportType

__all__ = ["Incident", "IncidentNotification"]

NULLABLE_YES_NO = {"null": True, "blank": True}


@dataclass(frozen=True)
class ClockView:
    """One reporting clock as shown to people: its rule, due time, and whether a notification met it."""

    clock: str
    label: str
    deadline: deadlines.Deadline
    met_at: datetime | None
    now: datetime

    @property
    def due_at(self):
        return self.deadline.due_at

    @property
    def rule(self):
        return self.deadline.rule

    @property
    def state(self) -> str:
        if self.met_at is not None:
            return ClockState.MET_LATE if self.due_at and self.met_at > self.due_at else ClockState.MET
        if self.due_at is not None and self.now > self.due_at:
            return ClockState.OVERDUE
        return ClockState.RUNNING

    @property
    def state_label(self) -> str:
        return ClockState(self.state).label

    @property
    def is_open(self) -> bool:
        return self.met_at is None

    @property
    def time_left(self):
        """Time until the deadline (negative when overdue); None when met or without a fixed deadline."""
        if self.met_at is not None or self.due_at is None:
            return None
        return self.due_at - self.now

    @property
    def summary(self) -> str:
        from .display import clock_text

        return clock_text(self)

    @property
    def is_urgent(self) -> bool:
        """Open with less than 24 hours left, or overdue: the owners and administrators are told too."""
        left = self.time_left
        return left is not None and left.total_seconds() < 24 * 3600

    @property
    def overdue_by(self):
        left = self.time_left
        return -left if left is not None and left.total_seconds() < 0 else None


class Incident(TenantModel):
    """An event where an AI system caused, or could have caused, harm or a breach of obligations. The reporting
    clocks run from `aware_at`; the serious-incident answers (None = not answered) decide which clocks apply, and the
    resulting deadlines are stored so lists can filter and sort on them."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    system = models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents",
        verbose_name=_("AI system"),
    )  # fmt: skip
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    aware_at = models.DateTimeField(
        _("aware at"),
        help_text=_("When the organisation became aware of the incident: the reporting clocks run from here."),
    )
    reported_by = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("reported by"),
    )  # fmt: skip
    severity = models.CharField(
        _("severity"), max_length=10, choices=IncidentSeverity.choices, default=IncidentSeverity.MEDIUM
    )
    status = models.CharField(_("status"), max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.NEW)
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    affected_people = models.TextField(_("affected people"), blank=True)
    personal_data = models.BooleanField(_("personal data involved"), default=False)
    immediate_actions = models.TextField(_("immediate actions"), blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    # The record the incident was raised from (a monitoring measurement, an event …), named like a task's subject.
    source_type = models.CharField(_("raised from"), max_length=100, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    source_label = models.CharField(max_length=300, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    nonconformity = models.ForeignKey(
        "improvement.Nonconformity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("nonconformity"), editable=False,
    )  # fmt: skip
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    # Serious-incident test (EU AI Act Art. 3(49), 3(61), 73) and GDPR Art. 33/34 questions.
    death = models.BooleanField(_("led or may have led to the death of a person"), **NULLABLE_YES_NO)
    health_harm = models.BooleanField(_("led or may have led to serious harm to a person's health"), **NULLABLE_YES_NO)
    critical_infrastructure = models.BooleanField(
        _("serious and irreversible disruption of critical infrastructure"), **NULLABLE_YES_NO
    )
    fundamental_rights = models.BooleanField(
        _("infringement of obligations under Union law protecting fundamental rights"), **NULLABLE_YES_NO
    )
    property_environment = models.BooleanField(_("serious harm to property or the environment"), **NULLABLE_YES_NO)
    widespread = models.BooleanField(_("widespread infringement (EU AI Act Art. 3(61))"), **NULLABLE_YES_NO)
    high_risk_operator = models.BooleanField(
        _("we are provider or deployer of a high-risk AI system involved"),
        help_text=_("Leave unanswered to take it from the AI system's EU AI Act class and roles."),
        **NULLABLE_YES_NO,
    )
    personal_data_breach = models.BooleanField(_("personal-data breach to notify (GDPR Art. 33)"), **NULLABLE_YES_NO)
    high_risk_to_individuals = models.BooleanField(
        _("likely high risk to people's rights and freedoms (GDPR Art. 34)"), **NULLABLE_YES_NO
    )
    assessed_at = models.DateTimeField(_("assessed at"), null=True, blank=True, editable=False)
    # Derived from the answers by the services (deadlines.py); stored for filtering and sorting.
    is_serious = models.BooleanField(_("serious incident"), default=False, editable=False)
    ai_act_rule = models.CharField(_("EU AI Act rule"), max_length=20, blank=True, editable=False)
    ai_act_due_at = models.DateTimeField(_("EU AI Act report due"), null=True, blank=True, editable=False)
    gdpr_due_at = models.DateTimeField(_("GDPR notification due"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-reference"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [models.UniqueConstraint(fields=["organisation", "reference"], name="incident_reference_per_org")]
        indexes = [models.Index(fields=["organisation", "source_type", "source_id"], name="incident_source")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("incidents:incident-detail", kwargs={"org": self.organisation.slug, "incident": self.public_id})

    def clean(self):
        super().clean()
        errors = {}
        if self.aware_at and timezone.is_naive(self.aware_at):
            errors["aware_at"] = _("Give the time with its time zone.")
        if self.occurred_at and self.aware_at and self.occurred_at > self.aware_at:
            errors["occurred_at"] = _("The incident cannot have occurred after the organisation became aware of it.")
        if errors:
            raise ValidationError(errors)

    # --- the serious-incident test -------------------------------------------------------------------------------

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.organisation.time_zone)

    def system_is_high_risk_operator(self) -> bool | None:
        """From the AI system: high-risk class and the organisation is its provider or deployer. None (unknown) when
        there is no system, its class is not assessed, or a high-risk system has no EU AI Act role recorded."""
        if self.system is None or self.system.ai_act_class == "not_assessed":
            return None
        if self.system.ai_act_class != "high_risk":
            return False
        roles = set(self.system.ai_act_roles or [])
        return bool(roles & {"provider", "deployer"}) if roles else None

    def answers(self) -> dict[str, bool | None]:
        values = {name: getattr(self, name) for name in deadlines.QUESTIONS}
        if values["high_risk_operator"] is None:
            values["high_risk_operator"] = self.system_is_high_risk_operator()
        if not self.personal_data:
            values["personal_data_breach"] = False
        return values

    def deadlines(self) -> dict[str, deadlines.Deadline]:
        if self.aware_at is None:
            return {}
        return deadlines.deadlines(self.answers(), self.aware_at, self.tz)

    @property
    def is_reportable(self) -> bool:
        return bool(self.ai_act_rule)

    def clocks(self, now: datetime | None = None) -> list[ClockView]:
        """Each clock that applies, with its state. Reads `notifications.all()` (prefetch it for lists)."""
        now = now or timezone.now()
        first_sent: dict[str, datetime] = {}
        for notification in self.notifications.all():
            if notification.kind not in first_sent or notification.sent_at < first_sent[notification.kind]:
                first_sent[notification.kind] = notification.sent_at
        return [
            ClockView(
                clock=clock,
                label=str(deadlines.CLOCK_LABELS[clock]),
                deadline=deadline,
                met_at=first_sent.get(deadline.rule.notification_kind),
                now=now,
            )
            for clock, deadline in self.deadlines().items()
        ]

    def open_clocks(self, now: datetime | None = None) -> list[ClockView]:
        return [clock for clock in self.clocks(now) if clock.is_open]

    def next_clock(self, now: datetime | None = None) -> ClockView | None:
        """The open clock due first (those without a fixed deadline last)."""
        open_clocks = self.open_clocks(now)
        open_clocks.sort(key=lambda clock: (clock.due_at is None, clock.due_at or clock.now))
        return open_clocks[0] if open_clocks else None

    @property
    def is_open(self) -> bool:
        return self.status != IncidentStatus.CLOSED


class IncidentNotification(TenantModel):
    """A report or communication sent about an incident: to an authority, to the people affected, to the provider or
    deployer. A notification of a clock's kind meets that clock; an initial report is allowed (Art. 73(5))."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("incident")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    recipient = models.CharField(_("recipient"), max_length=300)
    sent_at = models.DateTimeField(_("sent at"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    report_type = models.CharField(_("report"), max_length=10, choices=ReportType.choices, default=ReportType.COMPLETE)
    summary = models.TextField(_("summary"), blank=True)
    message = models.TextField(_("message"), blank=True, help_text=_("The text sent, e.g. to the people affected."))

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("incident notification")
        verbose_name_plural = _("incident notifications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recipient}"

    def get_absolute_url(self) -> str:
        return self.incident.get_absolute_url() + f"#notification-{self.public_id}"

    def clean(self):
        super().clean()
        if self.sent_at and timezone.is_naive(self.sent_at):
            raise ValidationError({"sent_at": _("Give the time with its time zone.")})
