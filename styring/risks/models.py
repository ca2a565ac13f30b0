"""AI risks and opportunities (ISO/IEC 42001 6.1, 8.2, 8.3) rated on the organisation's own risk method."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import ImpactStatus, ImpactVariant, OpportunityStatus, RiskStatus, TreatmentOption
from .method import LEVEL_KEYS, localized


class RiskMethod(TenantModel):
    """One version of the organisation's risk method. Publishing a change creates a new version; risks keep the
    version they were rated with, so an old rating stays readable."""

    number = models.PositiveIntegerField(_("method version"))
    likelihood = models.JSONField(_("likelihood scale"))
    impact = models.JSONField(_("impact scale"))
    levels = models.JSONField(_("risk levels"))
    matrix = models.JSONField(_("risk matrix"))
    acceptance_level = models.CharField(
        _("acceptable up to"),
        max_length=20,
        help_text=_("Risks whose level is at or below this may be accepted without further treatment."),
    )
    review_interval_months = models.PositiveSmallIntegerField(_("review interval (months)"), default=12)
    is_current = models.BooleanField(_("current"), default=True)
    change_summary = models.CharField(_("what changed"), max_length=500, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("risk method")
        verbose_name_plural = _("risk methods")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="risk_method_number_per_organisation")
        ]

    def __str__(self) -> str:
        return _("Risk method version %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("risks:method", kwargs={"org": self.organisation.slug}) + f"?version={self.number}"

    # --- reading the method -------------------------------------------------------------------------------------
    def level_of(self, likelihood: int | None, impact: int | None) -> str:
        if not likelihood or not impact:
            return ""
        return self.matrix[likelihood - 1][impact - 1]

    def rank(self, level: str) -> int:
        return LEVEL_KEYS.index(level) if level in LEVEL_KEYS else -1

    def is_acceptable(self, level: str) -> bool:
        return bool(level) and self.rank(level) <= self.rank(self.acceptance_level)

    def level_label(self, level: str) -> str:
        return next((localized(item["labels"]) for item in self.levels if item["key"] == level), "")

    def level_colour(self, level: str) -> str:
        return next((item.get("colour", "") for item in self.levels if item["key"] == level), "")

    def likelihood_label(self, value: int | None) -> str:
        return localized(self.likelihood[value - 1]["labels"]) if value else ""

    def impact_label(self, value: int | None) -> str:
        return localized(self.impact[value - 1]["labels"]) if value else ""


class Risk(TenantModel):
    reference = models.CharField(_("reference"), max_length=20, help_text=_("Given automatically, e.g. R-007."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    system = models.ForeignKey(
        "inventory.AISystem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        verbose_name=_("AI system"),
        help_text=_("Leave empty for a risk to the management system or the organisation as a whole."),
    )
    risk_source = models.ForeignKey(
        "catalog.Requirement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("risk source (ISO/IEC 42001 Annex C)"),
    )
    own_risk_source = models.CharField(_("other risk source"), max_length=200, blank=True)
    consequences_organisation = models.TextField(_("consequences for the organisation"), blank=True)
    consequences_individuals = models.TextField(_("consequences for individuals"), blank=True)
    consequences_society = models.TextField(_("consequences for groups and society"), blank=True)
    method = models.ForeignKey(
        RiskMethod, on_delete=models.PROTECT, related_name="risks", verbose_name=_("rated with method")
    )
    inherent_likelihood = models.PositiveSmallIntegerField(_("inherent likelihood"), null=True, blank=True)
    inherent_impact = models.PositiveSmallIntegerField(_("inherent impact"), null=True, blank=True)
    inherent_level = models.CharField(_("inherent level"), max_length=20, blank=True, editable=False)
    treatment_option = models.CharField(_("treatment"), max_length=20, choices=TreatmentOption.choices, blank=True)
    treatment_plan = models.TextField(_("treatment plan"), blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(_("residual likelihood"), null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(_("residual impact"), null=True, blank=True)
    residual_level = models.CharField(_("residual level"), max_length=20, blank=True, editable=False)
    owner = models.ForeignKey(
        "organisations.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("risk owner"),
    )
    status = models.CharField(_("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.IDENTIFIED)
    accepted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("accepted by"),
    )  # fmt: skip
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    acceptance_rationale = models.TextField(_("acceptance rationale"), blank=True)
    review_date = models.DateField(_("next review"), null=True, blank=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="risk_reference_per_organisation")
        ]
        indexes = [models.Index(fields=["organisation", "residual_level"], name="risk_residual_level")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("risks:risk-detail", kwargs={"org": self.organisation.slug, "risk": self.public_id})

    @property
    def risk_source_label(self) -> str:
        if self.risk_source_id:
            return f"{self.risk_source.ref} {self.risk_source.display_title}"
        return self.own_risk_source

    def clean(self):
        super().clean()
        errors = {}
        if self.method_id:
            size_l, size_i = len(self.method.likelihood), len(self.method.impact)
            for prefix in ("inherent", "residual"):
                likelihood = getattr(self, f"{prefix}_likelihood")
                impact = getattr(self, f"{prefix}_impact")
                if likelihood is not None and not 1 <= likelihood <= size_l:
                    errors[f"{prefix}_likelihood"] = _("Choose a step of the likelihood scale (1 to %(n)s).") % {
                        "n": size_l
                    }
                if impact is not None and not 1 <= impact <= size_i:
                    errors[f"{prefix}_impact"] = _("Choose a step of the impact scale (1 to %(n)s).") % {"n": size_i}
                if (likelihood is None) != (impact is None):
                    errors[f"{prefix}_impact"] = _("Rate both likelihood and impact, or neither.")
        if self.risk_source_id and self.risk_source.kind != "risk_source":
            errors["risk_source"] = _("Choose a risk source from Annex C.")
        if errors:
            raise ValidationError(errors)
        if self.method_id and not errors:
            self.inherent_level = self.method.level_of(self.inherent_likelihood, self.inherent_impact)
            self.residual_level = self.method.level_of(self.residual_likelihood, self.residual_impact)


class Opportunity(TenantModel):
    """An AI-related opportunity (6.1.1 asks for risks and opportunities alike)."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    system = models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.PROTECT, related_name="opportunities",
        verbose_name=_("AI system"),
    )  # fmt: skip
    benefit = models.TextField(_("expected benefit"), blank=True)
    actions = models.TextField(_("actions to realise it"), blank=True)
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=20, choices=OpportunityStatus.choices, default=OpportunityStatus.IDENTIFIED
    )
    review_date = models.DateField(_("next review"), null=True, blank=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="opportunity_reference_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "risks:opportunity-detail", kwargs={"org": self.organisation.slug, "opportunity": self.public_id}
        )


