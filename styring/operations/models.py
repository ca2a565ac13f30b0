"""Monitoring (9.1): metrics with thresholds and their measurements; the decision and human-oversight event log that
AI systems write to (A.6.2.6, A.6.2.8; EU AI Act Art. 12, 14, 26), with its retention settings."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel, TenantQuerySet

from .choices import DecisionOutcome, Direction, Frequency, MeasurementSource, MetricKind, MetricStatus, OnBreach

GENESIS_HASH = "0" * 64
# The EU AI Act asks deployers of high-risk systems to keep the logs for at least six months (Art. 26(6)).
MIN_RETENTION_DAYS_HIGH_RISK = 183
DEFAULT_RETENTION_DAYS = 183


class Metric(TenantModel):
    """Something the organisation measures about an AI system or the AIMS as a whole, with the thresholds at which a
    value calls for attention (warning) or action (breach)."""

    reference = models.CharField(_("reference"), max_length=20, help_text=_("Given automatically, e.g. M-004."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=MetricKind.choices, default=MetricKind.OTHER)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. %, ratio, incidents per month"))
    system = models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.PROTECT, related_name="metrics",
        verbose_name=_("AI system"), help_text=_("Leave empty for a metric of the management system as a whole."),
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    warning_threshold = models.DecimalField(
        _("warning threshold"), max_digits=24, decimal_places=8, null=True, blank=True
    )
    breach_threshold = models.DecimalField(
        _("breach threshold"), max_digits=24, decimal_places=8, null=True, blank=True
    )
    on_breach = models.CharField(
        _("on a breach"), max_length=20, choices=OnBreach.choices, default=OnBreach.NOTHING,
        help_text=_("What happens automatically when a new value crosses the breach threshold."),
    )  # fmt: skip
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="metric_reference_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("operations:metric-detail", kwargs={"org": self.organisation.slug, "metric": self.public_id})

    def clean(self):
        super().clean()
        warning, breach = self.warning_threshold, self.breach_threshold
        if warning is not None and breach is not None:
            # The warning comes before the breach: below it when higher is better, above it when lower is better.
            if self.direction == Direction.HIGHER_IS_BETTER and warning < breach:
                raise ValidationError(
                    {"warning_threshold": _("When higher is better, the warning threshold must not be below the "
                                            "breach threshold.")}
                )  # fmt: skip
            if self.direction == Direction.LOWER_IS_BETTER and warning > breach:
                raise ValidationError(
                    {"warning_threshold": _("When lower is better, the warning threshold must not be above the "
                                            "breach threshold.")}
                )  # fmt: skip

    def _worse(self, value, threshold) -> bool:
        """Whether `value` is worse than `threshold` (a value exactly at the threshold is still acceptable)."""
        if threshold is None or value is None:
            return False
        value, threshold = Decimal(str(value)), Decimal(str(threshold))
        return value < threshold if self.direction == Direction.HIGHER_IS_BETTER else value > threshold

    def status_of(self, value) -> str:
        if value is None:
            return MetricStatus.NO_DATA
        if self._worse(value, self.breach_threshold):
            return MetricStatus.BREACH
        if self._worse(value, self.warning_threshold):
            return MetricStatus.WARNING
        return MetricStatus.OK


class Measurement(TenantModel):
    """One value of a metric at a point in time. `status` and `breached` are computed from the metric's thresholds
    when the value is recorded and keep that judgement even if the thresholds change later."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("metric"))
    measured_at = models.DateTimeField(_("measured at"))
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=8)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=MeasurementSource.choices, default=MeasurementSource.MANUAL
    )
    status = models.CharField(_("status"), max_length=10, choices=MetricStatus.choices, default=MetricStatus.OK)
    breached = models.BooleanField(_("breach"), default=False)
    # The nonconformity or incident this breach opened, if any.
    opened_type = models.CharField(max_length=100, blank=True)
    opened_label = models.CharField(_("opened"), max_length=300, blank=True)
    opened_url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-measured_at", "-id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        indexes = [models.Index(fields=["metric", "measured_at"], name="measurement_metric_time")]

    def __str__(self) -> str:
        return f"{self.metric.reference} {self.value.normalize() if self.value is not None else ''} @ " + (
            self.measured_at.strftime("%Y-%m-%d %H:%M") if self.measured_at else ""
        )

    def get_absolute_url(self) -> str:
        return self.metric.get_absolute_url()


