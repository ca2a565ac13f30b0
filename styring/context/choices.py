from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueKind(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")


class IssueCategory(models.TextChoices):
    LEGAL = "legal", _("Legal and regulatory")
    TECHNOLOGICAL = "technological", _("Technological")
    ECONOMIC = "economic", _("Economic and market")
    SOCIAL = "social", _("Social and ethical")
    ENVIRONMENTAL = "environmental", _("Environmental")
    ORGANISATIONAL = "organisational", _("Organisational and cultural")
    COMPETITIVE = "competitive", _("Competitive")
    OTHER = "other", _("Other")


class IssueStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


class PartyType(models.TextChoices):
    CUSTOMERS = "customers", _("Customers")
    USERS = "users", _("Users of AI systems")
    AFFECTED = "affected", _("Affected individuals and communities")
    EMPLOYEES = "employees", _("Employees and their representatives")
    REGULATORS = "regulators", _("Regulators and authorities")
    SUPPLIERS = "suppliers", _("Suppliers and partners")
    INVESTORS = "investors", _("Investors and owners")
    CERTIFICATION = "certification", _("Certification bodies")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class Influence(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class ScopeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")
