"""The discovery review queue over the API: list and read candidates, accept, merge or dismiss them, and import a
spreadsheet or a CycloneDX BOM into the queue (all or nothing, with the validation report on error)."""

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Field, File, Query, Router, Schema, UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from styring.core.api import READ_ERRORS, WRITE_ERRORS, StrictSchema, api_membership, api_require, error_responses
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation

from . import review
from .choices import CandidateKind, CandidateSource, CandidateStatus
from .imports import service
from .imports.spreadsheet import MAX_BYTES, ImportError_
from .models import AIModel, AISystem, Candidate, Dataset, Supplier

router = Router(tags=["discovery"])
TARGETS = {
    CandidateKind.SYSTEM: AISystem,
    CandidateKind.MODEL: AIModel,
    CandidateKind.DATASET: Dataset,
    CandidateKind.SUPPLIER: Supplier,
}


class CandidateOut(Schema):
    id: UUID
    version: int
    kind: str
    source: str
    name: str
    proposed: dict[str, Any]
    evidence: str
    batch: str
    status: str
    submitted_by: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str
    result_type: str
    result_id: str
    created_at: datetime

    @staticmethod
    def resolve_id(candidate):
        return candidate.public_id

    @staticmethod
    def resolve_submitted_by(candidate):
        return candidate.submitted_by.email if candidate.submitted_by_id else None

    @staticmethod
    def resolve_reviewed_by(candidate):
        return candidate.reviewed_by.email if candidate.reviewed_by_id else None


class CandidateFilters(Schema):
    status: Literal[tuple(CandidateStatus.values)] | None = None
    source: Literal[tuple(CandidateSource.values)] | None = None
    kind: Literal[tuple(CandidateKind.values)] | None = None
    batch: str | None = Field(None, max_length=100)


class ReviewIn(StrictSchema):
    note: str = Field("", max_length=500)


class MergeIn(ReviewIn):
    target: UUID = Field(strict=False, description="The existing record (of the same kind) to fill in")


class ImportOut(Schema):
    batch: str
    candidates: list[UUID]
    warnings: list[dict[str, Any]]


def _candidates(membership):
    return Candidate.objects.for_organisation(membership.organisation).select_related("submitted_by", "reviewed_by")


def _one(membership, candidate: UUID) -> Candidate:
    return get_for_organisation(
        Candidate.objects.select_related("organisation"), membership.organisation, public_id=candidate
    )


@router.get(
    "/{org}/candidates/",
    response={200: list[CandidateOut], **error_responses(*READ_ERRORS)},
    summary="Candidates in the discovery review queue (newest first), filtered by status, source, kind or batch",
)
@paginate(LimitOffsetPagination)
def list_candidates(request, org: str, filters: Query[CandidateFilters]):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_VIEW)
    queryset = _candidates(membership).order_by("-created_at", "-id")
    for name in ("status", "source", "kind", "batch"):
        value = getattr(filters, name)
        if value:
            queryset = queryset.filter(**{name: value})
    return queryset


@router.get(
    "/{org}/candidates/{candidate}/",
    response={200: CandidateOut, **error_responses(*READ_ERRORS)},
    summary="One candidate",
)
def get_candidate(request, org: str, candidate: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_VIEW)
    return _candidates(membership).get(pk=_one(membership, candidate).pk)


@router.post(
    "/{org}/candidates/{candidate}/accept",
    response={200: CandidateOut, **error_responses(*WRITE_ERRORS)},
    summary="Accept a candidate as a new inventory record",
)
def accept_candidate(request, org: str, candidate: UUID, payload: ReviewIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_CHANGE)
    record = _one(membership, candidate)
    review.candidate_accept(candidate=record, actor=membership.user, note=payload.note)
    return _candidates(membership).get(pk=record.pk)


@router.post(
    "/{org}/candidates/{candidate}/merge",
    response={200: CandidateOut, **error_responses(*WRITE_ERRORS)},
    summary="Fill the empty fields of an existing record of the same kind with the candidate's values",
)
def merge_candidate(request, org: str, candidate: UUID, payload: MergeIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_CHANGE)
    record = _one(membership, candidate)
    target = get_for_organisation(TARGETS[record.kind], membership.organisation, public_id=payload.target)
    review.candidate_merge(candidate=record, actor=membership.user, target=target, note=payload.note)
    return _candidates(membership).get(pk=record.pk)


@router.post(
    "/{org}/candidates/{candidate}/dismiss",
    response={200: CandidateOut, **error_responses(*WRITE_ERRORS)},
    summary="Dismiss a candidate with a reason",
)
def dismiss_candidate(request, org: str, candidate: UUID, payload: ReviewIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_CHANGE)
    record = _one(membership, candidate)
    review.candidate_dismiss(candidate=record, actor=membership.user, note=payload.note)
    return _candidates(membership).get(pk=record.pk)


@router.post(
    "/{org}/candidates/import",
    response={201: ImportOut, **error_responses(*WRITE_ERRORS)},
    summary="Import a CSV, XLSX or CycloneDX 1.5/1.6 file into the review queue (all rows or none)",
    description="Columns are matched by name as in the web import. On any error nothing is queued and the answer "
    "(422) lists every problem with its row and column.",
)
def import_candidates(request, org: str, file: File[UploadedFile]):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_CHANGE)
    content = file.read(MAX_BYTES + 1)
    try:
        _kind, _items, problems, batch = service.import_file(membership.organisation, membership.user, content)
    except ImportError_ as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    errors = [problem for problem in problems if problem.level == "error"]
    if errors:
        report: dict[str, list[str]] = {}
        for problem in errors[:500]:
            report.setdefault(f"row {problem.row}", []).append(f"{problem.column}: {problem.message}")
        raise ValidationError(report)
    created = Candidate.objects.for_organisation(membership.organisation).filter(batch=batch)
    return Status(
        201,
        {
            "batch": batch,
            "candidates": list(created.values_list("public_id", flat=True)),
            "warnings": [
                {"row": problem.row, "column": problem.column, "message": problem.message} for problem in problems
            ],
        },
    )
