"""API for the risk register, opportunities and the risk method."""

from datetime import date, datetime
from typing import Any, Literal
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

from . import selectors, services
from .choices import OpportunityStatus, RiskStatus, TreatmentOption
from .library import ISO42001

router = Router(tags=["risks"])
Status_ = Literal[tuple(RiskStatus.values)]
Treatment = Literal[(*TreatmentOption.values, "")]
OpportunityStatus_ = Literal[tuple(OpportunityStatus.values)]
REFERENCES = ("owner", "system", "risk_source")


def _resolve(organisation, data: dict) -> dict:
    """References in the input must be of the same organisation (404 otherwise); a risk source is an Annex C key."""
    if "owner" in data:
        data["owner"] = member_reference(organisation, data["owner"])
    if "system" in data:
        data["system"] = (
            None if data["system"] is None else get_for_organisation(AISystem, organisation, public_id=data["system"])
        )
    if "risk_source" in data and data["risk_source"] is not None:
        source = Requirement.objects.filter(key=data["risk_source"], version__key=ISO42001, kind="risk_source").first()
        if source is None:
            raise ValidationError({"risk_source": [_("Choose a risk source from Annex C.")]})
        data["risk_source"] = source
    return {
        key: ("" if value is None and key not in REFERENCES and "likelihood" not in key and "impact" not in key
              and not key.endswith("date") else value)
        for key, value in data.items()
    }  # fmt: skip


class _Out(Schema):
    id: UUID
    version: int
    reference: str
    title: str
    description: str
    system: UUID | None
    owner: UUID | None
    status: str
    review_date: date | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_owner(record):
        return record.owner.public_id if record.owner_id else None

    @staticmethod
    def resolve_system(record):
        return record.system.public_id if record.system_id else None


class RiskOut(_Out):
    risk_source: str | None
    own_risk_source: str
    consequences_organisation: str
    consequences_individuals: str
    consequences_society: str
    method_version: int
    inherent_likelihood: int | None
    inherent_impact: int | None
    inherent_level: str
    treatment_option: str
    treatment_plan: str
    residual_likelihood: int | None
    residual_impact: int | None
    residual_level: str
    accepted_by: str | None
    accepted_at: datetime | None
    acceptance_rationale: str

    @staticmethod
    def resolve_risk_source(record):
        return record.risk_source.key if record.risk_source_id else None

    @staticmethod
    def resolve_method_version(record):
        return record.method.number

    @staticmethod
    def resolve_accepted_by(record):
        return record.accepted_by.email if record.accepted_by_id else None


Rating = int | None


class RiskWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=10_000)
    system: UUID | None = Field(None, strict=False)
    risk_source: str | None = Field(None, max_length=200, description="An Annex C key, e.g. iso42001:2023:C.3.4")
    own_risk_source: str = Field("", max_length=200)
    consequences_organisation: str = Field("", max_length=10_000)
    consequences_individuals: str = Field("", max_length=10_000)
    consequences_society: str = Field("", max_length=10_000)
    inherent_likelihood: Rating = Field(None, ge=1, le=5)
    inherent_impact: Rating = Field(None, ge=1, le=5)
    treatment_option: Treatment = ""
    treatment_plan: str = Field("", max_length=10_000)
    residual_likelihood: Rating = Field(None, ge=1, le=5)
    residual_impact: Rating = Field(None, ge=1, le=5)
    owner: UUID | None = Field(None, strict=False)
    status: Status_ = RiskStatus.IDENTIFIED.value
    review_date: date | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000)


RiskPatch = patch_schema_for(RiskWrite, "RiskPatch")


class OpportunityOut(_Out):
    benefit: str
    actions: str


class OpportunityWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=10_000)
    system: UUID | None = Field(None, strict=False)
    benefit: str = Field("", max_length=10_000)
    actions: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    status: OpportunityStatus_ = OpportunityStatus.IDENTIFIED.value
    review_date: date | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000)


OpportunityPatch = patch_schema_for(OpportunityWrite, "OpportunityPatch")
_PERMS = {
    "view_permission": Perm.RISK_VIEW,
    "change_permission": Perm.RISK_CHANGE,
    "delete_permission": Perm.RISK_DELETE,
}

add_crud_routes(
    router,
    path="risks",
    model_name="risk",
    tag_name="risks",
    out_schema=RiskOut,
    write_schema=RiskWrite,
    patch_schema=RiskPatch,
    selector=selectors.risks_of,
    create=services.risk_create,
    update=lambda record, **kw: services.risk_update(risk=record, **kw),
    delete=lambda record, **kw: services.risk_delete(risk=record, **kw),
    resolve=_resolve,
    ordering=("reference", "id"),
    **_PERMS,
)
add_crud_routes(
    router,
    path="opportunities",
    model_name="opportunity",
    tag_name="opportunities",
    out_schema=OpportunityOut,
    write_schema=OpportunityWrite,
    patch_schema=OpportunityPatch,
    selector=selectors.opportunities_of,
    create=services.opportunity_create,
    update=services.opportunity_update,
    delete=services.opportunity_delete,
    resolve=_resolve,
    ordering=("reference", "id"),
    **_PERMS,
)


class AcceptIn(StrictSchema):
    rationale: str = Field(min_length=1, max_length=2000)


