"""Operating and monitoring AI systems (8.1, 9.1; A.6.2.6, A.6.2.8): metrics with thresholds and measurements, drift
and fairness calculators, and the decision and human-oversight event log that AI systems write to."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from styring.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    StrictSchema,
    api_membership,
    api_require,
    error_responses,
    patch_schema_for,
)
from styring.core.api_crud import add_crud_routes
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation, member_reference
from styring.inventory.models import AISystem

from . import calculators, selectors, services
from .choices import DecisionOutcome, Direction, Frequency, MeasurementSource, MetricKind, OnBreach
from .events import MAX_BATCH, events_ingest, verify_event_chain
from .models import Metric

router = Router(tags=["operations"])

Kind = Literal[tuple(MetricKind.values)]
Direction_ = Literal[tuple(Direction.values)]
OnBreach_ = Literal[tuple(OnBreach.values)]
Frequency_ = Literal[tuple(Frequency.values)]
Outcome = Literal[tuple(DecisionOutcome.values)]
MAX_SAMPLE = 200_000


# --- metrics ----------------------------------------------------------------------------------------------------------
class MetricOut(Schema):
    id: UUID
    version: int
    reference: str
    name: str
    kind: str
    unit: str
    system: UUID | None
    description: str
    direction: str
    warning_threshold: Decimal | None
    breach_threshold: Decimal | None
    on_breach: str
    owner: UUID | None
    frequency: str
    active: bool
    latest_value: Decimal | None = None
    latest_at: datetime | None = None
    status: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_system(record):
        return record.system.public_id if record.system_id else None

    @staticmethod
    def resolve_owner(record):
        return record.owner.public_id if record.owner_id else None

    @staticmethod
    def resolve_latest_value(record):
        return getattr(record, "latest_value", None)

    @staticmethod
    def resolve_latest_at(record):
        return getattr(record, "latest_at", None)

    @staticmethod
    def resolve_status(record):
        return record.status_of(getattr(record, "latest_value", None))


class MetricWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: Kind = MetricKind.OTHER.value
    unit: str = Field("", max_length=40)
    system: UUID | None = Field(None, strict=False, description="AI system; empty for the AIMS as a whole")
    description: str = Field("", max_length=10_000)
    direction: Direction_ = Direction.HIGHER_IS_BETTER.value
    warning_threshold: Decimal | None = Field(None, strict=False, max_digits=24, decimal_places=8)
    breach_threshold: Decimal | None = Field(None, strict=False, max_digits=24, decimal_places=8)
    on_breach: OnBreach_ = OnBreach.NOTHING.value
    owner: UUID | None = Field(None, strict=False)
    frequency: Frequency_ = Frequency.MONTHLY.value
    active: bool = True
    reason: str = Field("", max_length=1000)


MetricPatch = patch_schema_for(MetricWrite, "MetricPatch")


def _resolve(organisation, data: dict) -> dict:
    if "owner" in data:
        data["owner"] = member_reference(organisation, data["owner"])
    if "system" in data:
        data["system"] = (
            None if data["system"] is None else get_for_organisation(AISystem, organisation, public_id=data["system"])
        )
    for key in ("unit", "description"):
        if key in data and data[key] is None:
            data[key] = ""
    return data


def _metric_create(*, organisation, actor, reason="", **data):
    record = services.metric_create(organisation=organisation, actor=actor, reason=reason, **data)
    return selectors.metrics_of(organisation).get(pk=record.pk)


def _metric_update(record, **kwargs):
    updated = services.metric_update(record, **kwargs)
    return selectors.metrics_of(record.organisation).get(pk=updated.pk)


add_crud_routes(
    router,
    path="metrics",
    model_name="metric",
    tag_name="metrics",
    out_schema=MetricOut,
    write_schema=MetricWrite,
    patch_schema=MetricPatch,
    selector=selectors.metrics_of,
    create=_metric_create,
    update=_metric_update,
    delete=services.metric_delete,
    resolve=_resolve,
    ordering=("reference", "id"),
    view_permission=Perm.OPERATIONS_VIEW,
    change_permission=Perm.OPERATIONS_CHANGE,
    delete_permission=Perm.OPERATIONS_DELETE,
)


# --- measurements -----------------------------------------------------------------------------------------------------
class MeasurementOut(Schema):
    id: UUID
    metric: UUID
    measured_at: datetime
    value: Decimal
    note: str
    source: str
    status: str
    breached: bool
    opened: str

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_metric(record):
        return record.metric.public_id

    @staticmethod
    def resolve_opened(record):
        return record.opened_label


class MeasurementIn(StrictSchema):
    value: Decimal = Field(strict=False, max_digits=24, decimal_places=8)
    measured_at: datetime | None = Field(None, strict=False, description="With a time zone; empty for now")
    note: str = Field("", max_length=1000)


def _metric(membership, metric: UUID) -> Metric:
    return get_for_organisation(Metric.objects.select_related("organisation", "system"), membership.organisation,
                                public_id=metric)  # fmt: skip


@router.get(
    "/{org}/metrics/{metric}/measurements",
    response={200: list[MeasurementOut], **error_responses(*READ_ERRORS)},
    summary="Measurements of a metric, newest first",
)
@paginate(LimitOffsetPagination)
def list_measurements(request, org: str, metric: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_VIEW)
    return (
        selectors.measurements_of(_metric(membership, metric)).select_related("metric").order_by("-measured_at", "-id")
    )


@router.post(
    "/{org}/metrics/{metric}/measurements",
    response={201: MeasurementOut, **error_responses(*WRITE_ERRORS)},
    summary="Record a value (monitoring pipelines push here); a new breach opens the follow-up the metric asks for",
)
def create_measurement(request, org: str, metric: UUID, payload: MeasurementIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_CHANGE)
    record = services.measurement_create(
        metric=_metric(membership, metric),
        actor=membership.user,
        value=payload.value,
        measured_at=payload.measured_at,
        note=payload.note,
        source=MeasurementSource.API,
    )
    return Status(201, record)


# --- calculators ------------------------------------------------------------------------------------------------------
class DriftIn(StrictSchema):
    reference: list[float] = Field(min_length=1, max_length=MAX_SAMPLE)
    current: list[float] = Field(min_length=1, max_length=MAX_SAMPLE)
    bins: int = Field(10, ge=2, le=100)


class PsiOut(Schema):
    psi: float
    edges: list[float]
    reference_shares: list[float]
    current_shares: list[float]
    contributions: list[float]
    explanation: str


class KsOut(Schema):
    statistic: float
    p_value: float
    n_reference: int
    n_current: int
    explanation: str


class FairnessIn(StrictSchema):
    groups: list[str] = Field(min_length=2, max_length=MAX_SAMPLE)
    predictions: list[Literal[0, 1]] = Field(min_length=2, max_length=MAX_SAMPLE)
    labels: list[Literal[0, 1]] | None = Field(None, max_length=MAX_SAMPLE)


class GroupOut(Schema):
    group: str
    count: int
    selection_rate: float
    positives: int
    true_positive_rate: float | None


class FairnessOut(Schema):
    groups: list[GroupOut]
    demographic_parity_difference: float
    disparate_impact_ratio: float | None
    equal_opportunity_difference: float | None
    explanation: list[str]


def _calculate(function):
    try:
        return function()
    except calculators.CalculationError as exc:
        from django.core.exceptions import ValidationError

        raise ValidationError(str(exc)) from exc


@router.post(
    "/{org}/calculators/psi",
    response={200: PsiOut, **error_responses(*WRITE_ERRORS)},
    summary="Population stability index of a current sample against a reference sample",
)
def calculate_psi(request, org: str, payload: DriftIn):
    api_require(api_membership(request, org), Perm.OPERATIONS_VIEW)
    result = _calculate(
        lambda: calculators.population_stability_index(payload.reference, payload.current, bins=payload.bins)
    )
    return {**result.__dict__, "explanation": calculators.explain_psi(result.psi)}


@router.post(
    "/{org}/calculators/ks",
    response={200: KsOut, **error_responses(*WRITE_ERRORS)},
    summary="Two-sample Kolmogorov–Smirnov statistic with its asymptotic p-value",
)
def calculate_ks(request, org: str, payload: DriftIn):
    api_require(api_membership(request, org), Perm.OPERATIONS_VIEW)
    result = _calculate(lambda: calculators.kolmogorov_smirnov(payload.reference, payload.current))
    return {**result.__dict__, "explanation": calculators.explain_ks(result)}


@router.post(
    "/{org}/calculators/fairness",
    response={200: FairnessOut, **error_responses(*WRITE_ERRORS)},
    summary="Demographic-parity and equal-opportunity differences and disparate-impact ratio per group",
)
def calculate_fairness(request, org: str, payload: FairnessIn):
    api_require(api_membership(request, org), Perm.OPERATIONS_VIEW)
    if len(payload.predictions) != len(payload.groups) or (
        payload.labels is not None and len(payload.labels) != len(payload.groups)
    ):
        from django.core.exceptions import ValidationError

        raise ValidationError("groups, predictions and labels must have the same length")
    result = _calculate(lambda: calculators.fairness(payload.groups, payload.predictions, payload.labels))
    return {
        "groups": [group.__dict__ for group in result.groups],
        "demographic_parity_difference": result.demographic_parity_difference,
        "disparate_impact_ratio": result.disparate_impact_ratio,
        "equal_opportunity_difference": result.equal_opportunity_difference,
        "explanation": calculators.explain_fairness(result),
    }


# --- decision event log -----------------------------------------------------------------------------------------------
class EventIn(StrictSchema):
    occurred_at: datetime = Field(strict=False, description="When the decision was made, with a time zone")
    input_reference: str = Field("", max_length=500, description="An id or pointer to the input, not the input")
    output_summary: str = Field("", max_length=5000)
    confidence: float | None = Field(None, ge=0, le=1)
    reviewer: str = Field("", max_length=200)
    outcome: Outcome
    reason: str = Field("", max_length=2000)


class EventBatchIn(StrictSchema):
    events: list[EventIn] = Field(min_length=1, max_length=MAX_BATCH)


class IngestOut(Schema):
    received: int
    first_sequence: int
    last_sequence: int
    head_hash: str


class EventOut(Schema):
    system: UUID
    sequence: int
    occurred_at: datetime
    received_at: datetime
    input_reference: str
    output_summary: str
    confidence: float | None
    reviewer: str
    outcome: str
    reason: str
    previous_hash: str
    hash: str

    @staticmethod
    def resolve_system(record):
        return record.system.public_id


class EventFilters(Schema):
    outcome: Outcome | None = None
    occurred_from: date | None = Field(None, description="From this date (inclusive)")
    occurred_to: date | None = Field(None, description="Up to this date (inclusive)")
    q: str | None = Field(None, max_length=200, description="Text in the input reference or output")


class VerifyOut(Schema):
    ok: bool
    events_checked: int
    broken_sequence: int | None
    problem: str
    anchor_sequence: int


def _system(membership, aisystem: UUID) -> AISystem:
    return get_for_organisation(AISystem.objects.select_related("organisation"), membership.organisation,
                                public_id=aisystem)  # fmt: skip


@router.post(
    "/{org}/ai-systems/{aisystem}/events",
    response={201: IngestOut, **error_responses(*WRITE_ERRORS)},
    summary=f"Append up to {MAX_BATCH} decision events to the system's tamper-evident log (all or nothing)",
)
def ingest_events(request, org: str, aisystem: UUID, payload: EventBatchIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_CHANGE)
    result = events_ingest(
        system=_system(membership, aisystem),
        actor=membership.user,
        events=[event.model_dump() for event in payload.events],
    )
    return Status(
        201,
        {
            "received": result.count,
            "first_sequence": result.first_sequence,
            "last_sequence": result.last_sequence,
            "head_hash": result.head_hash,
        },
    )


@router.get(
    "/{org}/ai-systems/{aisystem}/events",
    response={200: list[EventOut], **error_responses(*READ_ERRORS)},
    summary="The system's decision events, newest first, with filters",
)
@paginate(LimitOffsetPagination)
def list_events(request, org: str, aisystem: UUID, filters: Query[EventFilters]):
    from django.db.models import Q

    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_VIEW)
    events = selectors.events_of(membership.organisation).filter(system=_system(membership, aisystem))
    if filters.outcome:
        events = events.filter(outcome=filters.outcome)
    if filters.occurred_from:
        events = events.filter(occurred_at__date__gte=filters.occurred_from)
    if filters.occurred_to:
        events = events.filter(occurred_at__date__lte=filters.occurred_to)
    if filters.q:
        events = events.filter(Q(input_reference__icontains=filters.q) | Q(output_summary__icontains=filters.q))
    return events.order_by("-sequence")


@router.get(
    "/{org}/ai-systems/{aisystem}/events/verify",
    response={200: VerifyOut, **error_responses(*READ_ERRORS)},
    summary="Recompute the system's hash chain and name the first broken link",
)
def verify_events(request, org: str, aisystem: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_VIEW)
    report = verify_event_chain(_system(membership, aisystem))
    return {
        "ok": report.ok,
        "events_checked": report.events_checked,
        "broken_sequence": report.broken_sequence,
        "problem": str(report.problem),
        "anchor_sequence": report.anchor_sequence,
    }
