"""API for applied controls, evidence and the Statement of Applicability."""

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Field, File, Form, Router, Schema, UploadedFile
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
from styring.core.scoping import get_for_organisation, member_reference
from styring.risks.models import Risk

from . import soa
from .applied import applied_control_create, applied_control_delete, applied_control_update, applied_controls_of
from .choices import Frequency, ImplementationStatus, Justification
from .evidence import evidence_create, evidence_delete, evidence_of, evidence_update
from .models import AppliedControl, SoAEntry

router = Router(tags=["controls and evidence"])
Implementation = Literal[tuple(ImplementationStatus.values)]
LaxUUID = Annotated[UUID, Field(strict=False)]
FrequencyValue = Literal[(*Frequency.values, "")]


def _requirements(keys: list[str]) -> list[Requirement]:
    found = list(Requirement.objects.filter(key__in=keys))
    unknown = set(keys) - {requirement.key for requirement in found}
    if unknown:
        raise ValidationError({"requirements": [f"Unknown requirement: {', '.join(sorted(unknown))}"]})
    return found


def _tenant_list(model, organisation, ids: list[UUID]) -> list:
    found = list(model.objects.for_organisation(organisation).filter(public_id__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({model._meta.model_name: ["Choose records of this organisation."]})
    return found


def _resolve(organisation, data: dict) -> dict:
    if "owner" in data:
        data["owner"] = member_reference(organisation, data["owner"])
    if "requirements" in data:
        data["requirements"] = _requirements(data["requirements"] or [])
    if "risks" in data:
        data["risks"] = _tenant_list(Risk, organisation, data["risks"] or [])
    if "applied_controls" in data:
        data["applied_controls"] = _tenant_list(AppliedControl, organisation, data["applied_controls"] or [])
    return {
        key: ("" if value is None and key not in ("owner",) and not key.endswith(("_on", "_until", "_date")) else value)
        for key, value in data.items()
    }


class _Out(Schema):
    id: UUID
    version: int
    owner: UUID | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_owner(record):
        return record.owner.public_id if record.owner_id else None


class AppliedControlOut(_Out):
    reference: str
    name: str
    description: str
    implementation_status: str
    frequency: str
    requirements: list[str]
    risks: list[UUID]
    evidence_note: str
    review_date: date | None

    @staticmethod
    def resolve_requirements(record):
        return [requirement.key for requirement in record.requirements.all()]

    @staticmethod
    def resolve_risks(record):
        return [risk.public_id for risk in record.risks.all()]


class AppliedControlWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    implementation_status: Implementation = ImplementationStatus.PLANNED.value
    frequency: FrequencyValue = ""
    requirements: list[str] = Field([], max_length=500, description="Catalog requirement keys")
    risks: list[LaxUUID] = Field([], max_length=500)
    evidence_note: str = Field("", max_length=10_000)
    review_date: date | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000)


class EvidenceOut(_Out):
    title: str
    description: str
    url: str
    file_name: str
    content_type: str
    size: int | None
    sha256: str
    collected_on: date | None
    valid_until: date | None
    applied_controls: list[UUID]
    requirements: list[str]

    @staticmethod
    def resolve_applied_controls(record):
        return [control.public_id for control in record.applied_controls.all()]

    @staticmethod
    def resolve_requirements(record):
        return [requirement.key for requirement in record.requirements.all()]


class EvidenceWrite(StrictSchema):
    """Evidence given as a link; files are uploaded with `POST …/evidence/upload`."""

    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=10_000)
    url: str = Field("", max_length=1000)
    collected_on: date | None = Field(None, strict=False)
    valid_until: date | None = Field(None, strict=False)
    owner: UUID | None = Field(None, strict=False)
    applied_controls: list[LaxUUID] = Field([], max_length=500)
    requirements: list[str] = Field([], max_length=500)
    reason: str = Field("", max_length=1000)


_PERMS = {
    "view_permission": Perm.RISK_VIEW,
    "change_permission": Perm.RISK_CHANGE,
    "delete_permission": Perm.RISK_DELETE,
}
add_crud_routes(
    router,
    path="controls",
    model_name="appliedcontrol",
    tag_name="applied controls",
    out_schema=AppliedControlOut,
    write_schema=AppliedControlWrite,
    patch_schema=patch_schema_for(AppliedControlWrite, "AppliedControlPatch"),
    selector=lambda organisation: applied_controls_of(organisation).prefetch_related("requirements", "risks"),
    create=applied_control_create,
    update=applied_control_update,
    delete=applied_control_delete,
    resolve=_resolve,
    ordering=("reference", "id"),
    **_PERMS,
)
add_crud_routes(
    router,
    path="evidence",
    model_name="evidence",
    tag_name="evidence",
    out_schema=EvidenceOut,
    write_schema=EvidenceWrite,
    patch_schema=patch_schema_for(EvidenceWrite, "EvidencePatch"),
    selector=lambda organisation: evidence_of(organisation).prefetch_related("applied_controls", "requirements"),
    create=evidence_create,
    update=evidence_update,
    delete=evidence_delete,
    resolve=_resolve,
    ordering=("title", "id"),
    **_PERMS,
)


