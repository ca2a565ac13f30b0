"""API for leadership and planning records (5.3, 6.2, 6.3, 7.4; A.3): AI roles and their holders, the RACI matrix,
reported concerns, AI objectives and their measurements, planned changes and the communication plan."""

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
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
from .choices import ChangeStatus, ConcernCategory, ConcernStatus, Direction, Frequency, RaciValue
from .models import AIRole
from .objectives import status_of

router = Router(tags=["governance"])

_PERMS = {
    "view_permission": Perm.AIMS_VIEW,
    "change_permission": Perm.AIMS_CHANGE,
    "delete_permission": Perm.AIMS_DELETE,
}
MEMBER_FIELDS = ("owner", "member", "communicator")
TEXT_FIELDS = (
    "description",
    "responsibilities",
    "authorities",
    "person_name",
    "person_email",
    "note",
    "unit",
    "resources",
    "evaluation",
    "purpose",
    "consequences",
    "channel",
    "notes",
)


def _resolve(organisation, data: dict) -> dict:
    """References in the input must be of the same organisation (404 otherwise)."""
    for name in MEMBER_FIELDS:
        if name in data:
            data[name] = member_reference(organisation, data[name])
    if "system" in data:
        data["system"] = (
            None if data["system"] is None else get_for_organisation(AISystem, organisation, public_id=data["system"])
        )
    if "systems" in data:
        data["systems"] = [
            get_for_organisation(AISystem, organisation, public_id=public_id) for public_id in data["systems"] or []
        ]
    if "role" in data:
        if data["role"] is None:
            raise ValidationError({"role": [_("Choose a role.")]})
        data["role"] = get_for_organisation(AIRole, organisation, public_id=data["role"])
    for name in TEXT_FIELDS:
        if name in data and data[name] is None:
            data[name] = ""
    return data


def _public(record, name):
    related = getattr(record, name)
    return related.public_id if related is not None else None


class _Out(Schema):
    id: UUID
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id


# --- roles and assignments -----------------------------------------------------------------------------------------


class RoleOut(_Out):
    name: str
    description: str
    responsibilities: str
    authorities: str
    receives_concerns: bool


class RoleWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    responsibilities: str = Field("", max_length=10_000)
    authorities: str = Field("", max_length=10_000)
    receives_concerns: bool = False
    reason: str = Field("", max_length=1000)


class AssignmentOut(_Out):
    role: UUID
    member: UUID | None
    person_name: str
    person_email: str
    system: UUID | None
    starts_on: date | None
    ends_on: date | None
    note: str

    @staticmethod
    def resolve_role(record):
        return record.role.public_id

    @staticmethod
    def resolve_member(record):
        return _public(record, "member")

    @staticmethod
    def resolve_system(record):
        return _public(record, "system")


class AssignmentWrite(StrictSchema):
    role: UUID = Field(strict=False)
    member: UUID | None = Field(None, strict=False, description="A member of the organisation, or …")
    person_name: str = Field("", max_length=200, description="… a named person who does not use Styring")
    person_email: str = Field("", max_length=254)
    system: UUID | None = Field(None, strict=False)
    starts_on: date | None = Field(None, strict=False)
    ends_on: date | None = Field(None, strict=False)
    note: str = Field("", max_length=500)
    reason: str = Field("", max_length=1000)


# --- objectives ----------------------------------------------------------------------------------------------------


class ObjectiveOut(_Out):
    reference: str
    title: str
    description: str
    owner: UUID | None
    metric: str
    unit: str
    baseline: float | None
    target_value: float
    direction: str
    start_date: date | None
    due_date: date | None
    resources: str
    evaluation: str
    system: UUID | None
    latest_value: float | None
    latest_on: date | None
    status: str

    @staticmethod
    def resolve_owner(record):
        return _public(record, "owner")

    @staticmethod
    def resolve_system(record):
        return _public(record, "system")

    @staticmethod
    def resolve_latest_value(record):
        return getattr(record, "latest_value", None)

    @staticmethod
    def resolve_latest_on(record):
        return getattr(record, "latest_on", None)

    @staticmethod
    def resolve_status(record):
        if not hasattr(record, "latest_value"):  # just written: read it again with its latest measurement
            record = selectors.objectives_of(record.organisation).get(pk=record.pk)
        return str(status_of(record, timezone.localdate()).value)


Number = float


class ObjectiveWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    metric: str = Field(min_length=1, max_length=300)
    unit: str = Field("", max_length=50)
    baseline: Number | None = Field(None, allow_inf_nan=False)
    target_value: Number = Field(allow_inf_nan=False)
    direction: Literal[tuple(Direction.values)] = Direction.INCREASE.value
    start_date: date | None = Field(None, strict=False)
    due_date: date | None = Field(None, strict=False)
    resources: str = Field("", max_length=10_000)
    evaluation: str = Field("", max_length=10_000)
    system: UUID | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000)


class MeasurementOut(_Out):
    objective: UUID
    measured_on: date
    value: float
    note: str

    @staticmethod
    def resolve_objective(record):
        return record.objective.public_id


class MeasurementWrite(StrictSchema):
    measured_on: date = Field(strict=False)
    value: Number = Field(allow_inf_nan=False)
    note: str = Field("", max_length=500)


# --- planned changes and communication -----------------------------------------------------------------------------


class PlannedChangeOut(_Out):
    reference: str
    title: str
    purpose: str
    consequences: str
    resources: str
    owner: UUID | None
    planned_on: date | None
    status: str
    systems: list[UUID]

    @staticmethod
    def resolve_owner(record):
        return _public(record, "owner")

    @staticmethod
    def resolve_systems(record):
        return [system.public_id for system in record.systems.all()]


class PlannedChangeWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    purpose: str = Field("", max_length=10_000)
    consequences: str = Field("", max_length=10_000)
    resources: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    planned_on: date | None = Field(None, strict=False)
    status: Literal[tuple(ChangeStatus.values)] = ChangeStatus.PROPOSED.value
    systems: list[Annotated[UUID, Field(strict=False)]] = Field([], max_length=500)
    reason: str = Field("", max_length=1000)


class CommunicationItemOut(_Out):
    what: str
    audience: str
    frequency: str
    channel: str
    communicator: UUID | None
    next_due_on: date | None
    notes: str

    @staticmethod
    def resolve_communicator(record):
        return _public(record, "communicator")


class CommunicationItemWrite(StrictSchema):
    what: str = Field(min_length=1, max_length=300)
    audience: str = Field(min_length=1, max_length=300)
    frequency: Literal[tuple(Frequency.values)] = Frequency.YEARLY.value
    channel: str = Field("", max_length=200)
    communicator: UUID | None = Field(None, strict=False)
    next_due_on: date | None = Field(None, strict=False)
    notes: str = Field("", max_length=10_000)
    reason: str = Field("", max_length=1000)


class CommunicationRecordOut(_Out):
    item: UUID
    communicated_on: date
    note: str
    recorded_by: UUID | None

    @staticmethod
    def resolve_item(record):
        return record.item.public_id

    @staticmethod
    def resolve_recorded_by(record):
        return _public(record, "recorded_by")


class CommunicationRecordWrite(StrictSchema):
    communicated_on: date = Field(strict=False)
    note: str = Field("", max_length=1000)


for _path, _name, _tag, _out, _write, _selector, _create, _update, _delete, _ordering in (
    ("ai-roles", "airole", "AI roles", RoleOut, RoleWrite, selectors.roles_of, services.role_create,
     services.role_update, services.role_delete, ("name", "id")),
    ("role-assignments", "roleassignment", "role assignments", AssignmentOut, AssignmentWrite,
     selectors.assignments_of, services.assignment_create, services.assignment_update, services.assignment_delete,
     ("role__name", "id")),
    ("objectives", "objective", "AI objectives", ObjectiveOut, ObjectiveWrite, selectors.objectives_of,
     services.objective_create, services.objective_update, services.objective_delete, ("reference", "id")),
    ("planned-changes", "plannedchange", "planned changes", PlannedChangeOut, PlannedChangeWrite,
     selectors.planned_changes_of, services.planned_change_create, services.planned_change_update,
     services.planned_change_delete, ("reference", "id")),
    ("communication-items", "communicationitem", "communication plan", CommunicationItemOut, CommunicationItemWrite,
     selectors.communication_items_of, services.communication_item_create, services.communication_item_update,
     services.communication_item_delete, ("next_due_on", "id")),
):  # fmt: skip
    add_crud_routes(
        router,
        path=_path,
        model_name=_name,
        tag_name=_tag,
        out_schema=_out,
        write_schema=_write,
        patch_schema=patch_schema_for(_write, f"{_write.__name__.removesuffix('Write')}Patch"),
        selector=_selector,
        create=_create,
        update=_update,
        delete=_delete,
        resolve=_resolve,
        ordering=_ordering,
        **_PERMS,
    )


