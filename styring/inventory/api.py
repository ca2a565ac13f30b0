from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.db.models import Q
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from styring.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    StrictSchema,
    api_membership,
    api_require,
    error_responses,
    parse_if_match,
)
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation, member_reference

from . import selectors, services
from .choices import AiActClass, AiActRole, AutomationLevel, Criticality, IsoRole, LifecycleStage, Sourcing

router = Router(tags=["AI systems"])

Stage = Literal[tuple(LifecycleStage.values)]
SourcingValue = Literal[tuple(Sourcing.values)]
IsoRoleValue = Literal[tuple(IsoRole.values)]
AiActRoleValue = Literal[tuple(AiActRole.values)]
Automation = Literal[tuple(AutomationLevel.values)]
ActClass = Literal[tuple(AiActClass.values)]
CriticalityValue = Literal[tuple(Criticality.values)]


class AISystemOut(Schema):
    id: UUID
    version: int
    name: str
    purpose: str
    description: str
    owner: UUID | None
    owner_name: str | None
    business_unit: str
    lifecycle_stage: str
    sourcing: str
    supplier: str
    iso_roles: list[str]
    ai_act_roles: list[str]
    models_used: str
    datasets_used: str
    deployment_context: str
    affected_persons: str
    processes_personal_data: bool
    automation_level: str
    human_oversight: str
    ai_act_class: str
    criticality: str
    review_date: date | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(system):
        return system.public_id

    @staticmethod
    def resolve_owner(system):
        return system.owner.public_id if system.owner_id else None

    @staticmethod
    def resolve_owner_name(system):
        return system.owner.user.get_full_name() if system.owner_id else None


class AISystemWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1, max_length=10_000)
    description: str = Field("", max_length=20_000)
    owner: UUID | None = Field(None, strict=False, description="Membership id of the owner")
    business_unit: str = Field("", max_length=200)
    lifecycle_stage: Stage = LifecycleStage.PLANNING.value
    sourcing: SourcingValue = Sourcing.IN_HOUSE.value
    supplier: str = Field("", max_length=200)
    iso_roles: list[IsoRoleValue] = Field(default_factory=list, max_length=len(IsoRole))
    ai_act_roles: list[AiActRoleValue] = Field(default_factory=list, max_length=len(AiActRole))
    models_used: str = Field("", max_length=10_000)
    datasets_used: str = Field("", max_length=10_000)
    deployment_context: str = Field("", max_length=10_000)
    affected_persons: str = Field("", max_length=10_000)
    processes_personal_data: bool = False
    automation_level: Automation = AutomationLevel.ADVISORY.value
    human_oversight: str = Field("", max_length=10_000)
    ai_act_class: ActClass = AiActClass.NOT_ASSESSED.value
    criticality: CriticalityValue = Criticality.MEDIUM.value
    review_date: date | None = Field(None, strict=False, description="ISO date, e.g. 2027-03-31")


class AISystemPatch(StrictSchema):
    """Only the fields sent are changed."""

    name: str | None = Field(None, min_length=1, max_length=200)
    purpose: str | None = Field(None, min_length=1, max_length=10_000)
    description: str | None = Field(None, max_length=20_000)
    owner: UUID | None = Field(None, strict=False)
    business_unit: str | None = Field(None, max_length=200)
    lifecycle_stage: Stage | None = None
    sourcing: SourcingValue | None = None
    supplier: str | None = Field(None, max_length=200)
    iso_roles: list[IsoRoleValue] | None = Field(None, max_length=len(IsoRole))
    ai_act_roles: list[AiActRoleValue] | None = Field(None, max_length=len(AiActRole))
    models_used: str | None = Field(None, max_length=10_000)
    datasets_used: str | None = Field(None, max_length=10_000)
    deployment_context: str | None = Field(None, max_length=10_000)
    affected_persons: str | None = Field(None, max_length=10_000)
    processes_personal_data: bool | None = None
    automation_level: Automation | None = None
    human_oversight: str | None = Field(None, max_length=10_000)
    ai_act_class: ActClass | None = None
    criticality: CriticalityValue | None = None
    review_date: date | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000, description="Why the change is made (change log)")


class AISystemFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Text in name, purpose or supplier")
    lifecycle_stage: Stage | None = None
    ai_act_class: ActClass | None = None
    criticality: CriticalityValue | None = None
    sourcing: SourcingValue | None = None

    def apply(self, queryset):
        values = self.model_dump(exclude_none=True)
        text = values.pop("q", None)
        if text:
            queryset = queryset.filter(
                Q(name__icontains=text) | Q(purpose__icontains=text) | Q(supplier__icontains=text)
            )
        return queryset.filter(**values)


_UNIQUE_ORDERING = {
    "name",
    "-name",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "review_date",
    "-review_date",
}


# PATCH: null clears these fields (to the empty value their type makes); owner and review_date are nullable; any other
# null is 422. A null list must become [], not "": the model skips its validators for empty values and would store "".
_PATCH_NULL_CLEARS = {
    **dict.fromkeys(
        (
            "description",
            "business_unit",
            "supplier",
            "models_used",
            "datasets_used",
            "deployment_context",
            "affected_persons",
            "human_oversight",
        ),
        str,
    ),
    "iso_roles": list,
    "ai_act_roles": list,
}


@router.get(
    "/{org}/ai-systems/",
    response={200: list[AISystemOut], **error_responses(*READ_ERRORS, 422)},
    summary="List AI systems",
)
@paginate(LimitOffsetPagination)
def list_aisystems(request, org: str, filters: Query[AISystemFilters], ordering: str = "name"):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_VIEW)
    if ordering not in _UNIQUE_ORDERING:
        raise HttpError(422, f"ordering must be one of {', '.join(sorted(_UNIQUE_ORDERING))}")
    queryset = filters.apply(selectors.aisystems_of(membership.organisation))
    return queryset.order_by(ordering, "id")


@router.post(
    "/{org}/ai-systems/",
    response={201: AISystemOut, **error_responses(*WRITE_ERRORS)},
    summary="Create an AI system",
)
def create_aisystem(request, org: str, payload: AISystemWrite, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_CHANGE)
    data = payload.model_dump()
    data["owner"] = member_reference(membership.organisation, data["owner"])
    system = services.aisystem_create(organisation=membership.organisation, actor=membership.user, **data)
    response["ETag"] = f'"{system.version}"'
    return Status(201, system)


@router.get(
    "/{org}/ai-systems/{aisystem}/",
    response={200: AISystemOut, **error_responses(*READ_ERRORS)},
    summary="One AI system",
)
def get_aisystem(request, org: str, aisystem: UUID, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_VIEW)
    system = get_for_organisation(
        selectors.aisystems_of(membership.organisation), membership.organisation, public_id=aisystem
    )
    response["ETag"] = f'"{system.version}"'
    return system


@router.patch(
    "/{org}/ai-systems/{aisystem}/",
    response={200: AISystemOut, **error_responses(*WRITE_ERRORS)},
    summary="Change an AI system (send If-Match with the ETag to refuse stale edits)",
)
def update_aisystem(request, org: str, aisystem: UUID, payload: AISystemPatch, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_CHANGE)
    system = get_for_organisation(
        selectors.aisystems_of(membership.organisation), membership.organisation, public_id=aisystem
    )
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason", "")
    for key, value in data.items():
        if value is None:
            if key in _PATCH_NULL_CLEARS:
                data[key] = _PATCH_NULL_CLEARS[key]()
            elif key not in ("owner", "review_date"):
                raise HttpError(422, f"{key} cannot be null")
    if "owner" in data:
        data["owner"] = member_reference(membership.organisation, data["owner"])
    system = services.aisystem_update(
        system=system, actor=membership.user, expected_version=parse_if_match(request), reason=reason, **data
    )
    response["ETag"] = f'"{system.version}"'
    return system


@router.delete(
    "/{org}/ai-systems/{aisystem}/",
    response={204: None, **error_responses(*WRITE_ERRORS)},
    summary="Delete an AI system",
)
def delete_aisystem(request, org: str, aisystem: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_DELETE)
    system = get_for_organisation(
        selectors.aisystems_of(membership.organisation), membership.organisation, public_id=aisystem
    )
    services.aisystem_delete(system=system, actor=membership.user, expected_version=parse_if_match(request))
    return Status(204, None)
