"""Stored EU AI Act assessments of AI systems: the answers, the outcome, the rules version, who and when."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel
from styring.inventory.choices import AiActClass

# The system's fields an assessment depends on: when one changes afterwards, the assessment is out of date.
REASSESS_ON = ("purpose", "ai_act_roles", "lifecycle_stage")


class Assessment(TenantModel):
    system = models.ForeignKey(
        "inventory.AISystem", on_delete=models.CASCADE, related_name="ai_act_assessments", verbose_name=_("AI system")
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    outcome = models.JSONField(
        _("outcome"), default=dict, blank=True, help_text=_("Class, deciding provisions, obligations.")
    )
    ai_act_class = models.CharField(_("EU AI Act class"), max_length=20, choices=AiActClass.choices)
    fria_required = models.BooleanField(_("fundamental rights impact assessment required"), default=False)
    rules_version = models.CharField(_("rules version"), max_length=40)
    assessor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("assessor")
    )
    assessed_at = models.DateTimeField(_("assessed"))
    system_snapshot = models.JSONField(default=dict, editable=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-assessed_at", "-id"]
        verbose_name = _("EU AI Act assessment")
        verbose_name_plural = _("EU AI Act assessments")

    def __str__(self) -> str:
        return f"{self.system} · {self.get_ai_act_class_display()} · {self.assessed_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse(
            "regulation:assessment-detail", kwargs={"org": self.organisation.slug, "assessment": self.public_id}
        )

    def changed_since(self, system) -> list[str]:
        """The fields of the system that changed after this assessment (empty when it is still current)."""
        return [name for name in REASSESS_ON if self.system_snapshot.get(name) != getattr(system, name)]
