"""API for controlled documents: the register, versions and their life cycle, publication and acknowledgement.

An approved version never changes: PATCH on it is refused (422) exactly as in the UI, because the rule lives in the
service."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Field, Path, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from styring.catalog.models import Requirement
from styring.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    StrictSchema,
    api_membership,
    api_require,
    error_responses,
    parse_if_match,
    patch_schema_for,
)
from styring.core.api_crud import add_crud_routes
from styring.core.permissions import Perm
from styring.core.roles import Role
from styring.core.scoping import get_for_organisation, member_reference

from . import selectors, services
from .choices import Classification, DocumentType
from .models import Acknowledgement, DocumentVersion

router = Router(tags=["documents"])
Type_ = Literal[tuple(DocumentType.values)]
Classification_ = Literal[tuple(Classification.values)]
Role_ = Literal[tuple(Role.values)]


def _resolve(organisation, data: dict) -> dict:
    if "owner" in data:
        data["owner"] = member_reference(organisation, data["owner"])
    if data.get("requirements") is not None:
        keys = data["requirements"]
        found = list(Requirement.objects.filter(key__in=keys))
        missing = sorted(set(keys) - {requirement.key for requirement in found})
        if missing:
            raise ValidationError({"requirements": [f"Unknown requirement: {', '.join(missing)}"]})
        data["requirements"] = found
    elif "requirements" in data:
        data["requirements"] = []
    return data


class DocumentOut(Schema):
    id: UUID
    version: int
    reference: str
    title: str
    doc_type: str
    summary: str
    owner: UUID | None
    classification: str
    review_interval_months: int
    retention: str
    requirements: list[str]
    state: str
    approved_version: int | None
    next_review: date | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_owner(record):
        return record.owner.public_id if record.owner_id else None

    @staticmethod
    def resolve_requirements(record):
        return [requirement.key for requirement in record.requirements.all()]

    @staticmethod
    def resolve_approved_version(record):
        return record.approved_version.number if record.approved_version_id else None


class DocumentWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    doc_type: Type_ = DocumentType.POLICY.value
    summary: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    classification: Classification_ = Classification.INTERNAL.value
    review_interval_months: int = Field(12, ge=1, le=60)
    retention: str = Field("", max_length=200)
    requirements: list[str] = Field([], max_length=200)
    body: str = Field("", max_length=500_000, description="The first version's text (Markdown)")
    reason: str = Field("", max_length=1000)


class DocumentPatchBase(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    doc_type: Type_ = DocumentType.POLICY.value
    summary: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    classification: Classification_ = Classification.INTERNAL.value
    review_interval_months: int = Field(12, ge=1, le=60)
    retention: str = Field("", max_length=200)
    requirements: list[str] = Field([], max_length=200)
    reason: str = Field("", max_length=1000)


DocumentPatch = patch_schema_for(DocumentPatchBase, "DocumentPatch")


def _documents(organisation):
    return selectors.documents_of(organisation).prefetch_related("requirements")


add_crud_routes(
    router,
    path="documents",
    model_name="document",
    tag_name="documents",
    out_schema=DocumentOut,
    write_schema=DocumentWrite,
    patch_schema=DocumentPatch,
    selector=_documents,
    create=services.document_create,
    update=services.document_update,
    delete=services.document_delete,
    resolve=_resolve,
    ordering=("reference", "id"),
    view_permission=Perm.AIMS_VIEW,
    change_permission=Perm.AIMS_CHANGE,
    delete_permission=Perm.AIMS_DELETE,
)


class VersionOut(Schema):
    id: UUID
    version: int
    document: UUID
    number: int
    status: str
    body: str
    file_name: str
    content_type: str
    size: int | None
    sha256: str
    change_summary: str
    author: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_document(record):
        return record.document.public_id

    @staticmethod
    def resolve_author(record):
        return record.author.email if record.author_id else None

    @staticmethod
    def resolve_approved_by(record):
        return record.approved_by.email if record.approved_by_id else None


class VersionPatch(StrictSchema):
    body: str | None = Field(None, max_length=500_000)
    change_summary: str | None = Field(None, max_length=5000)
    reason: str = Field("", max_length=1000)


class VersionAction(StrictSchema):
    action: Literal["submit", "approve", "return"]
    note: str = Field("", max_length=2000)


class PublishIn(StrictSchema):
    roles: list[Role_] = Field(default_factory=list, max_length=6)
    ai_roles: list[UUID] = Field(default_factory=list, max_length=100, strict=False)
    members: list[UUID] = Field(default_factory=list, max_length=5000, strict=False)
    due_date: date | None = Field(None, strict=False)
    message: str = Field("", max_length=2000)


class AcknowledgementOut(Schema):
    id: UUID
    member: UUID
    email: str
    acknowledged_at: datetime | None
    due_date: date | None

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_member(record):
        return record.member.public_id

    @staticmethod
    def resolve_email(record):
        return record.member.user.email

    @staticmethod
    def resolve_due_date(record):
        return record.publication.due_date


class PublicationOut(Schema):
    id: UUID
    audience: str
    due_date: date | None
    acknowledgements: list[AcknowledgementOut]

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_acknowledgements(record):
        return list(record.acknowledgements.select_related("member__user", "publication"))


def _versions(organisation):
    return DocumentVersion.objects.for_organisation(organisation).select_related("document", "author", "approved_by")


_VERSION_ID = Path(..., alias="documentversion")


@router.get(
    "/{org}/documents/{document}/versions/",
    response={200: list[VersionOut], **error_responses(*READ_ERRORS)},
    summary="Versions of a document, newest first",
)
@paginate(LimitOffsetPagination)
def list_versions(request, org: str, document: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    record = get_for_organisation(selectors.documents_of(membership.organisation), membership.organisation,
                                  public_id=document)  # fmt: skip
    return selectors.versions_of(record)


@router.post(
    "/{org}/documents/{document}/versions/",
    response={201: VersionOut, **error_responses(*WRITE_ERRORS)},
    summary="Start the next version (a copy of the latest); returns the open draft if there is one",
)
def start_version(request, org: str, document: UUID, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    record = get_for_organisation(selectors.documents_of(membership.organisation), membership.organisation,
                                  public_id=document)  # fmt: skip
    version = services.version_start(document=record, actor=membership.user)
    response["ETag"] = f'"{version.version}"'
    return Status(201, version)


@router.get(
    "/{org}/document-versions/{documentversion}",
    response={200: VersionOut, **error_responses(*READ_ERRORS)},
    summary="One version of a document",
)
def get_version(request, org: str, response: HttpResponse, version_id: UUID = _VERSION_ID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    version = get_for_organisation(_versions(membership.organisation), membership.organisation, public_id=version_id)
    response["ETag"] = f'"{version.version}"'
    return version


@router.patch(
    "/{org}/document-versions/{documentversion}",
    response={200: VersionOut, **error_responses(*WRITE_ERRORS)},
    summary="Change a draft's text or change summary (approved versions are refused)",
)
def patch_version(request, org: str, payload: VersionPatch, response: HttpResponse, version_id: UUID = _VERSION_ID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    version = get_for_organisation(_versions(membership.organisation), membership.organisation, public_id=version_id)
    data = {key: value for key, value in payload.model_dump(exclude={"reason"}).items() if value is not None}
    updated = services.version_update(
        version, actor=membership.user, expected_version=parse_if_match(request), reason=payload.reason, **data
    )
    response["ETag"] = f'"{updated.version}"'
    return _versions(membership.organisation).get(pk=updated.pk)


@router.post(
    "/{org}/document-versions/{documentversion}/actions",
    response={200: VersionOut, **error_responses(*WRITE_ERRORS)},
    summary="Submit a draft for review, or (managers) approve or return a version in review",
)
def version_action(request, org: str, payload: VersionAction, version_id: UUID = _VERSION_ID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    version = get_for_organisation(_versions(membership.organisation), membership.organisation, public_id=version_id)
    if payload.action == "submit":
        services.version_submit(version=version, actor=membership.user)
    else:
        api_require(membership, Perm.AIMS_APPROVE)
        services.version_decide(
            version=version, actor=membership.user, approve=payload.action == "approve", note=payload.note
        )
    return _versions(membership.organisation).get(pk=version.pk)


@router.post(
    "/{org}/document-versions/{documentversion}/publications",
    response={201: PublicationOut, **error_responses(*WRITE_ERRORS)},
    summary="Send an approved version to members to read and acknowledge",
)
def publish(request, org: str, payload: PublishIn, version_id: UUID = _VERSION_ID):
    from styring.governance.models import AIRole

    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    organisation = membership.organisation
    version = get_for_organisation(_versions(organisation), organisation, public_id=version_id)
    ai_roles = [get_for_organisation(AIRole, organisation, public_id=value) for value in payload.ai_roles]
    members = [member_reference(organisation, value) for value in payload.members]
    publication = services.publication_create(
        version=version,
        actor=membership.user,
        roles=payload.roles,
        ai_roles=ai_roles,
        members=members,
        due_date=payload.due_date,
        message=payload.message,
    )
    return Status(201, publication)


@router.get(
    "/{org}/document-versions/{documentversion}/acknowledgements",
    response={200: list[AcknowledgementOut], **error_responses(*READ_ERRORS)},
    summary="Who was asked to read this version and who has acknowledged it",
)
@paginate(LimitOffsetPagination)
def list_acknowledgements(request, org: str, version_id: UUID = _VERSION_ID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    version = get_for_organisation(_versions(membership.organisation), membership.organisation, public_id=version_id)
    return (
        Acknowledgement.objects.filter(publication__version=version)
        .select_related("member__user", "publication")
        .order_by("member__user__email", "id")
    )


@router.post(
    "/{org}/document-versions/{documentversion}/acknowledge",
    response={200: list[AcknowledgementOut], **error_responses(*WRITE_ERRORS)},
    summary="Acknowledge that you have read this version (only your own acknowledgements)",
)
def acknowledge(request, org: str, version_id: UUID = _VERSION_ID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    version = get_for_organisation(_versions(membership.organisation), membership.organisation, public_id=version_id)
    pending = Acknowledgement.objects.filter(publication__version=version, member=membership)
    if not pending.exists():
        raise ValidationError("This version was not sent to you to acknowledge.")
    for acknowledgement in pending.filter(acknowledged_at__isnull=True):
        services.acknowledgement_confirm(acknowledgement=acknowledgement, actor=membership.user)
    return list(pending.select_related("member__user", "publication"))
