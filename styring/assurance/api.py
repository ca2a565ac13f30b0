"""Performance evaluation (9.2, 9.3): the internal audit programme, audits with checklists, findings and reports, and
management reviews whose inputs are compiled from live data."""

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
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

from . import selectors, services
from .choices import ActionStatus, ChecklistResult, FindingType

router = Router(tags=["assurance"])
Result = Literal[tuple(ChecklistResult.values)]
FindingType_ = Literal[tuple(FindingType.values)]
ActionStatus_ = Literal[tuple(ActionStatus.values)]
Text = Field("", max_length=20_000)
# In JSON a UUID arrives as text: accept it there (strict schemas refuse other coercions).
Uuid = Annotated[UUID, Field(strict=False)]


def _uuid(record):
    return record.public_id if record is not None else None


def _members(organisation, ids) -> list:
    return [member_reference(organisation, member_id) for member_id in ids or []]


def _requirements(keys, allowed) -> list:
    keys = list(dict.fromkeys(keys or []))
    found = {requirement.key: requirement for requirement in allowed.filter(key__in=keys)}
    missing = [key for key in keys if key not in found]
    if missing:
        raise ValidationError({"requirements": [_("Unknown requirements: %(keys)s.") % {"keys": ", ".join(missing)}]})
    return [found[key] for key in keys]


class _Out(Schema):
    id: UUID

    @staticmethod
    def resolve_id(record):
        return record.public_id


# --- audit programmes -----------------------------------------------------------------------------------------------


class ProgrammeOut(_Out):
    version: int
    title: str
    period_start: date
    period_end: date
    frequency: str
    methods: str
    responsibilities: str
    criteria: str
    objectives: str
    approved_by: str | None
    approved_at: datetime | None

    @staticmethod
    def resolve_approved_by(record):
        return record.approved_by.email if record.approved_by_id else None


class ProgrammeWrite(StrictSchema):
    title: str = Field(min_length=1, max_length=300)
    period_start: date = Field(strict=False)
    period_end: date = Field(strict=False)
    frequency: str = Field("", max_length=300)
    methods: str = Text
    responsibilities: str = Text
    criteria: str = Text
    objectives: str = Text
    reason: str = Field("", max_length=1000)


add_crud_routes(
    router, path="audit-programmes", model_name="auditprogramme", tag_name="audit programmes",
    out_schema=ProgrammeOut, write_schema=ProgrammeWrite,
    patch_schema=patch_schema_for(ProgrammeWrite, "ProgrammePatch"),
    selector=selectors.programmes_of, create=services.programme_create, update=services.programme_update,
    delete=services.programme_delete, view_permission=Perm.AIMS_VIEW, change_permission=Perm.AUDIT_CONDUCT,
    delete_permission=Perm.AIMS_DELETE, ordering=("-period_start", "id"),
)  # fmt: skip


# --- audits ---------------------------------------------------------------------------------------------------------


class AuditOut(_Out):
    version: int
    reference: str
    programme: UUID | None
    title: str
    scope: str
    criteria: str
    requirements: list[str]
    processes: list[str]
    lead_auditor: UUID | None
    auditors: list[UUID]
    auditees: list[UUID]
    planned_start: date | None
    planned_end: date | None
    status: str
    plan: str
    conclusion: str
    reported_at: datetime | None

    @staticmethod
    def resolve_programme(record):
        return _uuid(record.programme)

    @staticmethod
    def resolve_lead_auditor(record):
        return _uuid(record.lead_auditor)

    @staticmethod
    def resolve_requirements(record):
        return [requirement.key for requirement in record.requirements.all()]

    @staticmethod
    def resolve_auditors(record):
        return [member.public_id for member in record.auditors.all()]

    @staticmethod
    def resolve_auditees(record):
        return [member.public_id for member in record.auditees.all()]


class AuditWrite(StrictSchema):
    programme: UUID | None = Field(None, strict=False)
    title: str = Field(min_length=1, max_length=300)
    scope: str = Text
    criteria: str = Text
    requirements: list[str] = Field([], max_length=200, description="Catalog keys")
    processes: list[str] = Field([], max_length=50)
    lead_auditor: UUID | None = Field(None, strict=False)
    auditors: list[Uuid] = Field([], max_length=50)
    auditees: list[Uuid] = Field([], max_length=50)
    planned_start: date | None = Field(None, strict=False)
    planned_end: date | None = Field(None, strict=False)
    plan: str = Text
    conclusion: str = Text
    reason: str = Field("", max_length=1000)


