"""Every write to roles, assignments, the RACI matrix, concerns, objectives, planned changes and the communication
plan, each in one transaction with its change-log event."""

from __future__ import annotations

import calendar
import datetime
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styring.core.services import lock_organisation, next_reference, tenant_create, tenant_delete, tenant_update
from styring.tasks.models import Task, TaskStatus
from styring.tasks.selectors import open_tasks_about
from styring.tasks.services import task_update

from .choices import FREQUENCY_MONTHS, ConcernStatus, RaciValue
from .models import (
    AIRole,
    CommunicationItem,
    CommunicationRecord,
    Concern,
    GovernanceSettings,
    Objective,
    ObjectiveMeasurement,
    PlannedChange,
    RaciEntry,
    RoleAssignment,
)
from .reminders import notify_recipients
from .selectors import concern_recipients, raci_subject_keys, settings_of

ROLE_FIELDS = ("name", "description", "responsibilities", "authorities", "receives_concerns")
ASSIGNMENT_FIELDS = ("role", "member", "person_name", "person_email", "system", "starts_on", "ends_on", "note")
OBJECTIVE_FIELDS = (
    "title",
    "description",
    "owner",
    "metric",
    "unit",
    "baseline",
    "target_value",
    "direction",
    "start_date",
    "due_date",
    "resources",
    "evaluation",
    "system",
)
MEASUREMENT_FIELDS = ("measured_on", "value", "note")
CHANGE_FIELDS = ("title", "purpose", "consequences", "resources", "owner", "planned_on", "status", "systems")
COMMUNICATION_FIELDS = ("what", "audience", "frequency", "channel", "communicator", "next_due_on", "notes")
CONCERN_HANDLING_FIELDS = ("status", "response")


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def organisation_today(organisation) -> datetime.date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(organisation.time_zone))


# --- AI roles ------------------------------------------------------------------------------------------------------


def role_create(*, organisation, actor, reason: str = "", **data) -> AIRole:
    return tenant_create(
        instance=AIRole(organisation=organisation, **_only(data, ROLE_FIELDS)), actor=actor, reason=reason
    )


def role_update(record: AIRole, *, actor, expected_version=None, reason: str = "", **data) -> AIRole:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, ROLE_FIELDS), expected_version=expected_version, reason=reason
    )


