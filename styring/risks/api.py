"""API for the risk register, opportunities and the risk method."""

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

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
