from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel


class AIRole(TenantModel):
    """A role in the AI management system (5.3, A.3.2) with its responsibilities and authorities."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    authorities = models.TextField(_("authorities"), blank=True)
    # Concerns reported under A.3.3 reach the people holding a role marked here.
    receives_concerns = models.BooleanField(_("receives reported concerns"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("AI role")
        verbose_name_plural = _("AI roles")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="airole_name_per_organisation")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:airole-detail", kwargs={"org": self.organisation.slug, "airole": self.public_id})


class RoleAssignment(TenantModel):
    """Who holds a role: a member of the organisation, or a named person who does not use Styring."""

    role = models.ForeignKey(AIRole, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("role"))
    member = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("member"),
    )  # fmt: skip
    person_name = models.CharField(_("person outside Styring"), max_length=200, blank=True)
    person_email = models.EmailField(_("their e-mail address"), blank=True)
    system = models.ForeignKey(
        "inventory.AISystem", null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments",
        verbose_name=_("for AI system"),
    )  # fmt: skip
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["role__name", "person_name"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        return f"{self.role}: {self.holder_name}"

    @property
    def holder_name(self) -> str:
        if self.member_id:
            return self.member.user.get_full_name() or self.member.user.email
        return self.person_name

    def clean(self):
        super().clean()
        if bool(self.member_id) == bool(self.person_name.strip()):
            raise ValidationError(_("Choose a member or name a person outside Styring (one of the two)."))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})
