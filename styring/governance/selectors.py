"""Reads of the governance records, with query counts that do not grow with the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, Subquery

from styring.core.roles import Role
from styring.organisations.models import Membership

from .choices import AimsProcess, RaciValue
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


def roles_of(organisation):
    return AIRole.objects.for_organisation(organisation).select_related("organisation")


def roles_with_holders(organisation):
    """Roles with their current assignments (`role.current`), two queries for any number of roles."""
    from django.utils import timezone

    current = current_assignments(
        RoleAssignment.objects.for_organisation(organisation).select_related("member__user"), timezone.localdate()
    )
    return roles_of(organisation).prefetch_related(Prefetch("assignments", queryset=current, to_attr="current"))


def assignments_of(organisation):
    return RoleAssignment.objects.for_organisation(organisation).select_related(
        "organisation", "role", "member__user", "system"
    )


def current_assignments(queryset, today: datetime.date):
    return queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)).filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=today)
    )


def objectives_of(organisation):
    """Objectives with their latest measurement (value and date) annotated, for the computed status."""
    latest = ObjectiveMeasurement.objects.filter(objective=OuterRef("pk")).order_by("-measured_on", "-id")
    return (
        Objective.objects.for_organisation(organisation)
        .select_related("organisation", "owner__user", "system")
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
    )


def measurements_of(organisation):
    return ObjectiveMeasurement.objects.for_organisation(organisation).select_related("organisation", "objective")


def planned_changes_of(organisation):
    return (
        PlannedChange.objects.for_organisation(organisation)
        .select_related("organisation", "owner__user")
        .prefetch_related("systems")
    )


def communication_items_of(organisation):
    return CommunicationItem.objects.for_organisation(organisation).select_related("organisation", "communicator__user")


def communication_records_of(organisation):
    return CommunicationRecord.objects.for_organisation(organisation).select_related(
        "organisation", "item", "recorded_by__user"
    )


def concerns_of(organisation):
    return Concern.objects.for_organisation(organisation).select_related(
        "organisation", "system", "handled_by__user", "reporter__user"
    )


def settings_of(organisation) -> GovernanceSettings:
    """The organisation's settings, or the (unsaved) defaults."""
    found = GovernanceSettings.objects.for_organisation(organisation).first()
    return found or GovernanceSettings(organisation=organisation)


# --- concerns: who receives them ------------------------------------------------------------------------------------


def concern_recipients(organisation, today: datetime.date) -> list[Membership]:
    """Members currently holding a role that receives concerns; the organisation's owners when nobody does."""
    member_ids = (
        current_assignments(RoleAssignment.objects.for_organisation(organisation), today)
        .filter(role__receives_concerns=True, member__isnull=False)
        .values_list("member_id", flat=True)
    )
    members = list(
        Membership.objects.for_organisation(organisation)
        .filter(pk__in=member_ids)
        .select_related("user")
        .order_by("pk")
    )
    if members:
        return members
    return list(
        Membership.objects.for_organisation(organisation).filter(role=Role.OWNER).select_related("user").order_by("pk")
    )


def may_handle_concerns(membership, today: datetime.date) -> bool:
    """Owners always; otherwise members holding a role that receives concerns."""
    if membership.role == Role.OWNER:
        return True
    return (
        current_assignments(RoleAssignment.objects.for_organisation(membership.organisation), today)
        .filter(role__receives_concerns=True, member=membership)
        .exists()
    )


# --- RACI matrix ---------------------------------------------------------------------------------------------------


@dataclass
class RaciRow:
    key: str
    label: str
    group: str
    cells: list = field(default_factory=list)  # [(role, value or "")] in role order
    accountable: int = 0

    @property
    def warning(self) -> str:
        from django.utils.translation import gettext as _

        if self.accountable == 0:
            return _("Nobody is accountable (A).")
        if self.accountable > 1:
            return _("More than one role is accountable (A); there should be exactly one.")
        return ""


def raci_subjects() -> list[tuple[str, str, str]]:
    """(key, label, group) of every RACI subject: the AIMS processes, then the Annex A controls."""
    from django.utils.translation import gettext as _

    from styring.controls.soa import annex_a_controls

    subjects = [(value, str(label), _("AIMS processes")) for value, label in AimsProcess.choices]
    for control in annex_a_controls():
        subjects.append((control.key, f"{control.ref} {control.display_title}", _("Annex A controls")))
    return subjects


def raci_subject_keys() -> set[str]:
    from styring.controls.soa import annex_a_controls

    return set(AimsProcess.values) | set(annex_a_controls().values_list("key", flat=True))


def raci_rows(organisation, roles: list | None = None, only: str | None = None) -> tuple[list, list[RaciRow]]:
    """Roles (columns) and one row per subject; three queries whatever the number of roles and entries."""
    roles = roles if roles is not None else list(roles_of(organisation).order_by("name"))
    entries = RaciEntry.objects.for_organisation(organisation).filter(role__in=[role.pk for role in roles])
    subjects = raci_subjects()
    if only is not None:
        subjects = [subject for subject in subjects if subject[0] == only]
        entries = entries.filter(subject=only)
    values = {(entry.role_id, entry.subject): entry.value for entry in entries}
    rows = []
    for key, label, group in subjects:
        row = RaciRow(key, label, group)
        for role in roles:
            value = values.get((role.pk, key), "")
            row.cells.append((role, value))
            row.accountable += value == RaciValue.ACCOUNTABLE
        rows.append(row)
    return roles, rows
