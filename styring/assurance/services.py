"""Every write of the audit programme, audits, checklists, findings and management reviews, each in one transaction
with its change-log event. Callers check permissions, except for signing a review, which is checked here too
because it is a decision reserved to top management."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.catalog.models import Requirement
from styring.core.permissions import Perm, can
from styring.core.services import lock_organisation, next_reference, tenant_create, tenant_delete, tenant_update
from styring.organisations.models import Membership

from .choices import NONCONFORMITY_TYPES, ActionStatus, AuditStatus, FindingType, ReviewStatus
from .models import Audit, AuditFinding, AuditProgramme, ChecklistItem, ManagementReview, ReviewAction

ISO42001 = "iso42001:2023"
PROGRAMME_FIELDS = (
    "title",
    "period_start",
    "period_end",
    "frequency",
    "methods",
    "responsibilities",
    "criteria",
    "objectives",
)
AUDIT_FIELDS = (
    "programme",
    "title",
    "scope",
    "criteria",
    "requirements",
    "processes",
    "lead_auditor",
    "auditors",
    "auditees",
    "planned_start",
    "planned_end",
    "plan",
    "conclusion",
)
ITEM_FIELDS = ("result", "notes", "evidence_seen")
FINDING_FIELDS = (
    "requirement",
    "checklist_item",
    "finding_type",
    "statement",
    "evidence",
    "evidence_records",
    "auditee_response",
)
REVIEW_FIELDS = (
    "title",
    "planned_date",
    "held_on",
    "attendees",
    "attendee_members",
    "decisions",
    "aims_changes",
    "resources",
)
ACTION_FIELDS = ("description", "owner", "due_date", "status")


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def auditable_requirements():
    """What an audit can select: the ISO/IEC 42001 clauses 4–10 and the Annex A controls."""
    return (
        Requirement.objects.filter(version__key=ISO42001)
        .filter(Q(kind="clause") | Q(kind="control", assessable=True))
        .order_by("position")
    )


def question_for(requirement) -> str:
    """The checklist question, in our own words: the requirement's number and short title in a generic prompt."""
    return _("How is %(ref)s “%(title)s” met, and what shows it?") % {
        "ref": requirement.ref,
        "title": requirement.display_title,
    }


# --- audit programme -------------------------------------------------------------------------------------------------


def programme_create(*, organisation, actor, reason: str = "", **data) -> AuditProgramme:
    data = _only(data, PROGRAMME_FIELDS)
    return tenant_create(instance=AuditProgramme(organisation=organisation, **data), actor=actor, reason=reason)


def programme_update(record: AuditProgramme, *, actor, expected_version=None, reason: str = "", **data):
    """A change to an approved programme withdraws the approval: it was given for the earlier wording."""
    data = _only(data, PROGRAMME_FIELDS)
    if record.approved_at and any(data.get(name, getattr(record, name)) != getattr(record, name) for name in data):
        data.update(approved_by=None, approved_at=None)
        reason = reason or _("Changed after approval; the approval no longer applies.")
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def programme_approve(*, record: AuditProgramme, actor, expected_version=None) -> AuditProgramme:
    return tenant_update(
        instance=record, actor=actor, data={"approved_by": actor, "approved_at": timezone.now()},
        expected_version=expected_version, reason=_("Audit programme approved"),
    )  # fmt: skip


