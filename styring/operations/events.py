"""The decision and human-oversight event log (A.6.2.6, A.6.2.8; EU AI Act Art. 12, 14, 26).

AI systems (or the applications around them) send their decisions in batches. Each system's events form a hash chain:
an event's hash is SHA-256 over a canonical JSON document of its content and the previous event's hash (see
`canonical_event`), so an auditor can re-check an export with any tool. `verify_event_chain` names the first broken
link. Old events are pruned after the system's retention period; the hash of the last pruned event becomes the
chain's anchor, so what remains still verifies.

Ingest is built for volume: one batch of up to 1,000 events costs a fixed number of queries (row lock on the system,
the chain head, `bulk_create`, one summary change-log event), whatever its size.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.audit import record_event
from styring.core.models import AuditAction
from styring.core.services import tenant_create, tenant_update
from styring.inventory.choices import AiActClass
from styring.inventory.models import AISystem
from styring.tasks.jobs import register

from .choices import DecisionOutcome, MeasurementSource, MetricKind
from .models import (
    DEFAULT_RETENTION_DAYS,
    GENESIS_HASH,
    MIN_RETENTION_DAYS_HIGH_RISK,
    DecisionEvent,
    EventLogSettings,
    Measurement,
    Metric,
)

MAX_BATCH = 1000
FIELD_LIMITS = {"input_reference": 500, "output_summary": 5000, "reviewer": 200, "reason": 2000}
EVENT_FIELDS = ("occurred_at", "input_reference", "output_summary", "confidence", "reviewer", "outcome", "reason")
# SQLite allows 999 parameters per statement; PostgreSQL takes the whole batch at once.
INSERT_BATCH = 1000


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def canonical_event(event: DecisionEvent, system_public_id: str) -> bytes:
    document = {
        "system": system_public_id,
        "sequence": event.sequence,
        "occurred_at": _utc(event.occurred_at),
        "received_at": _utc(event.received_at),
        "input_reference": event.input_reference,
        "output_summary": event.output_summary,
        "confidence": event.confidence,
        "reviewer": event.reviewer,
        "outcome": event.outcome,
        "reason": event.reason,
        "previous_hash": event.previous_hash,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def event_hash(event: DecisionEvent, system_public_id: str) -> str:
    return hashlib.sha256(canonical_event(event, system_public_id)).hexdigest()


# --- validation -----------------------------------------------------------------------------------------------------
def _check_event(data: Any, now: datetime.datetime) -> tuple[dict[str, Any], list[str]]:
    """One event's cleaned fields, or the list of what is wrong with it. Types are checked strictly (no coercion)."""
    if not isinstance(data, dict):
        return {}, [_("must be an object")]
    errors = []
    unknown = set(data) - set(EVENT_FIELDS)
    if unknown:
        errors.append(_("unknown field(s): %(fields)s") % {"fields": ", ".join(sorted(map(str, unknown)))})
    clean: dict[str, Any] = {}
    occurred_at = data.get("occurred_at")
    if not isinstance(occurred_at, datetime.datetime):
        errors.append(_("occurred_at: a date and time is required"))
    elif timezone.is_naive(occurred_at):
        errors.append(_("occurred_at: give the time zone (e.g. 2025-03-31T14:00:00Z)"))
    elif occurred_at > now + datetime.timedelta(hours=1):
        errors.append(_("occurred_at: lies in the future"))
    else:
        clean["occurred_at"] = occurred_at
    for name, limit in FIELD_LIMITS.items():
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors.append(_("%(field)s: must be text") % {"field": name})
        elif len(value) > limit:
            errors.append(_("%(field)s: at most %(limit)d characters") % {"field": name, "limit": limit})
        elif "\x00" in value:
            errors.append(_("%(field)s: must not contain NUL characters") % {"field": name})
        else:
            clean[name] = value
    confidence = data.get("confidence")
    if confidence is not None:
        number = not isinstance(confidence, bool) and isinstance(confidence, int | float | Decimal)
        if not number or not (math.isfinite(float(confidence)) and 0.0 <= float(confidence) <= 1.0):
            errors.append(_("confidence: must be a number between 0 and 1"))
        else:
            clean["confidence"] = float(confidence)
    else:
        clean["confidence"] = None
    outcome = data.get("outcome")
    if outcome not in DecisionOutcome.values:
        errors.append(_("outcome: one of %(choices)s") % {"choices": ", ".join(DecisionOutcome.values)})
    else:
        clean["outcome"] = outcome
    return clean, errors