def _resolve_audit(organisation, data: dict) -> dict:
    from .models import AuditProgramme

    if "programme" in data:
        data["programme"] = (
            None if data["programme"] is None
            else get_for_organisation(AuditProgramme, organisation, public_id=data["programme"])
        )  # fmt: skip
    if "lead_auditor" in data:
        data["lead_auditor"] = member_reference(organisation, data["lead_auditor"])
    for name in ("auditors", "auditees"):
        if name in data:
            data[name] = _members(organisation, data[name])
    if "requirements" in data:
        data["requirements"] = _requirements(data["requirements"], services.auditable_requirements())
    for name in ("title", "scope", "criteria", "plan", "conclusion"):
        if name in data and data[name] is None:
            data[name] = ""
    if "processes" in data and data["processes"] is None:
        data["processes"] = []
    return data


add_crud_routes(
    router, path="audits", model_name="audit", tag_name="audits", out_schema=AuditOut, write_schema=AuditWrite,
    patch_schema=patch_schema_for(AuditWrite, "AuditPatch"), selector=selectors.audit_detail_of,
    create=services.audit_create, update=services.audit_update, delete=services.audit_delete, resolve=_resolve_audit,
    view_permission=Perm.AIMS_VIEW, change_permission=Perm.AUDIT_CONDUCT, delete_permission=Perm.AIMS_DELETE,
    ordering=("-reference", "id"),
)  # fmt: skip


class AuditActionIn(StrictSchema):
    action: Literal["start", "checklist", "report", "close"]
    conclusion: str | None = Field(None, max_length=20_000)


@router.post(
    "/{org}/audits/{audit}/actions",
    response={200: AuditOut, **error_responses(*WRITE_ERRORS)},
    summary="Start an audit (builds the checklist), update its checklist, issue the report, or close it",
)
def audit_action(request, org: str, audit: UUID, payload: AuditActionIn, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AUDIT_CONDUCT)
    record = get_for_organisation(selectors.audit_detail_of(membership.organisation), membership.organisation,
                                  public_id=audit)  # fmt: skip
    version, actor = parse_if_match(request), membership.user
    if payload.action == "start":
        services.audit_start(audit=record, actor=actor, expected_version=version)
    elif payload.action == "checklist":
        services.checklist_generate(audit=record, actor=actor)
    elif payload.action == "report":
        services.audit_report(audit=record, actor=actor, conclusion=payload.conclusion, expected_version=version)
    else:
        services.audit_close(audit=record, actor=actor, expected_version=version)
    record = selectors.audit_detail_of(membership.organisation).get(pk=record.pk)
    response["ETag"] = f'"{record.version}"'
    return record


class LinkOut(Schema):
    id: UUID
    label: str


class ChecklistItemOut(Schema):
    id: UUID
    version: int
    requirement: str
    ref: str
    question: str
    result: str
    notes: str
    evidence_seen: str
    applied_controls: list[LinkOut]
    evidence: list[LinkOut]
    documents: list[LinkOut]


def _links(records) -> list[dict]:
    return [{"id": record.public_id, "label": str(record)} for record in records]


def _item_out(item, linked) -> dict:
    return {
        "id": item.public_id, "version": item.version, "requirement": item.requirement.key, "ref": item.requirement.ref,
        "question": item.question, "result": item.result, "notes": item.notes, "evidence_seen": item.evidence_seen,
        "applied_controls": _links(linked.controls), "evidence": _links(linked.evidence),
        "documents": _links(linked.documents),
    }  # fmt: skip


