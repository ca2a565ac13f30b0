"""Choices of the improvement app (10.1, 10.2). `NonconformitySource` is also importable from models.py, where
other apps first found it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NonconformitySource(models.TextChoices):
    AUDIT = "audit", _("Internal audit")
    INCIDENT = "incident", _("AI incident")
    MONITORING = "monitoring", _("Monitoring breach")
    COMPLAINT = "complaint", _("Complaint or concern")
    REVIEW = "review", _("Management review")
    EXTERNAL_AUDIT = "external_audit", _("External audit")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MAJOR = "major", _("Major")
    MINOR = "minor", _("Minor")


class NonconformityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONTAINED = "contained", _("Contained")
    ANALYSED = "analysed", _("Cause analysed")
    ACTION_PLANNED = "action_planned", _("Action planned")
    VERIFYING = "verifying", _("Verifying effectiveness")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


# Still being worked on: neither closed nor cancelled.
ACTIVE_STATUSES = (
    NonconformityStatus.OPEN,
    NonconformityStatus.CONTAINED,
    NonconformityStatus.ANALYSED,
    NonconformityStatus.ACTION_PLANNED,
    NonconformityStatus.VERIFYING,
)


class AnalysisMethod(models.TextChoices):
    FIVE_WHYS = "five_whys", _("5 whys")
    FISHBONE = "fishbone", _("Fishbone (cause and effect)")
    OTHER = "other", _("Other or free text")


class FishboneCategory(models.TextChoices):
    PEOPLE = "people", _("People")
    PROCESS = "process", _("Process")
    TECHNOLOGY = "technology", _("Technology and model")
    DATA = "data", _("Data")
    ENVIRONMENT = "environment", _("Environment")
    MANAGEMENT = "management", _("Management")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
FINISHED_ACTION_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)


class ImprovementSource(models.TextChoices):
    NONCONFORMITY = "nonconformity", _("Nonconformity")
    AUDIT = "audit", _("Audit")
    REVIEW = "review", _("Management review")
    SUGGESTION = "suggestion", _("Suggestion")
    MONITORING = "monitoring", _("Monitoring")
    OTHER = "other", _("Other")


class ImprovementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    REJECTED = "rejected", _("Rejected")