class BatchRejected(ValidationError):
    """The batch was refused as a whole; `problems` lists (index in the batch, message). Nothing was stored."""

    def __init__(self, problems: list[tuple[int | None, str]]):
        self.problems = problems
        super().__init__(
            [message if index is None else f"events[{index}]: {message}" for index, message in problems[:100]]
        )


@dataclass(frozen=True)
class IngestResult:
    count: int
    first_sequence: int
    last_sequence: int
    head_hash: str


def _settings_of(system: AISystem, actor) -> EventLogSettings:
    settings = EventLogSettings.objects.filter(system=system).first()
    if settings is None:
        settings = tenant_create(
            instance=EventLogSettings(organisation_id=system.organisation_id, system=system), actor=actor
        )
    return settings


def events_ingest(*, system: AISystem, actor, events: list[dict[str, Any]]) -> IngestResult:
    """Append a batch of events to the system's chain: all or nothing, in one transaction under a row lock on the
    system so concurrent batches line up one after the other. One summary change-log event per batch."""
    if not isinstance(events, list) or not events:
        raise BatchRejected([(None, _("Send at least one event."))])
    if len(events) > MAX_BATCH:
        raise BatchRejected([(None, _("At most %(limit)d events per request.") % {"limit": MAX_BATCH})])
    now = timezone.now()
    cleaned = []
    problems: list[tuple[int | None, str]] = []
    for index, data in enumerate(events):
        clean, errors = _check_event(data, now)
        problems.extend((index, error) for error in errors)
        cleaned.append(clean)
    if problems:
        raise BatchRejected(problems)
    system_id = str(system.public_id)
    with transaction.atomic():
        AISystem.objects.select_for_update().filter(pk=system.pk).values_list("pk", flat=True).first()
        settings = _settings_of(system, actor)
        sequence, previous = settings.head_sequence, settings.head_hash
        first = sequence + 1
        rows = []
        for clean in cleaned:
            sequence += 1
            event = DecisionEvent(
                organisation_id=system.organisation_id,
                system_id=system.pk,
                sequence=sequence,
                received_at=now,
                previous_hash=previous,
                **clean,
            )
            event.hash = event_hash(event, system_id)
            previous = event.hash
            rows.append(event)
        DecisionEvent.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        EventLogSettings.objects.filter(pk=settings.pk).update(head_sequence=sequence, head_hash=previous)
        record_event(
            organisation=system.organisation,
            actor=actor,
            action=AuditAction.CREATE,
            object_type=DecisionEvent._meta.label_lower,
            object_id=system_id,
            object_repr=_("%(count)d decision events of %(system)s") % {"count": len(rows), "system": system.name},
            changes={"events": [None, len(rows)], "sequence": [first, sequence], "head_hash": [None, previous]},
        )
    return IngestResult(count=len(rows), first_sequence=first, last_sequence=sequence, head_hash=previous)


# --- verification -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EventChainReport:
    events_checked: int
    ok: bool
    broken_sequence: int | None = None
    problem: str = ""
    anchor_sequence: int = 0


