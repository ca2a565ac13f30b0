"""The Statement of Applicability: versions, their life cycle (draft → submitted → approved, frozen from submission),
the warnings a reviewer needs, and the comparison of two versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.catalog.models import Requirement
from styring.core.services import tenant_create, tenant_update
from styring.risks.models import Risk

from .choices import SoAStatus
from .models import AppliedControl, Evidence, SoAEntry, SoAVersion


def _fresh(soa: SoAVersion) -> SoAVersion:
    return SoAVersion.objects.get(pk=soa.pk)


ANNEX_A_VERSION = "iso42001:2023"
ENTRY_FIELDS = (
    "applicable",
    "justification_type",
    "justification",
    "implementation_status",
    "applied_controls",
    "risks",
)
LINKS = ("applied_controls", "risks")


def annex_a_controls():
    return Requirement.objects.filter(version__key=ANNEX_A_VERSION, kind="control", assessable=True).order_by(
        "position"
    )


# --- reads ---------------------------------------------------------------------------------------------------------


def versions_of(organisation):
    return SoAVersion.objects.for_organisation(organisation).select_related("submitted_by", "approved_by")


def entries_of(soa: SoAVersion):
    return (
        SoAEntry.objects.for_organisation(soa.organisation)
        .filter(soa=soa)
        .select_related("requirement__parent", "organisation", "soa")
        .prefetch_related(
            Prefetch("applied_controls", queryset=AppliedControl.objects.select_related("organisation")),
            Prefetch("risks", queryset=Risk.objects.select_related("organisation", "method")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("organisation")),
        )
    )


@dataclass
class Row:
    entry: SoAEntry
    warnings: list[str] = field(default_factory=list)


def rows_with_warnings(soa: SoAVersion) -> list[Row]:
    """Each entry with what a reviewer should look at. A constant number of queries."""
    entries = list(entries_of(soa))
    # risks treated by applied controls that address each control (one query)
    needed_by: dict[int, set[str]] = {}
    links = (
        AppliedControl.objects.for_organisation(soa.organisation)
        .filter(requirements__in=[entry.requirement_id for entry in entries], risks__isnull=False)
        .exclude(risks__status="closed")
        .values_list("requirements", "risks__reference")
    )
    for requirement_id, reference in links:
        needed_by.setdefault(requirement_id, set()).add(reference)
    rows = []
    for entry in entries:
        row = Row(entry)
        if entry.applicable is None:
            row.warnings.append(_("Not decided yet."))
        elif entry.applicable and not entry.applied_controls.all():
            row.warnings.append(_("Included, but no applied control implements it."))
        elif entry.applicable is False:
            open_risks = {risk.reference for risk in entry.risks.all() if risk.status != "closed"}
            open_risks |= needed_by.get(entry.requirement_id, set())
            if open_risks:
                names = sorted(open_risks)
                shown = ", ".join(names[:10]) + (
                    _(" and %(n)s more") % {"n": len(names) - 10} if len(names) > 10 else ""
                )
                row.warnings.append(_("Excluded, while risks rely on it: %(risks)s") % {"risks": shown})
        if entry.applicable is not None and not entry.justification.strip():
            row.warnings.append(_("No justification."))
        rows.append(row)
    return rows


def compare(first: SoAVersion, second: SoAVersion) -> list[dict[str, Any]]:
    """Both versions side by side, one row per control, with the fields that differ."""
    left = {entry.requirement_id: entry for entry in entries_of(first)}
    right = {entry.requirement_id: entry for entry in entries_of(second)}
    rows = []
    for requirement in annex_a_controls():
        a, b = left.get(requirement.pk), right.get(requirement.pk)
        changed = [
            name
            for name in ("applicable", "justification_type", "justification", "implementation_status")
            if getattr(a, name, None) != getattr(b, name, None)
        ]
        if _links(a) != _links(b):
            changed.append("links")
        rows.append({"requirement": requirement, "left": a, "right": b, "changed": changed})
    return rows


def _links(entry) -> tuple:
    if entry is None:
        return ((), ())
    return (
        tuple(sorted(control.reference for control in entry.applied_controls.all())),
        tuple(sorted(risk.reference for risk in entry.risks.all())),
    )


# --- writes --------------------------------------------------------------------------------------------------------


def soa_draft(*, organisation, actor, change_summary: str = "") -> SoAVersion:
    """The open draft, or a new one: a copy of the latest version, or for a first SoA one entry per Annex A control
    with the applied controls already linked to it."""
    from styring.risks.services import _lock

    with transaction.atomic():
        _lock(organisation)
        versions = SoAVersion.objects.for_organisation(organisation)
        draft = versions.filter(status=SoAStatus.DRAFT).first()
        if draft is not None:
            return draft
        latest = versions.order_by("-number").first()
        draft = tenant_create(
            instance=SoAVersion(
                organisation=organisation,
                number=(latest.number + 1) if latest else 1,
                change_summary=change_summary[:500],
            ),
            actor=actor,
        )
        if latest is not None:
            for entry in entries_of(latest):
                tenant_create(
                    instance=SoAEntry(
                        organisation=organisation,
                        soa=draft,
                        requirement=entry.requirement,
                        applicable=entry.applicable,
                        justification_type=entry.justification_type,
                        justification=entry.justification,
                        implementation_status=entry.implementation_status,
                    ),
                    actor=actor,
                    links={"applied_controls": list(entry.applied_controls.all()), "risks": list(entry.risks.all())},
                )
        else:
            controls: dict[int, list[AppliedControl]] = {}
            for control in AppliedControl.objects.for_organisation(organisation).prefetch_related("requirements"):
                for requirement in control.requirements.all():
                    controls.setdefault(requirement.pk, []).append(control)
            for requirement in annex_a_controls():
                tenant_create(
                    instance=SoAEntry(organisation=organisation, soa=draft, requirement=requirement),
                    actor=actor,
                    links={"applied_controls": controls.get(requirement.pk, [])},
                )
    return draft


def soa_entry_update(*, entry: SoAEntry, actor, expected_version: int | None = None, reason: str = "", **data):
    unknown = set(data) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if not _fresh(entry.soa).is_editable:
        raise ValidationError(_("This version is frozen. Start a new draft to change the Statement of Applicability."))
    return tenant_update(instance=entry, actor=actor, data=data, expected_version=expected_version, reason=reason)


def soa_submit(*, soa: SoAVersion, actor) -> SoAVersion:
    """A draft goes for approval once every control is decided and justified."""
    soa = _fresh(soa)
    if soa.status != SoAStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    open_entries = [
        entry.requirement.ref
        for entry in entries_of(soa)
        if entry.applicable is None or not entry.justification.strip()
    ]
    if open_entries:
        raise ValidationError(
            _("Decide and justify every control before submitting. Still open: %(refs)s")
            % {"refs": ", ".join(open_entries[:12]) + (" …" if len(open_entries) > 12 else "")}
        )
    return tenant_update(
        instance=soa,
        actor=actor,
        data={"status": SoAStatus.SUBMITTED, "submitted_by": actor, "submitted_at": timezone.now()},
        reason=_("Submitted for approval"),
    )


def soa_decide(*, soa: SoAVersion, actor, approve: bool, note: str = "") -> SoAVersion:
    """Approve (the previous approved version is superseded) or return to draft. The caller checks `soa.approve`."""
    soa = _fresh(soa)
    if soa.status != SoAStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted version can be approved or returned."))
    with transaction.atomic():
        if not approve:
            return tenant_update(
                instance=soa,
                actor=actor,
                data={"status": SoAStatus.DRAFT, "decision_note": note},
                reason=_("Returned for changes: %(note)s") % {"note": note[:300]},
            )
        for previous in SoAVersion.objects.for_organisation(soa.organisation).filter(status=SoAStatus.APPROVED):
            tenant_update(instance=previous, actor=actor, data={"status": SoAStatus.SUPERSEDED})
        return tenant_update(
            instance=soa,
            actor=actor,
            data={"status": SoAStatus.APPROVED, "approved_by": actor, "approved_at": timezone.now(),
                  "decision_note": note},
            reason=_("Approved"),
        )  # fmt: skip
