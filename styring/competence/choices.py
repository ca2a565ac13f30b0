from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetenceCategory(models.TextChoices):
    AI_ENGINEERING = "ai_engineering", _("AI/ML engineering")
    DATA = "data", _("Data management")
    RISK_IMPACT = "risk_impact", _("Risk and impact assessment")
    LEGAL = "legal", _("Legal and regulatory")
    ETHICS = "ethics", _("Ethics and fairness")
    SECURITY = "security", _("Security")
    DOMAIN = "domain", _("Domain knowledge")
    MANAGEMENT_SYSTEM = "management_system", _("Management system and audit")
    OTHER = "other", _("Other")


class CompetenceLevel(models.TextChoices):
    AWARENESS = "awareness", _("Awareness")
    PRACTITIONER = "practitioner", _("Practitioner")
    EXPERT = "expert", _("Expert")


# Levels are ordered: an expert also meets a requirement for awareness.
LEVEL_RANK = {CompetenceLevel.AWARENESS: 1, CompetenceLevel.PRACTITIONER: 2, CompetenceLevel.EXPERT: 3}


class EvidenceType(models.TextChoices):
    TRAINING = "training", _("Training record")
    CERTIFICATE = "certificate", _("Certificate")
    DEGREE = "degree", _("Degree")
    EXPERIENCE = "experience", _("Experience")
    ASSESSMENT = "assessment", _("Assessment")


class TrainingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BOOKED = "booked", _("Booked")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class GapState(models.TextChoices):
    """The state of one cell of the gap matrix (a role holder × a competence the role requires)."""

    MET = "met", _("Met")
    EXPIRED = "expired", _("Expired")
    BELOW = "below", _("Below the required level")
    MISSING = "missing", _("Missing")