@router.get(
    "/{org}/objectives/{objective}/measurements",
    response={200: list[MeasurementOut], **error_responses(*READ_ERRORS)},
    summary="The measurements of an AI objective, oldest first",
    operation_id="list_objective_measurements",
)
@paginate(LimitOffsetPagination)
def list_measurements(request, org: str, objective: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    record = get_for_organisation(selectors.objectives_of(membership.organisation), membership.organisation,
                                  public_id=objective)  # fmt: skip
    return selectors.measurements_of(membership.organisation).filter(objective=record).order_by("measured_on", "id")


@router.post(
    "/{org}/objectives/{objective}/measurements",
    response={201: MeasurementOut, **error_responses(*WRITE_ERRORS)},
    summary="Record a measurement of an AI objective (its status follows)",
    operation_id="create_objective_measurement",
)
def add_measurement(request, org: str, objective: UUID, payload: MeasurementWrite):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    record = get_for_organisation(selectors.objectives_of(membership.organisation), membership.organisation,
                                  public_id=objective)  # fmt: skip
    measurement = services.measurement_add(objective=record, actor=membership.user, **payload.model_dump())
    return Status(201, measurement)


@router.get(
    "/{org}/communication-items/{communicationitem}/records",
    response={200: list[CommunicationRecordOut], **error_responses(*READ_ERRORS)},
    summary="When a planned communication took place, newest first",
    operation_id="list_communication_records",
)
@paginate(LimitOffsetPagination)
def list_communication_records(request, org: str, communicationitem: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    organisation = membership.organisation
    item = get_for_organisation(selectors.communication_items_of(organisation), organisation,
                                public_id=communicationitem)  # fmt: skip
    return selectors.communication_records_of(organisation).filter(item=item)


@router.post(
    "/{org}/communication-items/{communicationitem}/records",
    response={201: CommunicationRecordOut, **error_responses(*WRITE_ERRORS)},
    summary="Record that a planned communication took place; its next due date moves on by the frequency "
    "(If-Match refuses a stale item)",
    operation_id="create_communication_record",
)
def add_communication_record(request, org: str, communicationitem: UUID, payload: CommunicationRecordWrite):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    organisation = membership.organisation
    item = get_for_organisation(selectors.communication_items_of(organisation), organisation,
                                public_id=communicationitem)  # fmt: skip
    record = services.communication_record(
        item=item,
        actor=membership.user,
        membership=membership,
        communicated_on=payload.communicated_on,
        note=payload.note,
        expected_version=parse_if_match(request),
    )
    return Status(201, record)


# --- RACI ----------------------------------------------------------------------------------------------------------


class RaciSubjectOut(Schema):
    key: str
    label: str
    group: str
    cells: dict[str, str]
    warning: str


class RaciRoleOut(Schema):
    id: UUID
    name: str


class RaciOut(Schema):
    roles: list[RaciRoleOut]
    subjects: list[RaciSubjectOut]


class RaciCellIn(StrictSchema):
    role: UUID = Field(strict=False)
    subject: str = Field(min_length=1, max_length=100, description="An AIMS process key or an Annex A control key")
    value: Literal[(*RaciValue.values, "")] = Field(description="R, A, C, I, or empty to clear the cell")


def _raci(organisation, only: str | None = None) -> dict:
    roles, rows = selectors.raci_rows(organisation, only=only)
    return {
        "roles": [{"id": role.public_id, "name": role.name} for role in roles],
        "subjects": [
            {
                "key": row.key,
                "label": row.label,
                "group": row.group,
                "cells": {str(role.public_id): value for role, value in row.cells if value},
                "warning": row.warning,
            }
            for row in rows
        ],
    }


@router.get(
    "/{org}/raci",
    response={200: RaciOut, **error_responses(*READ_ERRORS)},
    summary="The RACI matrix: AIMS processes and Annex A controls × AI roles, with a warning where a subject "
    "does not have exactly one accountable role",
    operation_id="get_raci",
)
def get_raci(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    return _raci(membership.organisation)


@router.put(
    "/{org}/raci",
    response={200: RaciSubjectOut, **error_responses(*WRITE_ERRORS)},
    summary="Set one cell of the RACI matrix (an empty value clears it); answers with the subject's row",
    operation_id="put_raci_cell",
)
def put_raci_cell(request, org: str, payload: RaciCellIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    organisation = membership.organisation
    role = get_for_organisation(AIRole, organisation, public_id=payload.role)
    services.raci_set(
        organisation=organisation, actor=membership.user, role=role, subject=payload.subject, value=payload.value
    )
    return _raci(organisation, only=payload.subject)["subjects"][0]


# --- concerns ------------------------------------------------------------------------------------------------------


class ConcernReportIn(StrictSchema):
    category: Literal[tuple(ConcernCategory.values)]
    description: str = Field(min_length=1, max_length=10_000)
    system: UUID | None = Field(None, strict=False)
    anonymous: bool = False


class ConcernReceiptOut(Schema):
    reference: str
    received_on: date
    anonymous: bool


class ConcernOut(Schema):
    """No time stamps: only the date a concern was received is kept; anonymous reports have no reporter."""

    id: UUID
    version: int
    reference: str
    category: str
    description: str
    system: UUID | None
    status: str
    response: str
    handled_by: UUID | None
    reporter: UUID | None
    anonymous: bool
    received_on: date

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_system(record):
        return _public(record, "system")

    @staticmethod
    def resolve_handled_by(record):
        return _public(record, "handled_by")

    @staticmethod
    def resolve_reporter(record):
        return None if record.anonymous else _public(record, "reporter")


class ConcernPatch(StrictSchema):
    status: Literal[tuple(ConcernStatus.values)] | None = None
    response: str | None = Field(None, max_length=10_000)
    reason: str = Field("", max_length=1000)


def _require_handler(membership) -> None:
    if not selectors.may_handle_concerns(membership, timezone.localdate()):
        raise HttpError(403, "Only the members who receive reported concerns (and the owners) can see them.")


@router.post(
    "/{org}/concerns",
    response={201: ConcernReceiptOut, **error_responses(*WRITE_ERRORS)},
    summary="Report a concern about AI (any member; anonymously if the organisation allows it)",
    operation_id="report_concern",
)
def report_concern(request, org: str, payload: ConcernReportIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    organisation = membership.organisation
    system = None
    if payload.system is not None:
        system = get_for_organisation(AISystem, organisation, public_id=payload.system)
    concern = services.concern_report(
        organisation=organisation,
        membership=membership,
        category=payload.category,
        description=payload.description,
        system=system,
        anonymous=payload.anonymous,
    )
    return Status(201, concern)


@router.get(
    "/{org}/concerns",
    response={200: list[ConcernOut], **error_responses(*READ_ERRORS)},
    summary="Reported concerns (only for the members who receive them, and the owners)",
    operation_id="list_concerns",
)
@paginate(LimitOffsetPagination)
def list_concerns(request, org: str):
    membership = api_membership(request, org)
    _require_handler(membership)
    return selectors.concerns_of(membership.organisation).order_by("-received_on", "-reference")


@router.get(
    "/{org}/concerns/{concern}",
    response={200: ConcernOut, **error_responses(*READ_ERRORS)},
    summary="One reported concern (only for the members who receive them, and the owners)",
    operation_id="get_concern",
)
def get_concern(request, org: str, concern: UUID, response: HttpResponse):
    membership = api_membership(request, org)
    _require_handler(membership)
    record = get_for_organisation(selectors.concerns_of(membership.organisation), membership.organisation,
                                  public_id=concern)  # fmt: skip
    response["ETag"] = f'"{record.version}"'
    return record


@router.patch(
    "/{org}/concerns/{concern}",
    response={200: ConcernOut, **error_responses(*WRITE_ERRORS)},
    summary="Handle a reported concern: status and response (If-Match refuses stale edits)",
    operation_id="update_concern",
)
def update_concern(request, org: str, concern: UUID, payload: ConcernPatch, response: HttpResponse):
    membership = api_membership(request, org)
    _require_handler(membership)
    record = get_for_organisation(selectors.concerns_of(membership.organisation), membership.organisation,
                                  public_id=concern)  # fmt: skip
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason", "")
    data = {key: ("" if key == "response" and value is None else value) for key, value in data.items()}
    if data.get("status", "") is None:
        data.pop("status")
    record = services.concern_update(
        record,
        actor=membership.user,
        handler=membership,
        expected_version=parse_if_match(request),
        reason=reason,
        **data,
    )
    response["ETag"] = f'"{record.version}"'
    return record
