"""Writing and verifying the hash-chained change log.

The hash of an event is SHA-256 over a canonical JSON document of its content and the previous event's hash (see
`_canonical`). The algorithm is deliberately plain so an auditor can re-check an exported log with any tool.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import math
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.utils import timezone

from .models import AuditAction, AuditEvent

GENESIS_HASH = "0" * 64


def to_json_value(value: Any) -> Any:
    """A JSON-native form of a field value, stable across SQLite and PostgreSQL."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # PostgreSQL's jsonb keeps numbers as `numeric`: it refuses NaN/Infinity, drops the sign of -0.0 and returns
        # 1e16 and larger as integers. Store those in the form jsonb gives back, so the hash survives a round trip.
        if not math.isfinite(value):
            return str(value)
        if value == 0:
            return 0.0
        if value.is_integer() and abs(value) >= 1e16:
            return int(value)
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        items = [to_json_value(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set) else items
    if isinstance(value, dict):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def snapshot(instance: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The audited content of a record: concrete fields by name, foreign keys as their display text."""
    exclude = tuple(exclude) or tuple(getattr(instance, "audit_exclude", ()))
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        if field.is_relation:
            related = getattr(instance, field.name)
            data[field.name] = None if related is None else str(related)
        else:
            data[field.name] = to_json_value(field.value_from_object(instance))
    if instance.pk is not None:
        # Links to other records (many-to-many) are part of a record's content, e.g. the models a system uses.
        for field in instance._meta.many_to_many:
            if field.name not in exclude:
                data[field.name] = sorted(str(related) for related in getattr(instance, field.name).all())
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field-level differences as {field: [old, new]}."""
    keys = before.keys() | after.keys()
    return {key: [before.get(key), after.get(key)] for key in sorted(keys) if before.get(key) != after.get(key)}


def _canonical(event: AuditEvent, organisation_public_id: str) -> bytes:
    document = {
        "organisation": organisation_public_id,
        "sequence": event.sequence,
        "time": event.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_ref,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
        "reason": event.reason,
        "previous_hash": event.previous_hash,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def compute_hash(event: AuditEvent, organisation_public_id: str) -> str:
    return hashlib.sha256(_canonical(event, organisation_public_id)).hexdigest()


def object_type_of(instance_or_model) -> str:
    return instance_or_model._meta.label_lower


def record_event(
    *,
    organisation,
    actor,
    action: str,
    target: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    at: datetime.datetime | None = None,
) -> AuditEvent:
    """Append an event to the organisation's chain. Must run inside the transaction of the change it records.

    `at` replaces the current time only where the exact time would itself reveal something, such as who sent an
    anonymous report; the sequence number still orders the chain."""
    if not connection.in_atomic_block:
        raise RuntimeError("record_event() must be called inside the transaction that makes the change")
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}")
    from styring.organisations.models import Organisation

    # Lock the organisation row: it holds the chain head, so concurrent writers append one after another.
    head = (
        Organisation.objects.select_for_update()
        .values("public_id", "audit_sequence", "audit_head")
        .get(pk=organisation.pk)
    )
    # Round-trip through JSON so the stored value hashes the same after it comes back from either database.
    clean_changes = json.loads(json.dumps(to_json_value(changes or {}), ensure_ascii=False))
    now = at or timezone.now()
    event = AuditEvent(
        organisation_id=organisation.pk,
        sequence=head["audit_sequence"] + 1,
        created_at=now,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_ref=str(actor.public_id) if getattr(actor, "pk", None) else "",
        actor_label=_actor_label(actor),
        action=action,
        object_type=object_type or (object_type_of(target) if target is not None else ""),
        object_id=object_id or (str(getattr(target, "public_id", target.pk)) if target is not None else ""),
        object_repr=(object_repr if object_repr is not None else str(target) if target is not None else "")[:255],
        changes=clean_changes,
        reason=reason or "",
        previous_hash=head["audit_head"] or GENESIS_HASH,
    )
    event.hash = compute_hash(event, str(head["public_id"]))
    event.save(force_insert=True)
    Organisation.objects.filter(pk=organisation.pk).update(audit_sequence=event.sequence, audit_head=event.hash)
    return event


def _actor_label(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "system"
    return actor.email


@dataclass(frozen=True)
class ChainReport:
    organisation_slug: str
    events_checked: int
    ok: bool
    broken_sequence: int | None = None
    problem: str = ""


def verify_chain(organisation, *, batch_size: int = 2000) -> ChainReport:
    """Recompute an organisation's chain from the first event and report the first broken link."""
    org_id = str(organisation.public_id)
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    events = AuditEvent.objects.filter(organisation=organisation).order_by("sequence")
    for event in events.iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            problem = (
                f"event #{expected_sequence} is missing (next stored event is #{event.sequence})"
                if event.sequence > expected_sequence
                else f"event #{event.sequence} appears out of order"
            )
            return ChainReport(organisation.slug, checked, False, expected_sequence, problem)
        if event.previous_hash != expected_previous:
            return ChainReport(
                organisation.slug,
                checked,
                False,
                event.sequence,
                f"event #{event.sequence} does not link to the event before it",
            )
        if compute_hash(event, org_id) != event.hash:
            return ChainReport(
                organisation.slug,
                checked,
                False,
                event.sequence,
                f"event #{event.sequence} was changed after it was written",
            )
        expected_previous = event.hash
        expected_sequence += 1
        checked += 1
    organisation.refresh_from_db(fields=["audit_sequence", "audit_head"])
    if organisation.audit_sequence != checked or (checked and organisation.audit_head != expected_previous):
        return ChainReport(
            organisation.slug,
            checked,
            False,
            checked + 1 if organisation.audit_sequence > checked else checked,
            f"the chain ends at event #{checked} but the organisation records #{organisation.audit_sequence} "
            f"as its newest event",
        )
    return ChainReport(organisation.slug, checked, True)
