"""Improvement (10.1, 10.2): nonconformities from any source with containment, root-cause analysis, corrective
actions and the effectiveness check that must pass before closure, and the register of improvements."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from styring.catalog.models import Requirement
from styring.core.api import (
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

from . import selectors, services
from .choices import (
    ActionStatus,
    AnalysisMethod,
    FishboneCategory,
    ImprovementSource,
    ImprovementStatus,
    NonconformitySource,
    Severity,
)
from .models import Nonconformity

router = Router(tags=["improvement"])

Source_ = Literal[tuple(NonconformitySource.values)]
Severity_ = Literal[tuple(Severity.values)]
Method_ = Literal[(*AnalysisMethod.values, "")]
ActionStatus_ = Literal[tuple(ActionStatus.values)]
ImprovementSource_ = Literal[tuple(ImprovementSource.values)]
ImprovementStatus_ = Literal[tuple(ImprovementStatus.values)]
Category_ = Literal[tuple(FishboneCategory.values)]
_REFERENCES = ("owner", "system", "requirement", "recurrence_of", "nonconformity")


def _resolve(organisation, data: dict) -> dict:
    """References must be records of the same organisation (404 otherwise); a requirement is a catalog key."""
    if "owner" in data:
        data["owner"] = member_reference(organisation, data["owner"])
    if "system" in data and data["system"] is not None:
        data["system"] = get_for_organisation(AISystem, organisation, public_id=data["system"])
    for name in ("recurrence_of", "nonconformity"):
        if name in data and data[name] is not None:
            data[name] = get_for_organisation(Nonconformity, organisation, public_id=data[name])
    if "requirement" in data and data["requirement"] is not None:
        requirement = Requirement.objects.filter(key=data["requirement"]).first()
        if requirement is None:
            raise ValidationError({"requirement": [_("Choose a requirement of the catalog.")]})
        data["requirement"] = requirement
    return {
        key: ("" if value is None and key not in _REFERENCES and not key.endswith(("date", "_on")) else value)
        for key, value in data.items()
    }


def _public_id(record, name):
    related = getattr(record, name)
    return related.public_id if related is not None else None


class FiveWhy(StrictSchema):
    why: str = Field(min_length=1, max_length=1000)
    because: str = Field(min_length=1, max_length=1000)


class ActionOut(Schema):
    id: UUID
    version: int
    nonconformity: UUID
    description: str
    owner: UUID | None
    due_date: date | None
    status: str
    completed_on: date | None
    task: UUID | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_nonconformity(record):
        return record.nonconformity.public_id

    @staticmethod
    def resolve_owner(record):
        return _public_id(record, "owner")

    @staticmethod
    def resolve_task(record):
        return _public_id(record, "task")


class NonconformityOut(Schema):
    id: UUID
    version: int
    reference: str
    title: str
    description: str
    source: str
    source_type: str
    source_label: str
    source_url: str
    requirement: str | None
    severity: str
    status: str
    cancel_reason: str
    system: UUID | None
    owner: UUID | None
    detected_on: date | None
    containment: str
    contained_by: UUID | None
    contained_on: date | None
    analysis_method: str
    five_whys: list[dict]
    fishbone: dict[str, list[str]]
    root_cause: str
    could_occur_elsewhere: bool
    elsewhere_note: str
    recurrence_of: UUID | None
    effective: bool | None
    effectiveness_evidence: str
    effectiveness_verified_by: str | None
    effectiveness_verified_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_requirement(record):
        return record.requirement.key if record.requirement_id else None

    @staticmethod
    def resolve_system(record):
        return _public_id(record, "system")

    @staticmethod
    def resolve_owner(record):
        return _public_id(record, "owner")

    @staticmethod
    def resolve_contained_by(record):
        return _public_id(record, "contained_by")

    @staticmethod
    def resolve_recurrence_of(record):
        return _public_id(record, "recurrence_of")

    @staticmethod
    def resolve_effectiveness_verified_by(record):
        return record.effectiveness_verified_by.email if record.effectiveness_verified_by_id else None


class NonconformityWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=10_000)
    source: Source_ = NonconformitySource.OTHER.value
    requirement: str | None = Field(None, max_length=200, description="A catalog key, e.g. iso42001:2023:10.2")
    severity: Severity_ = Severity.MINOR.value
    system: UUID | None = Field(None, strict=False)
    owner: UUID | None = Field(None, strict=False)
    detected_on: date | None = Field(None, strict=False)
    recurrence_of: UUID | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000)


NonconformityPatch = patch_schema_for(NonconformityWrite, "NonconformityPatch")


def _nonconformities(organisation):
    return selectors.nonconformities_of(organisation).select_related("effectiveness_verified_by", "contained_by")


add_crud_routes(
    router,
    path="nonconformities",
    model_name="nonconformity",
    tag_name="nonconformities",
    out_schema=NonconformityOut,
    write_schema=NonconformityWrite,
    patch_schema=NonconformityPatch,
    selector=_nonconformities,
    create=services.nonconformity_create,
    update=services.nonconformity_update,
    delete=services.nonconformity_delete,
    resolve=_resolve,
    ordering=("reference", "id"),
    view_permission=Perm.OPERATIONS_VIEW,
    change_permission=Perm.OPERATIONS_CHANGE,
    delete_permission=Perm.OPERATIONS_DELETE,
)


def _nonconformity(request, org: str, public_id: UUID, permission: str):
    membership = api_membership(request, org)
    api_require(membership, permission)
    organisation = membership.organisation
    return membership, get_for_organisation(_nonconformities(organisation), organisation, public_id=public_id)


def _answer(membership, record, response: HttpResponse):
    record = _nonconformities(membership.organisation).get(pk=record.pk)
    response["ETag"] = f'"{record.version}"'
    return record


class ContainmentIn(StrictSchema):
    containment: str = Field(min_length=1, max_length=10_000)
    contained_by: UUID | None = Field(None, strict=False, description="A member; the caller when left out")
    contained_on: date | None = Field(None, strict=False)


@router.post(
    "/{org}/nonconformities/{nonconformity}/containment",
    response={200: NonconformityOut, **error_responses(*WRITE_ERRORS)},
    summary="Record the containment (what was done at once, by whom, when); If-Match refuses stale edits",
)
def record_containment(request, org: str, nonconformity: UUID, payload: ContainmentIn, response: HttpResponse):
    membership, record = _nonconformity(request, org, nonconformity, Perm.OPERATIONS_CHANGE)
    contained_by = member_reference(membership.organisation, payload.contained_by) or membership
    record = services.containment_record(
        record=record, actor=membership.user, containment=payload.containment, contained_by=contained_by,
        contained_on=payload.contained_on, expected_version=parse_if_match(request),
    )  # fmt: skip
    return _answer(membership, record, response)


class RootCauseIn(StrictSchema):
    analysis_method: Method_
    five_whys: list[FiveWhy] = Field(default_factory=list, max_length=5)
    fishbone: dict[Category_, list[str]] = Field(default_factory=dict)
    root_cause: str = Field(min_length=1, max_length=10_000)
    could_occur_elsewhere: bool = False
    elsewhere_note: str = Field("", max_length=10_000)
    reason: str = Field("", max_length=1000)


@router.post(
    "/{org}/nonconformities/{nonconformity}/root-cause",
    response={200: NonconformityOut, **error_responses(*WRITE_ERRORS)},
    summary="Record the root-cause analysis (5 whys or fishbone) and the root cause; If-Match refuses stale edits",
)
def record_root_cause(request, org: str, nonconformity: UUID, payload: RootCauseIn, response: HttpResponse):
    membership, record = _nonconformity(request, org, nonconformity, Perm.OPERATIONS_CHANGE)
    data = payload.model_dump()
    reason = data.pop("reason")
    record = services.root_cause_record(
        record=record, actor=membership.user, expected_version=parse_if_match(request), reason=reason, **data
    )
    return _answer(membership, record, response)


class EffectivenessIn(StrictSchema):
    effective: bool
    evidence: str = Field(min_length=1, max_length=10_000)
    close: bool = Field(False, description="Close the nonconformity at once when the check finds it effective")


@router.post(
    "/{org}/nonconformities/{nonconformity}/effectiveness",
    response={200: NonconformityOut, **error_responses(*WRITE_ERRORS)},
    summary="Record the effectiveness check (managers, administrators, owners); not effective reopens for action",
)
def record_effectiveness(request, org: str, nonconformity: UUID, payload: EffectivenessIn, response: HttpResponse):
    membership, record = _nonconformity(request, org, nonconformity, Perm.AIMS_APPROVE)
    record = services.effectiveness_check_record(
        record=record, actor=membership.user, effective=payload.effective, evidence=payload.evidence,
        close=payload.close, expected_version=parse_if_match(request),
    )  # fmt: skip
    return _answer(membership, record, response)


@router.post(
    "/{org}/nonconformities/{nonconformity}/close",
    response={200: NonconformityOut, **error_responses(*WRITE_ERRORS)},
    summary="Close after an effective check, with every action finished and the root cause recorded (managers+)",
)
def close_nonconformity(request, org: str, nonconformity: UUID, response: HttpResponse):
    membership, record = _nonconformity(request, org, nonconformity, Perm.AIMS_APPROVE)
    record = services.nonconformity_close(
        record=record, actor=membership.user, expected_version=parse_if_match(request)
    )
    return _answer(membership, record, response)


class CancelIn(StrictSchema):
    reason: str = Field(min_length=1, max_length=2000)


@router.post(
    "/{org}/nonconformities/{nonconformity}/cancel",
    response={200: NonconformityOut, **error_responses(*WRITE_ERRORS)},
    summary="Cancel with a reason (raised in error, a duplicate); unfinished actions are cancelled (managers+)",
)
def cancel_nonconformity(request, org: str, nonconformity: UUID, payload: CancelIn, response: HttpResponse):
    membership, record = _nonconformity(request, org, nonconformity, Perm.AIMS_APPROVE)
    record = services.nonconformity_cancel(
        record=record, actor=membership.user, reason=payload.reason, expected_version=parse_if_match(request)
    )
    return _answer(membership, record, response)


# --- corrective actions ---------------------------------------------------------------------------------------------


class ActionWrite(StrictSchema):
    nonconformity: UUID = Field(strict=False)
    description: str = Field(min_length=1, max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    due_date: date | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000)


class ActionPatch(StrictSchema):
    description: str | None = Field(None, min_length=1, max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    due_date: date | None = Field(None, strict=False)
    status: ActionStatus_ | None = None
    completed_on: date | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000)


add_crud_routes(
    router,
    path="corrective-actions",
    model_name="correctiveaction",
    tag_name="corrective actions",
    out_schema=ActionOut,
    write_schema=ActionWrite,
    patch_schema=ActionPatch,
    selector=selectors.actions_of,
    create=services.corrective_action_create,
    update=services.corrective_action_update,
    delete=services.corrective_action_delete,
    resolve=_resolve,
    ordering=("created_at", "id"),
    view_permission=Perm.OPERATIONS_VIEW,
    change_permission=Perm.OPERATIONS_CHANGE,
    delete_permission=Perm.OPERATIONS_DELETE,
)


# --- improvements ---------------------------------------------------------------------------------------------------


class ImprovementOut(Schema):
    id: UUID
    version: int
    reference: str
    title: str
    description: str
    source: str
    nonconformity: UUID | None
    benefit: str
    owner: UUID | None
    status: str
    due_date: date | None
    outcome: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_nonconformity(record):
        return _public_id(record, "nonconformity")

    @staticmethod
    def resolve_owner(record):
        return _public_id(record, "owner")


class ImprovementWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=10_000)
    source: ImprovementSource_ = ImprovementSource.SUGGESTION.value
    nonconformity: UUID | None = Field(None, strict=False)
    benefit: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    status: ImprovementStatus_ = ImprovementStatus.PROPOSED.value
    due_date: date | None = Field(None, strict=False)
    outcome: str = Field("", max_length=10_000)
    reason: str = Field("", max_length=1000)


ImprovementPatch = patch_schema_for(ImprovementWrite, "ImprovementPatch")

add_crud_routes(
    router,
    path="improvements",
    model_name="improvement",
    tag_name="improvements",
    out_schema=ImprovementOut,
    write_schema=ImprovementWrite,
    patch_schema=ImprovementPatch,
    selector=selectors.improvements_of,
    create=services.improvement_create,
    update=services.improvement_update,
    delete=services.improvement_delete,
    resolve=_resolve,
    ordering=("reference", "id"),
    view_permission=Perm.OPERATIONS_VIEW,
    change_permission=Perm.OPERATIONS_CHANGE,
    delete_permission=Perm.OPERATIONS_DELETE,
)
