"""API for AI incidents: CRUD, the serious-incident test, status changes, the reporting clocks (in every incident's
output) and notifications."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpResponse
from ninja import Field, Router, Schema
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
    patch_schema_for,
)
from styring.core.api_crud import add_crud_routes
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation, member_reference
from styring.inventory.models import AISystem

from . import selectors, services
from .choices import IncidentSeverity, IncidentStatus, NotificationKind, ReportType

router = Router(tags=["incidents"])
Severity_ = Literal[tuple(IncidentSeverity.values)]
Status_ = Literal[tuple(IncidentStatus.values)]
Kind_ = Literal[tuple(NotificationKind.values)]
ReportType_ = Literal[tuple(ReportType.values)]
REFERENCES = ("owner", "reported_by", "system")
NULLABLE = ("occurred_at", "aware_at")
TEXT = Field("", max_length=10_000)


def _resolve(organisation, data: dict) -> dict:
    """References in the input must be of the same organisation (404 otherwise)."""
    for name in ("owner", "reported_by"):
        if name in data:
            data[name] = member_reference(organisation, data[name])
    if "system" in data:
        data["system"] = (
            None if data["system"] is None else get_for_organisation(AISystem, organisation, public_id=data["system"])
        )
    return {
        key: ("" if value is None and key not in REFERENCES and key not in NULLABLE and key != "personal_data"
              else value)
        for key, value in data.items()
        if not (key == "personal_data" and value is None)
    }  # fmt: skip


class ClockOut(Schema):
    clock: str
    label: str
    rule: str
    source: str
    reason: str
    due_at: datetime | None
    state: str
    met_at: datetime | None
    seconds_left: int | None


class IncidentOut(Schema):
    id: UUID
    version: int
    reference: str
    title: str
    description: str
    system: UUID | None
    occurred_at: datetime | None
    aware_at: datetime
    reported_by: UUID | None
    severity: str
    status: str
    owner: UUID | None
    affected_people: str
    personal_data: bool
    immediate_actions: str
    root_cause: str
    lessons_learned: str
    source_type: str
    source_id: str
    source_label: str
    nonconformity: UUID | None
    closed_at: datetime | None
    death: bool | None
    health_harm: bool | None
    critical_infrastructure: bool | None
    fundamental_rights: bool | None
    property_environment: bool | None
    widespread: bool | None
    high_risk_operator: bool | None
    personal_data_breach: bool | None
    high_risk_to_individuals: bool | None
    assessed_at: datetime | None
    is_serious: bool
    clocks: list[ClockOut]
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
    def resolve_reported_by(record):
        return record.reported_by.public_id if record.reported_by_id else None

    @staticmethod
    def resolve_nonconformity(record):
        return record.nonconformity.public_id if record.nonconformity_id else None

    @staticmethod
    def resolve_clocks(record):
        tz = record.tz
        return [
            {
                "clock": clock.clock,
                "label": clock.label,
                "rule": clock.rule.key,
                "source": clock.rule.source,
                "reason": str(clock.rule.reason),
                "due_at": clock.due_at.astimezone(tz) if clock.due_at else None,
                "state": clock.state,
                "met_at": clock.met_at.astimezone(tz) if clock.met_at else None,
                "seconds_left": int(clock.time_left.total_seconds()) if clock.time_left is not None else None,
            }
            for clock in record.clocks()
        ]


class IncidentWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    description: str = TEXT
    system: UUID | None = Field(None, strict=False)
    occurred_at: datetime | None = Field(None, strict=False)
    aware_at: datetime | None = Field(None, strict=False, description="With its offset; defaults to now on create")
    reported_by: UUID | None = Field(None, strict=False)
    severity: Severity_ = IncidentSeverity.MEDIUM.value
    owner: UUID | None = Field(None, strict=False)
    affected_people: str = TEXT
    personal_data: bool = False
    immediate_actions: str = TEXT
    root_cause: str = TEXT
    lessons_learned: str = TEXT
    reason: str = Field("", max_length=1000)


IncidentPatch = patch_schema_for(IncidentWrite, "IncidentPatch")


def _create(*, organisation, actor, reason="", **data):
    if data.get("aware_at") is None:
        data.pop("aware_at", None)
    return services.incident_create(organisation=organisation, actor=actor, reason=reason, **data)


add_crud_routes(
    router,
    path="incidents",
    model_name="incident",
    tag_name="incidents",
    out_schema=IncidentOut,
    write_schema=IncidentWrite,
    patch_schema=IncidentPatch,
    selector=selectors.incidents_of,
    create=_create,
    update=services.incident_update,
    delete=services.incident_delete,
    resolve=_resolve,
    ordering=("reference", "id"),
    view_permission=Perm.OPERATIONS_VIEW,
    change_permission=Perm.OPERATIONS_CHANGE,
    delete_permission=Perm.OPERATIONS_DELETE,
)


def _incident(membership, incident: UUID):
    organisation = membership.organisation
    return get_for_organisation(selectors.incidents_of(organisation), organisation, public_id=incident)


def _fresh(membership, record):
    return _incident(membership, record.public_id)


class AssessmentIn(StrictSchema):
    death: bool | None = None
    health_harm: bool | None = None
    critical_infrastructure: bool | None = None
    fundamental_rights: bool | None = None
    property_environment: bool | None = None
    widespread: bool | None = None
    high_risk_operator: bool | None = Field(None, description="Null: taken from the AI system's class and roles")
    personal_data_breach: bool | None = None
    high_risk_to_individuals: bool | None = None
    reason: str = Field("", max_length=1000)


@router.put(
    "/{org}/incidents/{incident}/assessment",
    response={200: IncidentOut, **error_responses(*WRITE_ERRORS)},
    summary="Answer the serious-incident test (all answers; null = not answered); If-Match refuses stale edits",
)
def assess_incident(request, org: str, incident: UUID, payload: AssessmentIn, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_CHANGE)
    answers = payload.model_dump()
    reason = answers.pop("reason")
    record = services.incident_assess(
        _incident(membership, incident), actor=membership.user, expected_version=parse_if_match(request),
        reason=reason, **answers,
    )  # fmt: skip
    record = _fresh(membership, record)
    response["ETag"] = f'"{record.version}"'
    return record


class StatusIn(StrictSchema):
    status: Status_
    reason: str = Field("", max_length=1000)


@router.post(
    "/{org}/incidents/{incident}/status",
    response={200: IncidentOut, **error_responses(*WRITE_ERRORS)},
    summary="Move the incident to another status (closing and reopening: managers and above)",
)
def set_incident_status(request, org: str, incident: UUID, payload: StatusIn, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_CHANGE)
    record = _incident(membership, incident)
    if (payload.status == IncidentStatus.CLOSED or not record.is_open) and payload.status != record.status:
        api_require(membership, Perm.AIMS_APPROVE)
    record = services.incident_set_status(
        record, actor=membership.user, status=payload.status, expected_version=parse_if_match(request),
        reason=payload.reason,
    )  # fmt: skip
    record = _fresh(membership, record)
    response["ETag"] = f'"{record.version}"'
    return record


@router.post(
    "/{org}/incidents/{incident}/nonconformity",
    response={200: IncidentOut, **error_responses(*WRITE_ERRORS)},
    summary="Raise a nonconformity from the incident and link it",
)
def raise_nonconformity(request, org: str, incident: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_CHANGE)
    record = _incident(membership, incident)
    services.incident_raise_nonconformity(record, actor=membership.user)
    return _fresh(membership, record)


class NotificationOut(Schema):
    id: UUID
    version: int
    incident: UUID
    kind: str
    recipient: str
    sent_at: datetime
    reference: str
    report_type: str
    summary: str
    message: str
    created_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_incident(record):
        return record.incident.public_id


class NotificationWrite(StrictSchema):
    kind: Kind_
    recipient: str = Field(min_length=1, max_length=300)
    sent_at: datetime | None = Field(None, strict=False, description="With its offset; defaults to now")
    reference: str = Field("", max_length=200)
    report_type: ReportType_ = ReportType.COMPLETE.value
    summary: str = TEXT
    message: str = TEXT
    reason: str = Field("", max_length=1000)


@router.get(
    "/{org}/incidents/{incident}/notifications/",
    response={200: list[NotificationOut], **error_responses(*READ_ERRORS)},
    summary="Notifications recorded for an incident",
)
@paginate(LimitOffsetPagination)
def list_notifications(request, org: str, incident: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_VIEW)
    record = _incident(membership, incident)
    return selectors.notifications_of(membership.organisation).filter(incident=record).order_by("sent_at", "id")


@router.post(
    "/{org}/incidents/{incident}/notifications/",
    response={201: NotificationOut, **error_responses(*WRITE_ERRORS)},
    summary="Record a notification (meets the reporting clock of its kind)",
)
def create_notification(request, org: str, incident: UUID, payload: NotificationWrite):
    membership = api_membership(request, org)
    api_require(membership, Perm.OPERATIONS_CHANGE)
    record = _incident(membership, incident)
    data = payload.model_dump()
    reason = data.pop("reason")
    if data["sent_at"] is None:
        data.pop("sent_at")
    elif data["sent_at"].tzinfo is None:
        raise HttpError(422, "sent_at must carry its time-zone offset.")
    notification = services.notification_create(incident=record, actor=membership.user, reason=reason, **data)
    return Status(201, notification)
