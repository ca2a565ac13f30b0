"""API for the organisation's context (ISO/IEC 42001 4.1–4.3): internal and external issues, interested parties and
their requirements, and the versioned scope of the AI management system."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
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
from styring.inventory.models import AISystem
from styring.risks.models import Risk

from . import scope, selectors, services
from .choices import Influence, IssueCategory, IssueKind, IssueStatus, PartyType

router = Router(tags=["context"])
LaxUUID = Annotated[UUID, Field(strict=False)]
NULLABLE = ("owner", "review_date")


def _tenant_list(model, organisation, ids: list[UUID], field: str) -> list:
    found = list(model.objects.for_organisation(organisation).filter(public_id__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({field: [_("Choose records of this organisation.")]})
    return found


def _resolve(organisation, data: dict) -> dict:
    """References in the input must be records of the same organisation; catalog requirements are given by key."""
    if "owner" in data:
        data["owner"] = member_reference(organisation, data["owner"])
    if "systems" in data:
        data["systems"] = _tenant_list(AISystem, organisation, data["systems"] or [], "systems")
    if "risks" in data:
        data["risks"] = _tenant_list(Risk, organisation, data["risks"] or [], "risks")
    if "catalog_requirements" in data:
        keys = data["catalog_requirements"] or []
        found = list(Requirement.objects.filter(key__in=keys))
        unknown = set(keys) - {requirement.key for requirement in found}
        if unknown:
            raise ValidationError(
                {"catalog_requirements": [_("Unknown requirement: %(keys)s") % {"keys": ", ".join(sorted(unknown))}]}
            )
        data["catalog_requirements"] = found
    return {
        key: ("" if value is None and key not in NULLABLE and not isinstance(value, list) else value)
        for key, value in data.items()
    }


class _Base(Schema):
    id: UUID
    version: int
    owner: UUID | None
    review_date: date | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_owner(record):
        return record.owner.public_id if record.owner_id else None


class IssueOut(_Base):
    reference: str
    title: str
    kind: str
    category: str
    description: str
    effect_on_aims: str
    status: str
    systems: list[UUID]
    risks: list[UUID]

    @staticmethod
    def resolve_systems(record):
        return [system.public_id for system in record.systems.all()]

    @staticmethod
    def resolve_risks(record):
        return [risk.public_id for risk in record.risks.all()]


class IssueWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    kind: Literal[tuple(IssueKind.values)] = IssueKind.EXTERNAL.value
    category: Literal[tuple(IssueCategory.values)] = IssueCategory.OTHER.value
    description: str = Field("", max_length=10_000)
    effect_on_aims: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    status: Literal[tuple(IssueStatus.values)] = IssueStatus.ACTIVE.value
    review_date: date | None = Field(None, strict=False)
    systems: list[LaxUUID] = Field([], max_length=500)
    risks: list[LaxUUID] = Field([], max_length=500)
    reason: str = Field("", max_length=1000)


IssuePatch = patch_schema_for(IssueWrite, "IssuePatch")


class PartyOut(_Base):
    name: str
    party_type: str
    needs: str
    requirements: str
    addressed_by_aims: bool
    how_addressed: str
    influence: str
    catalog_requirements: list[str]

    @staticmethod
    def resolve_catalog_requirements(record):
        return [requirement.key for requirement in record.catalog_requirements.all()]


class PartyWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    party_type: Literal[tuple(PartyType.values)] = PartyType.OTHER.value
    needs: str = Field("", max_length=10_000)
    requirements: str = Field("", max_length=10_000)
    addressed_by_aims: bool = False
    how_addressed: str = Field("", max_length=10_000)
    influence: Literal[tuple(Influence.values)] = Influence.MEDIUM.value
    owner: UUID | None = Field(None, strict=False)
    review_date: date | None = Field(None, strict=False)
    catalog_requirements: list[str] = Field([], max_length=500, description="Catalog requirement keys")
    reason: str = Field("", max_length=1000)


PartyPatch = patch_schema_for(PartyWrite, "PartyPatch")
_PERMS = {
    "view_permission": Perm.AIMS_VIEW,
    "change_permission": Perm.AIMS_CHANGE,
    "delete_permission": Perm.AIMS_DELETE,
}

add_crud_routes(
    router,
    path="context/issues",
    model_name="contextissue",
    tag_name="internal and external issues",
    out_schema=IssueOut,
    write_schema=IssueWrite,
    patch_schema=IssuePatch,
    selector=lambda organisation: selectors.issues_of(organisation).prefetch_related("systems", "risks"),
    create=services.issue_create,
    update=services.issue_update,
    delete=services.issue_delete,
    resolve=_resolve,
    ordering=("reference", "id"),
    **_PERMS,
)
add_crud_routes(
    router,
    path="context/parties",
    model_name="interestedparty",
    tag_name="interested parties",
    out_schema=PartyOut,
    write_schema=PartyWrite,
    patch_schema=PartyPatch,
    selector=lambda organisation: selectors.parties_of(organisation).prefetch_related("catalog_requirements"),
    create=services.party_create,
    update=services.party_update,
    delete=services.party_delete,
    resolve=_resolve,
    ordering=("name", "id"),
    **_PERMS,
)


# --- scope ---------------------------------------------------------------------------------------------------------


class ScopeSystemOut(Schema):
    system: UUID | None
    name: str
    in_scope: bool
    reason: str


class ScopeVersionOut(Schema):
    id: UUID
    version: int
    number: int
    status: str
    statement: str
    boundaries: str
    interfaces: str
    exclusions: str
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    decision_note: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_submitted_by(record):
        return record.submitted_by.email if record.submitted_by_id else None

    @staticmethod
    def resolve_approved_by(record):
        return record.approved_by.email if record.approved_by_id else None


class ScopeVersionDetailOut(ScopeVersionOut):
    systems: list[ScopeSystemOut]
    not_placed: list[UUID]

    @staticmethod
    def resolve_systems(record):
        return [
            {"system": row.system.public_id if row.system_id else None, "name": str(row), "in_scope": row.in_scope,
             "reason": row.reason}
            for row in scope.rows_of(record)
        ]  # fmt: skip

    @staticmethod
    def resolve_not_placed(record):
        return [system.public_id for system in scope.unplaced_systems(record)]


class ScopeSystemIn(StrictSchema):
    system: LaxUUID
    in_scope: bool | None = Field(description="true: in scope; false: out of scope (give a reason); null: not placed")
    reason: str = Field("", max_length=5000)


class ScopePatch(StrictSchema):
    statement: str | None = Field(None, max_length=20_000)
    boundaries: str | None = Field(None, max_length=20_000)
    interfaces: str | None = Field(None, max_length=20_000)
    exclusions: str | None = Field(None, max_length=20_000)
    systems: list[ScopeSystemIn] | None = Field(None, max_length=2000)
    reason: str = Field("", max_length=1000)


class DecisionIn(StrictSchema):
    note: str = Field("", max_length=2000)


def _detail(version, response: HttpResponse | None = None):
    if response is not None:
        response["ETag"] = f'"{version.version}"'
    return version


def _version(membership, scopeversion: UUID):
    return get_for_organisation(
        scope.versions_of(membership.organisation), membership.organisation, public_id=scopeversion
    )


@router.get(
    "/{org}/scope/versions/",
    response={200: list[ScopeVersionOut], **error_responses(*READ_ERRORS)},
    summary="Versions of the AIMS scope, newest first",
)
@paginate(LimitOffsetPagination)
def scope_versions(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    return scope.versions_of(membership.organisation)


@router.post(
    "/{org}/scope/versions/",
    response={201: ScopeVersionDetailOut, **error_responses(*WRITE_ERRORS)},
    summary="Start a draft (or get the open one): the first lists every AI system in scope, later ones copy the "
    "latest version",
)
def scope_draft(request, org: str, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    draft = scope.scope_draft(organisation=membership.organisation, actor=membership.user)
    return Status(201, _detail(_version(membership, draft.public_id), response))


@router.get(
    "/{org}/scope/versions/{scopeversion}",
    response={200: ScopeVersionDetailOut, **error_responses(*READ_ERRORS)},
    summary="One version of the scope with its AI systems in and out of scope",
)
def scope_version(request, org: str, scopeversion: UUID, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    return _detail(_version(membership, scopeversion), response)


@router.patch(
    "/{org}/scope/versions/{scopeversion}",
    response={200: ScopeVersionDetailOut, **error_responses(*WRITE_ERRORS)},
    summary="Change a draft (If-Match refuses stale edits; versions in review, approved or superseded are frozen)",
)
def scope_patch(request, org: str, scopeversion: UUID, payload: ScopePatch, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    version = _version(membership, scopeversion)
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason", "")
    systems = data.pop("systems", None) or []
    found = _tenant_list(AISystem, membership.organisation, [item["system"] for item in systems], "systems")
    by_id = {system.public_id: system for system in found}
    placements = [{**item, "system": by_id[item["system"]]} for item in systems]
    data = {key: value or "" for key, value in data.items()}
    scope.scope_update(
        version=version, actor=membership.user, expected_version=parse_if_match(request), reason=reason,
        systems=placements, **data,
    )  # fmt: skip
    return _detail(_version(membership, scopeversion), response)


def _decision(request, org: str, scopeversion: UUID, action: str, note: str = ""):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    version = _version(membership, scopeversion)
    if action == "submit":
        scope.scope_submit(version=version, actor=membership.user)
    else:
        api_require(membership, Perm.AIMS_APPROVE)
        scope.scope_decide(version=version, actor=membership.user, approve=action == "approve", note=note)
    return _detail(_version(membership, scopeversion))


@router.post(
    "/{org}/scope/versions/{scopeversion}/submit",
    response={200: ScopeVersionDetailOut, **error_responses(*WRITE_ERRORS)},
    summary="Submit a draft for approval (it needs a statement and a reason for every system out of scope)",
)
def scope_submit(request, org: str, scopeversion: UUID):
    return _decision(request, org, scopeversion, "submit")


@router.post(
    "/{org}/scope/versions/{scopeversion}/approve",
    response={200: ScopeVersionDetailOut, **error_responses(*WRITE_ERRORS)},
    summary="Approve a version in review (managers, administrators, owners); the previous one is superseded",
)
def scope_approve(request, org: str, scopeversion: UUID, payload: DecisionIn):
    return _decision(request, org, scopeversion, "approve", payload.note)


@router.post(
    "/{org}/scope/versions/{scopeversion}/return",
    response={200: ScopeVersionDetailOut, **error_responses(*WRITE_ERRORS)},
    summary="Return a version in review to draft (managers, administrators, owners)",
)
def scope_return(request, org: str, scopeversion: UUID, payload: DecisionIn):
    return _decision(request, org, scopeversion, "return", payload.note)