def verify_event_chain(system: AISystem, *, batch_size: int = 2000) -> EventChainReport:
    """Recompute the system's chain from its anchor (the last pruned event) and report the first broken link."""
    settings = EventLogSettings.objects.filter(system=system).first()
    anchor_sequence = settings.anchor_sequence if settings else 0
    expected_previous = settings.anchor_hash if settings else GENESIS_HASH
    expected = anchor_sequence + 1
    checked = 0
    system_id = str(system.public_id)
    events = DecisionEvent.objects.filter(system=system, sequence__gt=anchor_sequence).order_by("sequence")
    for event in events.iterator(chunk_size=batch_size):
        if event.sequence != expected:
            problem = (
                _("event #%(expected)d is missing (the next stored event is #%(found)d)")
                % {"expected": expected, "found": event.sequence}
            )  # fmt: skip
            return EventChainReport(checked, False, expected, problem, anchor_sequence)
        if event.previous_hash != expected_previous:
            problem = _("event #%(n)d does not link to the event before it") % {"n": event.sequence}
            return EventChainReport(checked, False, event.sequence, problem, anchor_sequence)
        if event_hash(event, system_id) != event.hash:
            problem = _("event #%(n)d was changed after it was written") % {"n": event.sequence}
            return EventChainReport(checked, False, event.sequence, problem, anchor_sequence)
        expected_previous = event.hash
        expected += 1
        checked += 1
    head_sequence = settings.head_sequence if settings else 0
    head_hash = settings.head_hash if settings else GENESIS_HASH
    last = anchor_sequence + checked
    if head_sequence != last or head_hash != expected_previous:
        problem = _("the log ends at event #%(last)d but its newest event was #%(head)d") % {
            "last": last,
            "head": head_sequence,
        }
        return EventChainReport(checked, False, last + 1 if head_sequence > last else last, problem, anchor_sequence)
    return EventChainReport(checked, True, anchor_sequence=anchor_sequence)


# --- retention --------------------------------------------------------------------------------------------------------
def effective_retention_days(settings: EventLogSettings | None, system: AISystem) -> int:
    days = settings.retention_days if settings else DEFAULT_RETENTION_DAYS
    if system.ai_act_class == AiActClass.HIGH_RISK:
        days = max(days, MIN_RETENTION_DAYS_HIGH_RISK)
    return days


def log_settings_update(*, system: AISystem, actor, retention_days: int, reason: str = "") -> EventLogSettings:
    with transaction.atomic():
        AISystem.objects.select_for_update().filter(pk=system.pk).values_list("pk", flat=True).first()
        settings = EventLogSettings.objects.filter(system=system).first()
        if settings is None:
            settings = EventLogSettings(organisation_id=system.organisation_id, system=system)
            settings.retention_days = retention_days
            return tenant_create(instance=settings, actor=actor, reason=reason)
        return tenant_update(instance=settings, actor=actor, data={"retention_days": retention_days}, reason=reason)


def prune_events(*, system: AISystem, now: datetime.datetime | None = None) -> int:
    """Delete the system's events older than its retention period. Only a leading run of the chain is removed (an
    event is kept while any older-numbered event is still young enough), so the rest still verifies from the new
    anchor; this can keep an event a little longer than its retention, never shorter."""
    now = now or timezone.now()
    with transaction.atomic():
        AISystem.objects.select_for_update().filter(pk=system.pk).values_list("pk", flat=True).first()
        settings = EventLogSettings.objects.filter(system=system).first()
        if settings is None or settings.head_sequence <= settings.anchor_sequence:
            return 0
        cutoff = now - datetime.timedelta(days=effective_retention_days(settings, system))
        live = DecisionEvent.objects.filter(system=system, sequence__gt=settings.anchor_sequence)
        first_young = live.filter(occurred_at__gte=cutoff).aggregate(first=Min("sequence"))["first"]
        last_pruned = first_young - 1 if first_young is not None else settings.head_sequence
        if last_pruned <= settings.anchor_sequence:
            return 0
        anchor_hash = DecisionEvent.objects.filter(system=system, sequence=last_pruned).values_list("hash", flat=True)
        anchor_hash = anchor_hash.first()
        if anchor_hash is None:  # the chain is already broken here; leave it for verification to report
            return 0
        deleted, _detail = DecisionEvent.objects.filter(system=system, sequence__lte=last_pruned).delete()
        EventLogSettings.objects.filter(pk=settings.pk).update(anchor_sequence=last_pruned, anchor_hash=anchor_hash)
        record_event(
            organisation=system.organisation,
            actor=None,
            action=AuditAction.DELETE,
            object_type=DecisionEvent._meta.label_lower,
            object_id=str(system.public_id),
            object_repr=_("%(count)d decision events of %(system)s") % {"count": deleted, "system": system.name},
            changes={"anchor_sequence": [settings.anchor_sequence, last_pruned], "anchor_hash": [None, anchor_hash]},
            reason=_("Retention period of %(days)d days passed") % {"days": effective_retention_days(settings, system)},
        )
    return deleted


