from django.db import models
from django.utils.translation import gettext_lazy as _


class GapStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PARTIAL = "partial", _("Partially implemented")
    LARGELY = "largely", _("Largely implemented")
    FULLY = "fully", _("Fully implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# How far an answer counts towards progress (not applicable answers are left out of the average).
STATUS_SCORE = {GapStatus.NOT_STARTED: 0, GapStatus.PARTIAL: 50, GapStatus.LARGELY: 75, GapStatus.FULLY: 100}
OPEN_GAP_STATUSES = (GapStatus.NOT_STARTED, GapStatus.PARTIAL, GapStatus.LARGELY)

MATURITY_LEVELS = [
    (0, _("0 – Non-existent")),
    (1, _("1 – Initial")),
    (2, _("2 – Repeatable")),
    (3, _("3 – Defined")),
    (4, _("4 – Managed")),
    (5, _("5 – Optimised")),
]


class ImplementationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("Being implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NEEDS_IMPROVEMENT = "needs_improvement", _("Implemented, needs improvement")
    RETIRED = "retired", _("Retired")


class Frequency(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuous")
    PER_EVENT = "per_event", _("Each time it applies")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class SoAStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


class Justification(models.TextChoices):
    RISK_TREATMENT = "risk_treatment", _("Risk treatment")
    LEGAL = "legal", _("Legal or regulatory requirement")
    CONTRACTUAL = "contractual", _("Contractual obligation")
    BUSINESS = "business", _("Business requirement")
    OWN = "own", _("Own reason")
