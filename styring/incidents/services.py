"""Every write to incidents and their notifications, each in one transaction with its change-log event.

`incident_create` is the entry point other apps (monitoring, event logs) use to raise an incident. The stored
deadlines (`is_serious`, `ai_act_rule`, `ai_act_due_at`, `gdpr_due_at`) are recomputed by every write that can change
them. Callers check permissions (closing needs the approve permission); the rules are enforced here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.audit import object_type_of
from styring.core.services import lock_organisation, next_reference, tenant_create, tenant_delete, tenant_update

from .choices import IncidentSeverity, IncidentStatus
from .deadlines import QUESTIONS, Clock, is_serious
from .models import Incident, IncidentNotification

S = IncidentStatus
INCIDENT_FIELDS = (
    "title",
    "description",
    "system",
    "occurred_at",
    "aware_at",
    "reported_by",
    "severity",
    "owner",
    "affected_people",
    "personal_data",
    "immediate_actions",
    "root_cause",
    "lessons_learned",
)
ASSESSMENT_FIELDS = QUESTIONS
NOTIFICATION_FIELDS = ("kind", "recipient", "sent_at", "reference", "report_type", "summary", "message")


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def _derived(record: Incident) -> dict[str, Any]:
    """The stored results of the serious-incident test for the record's current answers."""
    found = record.deadlines()
    ai_act = found.get(Clock.AI_ACT)
    gdpr = found.get(Clock.GDPR_33)
    return {
        "is_serious": is_serious(record.answers()),
        "ai_act_rule": ai_act.rule.key if ai_act else "",
        "ai_act_due_at": ai_act.due_at if ai_act else None,
        "gdpr_due_at": gdpr.due_at if gdpr else None,
    }


def _apply_derived(record: Incident, data: dict[str, Any]) -> dict[str, Any]:
    """`data` plus the derived fields computed as if `data` were applied (on a copy: the record stays as it is)."""
    probe = Incident(**{f.attname: getattr(record, f.attname) for f in Incident._meta.concrete_fields})
    probe.organisation = record.organisation
    for name, value in data.items():
        setattr(probe, name, value)
    return {**data, **_derived(probe)}


def _require_open(record: Incident) -> None:
    if not record.is_open:
        raise ValidationError(_("This incident is closed; reopen it to change it."))


# --- incidents -------------------------------------------------------------------------------------------------------


def incident_create(
    *,
    organisation,
    actor,
    title: str,
    description: str = "",
    system=None,
    source_record=None,
    reason: str = "",
    **data,
) -> Incident:
    """A new incident (INC-001, …), optionally naming the record it was raised from (a monitoring measurement …).
    `aware_at` defaults to now. Other keywords: the editable fields and the serious-incident answers, and
    `source_url` for the address of `source_record`."""
    source_url = data.pop("source_url", "")
    data = _only(data, (*INCIDENT_FIELDS, *ASSESSMENT_FIELDS))
    data.setdefault("aware_at", timezone.now())
    with transaction.atomic():
        lock_organisation(organisation)
        record = Incident(organisation=organisation, title=title, description=description, system=system, **data)
        record.reference = next_reference(Incident, organisation, "INC-")
        if source_record is not None:
            record.source_type = object_type_of(source_record)
            record.source_id = str(getattr(source_record, "public_id", getattr(source_record, "pk", "")) or "")
            record.source_label = str(source_record)[:300]
            record.source_url = source_url or _url_of(source_record)
        if any(data.get(name) is not None for name in ASSESSMENT_FIELDS):
            record.assessed_at = timezone.now()
        if record.aware_at and not timezone.is_naive(record.aware_at):
            for name, value in _derived(record).items():
                setattr(record, name, value)
        return tenant_create(instance=record, actor=actor, reason=reason)


def _url_of(record) -> str:
    try:
        return record.get_absolute_url()[:500]
    except Exception:  # a source without an address is still named
        return ""


def incident_update(
    record: Incident, *, actor, expected_version: int | None = None, reason: str = "", **data
) -> Incident:
    """Change the description of an open incident (title, times, severity, owner, root cause …)."""
    data = _only(data, INCIDENT_FIELDS)
    _require_open(record)
    if "aware_at" in data and (data["aware_at"] is None or timezone.is_naive(data["aware_at"])):
        raise ValidationError({"aware_at": _("Say when the organisation became aware, with its time zone.")})
    return tenant_update(
        instance=record, actor=actor, data=_apply_derived(record, data), expected_version=expected_version,
        reason=reason,
    )  # fmt: skip


