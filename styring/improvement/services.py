"""Writes of the improvement app. `nonconformity_create` is the entry point other apps (incidents, monitoring,
audits) use to raise a nonconformity.

The life of a nonconformity: open → contained (containment recorded) → cause analysed (root cause recorded) → action
planned (a corrective action added) → verifying (every action done or cancelled) → closed (an effectiveness check by
someone with the authority says the actions worked). A check that says "not effective" sends it back to "action
planned": a new action is needed before the next check. Callers check permissions; the rules are enforced here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.audit import object_type_of
from styring.core.services import lock_organisation, next_reference, tenant_create, tenant_delete, tenant_update
from styring.tasks.models import OPEN_STATUSES, TaskStatus
from styring.tasks.selectors import open_tasks_about
from styring.tasks.services import task_create, task_update

from .choices import FINISHED_ACTION_STATUSES, ActionStatus, AnalysisMethod, NonconformityStatus
from .models import CorrectiveAction, Improvement, Nonconformity, validate_fishbone, validate_five_whys

S = NonconformityStatus
NONCONFORMITY_FIELDS = (
    "title",
    "description",
    "source",
    "requirement",
    "severity",
    "system",
    "owner",
    "detected_on",
    "recurrence_of",
)
ROOT_CAUSE_FIELDS = (
    "analysis_method",
    "five_whys",
    "fishbone",
    "root_cause",
    "could_occur_elsewhere",
    "elsewhere_note",
)
ACTION_FIELDS = ("description", "owner", "due_date", "status", "completed_on")
IMPROVEMENT_FIELDS = (
    "title",
    "description",
    "source",
    "nonconformity",
    "benefit",
    "owner",
    "status",
    "due_date",
    "outcome",
)
# Statuses in which each step may move the nonconformity forward (never backwards).
_BEFORE_CONTAINED = (S.OPEN,)
_BEFORE_ANALYSED = (S.OPEN, S.CONTAINED)
_ACTION_TASK_STATUS = {
    ActionStatus.PLANNED: TaskStatus.OPEN,
    ActionStatus.IN_PROGRESS: TaskStatus.IN_PROGRESS,
    ActionStatus.DONE: TaskStatus.DONE,
    ActionStatus.CANCELLED: TaskStatus.CANCELLED,
}


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def _require_active(record: Nonconformity) -> None:
    if not record.is_active:
        raise ValidationError(_("This nonconformity is %(status)s; it can no longer be changed.") % {
            "status": record.get_status_display().lower()})  # fmt: skip


# --- nonconformities ------------------------------------------------------------------------------------------------


def nonconformity_create(
    *, organisation, actor, title: str, source: str, source_record=None, source_url: str = "", reason: str = "", **data
) -> Nonconformity:
    """A new nonconformity, optionally naming the record it was raised from (an incident, a finding, a breach)."""
    with transaction.atomic():
        lock_organisation(organisation)
        record = Nonconformity(organisation=organisation, title=title, source=source, **data)
        record.reference = next_reference(Nonconformity, organisation, "NC-")
        record.detected_on = record.detected_on or timezone.localdate()
        if source_record is not None:
            record.source_type = object_type_of(source_record)
            record.source_id = str(source_record.public_id)
            record.source_label = str(source_record)[:300]
            record.source_url = source_url
        return tenant_create(instance=record, actor=actor, reason=reason)


def nonconformity_update(
    record: Nonconformity, *, actor, expected_version: int | None = None, reason: str = "", **data
) -> Nonconformity:
    """Change the description of a nonconformity (title, source, requirement, severity, owner …)."""
    data = _only(data, NONCONFORMITY_FIELDS)
    _require_active(record)
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def nonconformity_delete(
    *, record: Nonconformity, actor, expected_version: int | None = None, reason: str = ""
) -> None:
    """Only an open nonconformity may be deleted (a mistake, a duplicate); later ones are cancelled with a reason."""
    if record.status != S.OPEN:
        raise ValidationError(_("Only an open nonconformity can be deleted; cancel it with a reason instead."))
    with transaction.atomic():
        for action in record.actions.all():
            corrective_action_delete(record=action, actor=actor, reason=reason)
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def containment_record(
    *, record: Nonconformity, actor, containment: str, contained_by=None, contained_on=None,
    expected_version: int | None = None,
) -> Nonconformity:  # fmt: skip
    """What was done at once to control the nonconformity and its consequences, by whom and when."""
    _require_active(record)
    containment = (containment or "").strip()
    if not containment:
        raise ValidationError({"containment": _("Describe what was done to contain the nonconformity.")})
    data: dict[str, Any] = {
        "containment": containment,
        "contained_by": contained_by,
        "contained_on": contained_on or timezone.localdate(),
    }
    if record.status in _BEFORE_CONTAINED:
        data["status"] = S.CONTAINED
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version)


def root_cause_record(
    *, record: Nonconformity, actor, expected_version: int | None = None, reason: str = "", **data
) -> Nonconformity:
    """The root-cause analysis: the method's working (5 whys or fishbone, validated) and the root cause statement."""
    data = _only(data, ROOT_CAUSE_FIELDS)
    _require_active(record)
    method = data.get("analysis_method", record.analysis_method)
    errors = {}
    for name, validate in (("five_whys", validate_five_whys), ("fishbone", validate_fishbone)):
        try:
            validate(data.get(name, getattr(record, name)))
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    if not (data.get("root_cause", record.root_cause) or "").strip():
        errors["root_cause"] = _("State the root cause.")
    if method == AnalysisMethod.FIVE_WHYS and not data.get("five_whys", record.five_whys):
        errors["five_whys"] = _("Write down at least one why and its answer.")
    if method == AnalysisMethod.FISHBONE and not any(data.get("fishbone", record.fishbone).values()):
        errors["fishbone"] = _("Name at least one cause in one category.")
    if errors:
        raise ValidationError(errors)
    if "fishbone" in data and isinstance(data["fishbone"], dict):
        data["fishbone"] = {key: causes for key, causes in data["fishbone"].items() if causes}
    if record.status in _BEFORE_ANALYSED:
        data["status"] = S.ANALYSED
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def _unfinished_actions(record: Nonconformity) -> int:
    return record.actions.exclude(status__in=FINISHED_ACTION_STATUSES).count()


