"""Choices of the incidents app (A.8.4, EU AI Act Art. 73, GDPR Art. 33/34)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IncidentSeverity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class IncidentStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    INVESTIGATING = "investigating", _("Investigating")
    CONTAINED = "contained", _("Contained")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = tuple(status for status in IncidentStatus if status != IncidentStatus.CLOSED)


class NotificationKind(models.TextChoices):
    MARKET_SURVEILLANCE = "market_surveillance", _("Market-surveillance authority (EU AI Act Art. 73)")
    DATA_PROTECTION = "data_protection", _("Data-protection authority (GDPR Art. 33)")
    AFFECTED_PERSONS = "affected_persons", _("Affected persons (GDPR Art. 34 / communication to affected parties)")
    PROVIDER_DEPLOYER = "provider_deployer", _("Provider or deployer")
    OTHER = "other", _("Other")


class ReportType(models.TextChoices):
    INITIAL = "initial", _("Initial (incomplete) report")
    COMPLETE = "complete", _("Complete report")


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    OVERDUE = "overdue", _("Overdue")
    MET = "met", _("Met")
    MET_LATE = "met_late", _("Met late")
