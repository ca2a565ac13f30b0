"""Every write to competences, role requirements, people's competences and training, each in one transaction with
its change-log event."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styring.core.services import tenant_create, tenant_delete, tenant_update

from .choices import EvidenceType, TrainingStatus
from .models import Competence, PersonCompetence, RoleCompetence, TrainingItem

COMPETENCE_FIELDS = ("name", "description", "category", "evidenced_by", "renewal_months")
ROLE_COMPETENCE_FIELDS = ("role", "competence", "level")
PERSON_COMPETENCE_FIELDS = (
    "member",
    "person_name",
    "competence",
    "level",
    "evidence_type",
    "evidence_reference",
    "evidence",
    "obtained_on",
    "expires_on",
)
TRAINING_FIELDS = (
    "member",
    "person_name",
    "competence",
    "title",
    "provider",
    "planned_on",
    "status",
    "completed_on",
    "notes",
)


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def add_months(start: date, months: int) -> date:
    """The same day `months` later (the last day of the month when that month is shorter)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def default_expiry(competence: Competence | None, obtained_on: date | None) -> date | None:
    if competence is None or not competence.renewal_months or obtained_on is None:
        return None
    return add_months(obtained_on, competence.renewal_months)


# --- competences -------------------------------------------------------------------------------------------------


def competence_create(*, organisation, actor, reason: str = "", **data: Any) -> Competence:
    return tenant_create(
        instance=Competence(organisation=organisation, **_only(data, COMPETENCE_FIELDS)), actor=actor, reason=reason
    )


def competence_update(record: Competence, *, actor, expected_version=None, reason: str = "", **data) -> Competence:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, COMPETENCE_FIELDS), expected_version=expected_version,
        reason=reason,
    )  # fmt: skip


def competence_delete(*, record: Competence, actor, expected_version=None, reason: str = "") -> None:
    """Refused while people hold it or training is planned for it (those records are the evidence of 7.2);
    the roles' requirements of it are deleted with it, each in the change log."""
    with transaction.atomic():
        if record.holders.exists() or record.training_items.exists():
            raise ValidationError(
                _("People's competence records or training refer to this competence. Delete those first.")
            )
        for requirement in record.role_requirements.select_related("role", "competence"):
            tenant_delete(instance=requirement, actor=actor, reason=reason)
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# --- what roles require ------------------------------------------------------------------------------------------


def role_competence_create(*, organisation, actor, reason: str = "", **data: Any) -> RoleCompetence:
    return tenant_create(
        instance=RoleCompetence(organisation=organisation, **_only(data, ROLE_COMPETENCE_FIELDS)),
        actor=actor,
        reason=reason,
    )


def role_competence_update(
    record: RoleCompetence, *, actor, expected_version=None, reason: str = "", **data
) -> RoleCompetence:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, ROLE_COMPETENCE_FIELDS), expected_version=expected_version,
        reason=reason,
    )  # fmt: skip


def role_competence_delete(*, record: RoleCompetence, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# --- people's competences ----------------------------------------------------------------------------------------


def person_competence_create(*, organisation, actor, reason: str = "", **data: Any) -> PersonCompetence:
    data = _only(data, PERSON_COMPETENCE_FIELDS)
    if data.get("expires_on") is None:
        data["expires_on"] = default_expiry(data.get("competence"), data.get("obtained_on"))
    data.setdefault("person_name", "")
    data["person_name"] = (data["person_name"] or "").strip()
    return tenant_create(instance=PersonCompetence(organisation=organisation, **data), actor=actor, reason=reason)


def person_competence_update(
    record: PersonCompetence, *, actor, expected_version=None, reason: str = "", **data
) -> PersonCompetence:
    data = _only(data, PERSON_COMPETENCE_FIELDS)
    if "expires_on" in data and data["expires_on"] is None:
        data["expires_on"] = default_expiry(
            data.get("competence", record.competence), data.get("obtained_on", record.obtained_on)
        )
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def person_competence_delete(*, record: PersonCompetence, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# --- training plan -----------------------------------------------------------------------------------------------


def training_create(*, organisation, actor, reason: str = "", **data: Any) -> TrainingItem:
    data = _only(data, TRAINING_FIELDS)
    data["person_name"] = (data.get("person_name") or "").strip()
    return tenant_create(instance=TrainingItem(organisation=organisation, **data), actor=actor, reason=reason)


def training_update(record: TrainingItem, *, actor, expected_version=None, reason: str = "", **data) -> TrainingItem:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, TRAINING_FIELDS), expected_version=expected_version,
        reason=reason,
    )  # fmt: skip


def training_delete(*, record: TrainingItem, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def training_complete(
    *,
    item: TrainingItem,
    actor,
    completed_on: date,
    record_competence: bool = True,
    level: str = "",
    evidence_type: str = EvidenceType.TRAINING,
    evidence_reference: str = "",
    evidence=None,
    expected_version: int | None = None,
) -> tuple[TrainingItem, PersonCompetence | None]:
    """Mark the training completed and, if asked, record the competence it gave the person: both or neither."""
    if not item.is_open:
        raise ValidationError(_("Only planned or booked training can be marked completed."))
    with transaction.atomic():
        record = None
        if record_competence:
            record = person_competence_create(
                organisation=item.organisation,
                actor=actor,
                reason=_("Training completed: %(title)s") % {"title": item.title},
                member=item.member,
                person_name=item.person_name,
                competence=item.competence,
                level=level or "practitioner",
                evidence_type=evidence_type,
                evidence_reference=evidence_reference or item.title,
                evidence=evidence,
                obtained_on=completed_on,
                expires_on=None,
            )
        item = tenant_update(
            instance=item,
            actor=actor,
            data={"status": TrainingStatus.COMPLETED, "completed_on": completed_on, "person_competence": record},
            expected_version=expected_version,
            reason=_("Training completed"),
        )
    return item, record