def role_delete(*, record: AIRole, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# Starter roles, in our own words. Keys keep the button idempotent whatever language the names were written in.
STARTER_ROLES = (
    {
        "key": "aims_owner",
        "name": gettext_lazy("AIMS owner"),
        "description": gettext_lazy("Runs the AI management system day to day on behalf of top management."),
        "responsibilities": gettext_lazy(
            "Keeps the AI policy, scope, objectives and processes up to date; plans internal audits and management "
            "reviews; reports on how the management system performs and where it must improve."
        ),
        "authorities": gettext_lazy(
            "May ask any function for information and records the management system needs; may escalate gaps and "
            "overdue actions to top management."
        ),
    },
    {
        "key": "ai_system_owner",
        "name": gettext_lazy("AI system owner"),
        "description": gettext_lazy("Answers for one or more AI systems through their whole life cycle."),
        "responsibilities": gettext_lazy(
            "Keeps the system's inventory entry, risk and impact assessments and evidence current; makes sure the "
            "system is used as intended and retired when no longer needed."
        ),
        "authorities": gettext_lazy(
            "May approve changes to the system within the agreed risk level and may stop or restrict its use."
        ),
    },
    {
        "key": "ai_risk_owner",
        "name": gettext_lazy("AI risk owner"),
        "description": gettext_lazy("Owns identified AI risks and the decisions on how to treat them."),
        "responsibilities": gettext_lazy(
            "Follows up the treatment of the risks assigned, checks that controls work and reviews the risk level "
            "at the agreed interval."
        ),
        "authorities": gettext_lazy(
            "May accept remaining risk up to the level the organisation allows and must escalate anything above it."
        ),
    },
    {
        "key": "data_steward",
        "name": gettext_lazy("Data steward"),
        "description": gettext_lazy("Looks after the data used to build, test and run AI systems."),
        "responsibilities": gettext_lazy(
            "Records where data comes from and how it was prepared, checks its quality and representativeness, and "
            "makes sure personal data is handled lawfully."
        ),
        "authorities": gettext_lazy("May refuse or withdraw a dataset that does not meet the agreed requirements."),
    },
    {
        "key": "human_overseer",
        "name": gettext_lazy("Human overseer"),
        "description": gettext_lazy("Watches over an AI system in operation and can intervene."),
        "responsibilities": gettext_lazy(
            "Understands what the system can and cannot do, reviews its outputs where required, notices unexpected "
            "behaviour and reports events and incidents."
        ),
        "authorities": gettext_lazy("May override, correct or pause the system's outputs and decisions."),
    },
    {
        "key": "ai_compliance_officer",
        "name": gettext_lazy("AI compliance officer"),
        "description": gettext_lazy("Follows legal and ethical obligations for AI and receives reported concerns."),
        "responsibilities": gettext_lazy(
            "Tracks applicable laws and obligations (such as the EU AI Act), receives and handles concerns reported "
            "by staff in confidence, and advises on how to resolve them."
        ),
        "authorities": gettext_lazy("May investigate a concern independently and report directly to top management."),
        "receives_concerns": True,
    },
)


def starter_roles_add(*, organisation, actor) -> list[AIRole]:
    """Create the typical AI roles that do not exist yet (by key or by name); running it again adds nothing."""
    created = []
    with transaction.atomic():
        lock_organisation(organisation)
        existing = AIRole.objects.for_organisation(organisation)
        keys = set(existing.values_list("template_key", flat=True))
        names = {name.casefold() for name in existing.values_list("name", flat=True)}
        for template in STARTER_ROLES:
            name = str(template["name"])
            if template["key"] in keys or name.casefold() in names:
                continue
            role = AIRole(
                organisation=organisation,
                template_key=template["key"],
                name=name,
                description=str(template["description"]),
                responsibilities=str(template["responsibilities"]),
                authorities=str(template["authorities"]),
                receives_concerns=template.get("receives_concerns", False),
            )
            created.append(tenant_create(instance=role, actor=actor, reason=_("Added from the typical AI roles")))
    return created


# --- role assignments ----------------------------------------------------------------------------------------------


def _clean_assignment(data: dict) -> dict:
    if "person_name" in data:
        data["person_name"] = (data["person_name"] or "").strip()
    return data


def assignment_create(*, organisation, actor, reason: str = "", **data) -> RoleAssignment:
    data = _clean_assignment(_only(data, ASSIGNMENT_FIELDS))
    return tenant_create(instance=RoleAssignment(organisation=organisation, **data), actor=actor, reason=reason)


def assignment_update(record: RoleAssignment, *, actor, expected_version=None, reason: str = "", **data):
    data = _clean_assignment(_only(data, ASSIGNMENT_FIELDS))
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def assignment_end(record: RoleAssignment, *, actor, on: datetime.date | None = None, expected_version=None):
    """The holder stops holding the role on `on` (today by default); the assignment stays as a record."""
    on = on or organisation_today(record.organisation)
    return tenant_update(
        instance=record,
        actor=actor,
        data={"ends_on": on},
        expected_version=expected_version,
        reason=_("Assignment ended"),
    )


def assignment_delete(*, record: RoleAssignment, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# --- RACI ----------------------------------------------------------------------------------------------------------


def raci_set(*, organisation, actor, role: AIRole, subject: str, value: str) -> RaciEntry | None:
    """Set one cell of the matrix; an empty value clears it. Unknown subjects or values change nothing."""
    if role.organisation_id != organisation.pk:
        raise ValidationError({"role": _("Choose a role of this organisation.")})
    if subject not in raci_subject_keys():
        raise ValidationError({"subject": _("Choose an AIMS process or an Annex A control.")})
    if value and value not in RaciValue.values:
        raise ValidationError({"value": _("Choose R, A, C or I, or nothing.")})
    with transaction.atomic():
        current = RaciEntry.objects.for_organisation(organisation).filter(role=role, subject=subject).first()
        if not value:
            if current is not None:
                tenant_delete(instance=current, actor=actor)
            return None
        if current is None:
            return tenant_create(
                instance=RaciEntry(organisation=organisation, role=role, subject=subject, value=value), actor=actor
            )
        return tenant_update(instance=current, actor=actor, data={"value": value})


# --- settings ------------------------------------------------------------------------------------------------------


def settings_update(*, organisation, actor, reason: str = "", **data) -> GovernanceSettings:
    data = _only(data, ("anonymous_concerns_enabled",))
    with transaction.atomic():
        lock_organisation(organisation)
        current = GovernanceSettings.objects.for_organisation(organisation).first()
        if current is None:
            return tenant_create(instance=GovernanceSettings(organisation=organisation, **data), actor=actor)
        return tenant_update(instance=current, actor=actor, data=data, reason=reason)


# --- concerns ------------------------------------------------------------------------------------------------------


def concern_report(
    *, organisation, membership, category: str, description: str, system=None, anonymous: bool = False
) -> Concern:
    """Record a concern reported by `membership` and give each recipient a task.

    An anonymous report keeps nothing that points at the sender: no reporter, change-log events without an actor,
    and no time of day (the record's and the tasks' time stamps are set to midnight of the day received)."""
    if anonymous and not settings_of(organisation).anonymous_concerns_enabled:
        raise ValidationError({"anonymous": _("This organisation does not accept anonymous reports.")})
    if membership.organisation_id != organisation.pk:
        raise ValidationError(_("Only members of the organisation can report a concern."))
    today = organisation_today(organisation)
    actor = None if anonymous else membership.user
    # The time of day could point at the sender, so an anonymous report, its tasks and their change-log events
    # all carry midnight of the day received.
    midnight = datetime.datetime.combine(today, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(organisation.time_zone))
    at = midnight if anonymous else None
    with transaction.atomic():
        lock_organisation(organisation)
        concern = Concern(
            organisation=organisation,
            reference=next_reference(Concern, organisation, "CON-"),
            category=category,
            description=description,
            system=system,
            reporter=None if anonymous else membership,
            anonymous=anonymous,
            received_on=today,
        )
        tenant_create(instance=concern, actor=actor, at=at)
        tasks = notify_recipients(concern, concern_recipients(organisation, today), actor=actor, at=at)
        if anonymous:
            Concern.objects.filter(pk=concern.pk).update(created_at=midnight, updated_at=midnight)
            Task.objects.filter(pk__in=[task.pk for task in tasks]).update(created_at=midnight, updated_at=midnight)
            concern.refresh_from_db()
    return concern


def concern_update(concern: Concern, *, actor, handler, expected_version=None, reason: str = "", **data) -> Concern:
    """A recipient changes the status or writes the response; they become the handler."""
    data = _only(data, CONCERN_HANDLING_FIELDS)
    if data.get("status") and data["status"] not in ConcernStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    return tenant_update(
        instance=concern,
        actor=actor,
        data={**data, "handled_by": handler},
        expected_version=expected_version,
        reason=reason,
    )


# --- objectives ----------------------------------------------------------------------------------------------------


def objective_create(*, organisation, actor, reason: str = "", **data) -> Objective:
    data = _only(data, OBJECTIVE_FIELDS)
    with transaction.atomic():
        lock_organisation(organisation)
        objective = Objective(
            organisation=organisation, reference=next_reference(Objective, organisation, "OBJ-"), **data
        )
        return tenant_create(instance=objective, actor=actor, reason=reason)


def objective_update(record: Objective, *, actor, expected_version=None, reason: str = "", **data) -> Objective:
    return tenant_update(
        instance=record,
        actor=actor,
        data=_only(data, OBJECTIVE_FIELDS),
        expected_version=expected_version,
        reason=reason,
    )


def objective_delete(*, record: Objective, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def measurement_add(*, objective: Objective, actor, **data) -> ObjectiveMeasurement:
    data = _only(data, MEASUREMENT_FIELDS)
    measurement = ObjectiveMeasurement(organisation=objective.organisation, objective=objective, **data)
    return tenant_create(instance=measurement, actor=actor)


def measurement_delete(*, record: ObjectiveMeasurement, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# --- planned changes -----------------------------------------------------------------------------------------------


def planned_change_create(*, organisation, actor, reason: str = "", **data) -> PlannedChange:
    data = _only(data, CHANGE_FIELDS)
    systems = list(data.pop("systems", None) or [])
    with transaction.atomic():
        lock_organisation(organisation)
        change = PlannedChange(
            organisation=organisation, reference=next_reference(PlannedChange, organisation, "CHG-"), **data
        )
        return tenant_create(instance=change, actor=actor, reason=reason, links={"systems": systems})


def planned_change_update(record: PlannedChange, *, actor, expected_version=None, reason: str = "", **data):
    return tenant_update(
        instance=record, actor=actor, data=_only(data, CHANGE_FIELDS), expected_version=expected_version, reason=reason
    )


def planned_change_delete(*, record: PlannedChange, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# --- communication plan --------------------------------------------------------------------------------------------


def communication_item_create(*, organisation, actor, reason: str = "", **data) -> CommunicationItem:
    item = CommunicationItem(organisation=organisation, **_only(data, COMMUNICATION_FIELDS))
    return tenant_create(instance=item, actor=actor, reason=reason)


def communication_item_update(record: CommunicationItem, *, actor, expected_version=None, reason: str = "", **data):
    return tenant_update(
        instance=record,
        actor=actor,
        data=_only(data, COMMUNICATION_FIELDS),
        expected_version=expected_version,
        reason=reason,
    )


def communication_item_delete(*, record: CommunicationItem, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def next_due_after(item: CommunicationItem, communicated_on: datetime.date) -> datetime.date | None:
    """The next due date once the communication took place on `communicated_on`: one period after the current due
    date (or after the communication, if none was set), moved on until it is after the communication. One-off
    communications are then done; those made when something happens get their next date by hand."""
    months = FREQUENCY_MONTHS.get(item.frequency)
    if months is None:
        return None
    due = add_months(item.next_due_on or communicated_on, months)
    while due <= communicated_on:
        due = add_months(due, months)
    return due


def communication_record(
    *, item: CommunicationItem, actor, membership, communicated_on: datetime.date, note: str = "", expected_version=None
) -> CommunicationRecord:
    """Record that the communication took place, advance the item's next due date and close its reminder tasks."""
    with transaction.atomic():
        record = tenant_create(
            instance=CommunicationRecord(
                organisation=item.organisation,
                item=item,
                communicated_on=communicated_on,
                note=note,
                recorded_by=membership,
            ),
            actor=actor,
        )
        tenant_update(
            instance=item,
            actor=actor,
            data={"next_due_on": next_due_after(item, communicated_on)},
            expected_version=expected_version,
            reason=_("Communication recorded on %(date)s") % {"date": communicated_on.isoformat()},
        )
        for tasks in open_tasks_about(item.organisation, "governance.communicationitem", [item.public_id]).values():
            for task in tasks:
                task_update(task=task, actor=actor, status=TaskStatus.DONE, reason=_("Communication recorded"))
    return record
