from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    POLICY = "policy", _("Policy")
    PROCEDURE = "procedure", _("Procedure")
    WORK_INSTRUCTION = "work_instruction", _("Work instruction")
    PLAN = "plan", _("Plan")
    RECORD = "record", _("Record")
    TEMPLATE = "template", _("Template")


# Reference prefixes per type: POL-001, PRO-001 …
REFERENCE_PREFIX = {
    DocumentType.POLICY: "POL",
    DocumentType.PROCEDURE: "PRO",
    DocumentType.WORK_INSTRUCTION: "WI",
    DocumentType.PLAN: "PLN",
    DocumentType.RECORD: "REC",
    DocumentType.TEMPLATE: "TPL",
}


class Classification(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    CONFIDENTIAL = "confidential", _("Confidential")
    RESTRICTED = "restricted", _("Restricted")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    # an approved version replaced by a newer approved one
    SUPERSEDED = "superseded", _("Superseded")
    # the document was withdrawn: its approved version no longer applies
    RETIRED = "retired", _("Retired")


WORKING_STATUSES = (VersionStatus.DRAFT, VersionStatus.IN_REVIEW)
FROZEN_STATUSES = (VersionStatus.APPROVED, VersionStatus.SUPERSEDED, VersionStatus.RETIRED)


class DocumentState(models.TextChoices):
    """The document as a whole, for lists and filters."""

    DRAFT = "draft", _("Draft, never approved")
    APPROVED = "approved", _("Approved")
    RETIRED = "retired", _("Retired")
