from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import (
    AiActClass,
    AutomationLevel,
    CandidateKind,
    CandidateSource,
    CandidateStatus,
    Criticality,
    DueDiligenceStatus,
    LifecycleStage,
    ModelApproach,
    Sourcing,
)


@deconstructible
class ChoiceListValidator:
    """A JSON list whose items all come from one TextChoices class (by dotted path, so migrations stay stable)."""

    def __init__(self, choices_path: str):
        self.choices_path = choices_path

    def __call__(self, value):
        allowed = set(import_string(self.choices_path).values)
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError(_("Choose from the listed options."))
        if len(set(value)) != len(value):
            raise ValidationError(_("Each option can be chosen once."))

    def __eq__(self, other):
        return isinstance(other, ChoiceListValidator) and other.choices_path == self.choices_path


def _owner_field():
    return models.ForeignKey(
        "organisations.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )


def _unique_name(model_name: str, message):
    return models.UniqueConstraint(
        fields=["organisation", "name"], name=f"{model_name}_unique_name", violation_error_message=message
    )


class Supplier(TenantModel):
    """A company that supplies AI systems, models, data or AI features (A.10.3), with its AI due diligence."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    services = models.TextField(_("what they supply"), blank=True)
    owner = _owner_field()
    due_diligence_status = models.CharField(
        _("due diligence"), max_length=30, choices=DueDiligenceStatus.choices, default=DueDiligenceStatus.NOT_STARTED
    )
    due_diligence_date = models.DateField(_("due diligence completed"), null=True, blank=True)
    due_diligence_answers = models.JSONField(_("due-diligence answers"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    review_date = models.DateField(_("next review"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        constraints = [_unique_name("supplier", _("A supplier with this name already exists in this organisation."))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inventory:supplier-detail", kwargs={"org": self.organisation.slug, "supplier": self.public_id})


class AIModel(TenantModel):
    """A trained model (own or third-party) used by one or more AI systems (A.4.2, A.6.2)."""

    name = models.CharField(_("name"), max_length=200)
    model_version = models.CharField(_("model version"), max_length=100, blank=True)
    approach = models.CharField(
        _("approach"), max_length=20, choices=ModelApproach.choices, default=ModelApproach.SUPERVISED
    )
    task = models.CharField(_("task"), max_length=200, blank=True, help_text=_("E.g. classification, ranking."))
    architecture = models.CharField(_("architecture"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    supplier = models.ForeignKey(
        Supplier, null=True, blank=True, on_delete=models.SET_NULL, related_name="models", verbose_name=_("supplier")
    )
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    limitations = models.TextField(_("known limitations"), blank=True)
    evaluation = models.TextField(_("evaluation results"), blank=True)
    owner = _owner_field()
    bom_ref = models.CharField(_("BOM reference"), max_length=300, blank=True)
    training_datasets = models.ManyToManyField(
        "Dataset", blank=True, related_name="trained_models", verbose_name=_("trained or evaluated on")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("AI model")
        verbose_name_plural = _("AI models")
        constraints = [_unique_name("aimodel", _("A model with this name already exists in this organisation."))]

    def __str__(self) -> str:
        return f"{self.name} {self.model_version}".strip()

    def get_absolute_url(self) -> str:
        return reverse("inventory:aimodel-detail", kwargs={"org": self.organisation.slug, "aimodel": self.public_id})


class Dataset(TenantModel):
    """Data used to train, test or run AI systems, with its provenance and quality (A.7)."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    provenance = models.TextField(
        _("provenance"), blank=True, help_text=_("Where the data comes from and how it was collected or changed.")
    )
    personal_data = models.BooleanField(_("contains personal data"), default=False)
    special_category_data = models.BooleanField(
        _("contains special-category data"),
        default=False,
        help_text=_("Health, ethnicity, religion, biometrics and similar."),
    )
    quality_checks = models.TextField(_("quality checks"), blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    supplier = models.ForeignKey(
        Supplier, null=True, blank=True, on_delete=models.SET_NULL, related_name="datasets", verbose_name=_("supplier")
    )
    owner = _owner_field()
    bom_ref = models.CharField(_("BOM reference"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        constraints = [_unique_name("dataset", _("A dataset with this name already exists in this organisation."))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inventory:dataset-detail", kwargs={"org": self.organisation.slug, "dataset": self.public_id})

    def clean(self):
        super().clean()
        if self.special_category_data and not self.personal_data:
            raise ValidationError({"special_category_data": _("Special-category data is personal data too.")})


class AISystem(TenantModel):
    """An AI system the organisation provides, develops, buys or uses (ISO/IEC 42001 8.1; A.4, A.6)."""

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose and intended use"), help_text=_("What the system is for and who uses it."))
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "organisations.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    business_unit = models.CharField(_("business unit"), max_length=200, blank=True)
    lifecycle_stage = models.CharField(
        _("lifecycle stage"), max_length=20, choices=LifecycleStage.choices, default=LifecycleStage.PLANNING
    )
    sourcing = models.CharField(_("sourcing"), max_length=20, choices=Sourcing.choices, default=Sourcing.IN_HOUSE)
    supplier = models.CharField(_("vendor or supplier"), max_length=200, blank=True)
    iso_roles = models.JSONField(
        _("AI roles (ISO/IEC 22989)"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator("styring.inventory.choices.IsoRole")],
    )
    ai_act_roles = models.JSONField(
        _("roles under the EU AI Act"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator("styring.inventory.choices.AiActRole")],
    )
    models_used = models.TextField(_("models"), blank=True, help_text=_("Models the system relies on."))
    datasets_used = models.TextField(_("datasets"), blank=True, help_text=_("Data used to train, tune or run it."))
    deployment_context = models.TextField(_("deployment context"), blank=True)
    affected_persons = models.TextField(
        _("affected persons"),
        blank=True,
        help_text=_("Who is affected by its outputs: customers, staff, the public…"),
    )
    processes_personal_data = models.BooleanField(_("processes personal data"), default=False)
    automation_level = models.CharField(
        _("degree of automation"),
        max_length=20,
        choices=AutomationLevel.choices,
        default=AutomationLevel.ADVISORY,
    )
    human_oversight = models.TextField(
        _("human oversight"), blank=True, help_text=_("How people monitor, correct or stop the system.")
    )
    ai_act_class = models.CharField(
        _("EU AI Act class"), max_length=20, choices=AiActClass.choices, default=AiActClass.NOT_ASSESSED
    )
    criticality = models.CharField(
        _("criticality"), max_length=10, choices=Criticality.choices, default=Criticality.MEDIUM
    )
    review_date = models.DateField(_("next review"), null=True, blank=True)
    ai_models = models.ManyToManyField(AIModel, blank=True, related_name="systems", verbose_name=_("linked models"))
    datasets = models.ManyToManyField(Dataset, blank=True, related_name="systems", verbose_name=_("linked datasets"))
    suppliers = models.ManyToManyField(Supplier, blank=True, related_name="systems", verbose_name=_("suppliers"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("AI system")
        verbose_name_plural = _("AI systems")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="aisystem_unique_name",
                violation_error_message=_("An AI system with this name already exists in this organisation."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "lifecycle_stage"], name="aisystem_stage")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inventory:aisystem-detail", kwargs={"org": self.organisation.slug, "aisystem": self.public_id})

    def clean(self):
        super().clean()
        # Field validators skip empty values, so an empty string would slip past ChoiceListValidator.
        for name in ("iso_roles", "ai_act_roles"):
            if not isinstance(getattr(self, name), list):
                raise ValidationError({name: _("Choose from the listed options.")})


class LifecycleChange(TenantModel):
    """A dated entry in an AI system's lifecycle history, written whenever its stage changes."""

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="lifecycle_changes")
    stage = models.CharField(_("lifecycle stage"), max_length=20, choices=LifecycleStage.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("lifecycle change")
        verbose_name_plural = _("lifecycle changes")

    def __str__(self) -> str:
        return f"{self.system} → {self.get_stage_display()}"


class Candidate(TenantModel):
    """Something discovery found (an import row, a BOM component, an SDK in a manifest, a survey answer…).
    Nothing enters the inventory until a member accepts it, merges it into an existing record or dismisses it."""

    source = models.CharField(_("source"), max_length=20, choices=CandidateSource.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=CandidateKind.choices, default=CandidateKind.SYSTEM)
    name = models.CharField(_("name"), max_length=200)
    proposed = models.JSONField(_("proposed values"), default=dict, blank=True)
    evidence = models.TextField(_("where it was found"), blank=True)
    batch = models.CharField(_("import batch"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    result_id = models.CharField(max_length=64, blank=True)
    # For survey answers: a keyed hash of the sender's address, only to rate-limit; it cannot be turned back.
    origin_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("discovery candidate")
        verbose_name_plural = _("discovery candidates")
        indexes = [models.Index(fields=["organisation", "status"], name="candidate_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse(
            "inventory:candidate-detail", kwargs={"org": self.organisation.slug, "candidate": self.public_id}
        )