def programme_delete(*, record: AuditProgramme, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# --- audits ---------------------------------------------------------------------------------------------------------


def _name(member: Membership) -> str:
    return member.user.get_full_name() or member.user.email


def independence_problems(*, organisation, team, auditees, requirements, processes=()) -> list[str]:
    """Why members of the audit team would audit their own work: they are among the auditees, own an applied
    control or a document addressing a selected requirement, or are accountable for a process in scope."""
    from styring.controls.models import AppliedControl
    from styring.documents.models import Document

    team = {member.pk: member for member in team if member is not None}
    if not team:
        return []
    problems = []
    auditee_ids = {member.pk for member in auditees}
    for pk, member in team.items():
        if pk in auditee_ids:
            problems.append(
                _("%(name)s is both on the audit team and among the process owners or auditees.")
                % {"name": _name(member)}
            )
    requirement_ids = [requirement.pk for requirement in requirements]
    if requirement_ids:
        for model, label in ((AppliedControl, _("applied control")), (Document, _("document"))):
            owned = (
                model.objects.for_organisation(organisation)
                .filter(owner_id__in=team, requirements__in=requirement_ids)
                .distinct()
                .order_by("reference")
            )
            for record in owned:
                problems.append(
                    _("%(name)s owns the %(kind)s %(record)s, which addresses a selected requirement.")
                    % {"name": _name(team[record.owner_id]), "kind": label, "record": record}
                )
    problems.extend(_process_owner_problems(organisation, team, processes))
    return problems


def _process_owner_problems(organisation, team: dict, processes) -> list[str]:
    """Members who hold a role that is accountable (RACI "A") for a process in scope."""
    if not processes:
        return []
    try:
        from styring.governance.models import RaciEntry, RoleAssignment
    except ImportError:  # pragma: no cover - governance without RACI
        return []
    today = timezone.localdate()
    accountable = RaciEntry.objects.for_organisation(organisation).filter(subject__in=processes, value="A")
    holders = (
        RoleAssignment.objects.for_organisation(organisation)
        .filter(role_id__in=accountable.values("role_id"), member_id__in=team)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today), Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("role")
    )
    return [
        _("%(name)s holds the role %(role)s, accountable for a process in scope.")
        % {"name": _name(team[holder.member_id]), "role": holder.role}
        for holder in holders
    ]


def _check_audit(organisation, *, lead_auditor, auditors, auditees, requirements, processes) -> None:
    allowed = set(auditable_requirements().values_list("pk", flat=True))
    if any(requirement.pk not in allowed for requirement in requirements):
        raise ValidationError({"requirements": _("Choose clauses 4–10 or Annex A controls of ISO/IEC 42001.")})
    problems = independence_problems(
        organisation=organisation, team=[lead_auditor, *auditors], auditees=auditees, requirements=requirements,
        processes=processes,
    )  # fmt: skip
    if problems:
        raise ValidationError(
            {"auditors": [_("Auditors may not audit their own work."), *problems]}, code="independence"
        )


def audit_create(*, organisation, actor, reason: str = "", **data) -> Audit:
    data = _only(data, AUDIT_FIELDS)
    links = {name: list(data.pop(name, None) or []) for name in ("requirements", "auditors", "auditees")}
    data.setdefault("processes", [])
    _check_audit(organisation, lead_auditor=data.get("lead_auditor"), processes=data["processes"], **links)
    with transaction.atomic():
        lock_organisation(organisation)
        audit = Audit(organisation=organisation, reference=next_reference(Audit, organisation, "AUD-"), **data)
        return tenant_create(instance=audit, actor=actor, reason=reason, links=links)


def audit_update(record: Audit, *, actor, expected_version=None, reason: str = "", **data) -> Audit:
    data = _only(data, AUDIT_FIELDS)
    if record.status == AuditStatus.CLOSED:
        raise ValidationError(_("This audit is closed; it can no longer be changed."))
    final = {
        name: list(data[name]) if name in data else list(getattr(record, name).all())
        for name in ("requirements", "auditors", "auditees")
    }
    _check_audit(
        record.organisation, lead_auditor=data.get("lead_auditor", record.lead_auditor),
        processes=data.get("processes", record.processes), **final,
    )  # fmt: skip
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def audit_delete(*, record: Audit, actor, expected_version=None, reason: str = "") -> None:
    if record.findings.exclude(nonconformity=None).exists():
        raise ValidationError(_("Findings of this audit raised nonconformities; the audit is kept as their record."))
    with transaction.atomic():
        for finding in record.findings.all():
            tenant_delete(instance=finding, actor=actor, reason=reason)
        for item in record.checklist.all():
            tenant_delete(instance=item, actor=actor, reason=reason)
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def checklist_generate(*, audit: Audit, actor) -> int:
    """One checklist item per selected requirement that has none yet; returns how many were added."""
    if not audit.is_open:
        raise ValidationError(_("The checklist of a reported or closed audit is not changed."))
    with transaction.atomic():
        existing = set(audit.checklist.values_list("requirement_id", flat=True))
        added = 0
        for position, requirement in enumerate(audit.requirements.order_by("position"), start=1):
            if requirement.pk in existing:
                continue
            tenant_create(
                instance=ChecklistItem(
                    organisation=audit.organisation, audit=audit, requirement=requirement, position=position,
                    question=question_for(requirement),
                ),
                actor=actor,
            )  # fmt: skip
            added += 1
    return added


