"""Resources and competence (7.1, 7.2): competences each AI role needs, people's competences with evidence and
expiry, the gap matrix per role, and the training plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from styring.controls.models import Evidence
from styring.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    StrictSchema,
    api_membership,
    api_require,
    error_responses,
    parse_if_match,
    patch_schema_for,
)
from styring.core.api_crud import add_crud_routes
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation, member_reference
from styring.governance.models import AIRole

from . import selectors, services
from .choices import CompetenceCategory, CompetenceLevel, EvidenceType, TrainingStatus
from .models import Competence

router = Router(tags=["competence"])

Category = Literal[tuple(CompetenceCategory.values)]
Level = Literal[tuple(CompetenceLevel.values)]
EvidenceKind = Literal[tuple(EvidenceType.values)]
TrainingStatus_ = Literal[tuple(TrainingStatus.values)]
_PERMS = {
    "view_permission": Perm.AIMS_VIEW,
    "change_permission": Perm.AIMS_CHANGE,
    "delete_permission": Perm.AIMS_DELETE,
}


def _resolve(organisation, data: dict) -> dict:
    """References in the input must be records of the same organisation (404 otherwise)."""
    if "member" in data:
        data["member"] = member_reference(organisation, data["member"])
    if "person_name" in data and data["person_name"] is None:
        data["person_name"] = ""
    if "role" in data:
        if data["role"] is None:
            raise ValidationError({"role": [_("Choose an AI role.")]})
        data["role"] = get_for_organisation(AIRole, organisation, public_id=data["role"])
    if "competence" in data:
        if data["competence"] is None:
            raise ValidationError({"competence": [_("Choose a competence.")]})
        data["competence"] = get_for_organisation(Competence, organisation, public_id=data["competence"])
    if "evidence" in data and data["evidence"] is not None:
        data["evidence"] = get_for_organisation(Evidence, organisation, public_id=data["evidence"])
    for text in ("description", "evidenced_by", "evidence_reference", "provider", "notes"):
        if text in data and data[text] is None:
            data[text] = ""
    return data


class _Out(Schema):
    id: UUID
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id


class _PersonOut(_Out):
    member: UUID | None
    person_name: str
    person: str
    competence: UUID

    @staticmethod
    def resolve_member(record):
        return record.member.public_id if record.member_id else None

    @staticmethod
    def resolve_person(record):
        return record.holder_name

    @staticmethod
    def resolve_competence(record):
        return record.competence.public_id


# --- competences -------------------------------------------------------------------------------------------------


class CompetenceOut(_Out):
    name: str
    description: str
    category: str
    evidenced_by: str
    renewal_months: int | None


class CompetenceWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    category: Category = CompetenceCategory.OTHER.value
    evidenced_by: str = Field("", max_length=10_000)
    renewal_months: int | None = Field(None, ge=1, le=240)
    reason: str = Field("", max_length=1000)


# --- role requirements -------------------------------------------------------------------------------------------


class RoleCompetenceOut(_Out):
    role: UUID
    role_name: str
    competence: UUID
    competence_name: str
    level: str

    @staticmethod
    def resolve_role(record):
        return record.role.public_id

    @staticmethod
    def resolve_role_name(record):
        return record.role.name

    @staticmethod
    def resolve_competence(record):
        return record.competence.public_id

    @staticmethod
    def resolve_competence_name(record):
        return record.competence.name


class RoleCompetenceWrite(StrictSchema):
    role: UUID = Field(strict=False)
    competence: UUID = Field(strict=False)
    level: Level = CompetenceLevel.PRACTITIONER.value
    reason: str = Field("", max_length=1000)


# --- people's competences ----------------------------------------------------------------------------------------


class PersonCompetenceOut(_PersonOut):
    level: str
    evidence_type: str
    evidence_reference: str
    evidence: UUID | None
    obtained_on: date | None
    expires_on: date | None

    @staticmethod
    def resolve_evidence(record):
        return record.evidence.public_id if record.evidence_id else None


class PersonCompetenceWrite(StrictSchema):
    member: UUID | None = Field(None, strict=False)
    person_name: str = Field("", max_length=200)
    competence: UUID = Field(strict=False)
    level: Level = CompetenceLevel.PRACTITIONER.value
    evidence_type: EvidenceKind = EvidenceType.TRAINING.value
    evidence_reference: str = Field("", max_length=10_000)
    evidence: UUID | None = Field(None, strict=False)
    obtained_on: date | None = Field(None, strict=False)
    expires_on: date | None = Field(
        None, strict=False, description="Left out, it follows from the competence's renewal interval."
    )
    reason: str = Field("", max_length=1000)


# --- training plan -----------------------------------------------------------------------------------------------


class TrainingItemOut(_PersonOut):
    title: str
    provider: str
    planned_on: date | None
    status: str
    completed_on: date | None
    notes: str
    person_competence: UUID | None

    @staticmethod
    def resolve_person_competence(record):
        return record.person_competence.public_id if record.person_competence_id else None


class TrainingItemWrite(StrictSchema):
    member: UUID | None = Field(None, strict=False)
    person_name: str = Field("", max_length=200)
    competence: UUID = Field(strict=False)
    title: str = Field(min_length=1, max_length=300)
    provider: str = Field("", max_length=200)
    planned_on: date | None = Field(None, strict=False)
    status: TrainingStatus_ = TrainingStatus.PLANNED.value
    completed_on: date | None = Field(None, strict=False)
    notes: str = Field("", max_length=10_000)
    reason: str = Field("", max_length=1000)


class TrainingCompleteIn(StrictSchema):
    completed_on: date = Field(strict=False)
    record_competence: bool = True
    level: Level = CompetenceLevel.PRACTITIONER.value
    evidence_type: EvidenceKind = EvidenceType.TRAINING.value
    evidence_reference: str = Field("", max_length=10_000)
    evidence: UUID | None = Field(None, strict=False)


class TrainingCompleteOut(Schema):
    training: TrainingItemOut
    person_competence: PersonCompetenceOut | None


for _path, _name, _tag, _out, _write, _selector, _create, _update, _delete, _ordering in (
    ("competences", "competence", "competences", CompetenceOut, CompetenceWrite, selectors.competences_of,
     services.competence_create, services.competence_update, services.competence_delete, ("name", "id")),
    ("role-competences", "rolecompetence", "role competences", RoleCompetenceOut, RoleCompetenceWrite,
     selectors.role_competences_of, services.role_competence_create, services.role_competence_update,
     services.role_competence_delete, ("role__name", "competence__name", "id")),
    ("person-competences", "personcompetence", "people's competences", PersonCompetenceOut, PersonCompetenceWrite,
     selectors.person_competences_of, services.person_competence_create, services.person_competence_update,
     services.person_competence_delete, ("competence__name", "person_name", "id")),
    ("training-items", "trainingitem", "training items", TrainingItemOut, TrainingItemWrite,
     selectors.training_items_of, services.training_create, services.training_update, services.training_delete,
     ("planned_on", "title", "id")),
):  # fmt: skip
    add_crud_routes(
        router,
        path=_path,
        model_name=_name,
        tag_name=_tag,
        out_schema=_out,
        write_schema=_write,
        patch_schema=patch_schema_for(_write, f"{_write.__name__.removesuffix('Write')}Patch"),
        selector=_selector,
        create=_create,
        update=_update,
        delete=_delete,
        resolve=_resolve,
        ordering=_ordering,
        **_PERMS,
    )


@router.post(
    "/{org}/training-items/{trainingitem}/complete",
    response={200: TrainingCompleteOut, **error_responses(*WRITE_ERRORS)},
    summary="Mark training completed and record the competence it gave (both or neither)",
    operation_id="complete_training_item",
)
def complete_training(request, org: str, trainingitem: UUID, payload: TrainingCompleteIn, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_CHANGE)
    organisation = membership.organisation
    item = get_for_organisation(selectors.training_items_of(organisation), organisation, public_id=trainingitem)
    evidence = None
    if payload.evidence is not None:
        evidence = get_for_organisation(Evidence, organisation, public_id=payload.evidence)
    item, record = services.training_complete(
        item=item,
        actor=membership.user,
        completed_on=payload.completed_on,
        record_competence=payload.record_competence,
        level=payload.level,
        evidence_type=payload.evidence_type,
        evidence_reference=payload.evidence_reference,
        evidence=evidence,
        expected_version=parse_if_match(request),
    )
    response["ETag"] = f'"{item.version}"'
    return {"training": item, "person_competence": record}


# --- gap matrix --------------------------------------------------------------------------------------------------


class GapCellOut(Schema):
    competence: UUID
    competence_name: str
    required_level: str
    state: str
    level_held: str | None
    expires_on: date | None
    record: UUID | None


class GapHolderOut(Schema):
    person: str
    member: UUID | None
    person_name: str
    cells: list[GapCellOut]


class GapRoleOut(Schema):
    role: UUID
    role_name: str
    gap_count: int
    holders: list[GapHolderOut]


class GapMatrixOut(Schema):
    on: date
    gap_count: int
    roles: list[GapRoleOut]


@router.get(
    "/{org}/competence-gaps",
    response={200: GapMatrixOut, **error_responses(*READ_ERRORS)},
    summary="The competence gap matrix: each AI role's current holders against the competences it requires",
    operation_id="get_competence_gaps",
)
def competence_gaps(request, org: str, role: UUID | None = None):
    membership = api_membership(request, org)
    api_require(membership, Perm.AIMS_VIEW)
    organisation = membership.organisation
    selected = get_for_organisation(AIRole, organisation, public_id=role) if role else None
    today = timezone.localdate()
    matrix = selectors.gap_matrix(organisation, today=today, role=selected)
    return {
        "on": today,
        "gap_count": sum(row.gap_count for row in matrix),
        "roles": [
            {
                "role": row.role.public_id,
                "role_name": row.role.name,
                "gap_count": row.gap_count,
                "holders": [
                    {
                        "person": holder.name,
                        "member": holder.member.public_id if holder.member else None,
                        "person_name": holder.person_name,
                        "cells": [
                            {
                                "competence": cell.competence.public_id,
                                "competence_name": cell.competence.name,
                                "required_level": cell.required,
                                "state": cell.state,
                                "level_held": cell.record.level if cell.record else None,
                                "expires_on": cell.record.expires_on if cell.record else None,
                                "record": cell.record.public_id if cell.record else None,
                            }
                            for cell in holder.cells
                        ],
                    }
                    for holder in row.holders
                ],
            }
            for row in matrix
        ],
    }
