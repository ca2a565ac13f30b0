"""Every write to documents, versions, publications and acknowledgements. Approved versions never change: the
services refuse it, so the pages and the API cannot do it either."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.controls.evidence import read_upload, store_content
from styring.core.dates import add_months
from styring.core.services import lock_organisation, next_reference, tenant_create, tenant_delete, tenant_update
from styring.organisations.models import Membership

from .choices import FROZEN_STATUSES, REFERENCE_PREFIX, DocumentState, VersionStatus
from .models import Acknowledgement, Document, DocumentVersion, Publication

DOCUMENT_FIELDS = (
    "title",
    "doc_type",
    "summary",
    "owner",
    "classification",
    "review_interval_months",
    "retention",
    "requirements",
)
LINKS = ("requirements",)


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def _attach(version: DocumentVersion, upload) -> bytes:
    """Check an uploaded file and put its details on the version; the caller stores the bytes after validation."""
    content, name, content_type = read_upload(upload)
    version.file_name, version.content_type, version.size = name, content_type, len(content)
    version.sha256 = hashlib.sha256(content).hexdigest()
    return content


# --- documents -----------------------------------------------------------------------------------------------------


def document_create(
    *,
    organisation,
    actor,
    reason: str = "",
    body: str = "",
    change_summary: str = "",
    upload=None,
    starter_key: str = "",
    **data: Any,
) -> Document:
    """A document with its first draft version (text, an uploaded file, or empty to be written later)."""
    data = _only(data, DOCUMENT_FIELDS)
    links = {name: data.pop(name) for name in LINKS if name in data}
    with transaction.atomic():
        lock_organisation(organisation)
        document = Document(organisation=organisation, starter_key=starter_key, **data)
        document.reference = next_reference(Document, organisation, f"{REFERENCE_PREFIX[document.doc_type]}-")
        tenant_create(instance=document, actor=actor, reason=reason, links=links)
        version = DocumentVersion(
            organisation=organisation,
            document=document,
            number=1,
            body=body,
            change_summary=change_summary or _("First version"),
            author=actor,
        )
        content = _attach(version, upload) if upload is not None else None
        tenant_create(instance=version, actor=actor, reason=reason)
        if content is not None:
            store_content(content)
    return document


def document_update(record: Document, *, actor, expected_version=None, reason: str = "", **data) -> Document:
    data = _only(data, DOCUMENT_FIELDS)
    if data.get("review_interval_months") and record.approved_version_id and "next_review" not in data:
        # a new interval counts from the last approval
        approved = record.approved_version
        if approved and approved.approved_at and data["review_interval_months"] != record.review_interval_months:
            data["next_review"] = add_months(timezone.localdate(approved.approved_at), data["review_interval_months"])
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def document_delete(*, record: Document, actor, expected_version=None, reason: str = "") -> None:
    """Only a document that was never approved can be deleted; approved ones are records and are retired instead."""
    with transaction.atomic():
        versions = list(DocumentVersion.objects.filter(document=record))
        if any(version.status in FROZEN_STATUSES for version in versions):
            raise ValidationError(_("This document has been approved, so it is kept as a record. Retire it instead."))
        for version in versions:
            tenant_delete(instance=version, actor=actor, reason=reason)
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def document_retire(*, document: Document, actor, reason: str) -> Document:
    """Withdraw the document: its approved version is retired, open drafts are discarded."""
    if not reason.strip():
        raise ValidationError(_("Say why the document is retired."))
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.state == DocumentState.RETIRED:
            raise ValidationError(_("This document is already retired."))
        versions = DocumentVersion.objects.filter(document=document)
        if versions.filter(status=VersionStatus.IN_REVIEW).exists():
            raise ValidationError(_("A version is in review. Approve or return it first."))
        for draft in versions.filter(status=VersionStatus.DRAFT):
            tenant_delete(instance=draft, actor=actor, reason=reason)
        for approved in versions.filter(status=VersionStatus.APPROVED):
            tenant_update(
                instance=approved,
                actor=actor,
                data={"status": VersionStatus.RETIRED, "retired_at": timezone.now()},
                reason=reason,
            )
        return tenant_update(
            instance=document, actor=actor, data={"state": DocumentState.RETIRED, "next_review": None}, reason=reason
        )


def document_review_confirm(*, document: Document, actor, note: str) -> Document:
    """A periodic review that found nothing to change: the next review date moves on, the decision is logged."""
    if document.state != DocumentState.APPROVED:
        raise ValidationError(_("Only an approved document is reviewed."))
    if not note.strip():
        raise ValidationError(_("Note what was reviewed."))
    next_review = add_months(timezone.localdate(), document.review_interval_months)
    return tenant_update(
        instance=document,
        actor=actor,
        data={"next_review": next_review},
        reason=_("Reviewed without changes: %(note)s") % {"note": note[:500]},
    )


# --- versions ------------------------------------------------------------------------------------------------------


def _fresh(version: DocumentVersion) -> DocumentVersion:
    return DocumentVersion.objects.select_related("document", "organisation").get(pk=version.pk)


def version_update(
    version: DocumentVersion,
    *,
    actor,
    expected_version=None,
    reason: str = "",
    upload=None,
    remove_file: bool = False,
    **data,
) -> DocumentVersion:
    """Change a draft's text, file or change summary. Anything but a draft is refused."""
    data = _only(data, ("body", "change_summary"))
    current = _fresh(version)
    if not current.is_editable:
        raise ValidationError(
            _("Only a draft can be changed. Approved versions never change: start a new version instead.")
        )
    content = None
    if upload is not None:
        content = _attach(current, upload)
        data.update(
            file_name=current.file_name, content_type=current.content_type, size=current.size, sha256=current.sha256
        )
    elif remove_file:
        data.update(file_name="", content_type="", size=None, sha256="")
    with transaction.atomic():
        updated = tenant_update(
            instance=DocumentVersion.objects.get(pk=version.pk),
            actor=actor,
            data=data,
            expected_version=expected_version,
            reason=reason,
        )
        if content is not None:
            store_content(content)
    return updated


