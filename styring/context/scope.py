"""The scope of the AI management system (4.3): versions and their life cycle (draft → in review → approved →
superseded), the AI systems placed in or out of each version, and the comparison of two versions.

Modelled on the Statement of Applicability (`styring/controls/soa.py`): only a draft can be changed; approved and
superseded versions are frozen, and a later change starts a new draft copied from the latest version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.exceptions import ConflictError
from styring.core.services import lock_organisation, tenant_create, tenant_delete, tenant_update
from styring.inventory.models import AISystem

from .choices import ScopeStatus
from .models import ScopeSystem, ScopeVersion

TEXT_FIELDS = ("statement", "boundaries", "interfaces", "exclusions")


def frozen_message() -> str:
    return _("This version of the scope can no longer be changed. Start a new draft to change the scope.")


# --- reads ---------------------------------------------------------------------------------------------------------


def versions_of(organisation):
    return ScopeVersion.objects.for_organisation(organisation).select_related(
        "organisation", "submitted_by", "approved_by"
    )


def rows_of(version: ScopeVersion):
    return (
        ScopeSystem.objects.for_organisation(version.organisation)
        .filter(scope=version)
        .select_related("system__organisation", "system__owner__user")
        .order_by("-in_scope", "system_name", "id")
    )


def current_version(organisation) -> ScopeVersion | None:
    """The approved scope, or when none is approved yet the newest version (a draft or one in review)."""
    versions = versions_of(organisation)
    return versions.filter(status=ScopeStatus.APPROVED).first() or versions.first()


def open_version(organisation) -> ScopeVersion | None:
    """The draft or the version in review, if there is one."""
    return versions_of(organisation).filter(status__in=(ScopeStatus.DRAFT, ScopeStatus.IN_REVIEW)).first()


def unplaced_systems(version: ScopeVersion | None, organisation=None):
    """AI systems of the inventory the version does not place in or out of scope (added after it was drafted)."""
    organisation = organisation or version.organisation
    systems = AISystem.objects.for_organisation(organisation).select_related("organisation").order_by("name")
    if version is None:
        return systems
    return systems.exclude(pk__in=ScopeSystem.objects.filter(scope=version, system__isnull=False).values("system"))


def problems(version: ScopeVersion, rows=None) -> list[str]:
    """What stops the version from being submitted."""
    rows = list(rows_of(version)) if rows is None else rows
    found = []
    if not version.statement.strip():
        found.append(_("Write the scope statement."))
    missing = [str(row) for row in rows if not row.in_scope and not row.reason.strip()]
    if missing:
        found.append(
            _("Give the reason for leaving these AI systems out of scope: %(names)s")
            % {"names": ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")}
        )
    return found


def compare(first: ScopeVersion, second: ScopeVersion) -> dict[str, Any]:
    """Both versions side by side: the texts, and the systems in and out of scope, with what differs."""
    texts = [
        {
            "name": name,
            "label": ScopeVersion._meta.get_field(name).verbose_name,
            "left": getattr(first, name),
            "right": getattr(second, name),
            "changed": getattr(first, name).strip() != getattr(second, name).strip(),
        }
        for name in TEXT_FIELDS
    ]
    left = {_row_key(row): row for row in rows_of(first)}
    right = {_row_key(row): row for row in rows_of(second)}
    systems = []
    for key in sorted(set(left) | set(right), key=lambda key: key[1].lower()):
        a, b = left.get(key), right.get(key)
        changed = (a is None) != (b is None) or (
            a is not None and (a.in_scope != b.in_scope or a.reason.strip() != b.reason.strip())
        )
        systems.append({"name": key[1], "left": a, "right": b, "changed": changed})
    return {
        "texts": texts,
        "systems": systems,
        "differences": sum(1 for item in texts if item["changed"]) + sum(1 for item in systems if item["changed"]),
    }


def _row_key(row: ScopeSystem) -> tuple:
    return (row.system_id or f"name:{row.system_name}", str(row))


# --- writes --------------------------------------------------------------------------------------------------------


def _fresh(version: ScopeVersion) -> ScopeVersion:
    return ScopeVersion.objects.select_related("organisation").get(pk=version.pk)


def scope_draft(*, organisation, actor) -> ScopeVersion:
    """The open draft, or a new one. The first lists every AI system of the inventory as in scope; later drafts copy
    the latest version with its systems. While a version is in review no draft is started."""
    with transaction.atomic():
        lock_organisation(organisation)
        versions = ScopeVersion.objects.for_organisation(organisation)
        draft = versions.filter(status=ScopeStatus.DRAFT).first()
        if draft is not None:
            return draft
        if versions.filter(status=ScopeStatus.IN_REVIEW).exists():
            raise ValidationError(_("A version of the scope is in review. Approve or return it first."))
        latest = versions.order_by("-number").first()
        draft = tenant_create(
            instance=ScopeVersion(
                organisation=organisation,
                number=(latest.number + 1) if latest else 1,
                **{name: getattr(latest, name) for name in TEXT_FIELDS} if latest else {},
            ),
            actor=actor,
            reason=_("Copied from version %(n)s") % {"n": latest.number} if latest else "",
        )
        if latest is not None:
            for row in rows_of(latest):
                if row.system_id is None:  # deleted from the inventory since
                    continue
                _row_create(draft, actor, row.system, row.in_scope, row.reason)
        else:
            for system in AISystem.objects.for_organisation(organisation).order_by("name"):
                _row_create(draft, actor, system, True, "")
    return draft


def _row_create(version, actor, system, in_scope: bool, reason: str) -> ScopeSystem:
    return tenant_create(
        instance=ScopeSystem(
            organisation=version.organisation, scope=version, system=system, system_name=system.name,
            in_scope=in_scope, reason=reason,
        ),
        actor=actor,
    )  # fmt: skip


def scope_update(
    *, version: ScopeVersion, actor, expected_version: int | None = None, reason: str = "", systems=None, **data
) -> ScopeVersion:
    """Change the texts of a draft and place AI systems in or out of scope.

    `systems` is a list of `{"system": AISystem, "in_scope": bool | None, "reason": str}`; `in_scope=None` takes
    the system off the version (not placed). A stale `expected_version` raises ConflictError and changes nothing."""
    unknown = set(data) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = ScopeVersion.objects.select_for_update().select_related("organisation").get(pk=version.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError()
        if not current.is_editable:
            raise ValidationError(frozen_message())
        rows_changed = _place_systems(current, actor, systems or [], reason)
        updated = tenant_update(instance=current, actor=actor, data=data, reason=reason)
        if rows_changed and updated.version == current.version:
            # Only systems changed: still move the version on, so a stale form or If-Match is refused afterwards.
            ScopeVersion.objects.filter(pk=current.pk).update(version=F("version") + 1)
            updated = _fresh(current)
    return updated


def _place_systems(version: ScopeVersion, actor, systems: list[dict], reason: str) -> bool:
    existing = {row.system_id: row for row in ScopeSystem.objects.filter(scope=version, system__isnull=False)}
    changed = False
    for item in systems:
        system = item["system"]
        if system.organisation_id != version.organisation_id:
            raise ValidationError({"systems": [_("Choose AI systems of this organisation.")]})
        row = existing.get(system.pk)
        in_scope = item.get("in_scope")
        text = (item.get("reason") or "").strip()
        if in_scope is None:
            if row is not None:
                tenant_delete(instance=row, actor=actor, reason=reason)
                changed = True
        elif row is None:
            _row_create(version, actor, system, in_scope, text)
            changed = True
        elif row.in_scope != in_scope or row.reason != text or row.system_name != system.name:
            tenant_update(
                instance=row, actor=actor, reason=reason,
                data={"in_scope": in_scope, "reason": text, "system_name": system.name},
            )  # fmt: skip
            changed = True
    return changed


def scope_submit(*, version: ScopeVersion, actor) -> ScopeVersion:
    """A draft goes for approval once it has a statement and every system left out has its reason."""
    version = _fresh(version)
    if version.status != ScopeStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    found = problems(version)
    if found:
        raise ValidationError(found)
    return tenant_update(
        instance=version,
        actor=actor,
        data={"status": ScopeStatus.IN_REVIEW, "submitted_by": actor, "submitted_at": timezone.now()},
        reason=_("Submitted for approval"),
    )


def scope_decide(*, version: ScopeVersion, actor, approve: bool, note: str = "") -> ScopeVersion:
    """Approve (the previously approved version is superseded) or return to draft. The caller checks
    `Perm.AIMS_APPROVE`."""
    version = _fresh(version)
    if version.status != ScopeStatus.IN_REVIEW:
        raise ValidationError(_("Only a version in review can be approved or returned."))
    note = note.strip()
    with transaction.atomic():
        if not approve:
            return tenant_update(
                instance=version,
                actor=actor,
                data={"status": ScopeStatus.DRAFT, "decision_note": note},
                reason=_("Returned for changes: %(note)s") % {"note": note[:300]},
            )
        previous = ScopeVersion.objects.for_organisation(version.organisation).filter(status=ScopeStatus.APPROVED)
        for old in previous:
            tenant_update(
                instance=old, actor=actor, data={"status": ScopeStatus.SUPERSEDED},
                reason=_("Superseded by version %(n)s") % {"n": version.number},
            )  # fmt: skip
        return tenant_update(
            instance=version,
            actor=actor,
            data={"status": ScopeStatus.APPROVED, "approved_by": actor, "approved_at": timezone.now(),
                  "decision_note": note},
            reason=_("Approved"),
        )  # fmt: skip
