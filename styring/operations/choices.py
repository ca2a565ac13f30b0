from django.db import models
from django.utils.translation import gettext_lazy as _


class MetricKind(models.TextChoices):
    ACCURACY = "accuracy", _("Accuracy")
    DRIFT_PSI = "drift_psi", _("Drift: population stability index")
    DRIFT_KS = "drift_ks", _("Drift: Kolmogorov–Smirnov statistic")
    DEMOGRAPHIC_PARITY = "demographic_parity", _("Demographic parity difference")
    EQUAL_OPPORTUNITY = "equal_opportunity", _("Equal opportunity difference")
    INCIDENT_RATE = "incident_rate", _("Incident rate")
    OVERRIDE_RATE = "override_rate", _("Human override rate")
    OBJECTIVE_KPI = "objective_kpi", _("Objective KPI")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("Higher is better")
    LOWER_IS_BETTER = "lower", _("Lower is better")


class OnBreach(models.TextChoices):
    NOTHING = "nothing", _("Nothing (show the breach only)")
    NONCONFORMITY = "nonconformity", _("Open a nonconformity")
    INCIDENT = "incident", _("Open an incident")


class Frequency(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuously")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")
    AD_HOC = "ad_hoc", _("When needed")


class MeasurementSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    CSV = "csv", _("CSV import")
    API = "api", _("API")
    CALCULATOR = "calculator", _("Calculator")
    EVENT_LOG = "event_log", _("Decision event log")


class MetricStatus(models.TextChoices):
    OK = "ok", _("OK")
    WARNING = "warning", _("Warning")
    BREACH = "breach", _("Breach")
    NO_DATA = "no_data", _("No data")


class DecisionOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted by the reviewer")
    OVERRIDDEN = "overridden", _("Overridden by the reviewer")
    NOT_REVIEWED = "not_reviewed", _("Not reviewed")