@router.post(
    "/{org}/risks/{risk}/accept",
    response={200: RiskOut, **error_responses(*WRITE_ERRORS)},
    summary="Accept the residual risk (managers, administrators and owners); If-Match refuses stale decisions",
)
def accept_risk(request, org: str, risk: UUID, payload: AcceptIn, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_ACCEPT)
    record = get_for_organisation(selectors.risks_of(membership.organisation), membership.organisation, public_id=risk)
    record = services.risk_accept(
        risk=record, actor=membership.user, rationale=payload.rationale, expected_version=parse_if_match(request)
    )
    response["ETag"] = f'"{record.version}"'
    return record


class MethodOut(Schema):
    version: int
    likelihood: list[dict[str, Any]]
    impact: list[dict[str, Any]]
    levels: list[dict[str, Any]]
    matrix: list[list[str]]
    acceptance_level: str
    review_interval_months: int


@router.get(
    "/{org}/risk-method",
    response={200: MethodOut, **error_responses(*READ_ERRORS)},
    summary="The organisation's current risk method (scales with labels per language, matrix, acceptance level)",
)
def risk_method(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_VIEW)
    method = selectors.current_method(membership.organisation)
    return {
        "version": method.number,
        **{name: getattr(method, name) for name in services.METHOD_FIELDS},
    }


# --- impact assessments ---------------------------------------------------------------------------------------------


class ImpactOut(Schema):
    id: UUID
    version: int
    system: UUID
    variant: str
    number: int
    status: str
    answers: dict[str, Any]
    impacts: dict[str, Any]
    reviewers: str
    reassessment_triggers: str
    dpia_reference: str
    approved_by: str | None
    approved_at: datetime | None

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_system(record):
        return record.system.public_id

    @staticmethod
    def resolve_approved_by(record):
        return record.approved_by.email if record.approved_by_id else None


class ImpactStartIn(StrictSchema):
    system: UUID = Field(strict=False)
    variant: Literal["aisia", "fria"] = "aisia"


class ImpactPatch(StrictSchema):
    answers: dict[str, str] | None = None
    impacts: dict[str, dict[str, Any]] | None = None
    reviewers: str | None = Field(None, max_length=2000)
    reassessment_triggers: str | None = Field(None, max_length=2000)
    dpia_reference: str | None = Field(None, max_length=300)


class ImpactActionIn(StrictSchema):
    action: Literal["submit", "approve", "return", "risk"]
    note: str = Field("", max_length=2000)
    area: str = Field("", max_length=50, description="For `risk`: the impact area whose finding becomes a risk")


def _impacts(membership):
    from .models import ImpactAssessment

    return ImpactAssessment.objects.for_organisation(membership.organisation).select_related("system", "approved_by")


@router.get(
    "/{org}/impact-assessments/",
    response={200: list[ImpactOut], **error_responses(*READ_ERRORS)},
    summary="Impact assessments and FRIAs, by system",
)
@paginate(LimitOffsetPagination)
def list_impact_assessments(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_VIEW)
    return _impacts(membership).order_by("system__name", "variant", "-number")


@router.get(
    "/{org}/impact-assessments/{impactassessment}",
    response={200: ImpactOut, **error_responses(*READ_ERRORS)},
    summary="One impact assessment",
)
def get_impact_assessment(request, org: str, impactassessment: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_VIEW)
    return get_for_organisation(_impacts(membership), membership.organisation, public_id=impactassessment)


@router.post(
    "/{org}/impact-assessments/",
    response={201: ImpactOut, **error_responses(*WRITE_ERRORS)},
    summary="Start an impact assessment or FRIA of a system (prefilled; an open draft is returned instead)",
)
def start_impact_assessment(request, org: str, payload: ImpactStartIn):
    from .impact import impact_assessment_start

    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_CHANGE)
    system = get_for_organisation(AISystem, membership.organisation, public_id=payload.system)
    record = impact_assessment_start(system=system, actor=membership.user, variant=payload.variant)
    return Status(201, _impacts(membership).get(pk=record.pk))


@router.patch(
    "/{org}/impact-assessments/{impactassessment}",
    response={200: ImpactOut, **error_responses(*WRITE_ERRORS)},
    summary="Change a draft (a version in review or approved is frozen); If-Match refuses stale edits",
)
def patch_impact_assessment(request, org: str, impactassessment: UUID, payload: ImpactPatch):
    from .impact import impact_assessment_save

    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_CHANGE)
    record = get_for_organisation(_impacts(membership), membership.organisation, public_id=impactassessment)
    data = {key: value for key, value in payload.model_dump(exclude_unset=True).items() if value is not None}
    impact_assessment_save(assessment=record, actor=membership.user, expected_version=parse_if_match(request), **data)
    return _impacts(membership).get(pk=record.pk)


@router.post(
    "/{org}/impact-assessments/{impactassessment}/actions",
    response={200: ImpactOut, **error_responses(*WRITE_ERRORS)},
    summary="Submit for review, approve or return (managers), or turn a finding into a risk",
)
def impact_assessment_action(request, org: str, impactassessment: UUID, payload: ImpactActionIn):
    from .impact import impact_assessment_decide, impact_assessment_submit, impact_finding_to_risk

    membership = api_membership(request, org)
    api_require(membership, Perm.RISK_CHANGE)
    record = get_for_organisation(_impacts(membership), membership.organisation, public_id=impactassessment)
    if payload.action == "submit":
        impact_assessment_submit(assessment=record, actor=membership.user)
    elif payload.action == "risk":
        impact_finding_to_risk(assessment=record, actor=membership.user, area=payload.area)
    else:
        api_require(membership, Perm.RISK_ACCEPT)
        impact_assessment_decide(
            assessment=record, actor=membership.user, approve=payload.action == "approve", note=payload.note
        )
    return _impacts(membership).get(pk=record.pk)
