"""Gap-analysis answers over the API: list, read, create or update, delete."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.http import Http404, HttpResponse
from ninja import Field, Query, Router, Schema
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
)
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation, member_reference

from . import services
from .choices import GapStatus
from .models import GapAnswer

router = Router(tags=["gap analysis"])
StatusValue = Literal[tuple(GapStatus.values)]


class GapAnswerOut(Schema):
    id: UUID
    version: int
    requirement: str
    requirement_ref: str
    status: str
    maturity: int | None
    note: str
    owner: UUID | None
    target_date: date | None
    evidence_links: list[str]
    updated_at: datetime

    @staticmethod
    def resolve_id(answer):
        return answer.public_id

    @staticmethod
    def resolve_requirement(answer):
        return answer.requirement.key

    @staticmethod
    def resolve_requirement_ref(answer):
        return answer.requirement.ref

    @staticmethod
    def resolve_owner(answer):
        return answer.owner.public_id if answer.owner_id else None


class GapAnswerWrite(StrictSchema):
    requirement: str = Field(max_length=160, description="Catalog key, e.g. iso42001:2023:A.6.2.4")
    status: StatusValue = GapStatus.NOT_STARTED.value
    maturity: int | None = Field(None, ge=0, le=5)
    note: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False, description="Membership id")
    target_date: date | None = Field(None, strict=False)
    evidence_links: list[str] = Field(default_factory=list, max_length=50)
    reason: str = Field("", max_length=1000)


class GapAnswerPatch(StrictSchema):
    status: StatusValue | None = None
    maturity: int | None = Field(None, ge=0, le=5)
    note: str | None = Field(None, max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    target_date: date | None = Field(None, strict=False)
    evidence_links: list[str] | None = Field(None, max_length=50)
    reason: str = Field("", max_length=1000)


class GapFilters(Schema):
    framework_version: str | None = Field(None, max_length=120, description="e.g. iso42001:2023")
    status: StatusValue | None = None


def _answers(organisation):
    return GapAnswer.objects.for_organisation(organisation).select_related("requirement", "owner")


@router.get(
    "/{org}/gap-answers/",
    response={200: list[GapAnswerOut], **error_responses(*READ_ERRORS, 422)},
    summary="Gap-analysis answers",
)
@paginate(LimitOffsetPagination)
def list_answers(request, org: str, filters: Query[GapFilters]):
    membership = api_membership(request, org)
    api_require(membership, Perm.GAP_VIEW)
    answers = _answers(membership.organisation)
    if filters.framework_version:
        answers = answers.filter(requirement__version__key=filters.framework_version)
    if filters.status:
        answers = answers.filter(status=filters.status)
    return answers.order_by("requirement__version_id", "requirement__position")


@router.post(
    "/{org}/gap-answers/",
    response={200: GapAnswerOut, 201: GapAnswerOut, **error_responses(*WRITE_ERRORS)},
    summary="Create or replace the answer for a requirement",
)
def save_answer(request, org: str, payload: GapAnswerWrite, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.GAP_CHANGE)
    requirement = Requirement.objects.filter(key=payload.requirement, assessable=True).first()
    if requirement is None:
        raise Http404
    data = payload.model_dump(exclude={"requirement", "reason"})
    data["owner"] = member_reference(membership.organisation, data["owner"])
    existed = _answers(membership.organisation).filter(requirement=requirement).exists()
    answer = services.gap_answer_save(
        organisation=membership.organisation,
        actor=membership.user,
        requirement=requirement,
        expected_version=parse_if_match(request),
        reason=payload.reason,
        **data,
    )
    response["ETag"] = f'"{answer.version}"'
    return Status(200 if existed else 201, answer)


@router.get(
    "/{org}/gap-answers/{gapanswer}/",
    response={200: GapAnswerOut, **error_responses(*READ_ERRORS)},
    summary="One answer",
)
def get_answer(request, org: str, gapanswer: UUID, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.GAP_VIEW)
    answer = get_for_organisation(_answers(membership.organisation), membership.organisation, public_id=gapanswer)
    response["ETag"] = f'"{answer.version}"'
    return answer


@router.patch(
    "/{org}/gap-answers/{gapanswer}/",
    response={200: GapAnswerOut, **error_responses(*WRITE_ERRORS)},
    summary="Change an answer (If-Match refuses stale edits)",
)
def update_answer(request, org: str, gapanswer: UUID, payload: GapAnswerPatch, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.GAP_CHANGE)
    answer = get_for_organisation(_answers(membership.organisation), membership.organisation, public_id=gapanswer)
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason", "")
    if "owner" in data:
        data["owner"] = member_reference(membership.organisation, data["owner"])
    for field in ("status", "note", "evidence_links"):
        if field in data and data[field] is None:
            data.pop(field)
    answer = services.gap_answer_save(
        organisation=membership.organisation,
        actor=membership.user,
        requirement=answer.requirement,
        expected_version=parse_if_match(request),
        reason=reason,
        **data,
    )
    response["ETag"] = f'"{answer.version}"'
    return answer


@router.delete(
    "/{org}/gap-answers/{gapanswer}/",
    response={204: None, **error_responses(*WRITE_ERRORS)},
    summary="Delete an answer",
)
def delete_answer(request, org: str, gapanswer: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.GAP_CHANGE)
    answer = get_for_organisation(_answers(membership.organisation), membership.organisation, public_id=gapanswer)
    services.gap_answer_delete(answer=answer, actor=membership.user)
    return Status(204, None)