def closure_problems(record: Nonconformity) -> list[str]:
    """Why the nonconformity cannot be closed yet (empty when it can)."""
    problems = []
    if not record.root_cause.strip():
        problems.append(_("Record the root cause."))
    if _unfinished_actions(record):
        problems.append(_("Finish or cancel every corrective action."))
    if record.effective is not True:
        problems.append(_("Record an effectiveness check that finds the actions effective."))
    return problems


def check_problems(record: Nonconformity) -> list[str]:
    """Why the effectiveness cannot be checked yet (empty when it can)."""
    problems = []
    if not record.root_cause.strip():
        problems.append(_("Record the root cause."))
    if _unfinished_actions(record):
        problems.append(_("Finish or cancel every corrective action."))
    if record.effective is False:
        problems.append(_("The last check found the actions not effective: add a new corrective action first."))
    return problems


def effectiveness_check_record(
    *, record: Nonconformity, actor, effective: bool, evidence: str, close: bool = False,
    expected_version: int | None = None,
) -> Nonconformity:  # fmt: skip
    """Record whether the corrective actions worked. Effective: the nonconformity may be closed (at once with
    `close`). Not effective: back to "action planned", and a new action is needed. Callers check `aims.approve`."""
    _require_active(record)
    evidence = (evidence or "").strip()
    problems = check_problems(record)
    if problems:
        raise ValidationError(problems)
    if not evidence:
        raise ValidationError({"effectiveness_evidence": _("Say what shows whether the actions worked.")})
    with transaction.atomic():
        data: dict[str, Any] = {
            "effective": bool(effective),
            "effectiveness_evidence": evidence,
            "effectiveness_verified_by": actor,
            "effectiveness_verified_at": timezone.now(),
            "status": S.VERIFYING if effective else S.ACTION_PLANNED,
        }
        reason = _("Effectiveness check: effective.") if effective else _("Effectiveness check: not effective.")
        record = tenant_update(
            instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason
        )
        if effective and close:
            record = nonconformity_close(record=record, actor=actor)
    return record


def nonconformity_close(*, record: Nonconformity, actor, expected_version: int | None = None) -> Nonconformity:
    """Close the nonconformity: refused unless the root cause is recorded, every corrective action is done or
    cancelled and an effectiveness check found them effective. Callers check `aims.approve`."""
    _require_active(record)
    problems = closure_problems(record)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        record = tenant_update(
            instance=record,
            actor=actor,
            data={"status": S.CLOSED, "closed_at": timezone.now()},
            expected_version=expected_version,
            reason=_("Closed after an effective check."),
        )
        # Follow-up tasks about the nonconformity itself (overdue reminders) are no longer needed.
        for task in open_tasks_about(record.organisation, object_type_of(record), [record.public_id]).get(
            str(record.public_id), []
        ):
            task_update(task=task, actor=actor, status=TaskStatus.DONE)
    return record


def nonconformity_cancel(
    *, record: Nonconformity, actor, reason: str, expected_version: int | None = None
) -> Nonconformity:
    """Cancel a nonconformity (raised in error, a duplicate, not a nonconformity after all), saying why."""
    _require_active(record)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"cancel_reason": _("Say why the nonconformity is cancelled.")})
    with transaction.atomic():
        for action in record.actions.exclude(status__in=FINISHED_ACTION_STATUSES):
            corrective_action_update(action, actor=actor, status=ActionStatus.CANCELLED)
        record.refresh_from_db()
        return tenant_update(
            instance=record,
            actor=actor,
            data={"status": S.CANCELLED, "cancel_reason": reason},
            expected_version=expected_version,
            reason=reason,
        )


