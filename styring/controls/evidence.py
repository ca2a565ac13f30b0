"""Evidence: safe storage of uploaded files, the writes, the register pages, expiry reminders, and where evidence
shows on a requirement's page."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from datetime import timedelta
from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from styring.catalog import links as catalog_links
from styring.core.crud import Crud
from styring.core.forms import ScopedForm
from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable, ScopedFilterSet
from styring.core.permissions import Perm
from styring.core.services import tenant_create, tenant_delete, tenant_update
from styring.core.views import TenantObjectMixin
from styring.organisations.models import Membership
from styring.tasks import jobs

from .models import AppliedControl, Evidence

FIELDS = (
    "title",
    "description",
    "url",
    "collected_on",
    "valid_until",
    "owner",
    "applied_controls",
    "soa_entries",
    "gap_answers",
    "requirements",
)
LINKS = ("applied_controls", "soa_entries", "gap_answers", "requirements")
REMIND_DAYS_BEFORE = 30
_EXECUTABLE = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xfe\xed\xfa", b"\xca\xfe\xba\xbe")
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # legacy Office files
)
_OFFICE = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def max_bytes() -> int:
    return settings.STYRING_EVIDENCE_MAX_BYTES


def sniff(content: bytes) -> str:
    """The content type judged from the bytes themselves (never from the name or the browser's claim)."""
    if not content:
        raise ValidationError(_("The file is empty."))
    if content.startswith(_EXECUTABLE):
        raise ValidationError(_("Programs are not accepted as evidence."))
    for signature, content_type in _SIGNATURES:
        if content.startswith(signature):
            return content_type
    if content.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        except zipfile.BadZipFile as exc:
            raise ValidationError(_("The file is damaged.")) from exc
        for prefix, content_type in _OFFICE.items():
            if any(name.startswith(prefix) for name in names):
                return content_type
        return "application/zip"
    head = content[:65536]
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut at the end of the sample
                return "text/plain"
    raise ValidationError(
        _("This type of file is not accepted. Use PDF, images, Office documents, text or CSV, or a ZIP archive.")
    )


def safe_name(name: str) -> str:
    """The last part of a path, without control characters, at most 255 characters; never used as a path."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f\"<>|:*?]", "", name).strip(" .")
    return name[-255:] or "evidence"


def blob_path(sha256: str) -> str:
    return f"evidence/{sha256[:2]}/{sha256}"


def store_content(content: bytes) -> str:
    """Keep `content` once under its SHA-256 and return the digest (call after validation)."""
    digest = hashlib.sha256(content).hexdigest()
    path = blob_path(digest)
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(content))
    return digest


def read_upload(upload) -> tuple[bytes, str, str]:
    """(content, safe name, content type) of an uploaded file, or a validation error; nothing is stored."""
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)})
    content = upload.read(max_bytes() + 1)
    if len(content) > max_bytes():
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)})
    return content, safe_name(upload.name), sniff(content)


# --- writes --------------------------------------------------------------------------------------------------------


def _split(data: dict[str, Any]) -> tuple[dict, dict]:
    unknown = set(data) - set(FIELDS) - {"upload"}
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return {k: v for k, v in data.items() if k not in LINKS}, {k: v for k, v in data.items() if k in LINKS}


def evidence_create(*, organisation, actor, reason: str = "", upload=None, **data: Any) -> Evidence:
    """A link, or an uploaded file that is checked, hashed and stored before the record is written."""
    values, links = _split(data)
    evidence = Evidence(organisation=organisation, **values)
    if upload is not None:
        if evidence.url:
            raise ValidationError(_("Give a file or a link, not both."))
        content, name, content_type = read_upload(upload)
        evidence.file_name, evidence.content_type, evidence.size = name, content_type, len(content)
        evidence.sha256 = hashlib.sha256(content).hexdigest()
        evidence.full_clean()  # before the file is kept: a refused record leaves nothing behind
        store_content(content)
    elif not evidence.url:
        raise ValidationError(_("Upload a file or give a link."))
    return tenant_create(instance=evidence, actor=actor, reason=reason, links=links)


def evidence_update(record: Evidence, *, actor, expected_version=None, reason: str = "", **data) -> Evidence:
    data.pop("upload", None)  # the file of a record never changes: upload new evidence instead
    _split(data)
    if record.is_file:
        data.pop("url", None)
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def evidence_delete(*, record: Evidence, actor, expected_version=None, reason: str = "") -> None:
    digest = record.sha256
    with transaction.atomic():
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)
        if digest and not Evidence.objects.filter(sha256=digest).exists():
            transaction.on_commit(lambda: default_storage.delete(blob_path(digest)))


# --- pages ---------------------------------------------------------------------------------------------------------


def evidence_of(organisation):
    return Evidence.objects.for_organisation(organisation).select_related("organisation", "owner__user")


class EvidenceForm(ScopedForm):
    upload = forms.FileField(label=gettext_lazy("File"), required=False)
    url = forms.URLField(label=gettext_lazy("Link"), required=False, max_length=1000, assume_scheme="https")

    class Meta:
        model = Evidence
        fields = list(FIELDS)
        widgets = {"collected_on": forms.DateInput(), "valid_until": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .applied import addressable_requirements

        self.fields["requirements"].queryset = addressable_requirements()
        self.fields["requirements"].to_field_name = "key"
        self.fields["requirements"].label_from_instance = lambda r: f"{r.version.framework.name} {r.ref}"
        self.fields["soa_entries"].queryset = (
            self.fields["soa_entries"].queryset.select_related("requirement", "soa").filter(soa__status="draft")
        )
        self.fields["gap_answers"].queryset = self.fields["gap_answers"].queryset.select_related("requirement")
        for name in LINKS:
            self.fields[name].widget.attrs["size"] = 5
        self.fields["upload"].help_text = _(
            "PDF, images, Office documents, text or CSV, up to %(mb)s MB. Or give a link instead."
        ) % {"mb": max_bytes() // (1024 * 1024)}
        if self.instance.pk:
            self.fields.pop("upload")
            if self.instance.is_file:
                self.fields.pop("url")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is not None:
            try:
                read_upload(upload)
            except ValidationError as exc:
                self.add_error("upload", exc)
            upload.seek(0)
        return cleaned

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.fields if name not in ("reason", "version")}
        if data.get("upload") is None:
            data.pop("upload", None)
        return data


class EvidenceTable(OrganisationTable):
    title = LinkedNameColumn(verbose_name=gettext_lazy("Evidence"))
    kind = tables.Column(verbose_name=gettext_lazy("Kind"), accessor="sha256", orderable=False)
    collected_on = tables.DateColumn(verbose_name=gettext_lazy("Collected"), short=True)
    valid_until = tables.DateColumn(verbose_name=gettext_lazy("Valid until"), short=True)
    owner = tables.Column(
        verbose_name=gettext_lazy("Owner"), accessor="owner__user", order_by=("owner__user__full_name",)
    )

    class Meta:
        model = Evidence
        fields = ("title", "kind", "collected_on", "valid_until", "owner")
        attrs = TABLE_ATTRS
        order_by = ("title",)

    def render_kind(self, record):
        return record.file_name if record.is_file else _("Link")

    def value_kind(self, record):
        return self.render_kind(record)


class EvidenceFilterSet(ScopedFilterSet):
    search_fields = ("title", "description", "file_name", "url")
    owner = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Owner"), empty_label=gettext_lazy("Anyone"), queryset=Membership.objects.none(),
        to_field_name="public_id",
    )  # fmt: skip
    requirement = django_filters.CharFilter(
        label=gettext_lazy("Requirement"), method="for_requirement", widget=forms.HiddenInput
    )
    expired = django_filters.BooleanFilter(label=gettext_lazy("Expired"), method="filter_expired")

    class Meta:
        model = Evidence
        fields: list[str] = []

    def for_requirement(self, queryset, name, value):
        """Evidence for a requirement: linked to it directly or through an applied control that addresses it."""
        return queryset.filter(Q(requirements__key=value) | Q(applied_controls__requirements__key=value)).distinct()

    def filter_expired(self, queryset, name, value):
        today = timezone.localdate()
        if value is True:
            return queryset.filter(valid_until__lt=today)
        if value is False:
            return queryset.exclude(valid_until__lt=today)
        return queryset


def _related(record: Evidence) -> list:
    return [
        (_("Applied controls"), list(record.applied_controls.all())),
        (_("SoA entries"), list(record.soa_entries.select_related("requirement", "soa__organisation"))),
        (_("Gap-analysis answers"), []),
    ]


def _actions(record: Evidence) -> list:
    if not record.is_file:
        return [(_("Open the link"), record.url, Perm.RISK_VIEW)]
    url = reverse("controls:evidence-download", kwargs={"org": record.organisation.slug, "evidence": record.public_id})
    return [(_("Download %(name)s") % {"name": record.file_name}, url, Perm.RISK_VIEW)]


EVIDENCE = Crud(
    model=Evidence,
    url_prefix="evidence",
    list_title=gettext_lazy("Evidence"),
    create_title=gettext_lazy("Add evidence"),
    selector=evidence_of,
    create=evidence_create,
    update=evidence_update,
    delete=evidence_delete,
    form_class=EvidenceForm,
    table_class=EvidenceTable,
    filterset_class=EvidenceFilterSet,
    view_permission=Perm.RISK_VIEW,
    change_permission=Perm.RISK_CHANGE,
    delete_permission=Perm.RISK_DELETE,
    detail_fields=("description", "url", "file_name", "content_type", "size", "sha256", "collected_on",
                   "valid_until", "owner"),
    empty_text=gettext_lazy("Upload documents, screenshots or exports, or link to where evidence is kept, and link "
                            "them to the controls and requirements they support."),
    export_name="evidence",
    related=_related,
    actions=_actions,
)  # fmt: skip


class EvidenceDownloadView(TenantObjectMixin, View):
    """The stored file, always as an attachment, never rendered by the browser."""

    model = Evidence
    lookup_kwarg = "evidence"
    permission_required = Perm.RISK_VIEW
    http_method_names = ["get"]

    def get_queryset(self):
        return Evidence.objects.select_related("organisation")

    def get(self, request, *args, **kwargs):
        evidence = self.get_object()
        if not evidence.is_file:  # a link has nothing to download: its page shows the link
            return redirect(evidence.get_absolute_url())
        if not default_storage.exists(blob_path(evidence.sha256)):
            raise Http404
        response = FileResponse(
            default_storage.open(blob_path(evidence.sha256), "rb"),
            as_attachment=True,
            filename=evidence.file_name,
            content_type=evidence.content_type or "application/octet-stream",
        )
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


# --- reminders and requirement pages --------------------------------------------------------------------------------


@jobs.register("evidence-expiry-reminders")
def expiry_reminders(today=None) -> str:
    """One open task per piece of evidence that expires within 30 days (or has expired), for its owner."""
    from styring.tasks.selectors import open_tasks_about
    from styring.tasks.services import task_create

    today = today or timezone.localdate()
    due = Evidence.objects.filter(
        valid_until__isnull=False, valid_until__lte=today + timedelta(days=REMIND_DAYS_BEFORE)
    ).select_related("organisation", "owner__user")
    by_organisation: dict = {}
    for evidence in due:
        by_organisation.setdefault(evidence.organisation, []).append(evidence)
    created = 0
    for organisation, records in by_organisation.items():
        existing = open_tasks_about(organisation, "controls.evidence", [record.public_id for record in records])
        with transaction.atomic():
            for record in records:
                if str(record.public_id) in existing:
                    continue
                task_create(
                    organisation=organisation,
                    actor=None,
                    title=_("Renew evidence: %(title)s") % {"title": record.title},
                    owner=record.owner,
                    due_date=record.valid_until,
                    subject=record,
                    subject_url=record.get_absolute_url(),
                )
                created += 1
    return f"{created} evidence renewal tasks created"


@catalog_links.register
def _requirement_links(organisation, requirement) -> list[catalog_links.RequirementLink]:
    """On a requirement's page: the applied controls that address it and the evidence for it."""
    controls = AppliedControl.objects.for_organisation(organisation).filter(requirements=requirement)
    evidence = (
        Evidence.objects.for_organisation(organisation)
        .filter(Q(requirements=requirement)
                | Q(applied_controls__requirements=requirement))
        .distinct()
    )  # fmt: skip
    return [
        catalog_links.RequirementLink(_("Applied control"), str(control), control.get_absolute_url())
        for control in controls.select_related("organisation")
    ] + [
        catalog_links.RequirementLink(_("Evidence"), str(item), item.get_absolute_url())
        for item in evidence.select_related("organisation")
    ]