@router.post(
    "/{org}/evidence/upload",
    response={201: EvidenceOut, **error_responses(*WRITE_ERRORS)},
    summary="Upload a file as evidence (checked by content, stored under its SHA-256)",
)
def upload_evidence(
    request,
    org: str,
    response: HttpResponse,
    file: File[UploadedFile],
    title: Form[str],
    valid_until: Form[date | None] = None,
):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_CHANGE)
    if not title.strip() or len(title) > 300:
        raise ValidationError({"title": ["Give a title of at most 300 characters."]})
    record = evidence_create(
        organisation=membership.organisation, actor=membership.user, title=title, valid_until=valid_until, upload=file
    )
    response["ETag"] = f'"{record.version}"'
    return Status(201, evidence_of(membership.organisation).prefetch_related("applied_controls").get(pk=record.pk))


# --- Statement of Applicability ------------------------------------------------------------------------------------


class SoAVersionOut(Schema):
    id: UUID
    number: int
    status: str
    change_summary: str
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_submitted_by(record):
        return record.submitted_by.email if record.submitted_by_id else None

    @staticmethod
    def resolve_approved_by(record):
        return record.approved_by.email if record.approved_by_id else None


class SoAEntryOut(Schema):
    id: UUID
    version: int
    control: str
    title: str
    applicable: bool | None
    justification_type: str
    justification: str
    implementation_status: str
    applied_controls: list[UUID]
    risks: list[UUID]
    warnings: list[str]


class SoAEntryPatch(StrictSchema):
    applicable: bool | None = None
    justification_type: Literal[(*Justification.values, "")] | None = None
    justification: str | None = Field(None, max_length=10_000)
    implementation_status: Literal[(*ImplementationStatus.values, "")] | None = None
    applied_controls: list[LaxUUID] | None = Field(None, max_length=500)
    risks: list[LaxUUID] | None = Field(None, max_length=500)
    reason: str = Field("", max_length=1000)


class SoAActionIn(StrictSchema):
    action: Literal["draft", "submit", "approve", "return"]
    soa: LaxUUID | None = Field(None, description="The version's id (not needed to start a draft)")
    note: str = Field("", max_length=2000)


def _entry_out(row) -> dict:
    entry = row.entry
    return {
        "id": entry.public_id,
        "version": entry.version,
        "control": entry.requirement.key,
        "title": entry.requirement.display_title,
        "applicable": entry.applicable,
        "justification_type": entry.justification_type,
        "justification": entry.justification,
        "implementation_status": entry.implementation_status,
        "applied_controls": [control.public_id for control in entry.applied_controls.all()],
        "risks": [risk.public_id for risk in entry.risks.all()],
        "warnings": [str(warning) for warning in row.warnings],
    }


@router.get(
    "/{org}/soa/versions/",
    response={200: list[SoAVersionOut], **error_responses(*READ_ERRORS)},
    summary="Versions of the Statement of Applicability, newest first",
)
@paginate(LimitOffsetPagination)
def soa_versions(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_VIEW)
    return soa.versions_of(membership.organisation)


@router.get(
    "/{org}/soa/versions/{soaversion}/entries",
    response={200: list[SoAEntryOut], **error_responses(*READ_ERRORS)},
    summary="The rows of one version, with their warnings",
)
def soa_entries(request, org: str, soaversion: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_VIEW)
    version = get_for_organisation(
        soa.versions_of(membership.organisation), membership.organisation, public_id=soaversion
    )
    return [_entry_out(row) for row in soa.rows_with_warnings(version)]


@router.patch(
    "/{org}/soa/entries/{soaentry}",
    response={200: SoAEntryOut, **error_responses(*WRITE_ERRORS)},
    summary="Change a row of the draft (a submitted or approved version is frozen)",
)
def soa_entry_patch(request, org: str, soaentry: UUID, payload: SoAEntryPatch):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_CHANGE)
    entry = get_for_organisation(SoAEntry.objects.select_related("soa"), membership.organisation, public_id=soaentry)
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason", "")
    data = _resolve(membership.organisation, data)
    soa.soa_entry_update(entry=entry, actor=membership.user, expected_version=parse_if_match(request),
                         reason=reason, **data)  # fmt: skip
    row = next(row for row in soa.rows_with_warnings(entry.soa) if row.entry.pk == entry.pk)
    return _entry_out(row)


@router.post(
    "/{org}/soa/actions",
    response={200: SoAVersionOut, **error_responses(*WRITE_ERRORS)},
    summary="Start a draft, submit it, or (managers) approve or return a submitted version",
)
def soa_action(request, org: str, payload: SoAActionIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_CHANGE)
    if payload.action == "draft":
        return soa.soa_draft(organisation=membership.organisation, actor=membership.user)
    if payload.soa is None:
        raise ValidationError({"soa": ["Say which version."]})
    version = get_for_organisation(
        soa.versions_of(membership.organisation), membership.organisation, public_id=payload.soa
    )
    if payload.action == "submit":
        soa.soa_submit(soa=version, actor=membership.user)
    else:
        api_require(membership, Perm.SOA_APPROVE)
        soa.soa_decide(soa=version, actor=membership.user, approve=payload.action == "approve", note=payload.note)
    return soa.versions_of(membership.organisation).get(pk=version.pk)