class EventLogSettings(TenantModel):
    """Per AI system: how long its decision events are kept, and the chain's anchor and head.

    When old events are pruned, the hash of the last pruned event becomes the anchor, so the remaining events still
    verify from there. The head (newest sequence and hash) lets verification notice events removed from the end."""

    system = models.OneToOneField(
        "inventory.AISystem", on_delete=models.CASCADE, related_name="event_log_settings", verbose_name=_("AI system")
    )
    retention_days = models.PositiveIntegerField(
        _("keep events for (days)"), default=DEFAULT_RETENTION_DAYS, validators=[MinValueValidator(1),
                                                                                  MaxValueValidator(36500)],
    )  # fmt: skip
    anchor_sequence = models.PositiveBigIntegerField(_("last pruned event"), default=0, editable=False)
    anchor_hash = models.CharField(max_length=64, default=GENESIS_HASH, editable=False)
    head_sequence = models.PositiveBigIntegerField(_("newest event"), default=0, editable=False)
    head_hash = models.CharField(max_length=64, default=GENESIS_HASH, editable=False)

    audit_exclude = (*TenantModel.audit_exclude, "anchor_sequence", "anchor_hash", "head_sequence", "head_hash")

    class Meta:
        verbose_name = _("event log settings")
        verbose_name_plural = _("event log settings")

    def __str__(self) -> str:
        return _("Event log of %(system)s") % {"system": self.system}

    def get_absolute_url(self) -> str:
        return reverse(
            "operations:event-log-system", kwargs={"org": self.organisation.slug, "aisystem": self.system.public_id}
        )

    def clean(self):
        super().clean()
        from styring.inventory.choices import AiActClass

        if (
            self.system_id
            and self.system.ai_act_class == AiActClass.HIGH_RISK
            and self.retention_days is not None
            and self.retention_days < MIN_RETENTION_DAYS_HIGH_RISK
        ):
            raise ValidationError(
                {
                    "retention_days": _(
                        "Logs of a high-risk AI system must be kept for at least %(days)d days (about six months)."
                    )
                    % {"days": MIN_RETENTION_DAYS_HIGH_RISK}
                }
            )


class DecisionEvent(models.Model):
    """One decision of an AI system and what the human overseeing it did with it. Append-only: events of one system
    form a hash chain (each hash covers the event and the previous event's hash), so a changed, removed or inserted
    event is detected by `verify_event_chain`."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    system = models.ForeignKey(
        "inventory.AISystem", on_delete=models.PROTECT, related_name="decision_events", verbose_name=_("AI system")
    )
    sequence = models.PositiveBigIntegerField(_("sequence"))
    occurred_at = models.DateTimeField(_("occurred at"))
    received_at = models.DateTimeField(_("received at"))
    input_reference = models.CharField(_("input reference"), max_length=500, blank=True)
    output_summary = models.TextField(_("output"), blank=True)
    confidence = models.FloatField(
        _("confidence"), null=True, blank=True, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    reviewer = models.CharField(_("reviewer"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("decision event")
        verbose_name_plural = _("decision events")
        constraints = [
            models.UniqueConstraint(fields=["system", "sequence"], name="decision_event_sequence_per_system")
        ]
        indexes = [
            models.Index(fields=["organisation", "occurred_at"], name="decision_event_org_time"),
            models.Index(fields=["system", "occurred_at"], name="decision_event_system_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.get_outcome_display()}"
