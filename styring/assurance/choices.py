from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")


class ChecklistResult(models.TextChoices):
    NOT_AUDITED = "not_audited", _("Not audited")
    CONFORMING = "conforming", _("Conforming")
    NONCONFORMING = "nonconforming", _("Nonconforming")
    OBSERVATION = "observation", _("Observation")


class FindingType(models.TextChoices):
    MAJOR = "major", _("Major nonconformity")
    MINOR = "minor", _("Minor nonconformity")
    OBSERVATION = "observation", _("Observation")
    OPPORTUNITY = "opportunity", _("Opportunity for improvement")


# Findings of these types are nonconformities and raise one in the improvement app.
NONCONFORMITY_TYPES = (FindingType.MAJOR, FindingType.MINOR)


class ReviewStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INPUTS_COMPILED = "inputs_compiled", _("Inputs compiled")
    HELD = "held", _("Held")
    SIGNED = "signed", _("Signed")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