def version_start(*, document: Document, actor, change_summary: str = "") -> DocumentVersion:
    """The open draft, or a new one copied from the latest version."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.state == DocumentState.RETIRED:
            raise ValidationError(_("This document is retired."))
        versions = DocumentVersion.objects.filter(document=document)
        draft = versions.filter(status=VersionStatus.DRAFT).first()
        if draft is not None:
            return draft
        if versions.filter(status=VersionStatus.IN_REVIEW).exists():
            raise ValidationError(_("A version is in review. Approve or return it first."))
        latest = versions.order_by("-number").first()
        version = DocumentVersion(
            organisation=document.organisation,
            document=document,
            number=(latest.number + 1) if latest else 1,
            author=actor,
            change_summary=change_summary,
        )
        if latest is not None:
            for name in ("body", "file_name", "content_type", "size", "sha256"):
                setattr(version, name, getattr(latest, name))
        return tenant_create(instance=version, actor=actor)


def version_submit(*, version: DocumentVersion, actor) -> DocumentVersion:
    current = _fresh(version)
    if current.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    if not current.body.strip() and not current.is_file:
        raise ValidationError(_("Write the text or upload the file before submitting."))
    if not current.change_summary.strip():
        raise ValidationError(_("Summarise the changes before submitting."))
    if current.document.owner_id is None:
        raise ValidationError(_("Name the document's owner before submitting it."))
    return tenant_update(
        instance=current,
        actor=actor,
        data={"status": VersionStatus.IN_REVIEW, "submitted_at": timezone.now()},
        reason=_("Submitted for review"),
    )


def version_decide(*, version: DocumentVersion, actor, approve: bool, note: str = "") -> DocumentVersion:
    """Approve (the previously approved version is superseded and the next review is scheduled) or return to draft.
    The caller checks `aims.approve`."""
    current = _fresh(version)
    if current.status != VersionStatus.IN_REVIEW:
        raise ValidationError(_("Only a version in review can be approved or returned."))
    with transaction.atomic():
        if not approve:
            return tenant_update(
                instance=current,
                actor=actor,
                data={"status": VersionStatus.DRAFT, "decision_note": note, "submitted_at": None},
                reason=_("Returned for changes: %(note)s") % {"note": note[:300]},
            )
        for previous in DocumentVersion.objects.filter(document=current.document, status=VersionStatus.APPROVED):
            tenant_update(instance=previous, actor=actor, data={"status": VersionStatus.SUPERSEDED})
        now = timezone.now()
        approved = tenant_update(
            instance=current,
            actor=actor,
            data={"status": VersionStatus.APPROVED, "approved_by": actor, "approved_at": now, "decision_note": note},
            reason=_("Approved: %(note)s") % {"note": note[:300]} if note else _("Approved"),
        )
        document = Document.objects.get(pk=current.document_id)
        tenant_update(
            instance=document,
            actor=actor,
            data={
                "state": DocumentState.APPROVED,
                "approved_version": approved,
                "next_review": add_months(timezone.localdate(now), document.review_interval_months),
            },
        )
    return approved


# --- publication and acknowledgement -------------------------------------------------------------------------------


def publication_create(
    *,
    version: DocumentVersion,
    actor,
    roles: list[str] = (),
    ai_roles: list = (),
    members: list[Membership] = (),
    due_date=None,
    message: str = "",
) -> Publication:
    """Send an approved version to everyone with one of the membership `roles`, everyone holding one of the
    `ai_roles`, and the named `members`; each gets an acknowledgement to give and a task."""
    from styring.governance.models import RoleAssignment
    from styring.tasks.services import task_create

    version = _fresh(version)
    organisation = version.organisation
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(_("Only the approved version of a document can be published."))
    if due_date and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The date to acknowledge by cannot be in the past.")})
    if any(member.organisation_id != organisation.id for member in members) or any(
        role.organisation_id != organisation.id for role in ai_roles
    ):
        raise ValidationError(_("Choose members and roles of this organisation."))
    recipients = {member.pk: member for member in members}
    if roles:
        for member in Membership.objects.filter(organisation=organisation, role__in=roles):
            recipients[member.pk] = member
    if ai_roles:
        today = timezone.localdate()
        for assignment in (
            RoleAssignment.objects.for_organisation(organisation)
            .filter(role__in=ai_roles, member__isnull=False)
            .select_related("member")
        ):
            if assignment.ends_on is None or assignment.ends_on >= today:
                recipients[assignment.member.pk] = assignment.member
    if not recipients:
        raise ValidationError(_("Nobody is in the chosen groups. Choose roles or members."))
    audience = ", ".join(
        [str(label) for value, label in Membership._meta.get_field("role").choices if value in roles]
        + [role.name for role in ai_roles]
        + ([_("%(n)s named members") % {"n": len(members)}] if members else [])
    )
    earlier = dict(
        Acknowledgement.objects.filter(
            publication__version=version, acknowledged_at__isnull=False, member_id__in=recipients
        ).values_list("member_id", "acknowledged_at")
    )
    with transaction.atomic():
        publication = tenant_create(
            instance=Publication(
                organisation=organisation,
                version=version,
                audience=audience[:500],
                message=message,
                due_date=due_date,
                published_by=actor,
            ),
            actor=actor,
            reason=_("Published to %(audience)s") % {"audience": audience[:300]},
        )
        for member in sorted(recipients.values(), key=lambda m: m.pk):
            acknowledgement = tenant_create(
                instance=Acknowledgement(
                    organisation=organisation,
                    publication=publication,
                    member=member,
                    acknowledged_at=earlier.get(member.pk),  # read this version before: nothing new to do
                ),
                actor=actor,
            )
            if acknowledgement.acknowledged_at is None:
                task_create(
                    organisation=organisation,
                    actor=actor,
                    title=_("Read and acknowledge: %(document)s") % {"document": version.document},
                    owner=member,
                    due_date=due_date,
                    subject=acknowledgement,
                    subject_url=version.get_absolute_url(),
                )
    return publication


def acknowledgement_confirm(*, acknowledgement: Acknowledgement, actor) -> Acknowledgement:
    """Only the member it is addressed to confirms an acknowledgement; their task is closed with it."""
    from styring.tasks.models import TaskStatus
    from styring.tasks.selectors import open_tasks_about
    from styring.tasks.services import task_update

    current = Acknowledgement.objects.select_related("member", "organisation").get(pk=acknowledgement.pk)
    if current.member.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the person asked to read the document can acknowledge it."))
    if current.acknowledged_at is not None:
        return current
    with transaction.atomic():
        current = tenant_update(
            instance=current,
            actor=actor,
            data={"acknowledged_at": timezone.now()},
            reason=_("Read and acknowledged"),
        )
        tasks = open_tasks_about(current.organisation, "documents.acknowledgement", [current.public_id])
        for task in tasks.get(str(current.public_id), []):
            task_update(task=task, actor=actor, status=TaskStatus.DONE)
    return current
