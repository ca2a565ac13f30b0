from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import MATURITY_LEVELS, Frequency, GapStatus, ImplementationStatus, Justification, SoAStatus


def validate_evidence_links(value) -> None:
    if not isinstance(value, list) or len(value) > 50:
        raise ValidationError(_("Give up to 50 links."))
    check = URLValidator(schemes=["http", "https"])
    for link in value:
        if not isinstance(link, str):
            raise ValidationError(_("Links must be text."))
        try:
            check(link)
        except ValidationError as exc:
            raise ValidationError(_("%(link)s is not a web address (http or https)."), params={"link": link}) from exc


class GapAnswer(TenantModel):
    """The organisation's assessment of one catalog requirement in a gap analysis."""

    requirement = models.ForeignKey(
        "catalog.Requirement", on_delete=models.PROTECT, related_name="+", verbose_name=_("requirement")
    )
    status = models.CharField(_("status"), max_length=20, choices=GapStatus.choices, default=GapStatus.NOT_STARTED)
    maturity = models.PositiveSmallIntegerField(
        _("maturity"),
        null=True,
        blank=True,
        choices=MATURITY_LEVELS,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
    )
    note = models.TextField(_("note"), blank=True)
    owner = models.ForeignKey(
        "organisations.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    evidence_links = models.JSONField(
        _("evidence links"), default=list, blank=True, validators=[validate_evidence_links]
    )

    class Meta:
        ordering = ["requirement__position"]
        verbose_name = _("gap-analysis answer")
        verbose_name_plural = _("gap-analysis answers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "requirement"],
                name="gapanswer_unique_requirement",
                violation_error_message=_("This requirement already has an answer in this organisation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement.ref} {self.requirement.title}"

    def clean(self):
        super().clean()
        if self.requirement_id and not self.requirement.assessable:
            raise ValidationError({"requirement": _("This requirement is not part of a gap analysis.")})

    def get_absolute_url(self) -> str:
        return reverse(
            "controls:gap-answer",
            kwargs={
                "org": self.organisation.slug,
                "version": self.requirement.version.key,
                "requirement": self.requirement.key,
            },
        )


class AppliedControl(TenantModel):
    """A control the organisation operates (6.1.3). One control can address requirements of several frameworks:
    it is linked to catalog requirements directly, and the crosswalks show what else it may cover."""

    reference = models.CharField(_("reference"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("how it works"), blank=True)
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    implementation_status = models.CharField(
        _("implementation"), max_length=20, choices=ImplementationStatus.choices, default=ImplementationStatus.PLANNED
    )
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices, blank=True)
    requirements = models.ManyToManyField(
        "catalog.Requirement", blank=True, related_name="+", verbose_name=_("requirements addressed")
    )
    risks = models.ManyToManyField(
        "risks.Risk", blank=True, related_name="applied_controls", verbose_name=_("risks treated")
    )
    evidence_note = models.TextField(_("evidence"), blank=True, help_text=_("Where the evidence of operation is kept."))
    review_date = models.DateField(_("next review"), null=True, blank=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("applied control")
        verbose_name_plural = _("applied controls")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="appliedcontrol_reference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse(
            "controls:appliedcontrol-detail", kwargs={"org": self.organisation.slug, "appliedcontrol": self.public_id}
        )


class SoAVersion(TenantModel):
    """One version of the Statement of Applicability. A draft is edited, submitted, and approved by a manager;
    from submission on it is frozen, and later changes start a new draft."""

    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=SoAStatus.choices, default=SoAStatus.DRAFT)
    change_summary = models.CharField(_("what changed"), max_length=500, blank=True)
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
    decision_note = models.TextField(_("approval note"), blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("Statement of Applicability version")
        verbose_name_plural = _("Statement of Applicability versions")
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="soaversion_number_unique")]

    def __str__(self) -> str:
        return _("Statement of Applicability, version %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("controls:soa", kwargs={"org": self.organisation.slug}) + f"?version={self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == SoAStatus.DRAFT


class SoAEntry(TenantModel):
    """The decision on one Annex A control within one version of the SoA."""

    soa = models.ForeignKey(SoAVersion, on_delete=models.CASCADE, related_name="entries", verbose_name=_("SoA"))
    requirement = models.ForeignKey(
        "catalog.Requirement", on_delete=models.PROTECT, related_name="+", verbose_name=_("control")
    )
    applicable = models.BooleanField(_("applicable"), null=True, blank=True)
    justification_type = models.CharField(_("reason"), max_length=20, choices=Justification.choices, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    implementation_status = models.CharField(
        _("implementation"), max_length=20, choices=ImplementationStatus.choices, blank=True
    )
    applied_controls = models.ManyToManyField(
        AppliedControl, blank=True, related_name="soa_entries", verbose_name=_("applied controls")
    )
    risks = models.ManyToManyField("risks.Risk", blank=True, related_name="soa_entries", verbose_name=_("risks"))

    class Meta:
        ordering = ["requirement__position"]
        verbose_name = _("SoA entry")
        verbose_name_plural = _("SoA entries")
        constraints = [models.UniqueConstraint(fields=["soa", "requirement"], name="soaentry_unique_control")]

    def __str__(self) -> str:
        return f"{self.requirement.ref} {self.requirement.display_title}"

    def get_absolute_url(self) -> str:
        return self.soa.get_absolute_url() + f"#entry-{self.public_id}"


class Evidence(TenantModel):
    """A file or a link showing that something is done. Files are stored once under their SHA-256 (the name a user
    gave is kept only as text), never executed, and always downloaded as attachments."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    collected_on = models.DateField(_("collected"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    applied_controls = models.ManyToManyField(
        AppliedControl, blank=True, related_name="evidence", verbose_name=_("applied controls")
    )
    soa_entries = models.ManyToManyField(SoAEntry, blank=True, related_name="evidence", verbose_name=_("SoA entries"))
    gap_answers = models.ManyToManyField(
        GapAnswer, blank=True, related_name="evidence", verbose_name=_("gap-analysis answers")
    )
    requirements = models.ManyToManyField(
        "catalog.Requirement", blank=True, related_name="+", verbose_name=_("requirements")
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("controls:evidence-detail", kwargs={"org": self.organisation.slug, "evidence": self.public_id})

    @property
    def is_file(self) -> bool:
        return bool(self.sha256)

    def clean(self):
        super().clean()
        if self.collected_on and self.valid_until and self.valid_until < self.collected_on:
            raise ValidationError({"valid_until": _("Valid until cannot be before the date it was collected.")})