def audit_start(*, audit: Audit, actor, expected_version=None) -> Audit:
    if audit.status != AuditStatus.PLANNED:
        raise ValidationError(_("Only a planned audit can be started."))
    with transaction.atomic():
        checklist_generate(audit=audit, actor=actor)
        return tenant_update(
            instance=audit, actor=actor, data={"status": AuditStatus.IN_PROGRESS}, expected_version=expected_version,
            reason=_("Audit started"),
        )  # fmt: skip


def audit_report(*, audit: Audit, actor, conclusion: str | None = None, expected_version=None) -> Audit:
    """Issue the report: the audit moves to "reported" with its conclusion, who reported it and when."""
    if audit.status not in (AuditStatus.PLANNED, AuditStatus.IN_PROGRESS):
        raise ValidationError(_("This audit has already been reported."))
    conclusion = (audit.conclusion if conclusion is None else conclusion).strip()
    if not conclusion:
        raise ValidationError({"conclusion": _("Write the conclusion before issuing the report.")})
    return tenant_update(
        instance=audit, actor=actor, expected_version=expected_version, reason=_("Audit report issued"),
        data={"status": AuditStatus.REPORTED, "conclusion": conclusion, "reported_by": actor,
              "reported_at": timezone.now()},
    )  # fmt: skip


def audit_close(*, audit: Audit, actor, expected_version=None) -> Audit:
    if audit.status != AuditStatus.REPORTED:
        raise ValidationError(_("Only a reported audit can be closed."))
    return tenant_update(
        instance=audit, actor=actor, data={"status": AuditStatus.CLOSED}, expected_version=expected_version,
        reason=_("Audit closed"),
    )  # fmt: skip


def checklist_item_update(record: ChecklistItem, *, actor, expected_version=None, reason: str = "", **data):
    data = _only(data, ITEM_FIELDS)
    if not record.audit.is_open:
        raise ValidationError(_("The checklist of a reported or closed audit is not changed."))
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


# --- findings -------------------------------------------------------------------------------------------------------


def finding_create(*, audit: Audit, actor, reason: str = "", **data) -> AuditFinding:
    """Record a finding; a major or minor nonconformity raises its nonconformity at once."""
    data = _only(data, FINDING_FIELDS)
    if audit.status == AuditStatus.CLOSED:
        raise ValidationError(_("This audit is closed; it can no longer be changed."))
    evidence_records = list(data.pop("evidence_records", None) or [])
    item = data.get("checklist_item")
    if item is not None and not data.get("requirement"):
        data["requirement"] = item.requirement
    with transaction.atomic():
        Audit.objects.select_for_update().filter(pk=audit.pk).first()
        number = (AuditFinding.objects.filter(audit=audit).aggregate(n=Max("number"))["n"] or 0) + 1
        finding = tenant_create(
            instance=AuditFinding(organisation=audit.organisation, audit=audit, number=number, **data),
            actor=actor, reason=reason, links={"evidence_records": evidence_records},
        )  # fmt: skip
        if finding.finding_type in NONCONFORMITY_TYPES:
            finding_raise_nonconformity(finding=finding, actor=actor)
            finding.refresh_from_db()
    return finding


def finding_update(record: AuditFinding, *, actor, expected_version=None, reason: str = "", **data) -> AuditFinding:
    data = _only(data, FINDING_FIELDS)
    if record.audit.status == AuditStatus.CLOSED:
        raise ValidationError(_("This audit is closed; it can no longer be changed."))
    if record.nonconformity_id and data.get("finding_type", record.finding_type) not in NONCONFORMITY_TYPES:
        raise ValidationError(
            {"finding_type": _("This finding raised a nonconformity; cancel that nonconformity rather than "
                               "downgrading the finding.")}
        )  # fmt: skip
    with transaction.atomic():
        record = tenant_update(
            instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason
        )
        if record.finding_type in NONCONFORMITY_TYPES and not record.nonconformity_id:
            finding_raise_nonconformity(finding=record, actor=actor)
            record.refresh_from_db()
    return record


