from django.db import models
from django.utils.translation import gettext_lazy as _


class RaciValue(models.TextChoices):
    RESPONSIBLE = "R", _("R · Responsible (does the work)")
    ACCOUNTABLE = "A", _("A · Accountable (answers for the result)")
    CONSULTED = "C", _("C · Consulted (asked before)")
    INFORMED = "I", _("I · Informed (told after)")


class AimsProcess(models.TextChoices):
    """The processes of the AI management system that the RACI matrix assigns, beside the Annex A controls."""

    CONTEXT = "context", _("Context and scope")
    POLICY = "policy", _("AI policy")
    RISK_ASSESSMENT = "risk_assessment", _("Risk assessment")
    RISK_TREATMENT = "risk_treatment", _("Risk treatment")
    IMPACT_ASSESSMENT = "impact_assessment", _("Impact assessment")
    LIFE_CYCLE = "life_cycle", _("AI system life cycle")
    DATA = "data", _("Data management")
    SUPPLIERS = "suppliers", _("Supplier management")
    INCIDENTS = "incidents", _("Incident handling")
    MONITORING = "monitoring", _("Monitoring and measurement")
    INTERNAL_AUDIT = "internal_audit", _("Internal audit")
    MANAGEMENT_REVIEW = "management_review", _("Management review")
    CORRECTIVE_ACTION = "corrective_action", _("Nonconformity and corrective action")
    COMPETENCE = "competence", _("Competence and awareness")
    COMMUNICATION = "communication", _("Communication")
    DOCUMENTS = "documents", _("Document control")


class ConcernCategory(models.TextChoices):
    ETHICS = "ethics", _("Ethics")
    SAFETY = "safety", _("Safety")
    FAIRNESS = "fairness", _("Fairness and discrimination")
    PRIVACY = "privacy", _("Privacy")
    LEGAL = "legal", _("Legal or regulatory")
    OTHER = "other", _("Other")


class ConcernStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Increase to the target or above")
    DECREASE = "decrease", _("Decrease to the target or below")
    MAINTAIN = "maintain", _("Maintain at the target or above")


class ObjectiveStatus(models.TextChoices):
    """Computed from the measurements and dates, never typed in."""

    NOT_MEASURED = "not_measured", _("Not measured")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    ACHIEVED = "achieved", _("Achieved")
    MISSED = "missed", _("Missed")


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")
    ON_EVENT = "on_event", _("When something happens")


# Months to the next occurrence; frequencies without a period keep no next due date after completion.
FREQUENCY_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}
