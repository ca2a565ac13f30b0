"""The discovery review queue: every source of candidates (imports, BOMs, manifest scans, the software catalog,
the staff survey) ends here, and nothing enters the inventory until a member accepts, merges or dismisses it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.audit import object_type_of
from styring.core.services import tenant_create, tenant_update
from styring.organisations.models import Membership

from . import services
from .choices import CandidateKind, CandidateStatus
from .models import AIModel, AISystem, Candidate, Dataset, Supplier

CREATE = {
    CandidateKind.SYSTEM: (AISystem, services.aisystem_create, services.AISYSTEM_EDITABLE_FIELDS),
    CandidateKind.MODEL: (AIModel, services.aimodel_create, services.AIMODEL_FIELDS),
    CandidateKind.DATASET: (Dataset, services.dataset_create, services.DATASET_FIELDS),
    CandidateKind.SUPPLIER: (Supplier, services.supplier_create, services.SUPPLIER_FIELDS),
}


def candidates_submit(
    *, organisation, actor, source: str, items: list[dict[str, Any]], batch: str = ""
) -> list[Candidate]:
    """Queue candidates for review; all or nothing."""
    created = []
    with transaction.atomic():
        for item in items:
            candidate = Candidate(
                organisation=organisation,
                source=source,
                kind=item.get("kind", CandidateKind.SYSTEM),
                name=str(item["name"])[:200],
                proposed=item.get("proposed", {}),
                evidence=item.get("evidence", ""),
                batch=batch,
                submitted_by=actor if getattr(actor, "pk", None) else None,
            )
            created.append(tenant_create(instance=candidate, actor=actor))
    return created


def _values(organisation, kind: str, proposed: dict[str, Any]) -> dict[str, Any]:
    """Proposed values turned into field values of the target model (unknown keys are ignored)."""
    model, _create, allowed = CREATE[kind]
    values: dict[str, Any] = {}
    for name, raw in proposed.items():
        if name not in allowed or raw in (None, ""):
            continue
        field = model._meta.get_field(name)
        if field.is_relation:  # links to other records are chosen by a person, never taken from a proposal
            continue
        values[name] = field.to_python(raw)
    email = proposed.get("owner_email")  # owners are proposed by e-mail and must be members
    if email:
        owner = Membership.objects.for_organisation(organisation).filter(user__email__iexact=email).first()
        if owner is not None:
            values["owner"] = owner
    return values


def _close(candidate: Candidate, actor, status: str, note: str = "", result=None) -> Candidate:
    data = {"status": status, "reviewed_by": actor, "reviewed_at": timezone.now(), "review_note": note[:500]}
    if result is not None:
        data.update(result_type=object_type_of(result), result_id=str(result.public_id))
    return tenant_update(instance=candidate, actor=actor, data=data, reason=note)


def _pending(candidate: Candidate) -> None:
    if candidate.status != CandidateStatus.PENDING:
        raise ValidationError(_("This candidate was already reviewed."))


def candidate_accept(*, candidate: Candidate, actor, note: str = ""):
    """Create a new inventory record from the candidate."""
    _pending(candidate)
    _model, create, _allowed = CREATE[candidate.kind]
    with transaction.atomic():
        values = _values(candidate.organisation, candidate.kind, candidate.proposed)
        values.setdefault("name", candidate.name)
        if candidate.kind == CandidateKind.SYSTEM:
            values.setdefault("purpose", _("(to be described; found by discovery)"))
        record = create(
            organisation=candidate.organisation,
            actor=actor,
            reason=_("Accepted from discovery: %(source)s") % {"source": candidate.get_source_display()},
            **values,
        )
        _close(candidate, actor, CandidateStatus.ACCEPTED, note, result=record)
        link_batch(candidate, actor)
    return record


def candidate_merge(*, candidate: Candidate, actor, target, note: str = ""):
    """Fill the empty fields of an existing record of the same kind with the candidate's values; nothing that is
    already filled is overwritten."""
    _pending(candidate)
    model, _create, _allowed = CREATE[candidate.kind]
    if not isinstance(target, model) or target.organisation_id != candidate.organisation_id:
        raise ValidationError(_("Choose a record of the same kind in this organisation."))
    with transaction.atomic():
        values = _values(candidate.organisation, candidate.kind, candidate.proposed)
        values.pop("name", None)
        empty = {name: value for name, value in values.items() if getattr(target, name) in (None, "", [], {})}
        if empty:
            tenant_update(
                instance=target,
                actor=actor,
                data=empty,
                reason=_("Merged from discovery: %(source)s") % {"source": candidate.get_source_display()},
            )
        _close(candidate, actor, CandidateStatus.MERGED, note, result=target)
        link_batch(candidate, actor)
    return target


# Relations proposed by a BOM, by BOM reference: which link field of which record type they fill.
LINK_FIELDS = {
    (CandidateKind.SYSTEM, "ai_models"): ("ai_models", AIModel),
    (CandidateKind.SYSTEM, "datasets"): ("datasets", Dataset),
    (CandidateKind.MODEL, "datasets"): ("training_datasets", Dataset),
}


def link_batch(candidate: Candidate, actor) -> int:
    """Link the records reviewed from one import to each other as the BOM described, whatever order they were
    reviewed in. Only records of the candidate's own organisation are ever linked; links are only added."""
    if not candidate.batch:
        return 0
    reviewed = (
        Candidate.objects.for_organisation(candidate.organisation)
        .filter(batch=candidate.batch, status__in=(CandidateStatus.ACCEPTED, CandidateStatus.MERGED))
        .exclude(result_id="")
    )
    added = 0
    for item in reviewed:
        wanted = (item.proposed or {}).get("links") or {}
        if not wanted:
            continue
        model = CREATE[item.kind][0]
        record = model.objects.for_organisation(item.organisation).filter(public_id=item.result_id).first()
        if record is None:
            continue
        data = {}
        for key, refs in wanted.items():
            target = LINK_FIELDS.get((item.kind, key))
            if target is None or not refs:
                continue
            field_name, target_model = target
            current = set(getattr(record, field_name).all())
            found = set(target_model.objects.for_organisation(item.organisation).filter(bom_ref__in=refs))
            if found - current:
                data[field_name] = list(current | found)
                added += len(found - current)
        if data:
            tenant_update(instance=record, actor=actor, data=data, reason=_("Linked as described in the imported BOM"))
    return added


def candidate_dismiss(*, candidate: Candidate, actor, note: str = "") -> Candidate:
    _pending(candidate)
    with transaction.atomic():
        return _close(candidate, actor, CandidateStatus.DISMISSED, note)


def candidates_dismiss_many(*, candidates, actor, note: str = "") -> int:
    with transaction.atomic():
        count = 0
        for candidate in candidates:
            if candidate.status == CandidateStatus.PENDING:
                _close(candidate, actor, CandidateStatus.DISMISSED, note)
                count += 1
    return count


def pending_names(organisation) -> list[str]:
    return list(
        Candidate.objects.for_organisation(organisation)
        .filter(status=CandidateStatus.PENDING)
        .values_list("name", flat=True)
    )