@router.get(
    "/{org}/audits/{audit}/checklist",
    response={200: list[ChecklistItemOut], **error_responses(*READ_ERRORS)},
    summary="The audit's checklist, each item with the organisation's controls, evidence and documents",
)
def audit_checklist(request, org: str, audit: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    record = get_for_organisation(selectors.audits_of(membership.organisation), membership.organisation,
                                  public_id=audit)  # fmt: skip
    return [_item_out(item, linked) for item, linked in selectors.checklist_with_links(record)]


class ChecklistItemPatch(StrictSchema):
    result: Result | None = None
    notes: str | None = Field(None, max_length=20_000)
    evidence_seen: str | None = Field(None, max_length=20_000)
    reason: str = Field("", max_length=1000)


@router.patch(
    "/{org}/checklist-items/{checklistitem}",
    response={200: ChecklistItemOut, **error_responses(*WRITE_ERRORS)},
    summary="Fill in a checklist item (If-Match refuses stale edits)",
)
def patch_checklist_item(request, org: str, checklistitem: UUID, payload: ChecklistItemPatch, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AUDIT_CONDUCT)
    organisation = membership.organisation
    item = get_for_organisation(selectors.checklist_items_of(organisation), organisation, public_id=checklistitem)
    data = {key: value for key, value in payload.model_dump(exclude_unset=True).items() if value is not None}
    reason = data.pop("reason", "")
    item = services.checklist_item_update(item, actor=membership.user, expected_version=parse_if_match(request),
                                          reason=reason, **data)  # fmt: skip
    linked = selectors.linked_records(organisation, [item.requirement_id]).get(item.requirement_id)
    response["ETag"] = f'"{item.version}"'
    return _item_out(item, linked or selectors.LinkedRecords())


# --- findings -------------------------------------------------------------------------------------------------------


class FindingOut(_Out):
    version: int
    audit: UUID
    number: int
    requirement: str | None
    checklist_item: UUID | None
    finding_type: str
    statement: str
    evidence: str
    evidence_records: list[UUID]
    auditee_response: str
    nonconformity: UUID | None
    nonconformity_reference: str | None

    @staticmethod
    def resolve_audit(record):
        return record.audit.public_id

    @staticmethod
    def resolve_requirement(record):
        return record.requirement.key if record.requirement_id else None

    @staticmethod
    def resolve_checklist_item(record):
        return _uuid(record.checklist_item)

    @staticmethod
    def resolve_evidence_records(record):
        return [evidence.public_id for evidence in record.evidence_records.all()]

    @staticmethod
    def resolve_nonconformity(record):
        return _uuid(record.nonconformity)

    @staticmethod
    def resolve_nonconformity_reference(record):
        return record.nonconformity.reference if record.nonconformity_id else None


class FindingWrite(StrictSchema):
    finding_type: FindingType_
    statement: str = Field(min_length=1, max_length=20_000)
    requirement: str | None = Field(None, max_length=200, description="A catalog key selected in the audit")
    checklist_item: UUID | None = Field(None, strict=False)
    evidence: str = Text
    evidence_records: list[Uuid] = Field([], max_length=50)
    auditee_response: str = Text
    reason: str = Field("", max_length=1000)


FindingPatch = patch_schema_for(FindingWrite, "FindingPatch")


def _resolve_finding(organisation, audit, data: dict) -> dict:
    from styring.controls.models import Evidence

    if data.get("requirement") is not None:
        data["requirement"] = _requirements([data["requirement"]], audit.requirements.all())[0]
    if data.get("checklist_item") is not None:
        data["checklist_item"] = get_for_organisation(
            selectors.checklist_items_of(organisation).filter(audit=audit), organisation,
            public_id=data["checklist_item"],
        )  # fmt: skip
    if "evidence_records" in data:
        data["evidence_records"] = [
            get_for_organisation(Evidence, organisation, public_id=value) for value in data["evidence_records"] or []
        ]
    for name in ("evidence", "auditee_response", "statement"):
        if name in data and data[name] is None:
            data[name] = ""
    return data


@router.get(
    "/{org}/audits/{audit}/findings",
    response={200: list[FindingOut], **error_responses(*READ_ERRORS)},
    summary="The findings of an audit",
)
@paginate(LimitOffsetPagination)
def list_findings(request, org: str, audit: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    record = get_for_organisation(selectors.audits_of(membership.organisation), membership.organisation,
                                  public_id=audit)  # fmt: skip
    return selectors.findings_of(membership.organisation).filter(audit=record).order_by("number")


@router.post(
    "/{org}/audits/{audit}/findings",
    response={201: FindingOut, **error_responses(*WRITE_ERRORS)},
    summary="Record a finding; a major or minor nonconformity raises a nonconformity at once",
)
def create_finding(request, org: str, audit: UUID, payload: FindingWrite, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AUDIT_CONDUCT)
    organisation = membership.organisation
    record = get_for_organisation(selectors.audits_of(organisation), organisation, public_id=audit)
    data = _resolve_finding(organisation, record, payload.model_dump(exclude={"reason"}))
    finding = services.finding_create(audit=record, actor=membership.user, reason=payload.reason, **data)
    finding = selectors.findings_of(organisation).get(pk=finding.pk)
    response["ETag"] = f'"{finding.version}"'
    return Status(201, finding)


@router.get(
    "/{org}/audit-findings/{auditfinding}",
    response={200: FindingOut, **error_responses(*READ_ERRORS)},
    summary="One finding",
)
def get_finding(request, org: str, auditfinding: UUID, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    finding = get_for_organisation(selectors.findings_of(membership.organisation), membership.organisation,
                                   public_id=auditfinding)  # fmt: skip
    response["ETag"] = f'"{finding.version}"'
    return finding


@router.patch(
    "/{org}/audit-findings/{auditfinding}",
    response={200: FindingOut, **error_responses(*WRITE_ERRORS)},
    summary="Change a finding (If-Match refuses stale edits)",
)
def patch_finding(request, org: str, auditfinding: UUID, payload: FindingPatch, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AUDIT_CONDUCT)
    organisation = membership.organisation
    finding = get_for_organisation(selectors.findings_of(organisation), organisation, public_id=auditfinding)
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason", "")
    data = _resolve_finding(organisation, finding.audit, data)
    services.finding_update(finding, actor=membership.user, expected_version=parse_if_match(request), reason=reason,
                            **data)  # fmt: skip
    finding = selectors.findings_of(organisation).get(pk=finding.pk)
    response["ETag"] = f'"{finding.version}"'
    return finding


@router.delete(
    "/{org}/audit-findings/{auditfinding}",
    response={204: None, **error_responses(*WRITE_ERRORS)},
    summary="Delete a finding (not one that raised a nonconformity)",
)
def delete_finding(request, org: str, auditfinding: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AUDIT_CONDUCT)
    finding = get_for_organisation(selectors.findings_of(membership.organisation), membership.organisation,
                                   public_id=auditfinding)  # fmt: skip
    services.finding_delete(record=finding, actor=membership.user, expected_version=parse_if_match(request))
    return Status(204, None)


@router.post(
    "/{org}/audit-findings/{auditfinding}/nonconformity",
    response={200: FindingOut, **error_responses(*WRITE_ERRORS)},
    summary="Raise the finding's nonconformity (once; asking again returns the finding with the one raised)",
)
def finding_nonconformity(request, org: str, auditfinding: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AUDIT_CONDUCT)
    organisation = membership.organisation
    finding = get_for_organisation(selectors.findings_of(organisation), organisation, public_id=auditfinding)
    services.finding_raise_nonconformity(finding=finding, actor=membership.user)
    return selectors.findings_of(organisation).get(pk=finding.pk)


# --- management reviews ---------------------------------------------------------------------------------------------


class ReviewOut(_Out):
    version: int
    reference: str
    title: str
    previous: UUID | None
    planned_date: date
    held_on: date | None
    attendees: str
    attendee_members: list[UUID]
    status: str
    inputs: dict[str, Any]
    inputs_compiled_at: datetime | None
    input_notes: dict[str, str]
    decisions: str
    aims_changes: str
    resources: str
    signed_by: str | None
    signed_at: datetime | None

    @staticmethod
    def resolve_previous(record):
        return _uuid(record.previous)

    @staticmethod
    def resolve_attendee_members(record):
        return [member.public_id for member in record.attendee_members.all()]

    @staticmethod
    def resolve_signed_by(record):
        return record.signed_by.email if record.signed_by_id else None


class ReviewWrite(StrictSchema):
    title: str = Field("", max_length=300)
    planned_date: date = Field(strict=False)
    held_on: date | None = Field(None, strict=False)
    attendees: str = Text
    attendee_members: list[Uuid] = Field([], max_length=100)
    decisions: str = Text
    aims_changes: str = Text
    resources: str = Text
    reason: str = Field("", max_length=1000)


def _resolve_review(organisation, data: dict) -> dict:
    if "attendee_members" in data:
        data["attendee_members"] = _members(organisation, data["attendee_members"])
    for name in ("title", "attendees", "decisions", "aims_changes", "resources"):
        if name in data and data[name] is None:
            data[name] = ""
    return data


def _reviews(organisation):
    return selectors.reviews_of(organisation).prefetch_related("attendee_members")


add_crud_routes(
    router, path="management-reviews", model_name="managementreview", tag_name="management reviews",
    out_schema=ReviewOut, write_schema=ReviewWrite, patch_schema=patch_schema_for(ReviewWrite, "ReviewPatch"),
    selector=_reviews, create=services.review_create, update=services.review_update, delete=services.review_delete,
    resolve=_resolve_review, view_permission=Perm.AIMS_VIEW, change_permission=Perm.AIMS_CHANGE,
    delete_permission=Perm.AIMS_DELETE, ordering=("-planned_date", "id"),
)  # fmt: skip


class ReviewStepIn(StrictSchema):
    action: Literal["compile", "notes", "hold", "sign", "next"]
    notes: dict[str, str] | None = Field(None, description="For `notes`: a note per input key")
    held_on: date | None = Field(None, strict=False, description="For `hold`")
    planned_date: date | None = Field(None, strict=False, description="For `next`: the date of the next review")


@router.post(
    "/{org}/management-reviews/{managementreview}/steps",
    response={200: ReviewOut, **error_responses(*WRITE_ERRORS)},
    summary="Compile the inputs, note on them, record the meeting, sign the minutes (top management) or plan the "
    "next review (its answer is the new review)",
)
def review_step(request, org: str, managementreview: UUID, payload: ReviewStepIn, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.REVIEW_SIGN if payload.action == "sign" else Perm.AIMS_CHANGE)
    organisation = membership.organisation
    review = get_for_organisation(_reviews(organisation), organisation, public_id=managementreview)
    version, actor = parse_if_match(request), membership.user
    if payload.action == "compile":
        review = services.review_compile_inputs(review=review, actor=actor, expected_version=version)
    elif payload.action == "notes":
        review = services.review_notes_update(review=review, actor=actor, notes=payload.notes or {},
                                              expected_version=version)  # fmt: skip
    elif payload.action == "hold":
        review = services.review_hold(review=review, actor=actor, held_on=payload.held_on, expected_version=version)
    elif payload.action == "sign":
        review = services.review_sign(review=review, actor=actor, expected_version=version)
    else:
        if payload.planned_date is None:
            raise ValidationError({"planned_date": [_("Give the date of the next review.")]})
        review = services.review_schedule_next(review=review, actor=actor, planned_date=payload.planned_date)
    review = _reviews(organisation).get(pk=review.pk)
    response["ETag"] = f'"{review.version}"'
    return review


class ActionOut(_Out):
    version: int
    review: UUID
    description: str
    owner: UUID | None
    due_date: date | None
    status: str
    task: UUID | None

    @staticmethod
    def resolve_review(record):
        return record.review.public_id

    @staticmethod
    def resolve_owner(record):
        return _uuid(record.owner)

    @staticmethod
    def resolve_task(record):
        return _uuid(record.task)


class ActionWrite(StrictSchema):
    description: str = Field(min_length=1, max_length=5000)
    owner: UUID | None = Field(None, strict=False)
    due_date: date | None = Field(None, strict=False)


class ActionPatch(StrictSchema):
    description: str | None = Field(None, min_length=1, max_length=5000)
    owner: UUID | None = Field(None, strict=False)
    due_date: date | None = Field(None, strict=False)
    status: ActionStatus_ | None = None
    reason: str = Field("", max_length=1000)


@router.get(
    "/{org}/management-reviews/{managementreview}/actions",
    response={200: list[ActionOut], **error_responses(*READ_ERRORS)},
    summary="The actions decided in a review",
)
@paginate(LimitOffsetPagination)
def list_review_actions(request, org: str, managementreview: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    review = get_for_organisation(_reviews(membership.organisation), membership.organisation,
                                  public_id=managementreview)  # fmt: skip
    return selectors.review_actions_of(membership.organisation).filter(review=review).order_by("created_at", "id")


@router.post(
    "/{org}/management-reviews/{managementreview}/actions",
    response={201: ActionOut, **error_responses(*WRITE_ERRORS)},
    summary="Add an action to a review (also created as a task)",
)
def create_review_action(request, org: str, managementreview: UUID, payload: ActionWrite):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    organisation = membership.organisation
    review = get_for_organisation(_reviews(organisation), organisation, public_id=managementreview)
    action = services.review_action_add(
        review=review, actor=membership.user, description=payload.description,
        owner=member_reference(organisation, payload.owner), due_date=payload.due_date,
    )  # fmt: skip
    return Status(201, selectors.review_actions_of(organisation).get(pk=action.pk))


@router.patch(
    "/{org}/review-actions/{reviewaction}",
    response={200: ActionOut, **error_responses(*WRITE_ERRORS)},
    summary="Change a review action; on a signed review only its status (If-Match refuses stale edits)",
)
def patch_review_action(request, org: str, reviewaction: UUID, payload: ActionPatch, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    organisation = membership.organisation
    action = get_for_organisation(selectors.review_actions_of(organisation), organisation, public_id=reviewaction)
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason", "")
    if "owner" in data:
        data["owner"] = member_reference(organisation, data["owner"])
    for name in ("description", "status"):
        if name in data and data[name] is None:
            data.pop(name)
    action = services.review_action_update(action, actor=membership.user, expected_version=parse_if_match(request),
                                           reason=reason, **data)  # fmt: skip
    action = selectors.review_actions_of(organisation).get(pk=action.pk)
    response["ETag"] = f'"{action.version}"'
    return action