@register("event-log-retention")
def event_log_retention(now=None) -> str:
    """Prune every system's decision events past their retention period."""
    systems = AISystem.objects.filter(
        pk__in=EventLogSettings.objects.values("system_id")
    ).select_related("organisation")  # fmt: skip
    total = sum(prune_events(system=system, now=now) for system in systems)
    return f"{total} decision event(s) past retention deleted"


# --- override rate ----------------------------------------------------------------------------------------------------
def override_rate_record(*, system: AISystem, day: datetime.date, actor=None) -> Measurement | None:
    """Write the share of reviewed decisions the reviewer overrode on `day` (in the organisation's time zone) as a
    measurement (a ratio from 0 to 1) of the system's override-rate metric, if it has one. Idempotent per day."""
    from .services import measurement_create

    metric = (
        Metric.objects.filter(organisation_id=system.organisation_id, system=system, kind=MetricKind.OVERRIDE_RATE,
                              active=True)
        .order_by("reference")
        .first()
    )  # fmt: skip
    if metric is None:
        return None
    zone = zoneinfo.ZoneInfo(system.organisation.time_zone)
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    measured_at = end - datetime.timedelta(seconds=1)
    if Measurement.objects.filter(metric=metric, source=MeasurementSource.EVENT_LOG, measured_at=measured_at).exists():
        return None
    counts = DecisionEvent.objects.filter(system=system, occurred_at__gte=start, occurred_at__lt=end).aggregate(
        accepted=Count("id", filter=Q(outcome=DecisionOutcome.ACCEPTED)),
        overridden=Count("id", filter=Q(outcome=DecisionOutcome.OVERRIDDEN)),
    )
    reviewed = counts["accepted"] + counts["overridden"]
    if not reviewed:
        return None
    return measurement_create(
        metric=metric,
        actor=actor,
        value=Decimal(counts["overridden"]) / Decimal(reviewed),
        measured_at=measured_at,
        note=_("%(overridden)d of %(reviewed)d reviewed decisions overridden on %(day)s")
        % {"overridden": counts["overridden"], "reviewed": reviewed, "day": day.isoformat()},
        source=MeasurementSource.EVENT_LOG,
    )


OVERRIDE_RATE_LOOKBACK_DAYS = 7


@register("event-log-override-rate")
def override_rate_job(today=None) -> str:
    """For every system with an active override-rate metric, record each of the last complete days not yet recorded."""
    written = 0
    metrics = Metric.objects.filter(kind=MetricKind.OVERRIDE_RATE, active=True, system__isnull=False).select_related(
        "system__organisation"
    )
    for system in {metric.system for metric in metrics}:
        local_today = today or timezone.localdate(timezone=zoneinfo.ZoneInfo(system.organisation.time_zone))
        for back in range(OVERRIDE_RATE_LOOKBACK_DAYS, 0, -1):
            if override_rate_record(system=system, day=local_today - datetime.timedelta(days=back)) is not None:
                written += 1
    return f"{written} override-rate measurement(s) written"