class ImpactAssessment(TenantModel):
    """An assessment of an AI system's impact on people and society (6.1.4, 8.4, A.5), or the EU AI Act's
    fundamental rights impact assessment. Approval freezes a version; a change starts the next version."""

    system = models.ForeignKey(
        "inventory.AISystem", on_delete=models.PROTECT, related_name="impact_assessments", verbose_name=_("AI system")
    )
    variant = models.CharField(_("kind"), max_length=10, choices=ImpactVariant.choices, default=ImpactVariant.AISIA)
    number = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=ImpactStatus.choices, default=ImpactStatus.DRAFT)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    impacts = models.JSONField(_("impacts"), default=dict, blank=True)
    reviewers = models.TextField(
        _("reviewers"), blank=True, help_text=_("Who reviewed the assessment, and their role.")
    )
    reassessment_triggers = models.TextField(
        _("re-assess when"), blank=True, help_text=_("Changes that call for a new assessment.")
    )
    dpia_reference = models.CharField(
        _("DPIA reused"),
        max_length=300,
        blank=True,
        help_text=_("The data protection impact assessment answers came from."),
    )
    approved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("approved by"),
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["system__name", "variant", "-number"]
        verbose_name = _("impact assessment")
        verbose_name_plural = _("impact assessments")
        constraints = [
            models.UniqueConstraint(fields=["system", "variant", "number"], name="impact_assessment_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_variant_display()} · {self.system.name} · v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "risks:impact-detail", kwargs={"org": self.organisation.slug, "impactassessment": self.public_id}
        )

    @property
    def is_editable(self) -> bool:
        return self.status == ImpactStatus.DRAFT