def incident_assess(
    record: Incident, *, actor, expected_version: int | None = None, reason: str = "", **answers
) -> Incident:
    """Record the serious-incident test (EU AI Act Art. 3(49), 73) and the GDPR Art. 33/34 questions; the
    deadlines follow from the answers."""
    answers = _only(answers, ASSESSMENT_FIELDS)
    _require_open(record)
    for name, value in answers.items():
        if value not in (True, False, None):
            raise ValidationError({name: _("Answer yes, no or leave it open.")})
    data = _apply_derived(record, {**answers, "assessed_at": timezone.now()})
    return tenant_update(
        instance=record, actor=actor, data=data, expected_version=expected_version,
        reason=reason or _("Serious-incident assessment"),
    )  # fmt: skip


def closure_problems(record: Incident) -> list[str]:
    """Why the incident cannot be closed yet (empty when it can)."""
    problems = []
    if not record.root_cause.strip():
        problems.append(_("Record the root cause."))
    for clock in record.clocks():
        if clock.is_open:
            problems.append(
                _("Record the notification for “%(clock)s” (%(source)s).")
                % {"clock": clock.label, "source": clock.rule.source}
            )
    return problems


def incident_set_status(
    record: Incident, *, actor, status: str, expected_version: int | None = None, reason: str = ""
) -> Incident:
    """Move the incident to another status. Closing needs a root cause and a recorded notification for each clock
    that applies; reopening a closed incident needs a reason. The caller checks who may close or reopen."""
    if status not in S.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if status == record.status:
        return record
    data: dict[str, Any] = {"status": status}
    if status == S.CLOSED:
        problems = closure_problems(record)
        if problems:
            raise ValidationError(problems)
        data["closed_at"] = timezone.now()
    elif record.status == S.CLOSED:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the incident is reopened.")})
        data["closed_at"] = None
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def incident_delete(*, record: Incident, actor, expected_version: int | None = None, reason: str = "") -> None:
    with transaction.atomic():
        for notification in record.notifications.all():
            tenant_delete(instance=notification, actor=actor, reason=reason)
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def incident_raise_nonconformity(record: Incident, *, actor, reason: str = ""):
    """Raise a nonconformity (10.2) from the incident and link it; at most one per incident."""
    from styring.improvement.choices import NonconformitySource, Severity
    from styring.improvement.services import nonconformity_create

    if record.nonconformity_id is not None:
        raise ValidationError(_("A nonconformity has already been raised for this incident."))
    with transaction.atomic():
        nonconformity = nonconformity_create(
            organisation=record.organisation,
            actor=actor,
            title=record.title,
            description=record.description,
            source=NonconformitySource.INCIDENT,
            source_record=record,
            source_url=record.get_absolute_url(),
            system=record.system,
            owner=record.owner,
            severity=Severity.MAJOR
            if record.severity in (IncidentSeverity.HIGH, IncidentSeverity.CRITICAL)
            else Severity.MINOR,
            detected_on=timezone.localtime(record.aware_at, record.tz).date(),
            reason=reason,
        )
        tenant_update(
            instance=record, actor=actor, data={"nonconformity": nonconformity},
            reason=reason or _("Nonconformity raised"),
        )  # fmt: skip
    return nonconformity


# --- notifications ---------------------------------------------------------------------------------------------------


def notification_create(*, incident: Incident, actor, reason: str = "", **data) -> IncidentNotification:
    """Record a report or communication sent about the incident (it meets the clock of its kind)."""
    data = _only(data, NOTIFICATION_FIELDS)
    data.setdefault("sent_at", timezone.now())
    notification = IncidentNotification(organisation=incident.organisation, incident=incident, **data)
    return tenant_create(instance=notification, actor=actor, reason=reason)


def notification_update(
    record: IncidentNotification, *, actor, expected_version: int | None = None, reason: str = "", **data
) -> IncidentNotification:
    data = _only(data, NOTIFICATION_FIELDS)
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def notification_delete(
    *, record: IncidentNotification, actor, expected_version: int | None = None, reason: str = ""
) -> None:
    if not record.incident.is_open:
        raise ValidationError(_("The incident is closed; its notifications are kept."))
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)
