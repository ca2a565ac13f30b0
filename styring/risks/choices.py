from django.db import models
from django.utils.translation import gettext_lazy as _


class TreatmentOption(models.TextChoices):
    MODIFY = "modify", _("Modify (reduce with controls)")
    AVOID = "avoid", _("Avoid (stop the activity)")
    SHARE = "share", _("Share (transfer, e.g. contract or insurance)")
    RETAIN = "retain", _("Retain (accept as it is)")


class RiskStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    ASSESSED = "assessed", _("Assessed")
    IN_TREATMENT = "in_treatment", _("In treatment")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


class OpportunityStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    PURSUED = "pursued", _("Being pursued")
    REALISED = "realised", _("Realised")
    DROPPED = "dropped", _("Dropped")


class ImpactVariant(models.TextChoices):
    AISIA = "aisia", _("AI system impact assessment")
    FRIA = "fria", _("Fundamental rights impact assessment (EU AI Act)")


class ImpactStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")
