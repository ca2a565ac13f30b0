"""The organisation's context (4.1, 4.2) and the scope of its AI management system (4.3)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import Influence, IssueCategory, IssueKind, IssueStatus, PartyType, ScopeStatus


def _owner():
    return models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip


class ContextIssue(TenantModel):
    """An internal or external issue that bears on what the AI management system can achieve (4.1)."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=IssueKind.choices, default=IssueKind.EXTERNAL)
    category = models.CharField(
        _("category"), max_length=20, choices=IssueCategory.choices, default=IssueCategory.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    effect_on_aims = models.TextField(
        _("effect on the AIMS"), blank=True,
        help_text=_("How the issue shapes the objectives, risks or scope of the AI management system."),
    )  # fmt: skip
    owner = _owner()
    status = models.CharField(_("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.ACTIVE)
    review_date = models.DateField(_("next review"), null=True, blank=True)
    systems = models.ManyToManyField(
        "inventory.AISystem", blank=True, related_name="context_issues", verbose_name=_("AI systems")
    )
    risks = models.ManyToManyField("risks.Risk", blank=True, related_name="context_issues", verbose_name=_("risks"))

    class Meta:
        ordering = ["reference"]
        verbose_name = _("internal or external issue")
        verbose_name_plural = _("internal and external issues")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="contextissue_reference_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "context:contextissue-detail", kwargs={"org": self.organisation.slug, "contextissue": self.public_id}
        )


class InterestedParty(TenantModel):
    """A party with a stake in the organisation's use of AI, what it expects, and how the AIMS answers it (4.2)."""

    name = models.CharField(_("name"), max_length=200)
    party_type = models.CharField(_("type"), max_length=20, choices=PartyType.choices, default=PartyType.OTHER)
    needs = models.TextField(_("needs and expectations"), blank=True)
    requirements = models.TextField(_("relevant requirements"), blank=True)
    addressed_by_aims = models.BooleanField(
        _("addressed by the AIMS"), default=False,
        help_text=_("Whether the AI management system takes these requirements on."),
    )  # fmt: skip
    how_addressed = models.TextField(_("how they are addressed"), blank=True)
    influence = models.CharField(_("influence"), max_length=10, choices=Influence.choices, default=Influence.MEDIUM)
    owner = _owner()
    review_date = models.DateField(_("next review"), null=True, blank=True)
    catalog_requirements = models.ManyToManyField(
        "catalog.Requirement", blank=True, related_name="+", verbose_name=_("related catalog requirements")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("interested party")
        verbose_name_plural = _("interested parties")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "context:interestedparty-detail", kwargs={"org": self.organisation.slug, "interestedparty": self.public_id}
        )


class ScopeVersion(TenantModel):
    """One version of the scope of the AI management system (4.3). A draft is edited and submitted; a manager
    approves it (the previous approved version is superseded) or returns it. Approved versions are frozen."""

    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=ScopeStatus.choices, default=ScopeStatus.DRAFT)
    statement = models.TextField(_("scope statement"), blank=True)
    boundaries = models.TextField(
        _("boundaries"), blank=True, help_text=_("Organisational units, locations and processes covered.")
    )
    interfaces = models.TextField(
        _("interfaces and dependencies"), blank=True,
        help_text=_("Where the AIMS meets activities of others: suppliers, group functions, customers."),
    )  # fmt: skip
    exclusions = models.TextField(_("exclusions and their reasons"), blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("submitted by"),
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("approved by"),
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("scope version")
        verbose_name_plural = _("scope versions")
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="scopeversion_number_unique")]

    def __str__(self) -> str:
        return _("AIMS scope, version %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("context:scope", kwargs={"org": self.organisation.slug, "scopeversion": self.public_id})

    @property
    def is_editable(self) -> bool:
        return self.status == ScopeStatus.DRAFT


class ScopeSystem(TenantModel):
    """Whether one AI system of the inventory is inside or outside one version of the scope, and why."""

    scope = models.ForeignKey(ScopeVersion, on_delete=models.CASCADE, related_name="systems", verbose_name=_("scope"))
    # Kept when the system is later deleted from the inventory: the name stays readable in old versions.
    system = models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.SET_NULL, related_name="scope_rows",
        verbose_name=_("AI system"),
    )  # fmt: skip
    system_name = models.CharField(_("AI system name"), max_length=200, blank=True)
    in_scope = models.BooleanField(_("in scope"), default=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["system_name", "id"]
        verbose_name = _("AI system in the scope")
        verbose_name_plural = _("AI systems in the scope")
        constraints = [models.UniqueConstraint(fields=["scope", "system"], name="scopesystem_unique_system")]

    def __str__(self) -> str:
        return self.system_name or (self.system.name if self.system_id else "—")
