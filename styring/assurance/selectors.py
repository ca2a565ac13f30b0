"""Reads of audits, checklists, findings and reviews, with query counts that do not grow with the number of rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from .choices import ChecklistResult
from .models import Audit, AuditFinding, AuditProgramme, ChecklistItem, ManagementReview, ReviewAction


def programmes_of(organisation):
    return AuditProgramme.objects.for_organisation(organisation).select_related("organisation", "approved_by")


def audits_of(organisation):
    return (
        Audit.objects.for_organisation(organisation)
        .select_related("organisation", "programme", "lead_auditor__user", "reported_by")
        .annotate(
            finding_count=Count("findings", distinct=True),
            nonconformity_count=Count(
                "findings", filter=Q(findings__finding_type__in=("major", "minor")), distinct=True
            ),
        )
        .order_by("-reference")
    )


def audit_detail_of(organisation):
    return audits_of(organisation).prefetch_related(
        Prefetch("auditors", queryset=_members()),
        Prefetch("auditees", queryset=_members()),
        "requirements",
    )


def _members():
    from styring.organisations.models import Membership

    return Membership.objects.select_related("user")


def findings_of(organisation):
    return (
        AuditFinding.objects.for_organisation(organisation)
        .select_related("organisation", "audit__organisation", "requirement", "checklist_item", "nonconformity")
        .prefetch_related("evidence_records")
    )


def checklist_items_of(organisation):
    return ChecklistItem.objects.for_organisation(organisation).select_related(
        "organisation", "audit__organisation", "requirement"
    )


@dataclass
class LinkedRecords:
    """The organisation's own records addressing one requirement."""

    controls: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    documents: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.controls or self.evidence or self.documents)


def linked_records(organisation, requirement_ids) -> dict[int, LinkedRecords]:
    """Applied controls, evidence (linked to the requirement or to one of those controls) and documents per
    requirement, in four queries whatever the number of requirements (`links_for` would ask per requirement)."""
    from styring.controls.models import AppliedControl, Evidence
    from styring.documents.models import Document

    requirement_ids = list(requirement_ids)
    result: dict[int, LinkedRecords] = defaultdict(LinkedRecords)
    if not requirement_ids:
        return result
    control_links = (
        AppliedControl.requirements.through.objects.filter(
            requirement_id__in=requirement_ids, appliedcontrol__organisation=organisation
        )
        .select_related("appliedcontrol__organisation")
        .order_by("appliedcontrol__reference")
    )
    controls_of: dict[int, list[int]] = defaultdict(list)
    for link in control_links:
        result[link.requirement_id].controls.append(link.appliedcontrol)
        controls_of[link.appliedcontrol_id].append(link.requirement_id)
    seen: dict[int, set] = defaultdict(set)
    for link in (
        Evidence.requirements.through.objects.filter(
            requirement_id__in=requirement_ids, evidence__organisation=organisation
        )
        .select_related("evidence__organisation")
        .order_by("evidence__title")
    ):
        if link.evidence_id not in seen[link.requirement_id]:
            seen[link.requirement_id].add(link.evidence_id)
            result[link.requirement_id].evidence.append(link.evidence)
    if controls_of:
        for link in (
            Evidence.applied_controls.through.objects.filter(
                appliedcontrol_id__in=list(controls_of), evidence__organisation=organisation
            )
            .select_related("evidence__organisation")
            .order_by("evidence__title")
        ):
            for requirement_id in controls_of[link.appliedcontrol_id]:
                if link.evidence_id not in seen[requirement_id]:
                    seen[requirement_id].add(link.evidence_id)
                    result[requirement_id].evidence.append(link.evidence)
    for link in (
        Document.requirements.through.objects.filter(
            requirement_id__in=requirement_ids, document__organisation=organisation
        )
        .select_related("document__organisation")
        .order_by("document__reference")
    ):
        result[link.requirement_id].documents.append(link.document)
    return result


def checklist_with_links(audit) -> list[tuple[ChecklistItem, LinkedRecords]]:
    """The audit's checklist, each item with the organisation's records addressing its requirement."""
    items = list(
        checklist_items_of(audit.organisation)
        .filter(audit=audit)
        .prefetch_related(Prefetch("findings", queryset=AuditFinding.objects.order_by("number")))
        .order_by("position", "id")
    )
    links = linked_records(audit.organisation, {item.requirement_id for item in items})
    return [(item, links.get(item.requirement_id) or LinkedRecords()) for item in items]


def checklist_summary(items) -> dict[str, int]:
    counts = dict.fromkeys(ChecklistResult.values, 0)
    for item in items:
        counts[item.result] += 1
    return counts


def reviews_of(organisation):
    return (
        ManagementReview.objects.for_organisation(organisation)
        .select_related("organisation", "signed_by", "previous")
        .annotate(action_count=Count("actions", distinct=True))
        .order_by("-planned_date", "-reference")
    )


def review_actions_of(organisation):
    return ReviewAction.objects.for_organisation(organisation).select_related(
        "organisation", "review__organisation", "owner__user", "task"
    )
