"""Reads of competences, people's competences and training, and the gap matrix, with query counts that do not grow
with the number of rows, roles or people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q

from styring.governance.models import AIRole, RoleAssignment

from .choices import LEVEL_RANK, GapState
from .models import Competence, PersonCompetence, RoleCompetence, TrainingItem


def competences_of(organisation):
    return Competence.objects.for_organisation(organisation).select_related("organisation")


def role_competences_of(organisation):
    return RoleCompetence.objects.for_organisation(organisation).select_related(
        "organisation", "role__organisation", "competence"
    )


def person_competences_of(organisation):
    return PersonCompetence.objects.for_organisation(organisation).select_related(
        "organisation", "member__user", "competence", "evidence"
    )


def training_items_of(organisation):
    return TrainingItem.objects.for_organisation(organisation).select_related(
        "organisation", "member__user", "competence", "person_competence"
    )


def person_key(record) -> tuple:
    """Who a record is about: a member, or an outside person by name (case and surrounding spaces ignored)."""
    if record.member_id:
        return ("member", record.member_id)
    return ("person", record.person_name.strip().casefold())


@dataclass
class GapCell:
    competence: Competence
    required: str
    state: str
    record: PersonCompetence | None = None

    @property
    def is_gap(self) -> bool:
        return self.state != GapState.MET

    @property
    def state_label(self) -> str:
        return GapState(self.state).label


@dataclass
class Holder:
    name: str
    member: object | None
    person_name: str
    cells: list[GapCell] = field(default_factory=list)


@dataclass
class RoleRow:
    role: AIRole
    requirements: list[RoleCompetence]
    holders: list[Holder] = field(default_factory=list)

    @property
    def gap_count(self) -> int:
        return sum(cell.is_gap for holder in self.holders for cell in holder.cells)


def _cell(records: list[PersonCompetence], requirement: RoleCompetence, today: date) -> GapCell:
    """The best the person can show for the requirement: met, else expired at the level, else below, else
    expired below the level, else missing."""
    needed = LEVEL_RANK[requirement.level]
    valid_enough = [r for r in records if LEVEL_RANK[r.level] >= needed and not r.is_expired(today)]
    expired_enough = [r for r in records if LEVEL_RANK[r.level] >= needed and r.is_expired(today)]
    valid_below = [r for r in records if LEVEL_RANK[r.level] < needed and not r.is_expired(today)]

    def latest(candidates):
        return max(candidates, key=lambda r: (r.expires_on or date.max, r.obtained_on or date.min, r.pk))

    if valid_enough:
        state, record = GapState.MET, latest(valid_enough)
    elif expired_enough:
        state, record = GapState.EXPIRED, latest(expired_enough)
    elif valid_below:
        state, record = GapState.BELOW, max(valid_below, key=lambda r: LEVEL_RANK[r.level])
    elif records:
        state, record = GapState.EXPIRED, latest(records)
    else:
        state, record = GapState.MISSING, None
    return GapCell(competence=requirement.competence, required=requirement.level, state=state, record=record)


def gap_matrix(organisation, *, today: date, role=None) -> list[RoleRow]:
    """For each AI role (or the one given): its current holders × the competences it requires.

    Four queries whatever the number of roles, people and competences: roles with their requirements (two), current
    assignments with the members, and the competence records of the competences concerned.
    """
    roles = AIRole.objects.for_organisation(organisation).prefetch_related(
        Prefetch(
            "required_competences",
            queryset=RoleCompetence.objects.select_related("competence").order_by("competence__name"),
        )
    )
    if role is not None:
        roles = roles.filter(pk=role.pk)
    roles = list(roles.order_by("name"))
    assignments = (
        RoleAssignment.objects.for_organisation(organisation)
        .filter(role__in=[r.pk for r in roles])
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("member__user")
        .order_by("pk")
    )
    holders_by_role: dict[int, dict[tuple, Holder]] = {r.pk: {} for r in roles}
    for assignment in assignments:
        key = person_key(assignment)
        if key not in holders_by_role[assignment.role_id]:
            holders_by_role[assignment.role_id][key] = Holder(
                name=assignment.holder_name,
                member=assignment.member if assignment.member_id else None,
                person_name="" if assignment.member_id else assignment.person_name.strip(),
            )
    competence_ids = {req.competence_id for r in roles for req in r.required_competences.all()}
    records: dict[tuple, list[PersonCompetence]] = {}
    if competence_ids and any(holders_by_role.values()):
        person_records = (
            PersonCompetence.objects.for_organisation(organisation)
            .filter(competence__in=competence_ids)
            .select_related("organisation")
        )
        for record in person_records:
            records.setdefault((person_key(record), record.competence_id), []).append(record)
    rows = []
    for r in roles:
        requirements = list(r.required_competences.all())
        row = RoleRow(role=r, requirements=requirements)
        for key, holder in sorted(holders_by_role[r.pk].items(), key=lambda item: item[1].name.casefold()):
            holder.cells = [_cell(records.get((key, req.competence_id), []), req, today) for req in requirements]
            row.holders.append(holder)
        rows.append(row)
    return rows


def gap_rows(matrix: list[RoleRow]) -> list[dict]:
    """The gaps as flat rows (for export and the API): one per holder and unmet requirement."""
    result = []
    for row in matrix:
        for holder in row.holders:
            for cell in holder.cells:
                if not cell.is_gap:
                    continue
                result.append(
                    {
                        "role": row.role,
                        "person": holder.name,
                        "member": holder.member,
                        "competence": cell.competence,
                        "required": cell.required,
                        "state": cell.state,
                        "held": cell.record.level if cell.record else "",
                        "expires_on": cell.record.expires_on if cell.record else None,
                    }
                )
    return result