def _advance_after_actions(record: Nonconformity, actor) -> None:
    """Keep the status in step with the actions: any unfinished action → action planned; all finished (at least
    one done) → verifying."""
    record.refresh_from_db()
    if not record.is_active:
        return
    actions = list(record.actions.values_list("status", flat=True))
    if any(status not in FINISHED_ACTION_STATUSES for status in actions):
        target = S.ACTION_PLANNED
    elif ActionStatus.DONE in actions and record.root_cause.strip():
        target = S.VERIFYING
    else:
        return
    if record.status != target and not (target == S.VERIFYING and record.effective is False):
        tenant_update(instance=record, actor=actor, data={"status": target})


# --- corrective actions ---------------------------------------------------------------------------------------------


def _task_title(action: CorrectiveAction) -> str:
    return (_("Corrective action %(reference)s: %(action)s") % {
        "reference": action.nonconformity.reference, "action": str(action)})[:300]  # fmt: skip


def corrective_action_create(
    *, organisation, actor, nonconformity: Nonconformity, description: str, owner=None, due_date=None,
    reason: str = "",
) -> CorrectiveAction:  # fmt: skip
    """A corrective action and its task. A new action withdraws an earlier effectiveness check (it did not cover
    this action) and puts the nonconformity in "action planned"."""
    if nonconformity.organisation_id != organisation.pk:
        raise ValidationError({"nonconformity": _("Choose a record of this organisation.")})
    _require_active(nonconformity)
    with transaction.atomic():
        action = tenant_create(
            instance=CorrectiveAction(
                organisation=organisation,
                nonconformity=nonconformity,
                description=(description or "").strip(),
                owner=owner,
                due_date=due_date,
            ),
            actor=actor,
            reason=reason,
        )
        task = task_create(
            organisation=organisation,
            actor=actor,
            title=_task_title(action),
            owner=owner,
            due_date=due_date,
            description=action.description,
            subject=action,
            subject_url=action.get_absolute_url(),
        )
        CorrectiveAction.objects.filter(pk=action.pk).update(task=task)
        action.task = task
        nonconformity.refresh_from_db()
        if nonconformity.effective is not None:
            tenant_update(
                instance=nonconformity,
                actor=actor,
                data={
                    "effective": None,
                    "effectiveness_evidence": "",
                    "effectiveness_verified_by": None,
                    "effectiveness_verified_at": None,
                },
                reason=_("A new corrective action needs a new effectiveness check."),
            )
        _advance_after_actions(nonconformity, actor)
    return action


def corrective_action_update(
    record: CorrectiveAction, *, actor, expected_version: int | None = None, reason: str = "", **data
) -> CorrectiveAction:
    """Change an action; its task follows (title, owner, due date, status). Done sets the completion date."""
    data = _only(data, ACTION_FIELDS)
    _require_active(record.nonconformity)
    if data.get("status") == ActionStatus.DONE and not data.get("completed_on", record.completed_on):
        data["completed_on"] = timezone.localdate()
    if "status" in data and data["status"] != ActionStatus.DONE:
        data["completed_on"] = None
    if "description" in data:
        data["description"] = (data["description"] or "").strip()
    with transaction.atomic():
        action = tenant_update(
            instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason
        )
        _sync_task(action, actor)
        _advance_after_actions(action.nonconformity, actor)
    return action


def _sync_task(action: CorrectiveAction, actor) -> None:
    task = action.task
    if task is None:
        return
    wanted = {
        "title": _task_title(action),
        "description": action.description,
        "owner": action.owner,
        "due_date": action.due_date,
        "status": _ACTION_TASK_STATUS[action.status],
    }
    changed = {name: value for name, value in wanted.items() if getattr(task, name) != value}
    if changed:
        task_update(task=task, actor=actor, **changed)


def corrective_action_delete(
    *, record: CorrectiveAction, actor, expected_version: int | None = None, reason: str = ""
) -> None:
    """Remove an action recorded by mistake; its open task is cancelled."""
    with transaction.atomic():
        task = record.task
        nonconformity = record.nonconformity
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)
        if task is not None and task.status in OPEN_STATUSES:
            task_update(task=task, actor=actor, status=TaskStatus.CANCELLED)
        _advance_after_actions(nonconformity, actor)


# --- improvements ---------------------------------------------------------------------------------------------------


def improvement_create(*, organisation, actor, reason: str = "", **data) -> Improvement:
    data = _only(data, IMPROVEMENT_FIELDS)
    with transaction.atomic():
        lock_organisation(organisation)
        record = Improvement(
            organisation=organisation, reference=next_reference(Improvement, organisation, "IMP-"), **data
        )
        return tenant_create(instance=record, actor=actor, reason=reason)


def improvement_update(record: Improvement, *, actor, expected_version=None, reason: str = "", **data) -> Improvement:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, IMPROVEMENT_FIELDS), expected_version=expected_version,
        reason=reason,
    )  # fmt: skip


def improvement_delete(*, record: Improvement, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)
