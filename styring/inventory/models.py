from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import AiActClass, AutomationLevel, Criticality, LifecycleStage, Sourcing


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