def finding_delete(*, record: AuditFinding, actor, expected_version=None, reason: str = "") -> None:
    if record.nonconformity_id:
        raise ValidationError(_("This finding raised a nonconformity and is kept as its source."))
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def finding_raise_nonconformity(*, finding: AuditFinding, actor):
    """The nonconformity of a major or minor finding, raised once: linked from the finding and naming the finding
    as its source. Asking again returns the one already raised."""
    from styring.improvement.choices import Severity
    from styring.improvement.services import nonconformity_create

    with transaction.atomic():
        current = AuditFinding.objects.select_for_update().get(pk=finding.pk)
        if current.nonconformity_id:
            return current.nonconformity
        if current.finding_type not in NONCONFORMITY_TYPES:
            raise ValidationError(_("Only a major or minor nonconformity raises a nonconformity."))
        description = current.statement
        if current.evidence:
            description += "\n\n" + _("Evidence: %(evidence)s") % {"evidence": current.evidence}
        title = _("Audit %(audit)s: %(statement)s") % {
            "audit": current.audit.reference,
            "statement": " ".join(current.statement.split()),
        }
        nonconformity = nonconformity_create(
            organisation=current.organisation, actor=actor, title=title[:300], source="audit", source_record=current,
            source_url=f"{current.audit.get_absolute_url()}#finding-{current.public_id}",
            description=description, requirement=current.requirement,
            severity=Severity.MAJOR if current.finding_type == FindingType.MAJOR else Severity.MINOR,
        )  # fmt: skip
        tenant_update(
            instance=current, actor=actor, data={"nonconformity": nonconformity},
            reason=_("Nonconformity %(reference)s raised") % {"reference": nonconformity.reference},
        )  # fmt: skip
    return nonconformity


# --- management reviews ---------------------------------------------------------------------------------------------


def _require_unsigned(review: ManagementReview) -> None:
    if review.is_signed:
        raise ValidationError(_("The minutes of this review are signed; the review can no longer be changed."))


def review_create(*, organisation, actor, reason: str = "", previous=None, **data) -> ManagementReview:
    data = _only(data, REVIEW_FIELDS)
    members = list(data.pop("attendee_members", None) or [])
    with transaction.atomic():
        lock_organisation(organisation)
        if previous is None:
            previous = ManagementReview.objects.for_organisation(organisation).order_by("-planned_date", "-id").first()
        review = ManagementReview(
            organisation=organisation, reference=next_reference(ManagementReview, organisation, "MR-"),
            previous=previous, **data,
        )  # fmt: skip
        return tenant_create(instance=review, actor=actor, reason=reason, links={"attendee_members": members})


def review_update(record: ManagementReview, *, actor, expected_version=None, reason: str = "", **data):
    data = _only(data, REVIEW_FIELDS)
    _require_unsigned(record)
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def review_delete(*, record: ManagementReview, actor, expected_version=None, reason: str = "") -> None:
    if record.status not in (ReviewStatus.PLANNED, ReviewStatus.INPUTS_COMPILED):
        raise ValidationError(_("A review that was held is kept as a record."))
    with transaction.atomic():
        for action in record.actions.all():
            tenant_delete(instance=action, actor=actor, reason=reason)
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def review_compile_inputs(*, review: ManagementReview, actor, expected_version=None) -> ManagementReview:
    """Take a snapshot of the inputs from live data. It can be taken again until the review is held."""
    from .inputs import compile_inputs

    if review.status not in (ReviewStatus.PLANNED, ReviewStatus.INPUTS_COMPILED):
        raise ValidationError(_("The inputs of a review that was held are kept as they were."))
    return tenant_update(
        instance=review, actor=actor, expected_version=expected_version, reason=_("Inputs compiled"),
        data={"inputs": compile_inputs(review), "inputs_compiled_at": timezone.now(),
              "status": ReviewStatus.INPUTS_COMPILED},
    )  # fmt: skip


