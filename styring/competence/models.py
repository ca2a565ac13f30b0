"""Resources and competence (7.1, 7.2; A.4.6): the competences the AI management system needs, which AI roles
require which of them, the competences people hold with their evidence, and the training plan."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import CompetenceCategory, CompetenceLevel, EvidenceType, TrainingStatus


class Competence(TenantModel):
    """A skill or body of knowledge the organisation needs for its AI work, and how someone shows they have it."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(
        _("category"), max_length=30, choices=CompetenceCategory.choices, default=CompetenceCategory.OTHER
    )
    evidenced_by = models.TextField(_("how it is evidenced"), blank=True)
    renewal_months = models.PositiveSmallIntegerField(
        _("renew every (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the competence does not lapse."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="competence_name_per_organisation")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "competence:competence-detail", kwargs={"org": self.organisation.slug, "competence": self.public_id}
        )

    def clean(self):
        super().clean()
        if self.renewal_months is not None and not 1 <= self.renewal_months <= 240:
            raise ValidationError({"renewal_months": _("Choose between 1 and 240 months.")})


class RoleCompetence(TenantModel):
    """A competence an AI role requires, at a level."""

    role = models.ForeignKey(
        "governance.AIRole", on_delete=models.CASCADE, related_name="required_competences", verbose_name=_("AI role")
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, related_name="role_requirements", verbose_name=_("competence")
    )
    level = models.CharField(
        _("required level"), max_length=20, choices=CompetenceLevel.choices, default=CompetenceLevel.PRACTITIONER
    )

    class Meta:
        ordering = ["role__name", "competence__name"]
        verbose_name = _("role competence")
        verbose_name_plural = _("role competences")
        constraints = [models.UniqueConstraint(fields=["role", "competence"], name="role_competence_unique")]

    def __str__(self) -> str:
        return f"{self.role}: {self.competence} ({self.get_level_display()})"

    def get_absolute_url(self) -> str:
        return reverse("competence:role", kwargs={"org": self.organisation.slug, "airole": self.role.public_id})

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=exclude)
        if self.role_id and self.competence_id:
            others = RoleCompetence.objects.filter(role_id=self.role_id, competence_id=self.competence_id)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError({"competence": _("The role already requires this competence.")})


class _Person(models.Model):
    """A member of the organisation, or a named person who does not use Styring (exactly one of the two)."""

    member = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("member"),
    )  # fmt: skip
    person_name = models.CharField(_("person outside Styring"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def holder_name(self) -> str:
        if self.member_id:
            return self.member.user.get_full_name()
        return self.person_name

    def clean(self):
        super().clean()
        self.person_name = self.person_name.strip()
        if bool(self.member_id) == bool(self.person_name):
            raise ValidationError(_("Choose a member or name a person outside Styring (one of the two)."))


class PersonCompetence(_Person, TenantModel):
    """A competence a person holds, at a level, with the evidence for it and when it lapses."""

    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="holders", verbose_name=_("competence")
    )
    level = models.CharField(
        _("level held"), max_length=20, choices=CompetenceLevel.choices, default=CompetenceLevel.PRACTITIONER
    )
    evidence_type = models.CharField(
        _("evidence type"), max_length=20, choices=EvidenceType.choices, default=EvidenceType.TRAINING
    )
    evidence_reference = models.TextField(_("evidence (description or reference)"), blank=True)
    evidence = models.ForeignKey(
        "controls.Evidence", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("evidence record"),
    )  # fmt: skip
    obtained_on = models.DateField(_("obtained on"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("Left empty, it follows from the competence's renewal interval."),
    )

    class Meta:
        ordering = ["competence__name", "person_name", "id"]
        verbose_name = _("person's competence")
        verbose_name_plural = _("people's competences")

    def __str__(self) -> str:
        return f"{self.holder_name}: {self.competence}"

    def get_absolute_url(self) -> str:
        return reverse(
            "competence:personcompetence-detail",
            kwargs={"org": self.organisation.slug, "personcompetence": self.public_id},
        )

    def clean(self):
        super().clean()
        if self.obtained_on and self.expires_on and self.expires_on < self.obtained_on:
            raise ValidationError({"expires_on": _("It cannot expire before it was obtained.")})

    def is_expired(self, today) -> bool:
        return self.expires_on is not None and self.expires_on < today


class TrainingItem(_Person, TenantModel):
    """A planned training for a person and a competence (the training plan)."""

    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="training_items", verbose_name=_("competence")
    )
    title = models.CharField(_("title"), max_length=300)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    person_competence = models.ForeignKey(
        PersonCompetence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("competence record"),
    )  # fmt: skip

    class Meta:
        ordering = ["planned_on", "title", "id"]
        verbose_name = _("training")
        verbose_name_plural = _("training plan")

    def __str__(self) -> str:
        return f"{self.title} ({self.holder_name})"

    def get_absolute_url(self) -> str:
        return reverse(
            "competence:trainingitem-detail", kwargs={"org": self.organisation.slug, "trainingitem": self.public_id}
        )

    def clean(self):
        super().clean()
        if self.status == TrainingStatus.COMPLETED and not self.completed_on:
            raise ValidationError({"completed_on": _("Give the date the training was completed.")})
        if self.completed_on and self.status != TrainingStatus.COMPLETED:
            raise ValidationError({"completed_on": _("Only completed training has a completion date.")})

    @property
    def is_open(self) -> bool:
        return self.status in (TrainingStatus.PLANNED, TrainingStatus.BOOKED)
