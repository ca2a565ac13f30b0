from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.models import TenantModel

from .choices import FROZEN_STATUSES, Classification, DocumentState, DocumentType, VersionStatus


class Document(TenantModel):
    """A controlled document (7.5): the stable identity, owner and review rules; its content lives in versions."""

    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    doc_type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices, default=DocumentType.POLICY)
    summary = models.TextField(_("purpose"), blank=True)
    owner = models.ForeignKey(
        "organisations.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices, default=Classification.INTERNAL
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    retention = models.CharField(
        _("retention period"), max_length=200, blank=True,
        help_text=_("How long retired versions are kept, e.g. “5 years after retirement”."),
    )  # fmt: skip
    requirements = models.ManyToManyField(
        "catalog.Requirement", blank=True, related_name="+", verbose_name=_("requirements addressed")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=DocumentState.choices, default=DocumentState.DRAFT, editable=False
    )
    # kept by the services so lists need no subqueries
    approved_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
        verbose_name=_("approved version"),
    )  # fmt: skip
    next_review = models.DateField(_("next review"), null=True, blank=True, editable=False)
    starter_key = models.CharField(_("adopted from starter"), max_length=60, blank=True, editable=False)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="document_reference_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("documents:document-detail", kwargs={"org": self.organisation.slug, "document": self.public_id})


class DocumentVersion(TenantModel):
    """One version of a document: Markdown text or an uploaded file. Approved versions never change."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    body = models.TextField(_("text (Markdown)"), blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    change_summary = models.TextField(_("summary of changes"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("author"),
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("approved by"),
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_number")]

    def __str__(self) -> str:
        return f"{self.document.reference} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "documents:version-detail", kwargs={"org": self.organisation.slug, "documentversion": self.public_id}
        )

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @property
    def is_file(self) -> bool:
        return bool(self.sha256)


class Publication(TenantModel):
    """An approved version sent to a group of members to read and acknowledge (7.3)."""

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="publications", verbose_name=_("version")
    )
    audience = models.CharField(_("audience"), max_length=500, blank=True)  # a readable description, for lists
    message = models.TextField(_("message"), blank=True)
    due_date = models.DateField(_("acknowledge by"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("published by"),
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.version} → {self.audience}"

    def get_absolute_url(self) -> str:
        return self.version.document.get_absolute_url() + "?tab=acknowledgements"


class Acknowledgement(TenantModel):
    """One member's confirmation that they read a published version."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="acknowledgements", verbose_name=_("publication")
    )
    member = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta:
        ordering = ["publication", "member__user__email"]
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["publication", "member"], name="acknowledgement_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.publication.version}: {self.member.user.email}"

    def get_absolute_url(self) -> str:
        return reverse("documents:to-read", kwargs={"org": self.organisation.slug})