def review_notes_update(*, review: ManagementReview, actor, notes: dict[str, str], expected_version=None):
    """Notes on each input, written before or during the meeting."""
    _require_unsigned(review)
    unknown = set(notes) - set(review.inputs)
    if unknown:
        raise ValidationError({"input_notes": _("Unknown inputs: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}})
    merged = {**(review.input_notes or {}), **{key: (value or "").strip() for key, value in notes.items()}}
    return tenant_update(
        instance=review, actor=actor, data={"input_notes": {key: value for key, value in merged.items() if value}},
        expected_version=expected_version,
    )  # fmt: skip


def review_hold(*, review: ManagementReview, actor, held_on=None, expected_version=None) -> ManagementReview:
    if review.status != ReviewStatus.INPUTS_COMPILED:
        raise ValidationError(_("Compile the inputs before recording the meeting."))
    held_on = held_on or review.held_on or timezone.localdate()
    return tenant_update(
        instance=review, actor=actor, data={"status": ReviewStatus.HELD, "held_on": held_on},
        expected_version=expected_version, reason=_("Review held"),
    )  # fmt: skip


def review_sign(*, review: ManagementReview, actor, expected_version=None) -> ManagementReview:
    """Top management signs the minutes; from then on the review is frozen."""
    membership = Membership.objects.for_organisation(review.organisation).filter(user=actor).first()
    if not can(membership, Perm.REVIEW_SIGN):
        raise PermissionDenied(_("Only top management (owners and administrators) sign management reviews."))
    if review.status != ReviewStatus.HELD:
        raise ValidationError(_("Only a review that was held can be signed."))
    if not review.decisions.strip():
        raise ValidationError({"decisions": _("Record the decisions before signing the minutes.")})
    return tenant_update(
        instance=review, actor=actor, expected_version=expected_version, reason=_("Minutes signed"),
        data={"status": ReviewStatus.SIGNED, "signed_by": actor, "signed_at": timezone.now()},
    )  # fmt: skip


def review_schedule_next(*, review: ManagementReview, actor, planned_date, title: str = "") -> ManagementReview:
    """Plan the review that follows this one (once)."""
    existing = ManagementReview.objects.for_organisation(review.organisation).filter(previous=review).first()
    if existing is not None:
        raise ValidationError(_("The next review is already planned: %(review)s.") % {"review": existing})
    if review.held_on and planned_date <= review.held_on:
        raise ValidationError({"planned_date": _("Plan the next review after this one was held.")})
    return review_create(
        organisation=review.organisation, actor=actor, previous=review, planned_date=planned_date, title=title
    )


_TASK_STATUS = {
    ActionStatus.OPEN: "open",
    ActionStatus.IN_PROGRESS: "in_progress",
    ActionStatus.DONE: "done",
    ActionStatus.CANCELLED: "cancelled",
}


def review_action_add(*, review: ManagementReview, actor, description: str, owner=None, due_date=None):
    """An action decided in the review, also created as a task about it."""
    from styring.tasks.services import task_create

    _require_unsigned(review)
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Describe the action.")})
    with transaction.atomic():
        action = tenant_create(
            instance=ReviewAction(
                organisation=review.organisation, review=review, description=description, owner=owner,
                due_date=due_date,
            ),
            actor=actor,
        )  # fmt: skip
        task = task_create(
            organisation=review.organisation, actor=actor, title=str(action)[:300], owner=owner, due_date=due_date,
            description=_("Action from management review %(review)s") % {"review": review.reference},
            subject=action, subject_url=action.get_absolute_url(),
        )  # fmt: skip
        return tenant_update(instance=action, actor=actor, data={"task": task})


def review_action_update(record: ReviewAction, *, actor, expected_version=None, reason: str = "", **data):
    """Change an action; on a signed review only its progress (status) moves. The task follows."""
    from styring.tasks.models import Task
    from styring.tasks.services import task_update

    data = _only(data, ACTION_FIELDS)
    if record.review.is_signed and set(data) - {"status"}:
        raise ValidationError(_("The review is signed: only the status of its actions can change."))
    with transaction.atomic():
        record = tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version,
                               reason=reason)  # fmt: skip
        task = Task.objects.filter(pk=record.task_id).first()
        if task is not None:
            wanted = {"status": _TASK_STATUS[record.status], "owner": record.owner, "due_date": record.due_date}
            changed = {key: value for key, value in wanted.items() if getattr(task, key) != value}
            if changed:
                task_update(task=task, actor=actor, **changed)
    return record


def review_action_delete(*, record: ReviewAction, actor, expected_version=None, reason: str = "") -> None:
    _require_unsigned(record.review)
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)
