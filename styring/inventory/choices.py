from django.db import models
from django.utils.translation import gettext_lazy as _


class LifecycleStage(models.TextChoices):
    PLANNING = "planning", _("Planning")
    DEVELOPMENT = "development", _("Development")
    TESTING = "testing", _("Testing and validation")
    DEPLOYMENT = "deployment", _("Deployment")
    OPERATION = "operation", _("Operation")
    MONITORING = "monitoring", _("Monitoring and improvement")
    DECOMMISSIONED = "decommissioned", _("Decommissioned")


class Sourcing(models.TextChoices):
    IN_HOUSE = "in_house", _("Built in-house")
    THIRD_PARTY = "third_party", _("Bought or licensed AI system")
    EMBEDDED = "embedded", _("AI feature inside other software")
    GENERAL_PURPOSE = "general_purpose", _("General-purpose AI service used by staff")


class IsoRole(models.TextChoices):
    """The organisation's AI roles in the vocabulary of ISO/IEC 22989."""

    PROVIDER = "provider", _("AI provider")
    PRODUCER = "producer", _("AI producer")
    CUSTOMER = "customer", _("AI customer")
    PARTNER = "partner", _("AI partner")
    SUBJECT = "subject", _("AI subject")


class AiActRole(models.TextChoices):
    PROVIDER = "provider", _("Provider")
    DEPLOYER = "deployer", _("Deployer")
    IMPORTER = "importer", _("Importer")
    DISTRIBUTOR = "distributor", _("Distributor")
    AUTHORISED_REPRESENTATIVE = "authorised_representative", _("Authorised representative")
    PRODUCT_MANUFACTURER = "product_manufacturer", _("Product manufacturer")


class AutomationLevel(models.TextChoices):
    ADVISORY = "advisory", _("Advisory: a person makes every decision")
    HUMAN_IN_THE_LOOP = "human_in_the_loop", _("Human in the loop: a person approves each output")
    HUMAN_ON_THE_LOOP = "human_on_the_loop", _("Human on the loop: a person supervises and can intervene")
    AUTONOMOUS = "autonomous", _("Autonomous: no routine human involvement")


class AiActClass(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not assessed")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    PROHIBITED = "prohibited", _("Prohibited practice")
    HIGH_RISK = "high_risk", _("High-risk")
    TRANSPARENCY = "transparency", _("Transparency obligations")
    MINIMAL = "minimal", _("Minimal risk")


class Criticality(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class DueDiligenceStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")


class ModelApproach(models.TextChoices):
    SUPERVISED = "supervised", _("Supervised learning")
    UNSUPERVISED = "unsupervised", _("Unsupervised learning")
    REINFORCEMENT = "reinforcement", _("Reinforcement learning")
    GENERATIVE = "generative", _("Generative model (e.g. large language model)")
    RULES = "rules", _("Rules or statistics")
    OTHER = "other", _("Other")


class CandidateSource(models.TextChoices):
    SPREADSHEET = "spreadsheet", _("Spreadsheet import")
    CYCLONEDX = "cyclonedx", _("CycloneDX ML-BOM")
    MANIFEST = "manifest", _("Dependency manifest scan")
    SOFTWARE_CATALOG = "software_catalog", _("Business software catalog")
    SURVEY = "survey", _("Staff AI-use survey")
    MANUAL = "manual", _("Entered by hand")


class CandidateKind(models.TextChoices):
    SYSTEM = "aisystem", _("AI system")
    MODEL = "aimodel", _("AI model")
    DATASET = "dataset", _("Dataset")
    SUPPLIER = "supplier", _("Supplier")


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted as a new record")
    MERGED = "merged", _("Merged into an existing record")
    DISMISSED = "dismissed", _("Dismissed")
