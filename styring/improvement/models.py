from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel


class NonconformitySource(models.TextChoices):
    AUDIT = "audit", _("Internal audit")
    INCIDENT = "incident", _("AI incident")
    MONITORING = "monitoring", _("Monitoring breach")
    COMPLAINT = "complaint", _("Complaint or concern")
    REVIEW = "review", _("Management review")
    EXTERNAL_AUDIT = "external_audit", _("External audit")
    OTHER = "other", _("Other")


class Nonconformity(TenantModel):
    """A requirement not fulfilled (10.2), from any source. The record it came from is named by type, id, label and
    address, like a task's subject, so any app can raise one without this app knowing its models."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=NonconformitySource.choices)
    source_type = models.CharField(_("raised from"), max_length=100, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    source_label = models.CharField(max_length=300, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    system = models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.SET_NULL, related_name="nonconformities",
        verbose_name=_("AI system"),
    )  # fmt: skip
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    detected_on = models.DateField(_("detected on"), null=True, blank=True)

    class Meta:
        ordering = ["-reference"]
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="nonconformity_reference_per_org")
        ]
        indexes = [models.Index(fields=["organisation", "source_type", "source_id"], name="nonconformity_source")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "improvement:nonconformity-detail", kwargs={"org": self.organisation.slug, "nonconformity": self.public_id}
        )
