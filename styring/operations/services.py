"""Every write to metrics and measurements, and the follow-up of a threshold breach (a nonconformity or an incident).
The decision event log has its own module, `events.py`."""

from __future__ import annotations

import datetime
import decimal
import logging
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from styring.core.audit import record_event
from styring.core.models import AuditAction
from styring.core.services import lock_organisation, next_reference, tenant_create, tenant_delete, tenant_update

from .calculators import CalculationError, read_csv_bytes
from .choices import MeasurementSource, MetricStatus, OnBreach
from .models import Measurement, Metric

logger = logging.getLogger(__name__)

METRIC_FIELDS = (
    "name",
    "kind",
    "unit",
    "system",
    "description",
    "direction",
    "warning_threshold",
    "breach_threshold",
    "on_breach",
    "owner",
    "frequency",
    "active",
)
MAX_IMPORT_ROWS = 10_000
VALUE_PLACES = Decimal("0.00000001")


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    return data


# --- metrics ---------------------------------------------------------------------------------------------------------
def metric_create(*, organisation, actor, reason: str = "", **data: Any) -> Metric:
    data = _only(data, METRIC_FIELDS)
    with transaction.atomic():
        lock_organisation(organisation)
        metric = Metric(organisation=organisation, reference=next_reference(Metric, organisation, "M-"), **data)
        return tenant_create(instance=metric, actor=actor, reason=reason)


def metric_update(record: Metric, *, actor, expected_version=None, reason: str = "", **data) -> Metric:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, METRIC_FIELDS), expected_version=expected_version,
        reason=reason,
    )  # fmt: skip


def metric_delete(*, record: Metric, actor, expected_version=None, reason: str = "") -> None:
    with transaction.atomic():
        count = record.measurements.count()
        if count:
            reason = (reason + " " if reason else "") + _("(with %(count)d measurements)") % {"count": count}
        tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


# --- measurements -----------------------------------------------------------------------------------------------------
def to_value(raw) -> Decimal:
    """A measured value as a Decimal with at most 8 decimal places; floats are taken by their shortest text form."""
    if isinstance(raw, bool):
        raise ValidationError({"value": _("Enter a number.")})
    try:
        value = Decimal(str(raw).strip()) if not isinstance(raw, Decimal) else raw
        if not value.is_finite():
            raise ValidationError({"value": _("Enter a finite number.")})
        value = value.quantize(VALUE_PLACES, rounding=decimal.ROUND_HALF_EVEN)
    except (decimal.InvalidOperation, ValueError) as exc:
        raise ValidationError({"value": _("Enter a number (at most 16 digits before the decimal point).")}) from exc
    if abs(value) >= Decimal(10) ** 16:
        raise ValidationError({"value": _("Enter a number (at most 16 digits before the decimal point).")})
    return value


def _lock_metric(metric: Metric) -> Metric:
    """Serialise writes to one metric's measurements so two breaches arriving together open one follow-up."""
    # Lock the metric row alone: PostgreSQL refuses FOR UPDATE across the nullable joins (system, owner).
    Metric.objects.select_for_update().filter(pk=metric.pk).values_list("pk", flat=True).first()
    return Metric.objects.select_related("organisation", "system", "owner").get(pk=metric.pk)


def measurement_create(
    *,
    metric: Metric,
    actor,
    value,
    measured_at: datetime.datetime | None = None,
    note: str = "",
    source: str = MeasurementSource.MANUAL,
    reason: str = "",
) -> Measurement:
    """Record a value; a new breach (the value before it was not a breach) opens the follow-up the metric asks for."""
    value = to_value(value)
    if measured_at is not None and timezone.is_naive(measured_at):
        raise ValidationError({"measured_at": _("Give the time with its time zone.")})
    with transaction.atomic():
        metric = _lock_metric(metric)
        status = metric.status_of(value)
        measurement = Measurement(
            organisation=metric.organisation,
            metric=metric,
            measured_at=measured_at or timezone.now(),
            value=value,
            note=note,
            source=source,
            status=status,
            breached=status == MetricStatus.BREACH,
        )
        tenant_create(instance=measurement, actor=actor, reason=reason)
        breach_follow_up(metric=metric, measurement=measurement, actor=actor)
    return measurement


def measurement_delete(*, record: Measurement, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def _previous(measurement: Measurement) -> Measurement | None:
    """The measurement just before this one in time (ties broken by the order they were recorded)."""
    from django.db.models import Q

    return (
        Measurement.objects.filter(metric_id=measurement.metric_id)
        .filter(
            Q(measured_at__lt=measurement.measured_at) | Q(measured_at=measurement.measured_at, id__lt=measurement.id)
        )
        .order_by("-measured_at", "-id")
        .first()
    )


def breach_follow_up(*, metric: Metric, measurement: Measurement, actor):
    """Open a nonconformity or an incident for a breach, once per breach: nothing is opened while the breach is
    ongoing (the measurement before this one already breached), nor for a value older than the newest one (a late
    or imported historical value does not describe the metric's present state). Returns the opened record."""
    if not measurement.breached or metric.on_breach == OnBreach.NOTHING:
        return None
    later = Measurement.objects.filter(metric_id=metric.pk, measured_at__gt=measurement.measured_at).exists()
    if later:
        return None
    previous = _previous(measurement)
    if previous is not None and previous.breached:
        return None
    comparison = _("below") if metric.direction == "higher" else _("above")
    title = _("%(metric)s breached its threshold") % {"metric": metric}
    description = _(
        "Monitoring recorded %(value)s%(unit)s on %(when)s for “%(metric)s”, %(comparison)s the breach threshold of "
        "%(threshold)s%(unit)s."
    ) % {
        "value": measurement.value.normalize(),
        "unit": f" {metric.unit}" if metric.unit else "",
        "when": timezone.localtime(measurement.measured_at).strftime("%Y-%m-%d %H:%M"),
        "metric": metric,
        "comparison": comparison,
        "threshold": metric.breach_threshold.normalize(),
    }
    opened = None
    if metric.on_breach == OnBreach.INCIDENT:
        opened = _open_incident(
            metric=metric, measurement=measurement, actor=actor, title=title, description=description
        )
    if opened is None:
        from styring.improvement.services import nonconformity_create

        opened = nonconformity_create(
            organisation=metric.organisation,
            actor=actor,
            title=title[:300],
            source="monitoring",
            source_record=measurement,
            source_url=metric.get_absolute_url(),
            system=metric.system,
            owner=metric.owner,
            description=description,
        )
    url = opened.get_absolute_url() if hasattr(opened, "get_absolute_url") else ""
    Measurement.objects.filter(pk=measurement.pk).update(
        opened_type=opened._meta.label_lower, opened_label=str(opened)[:300], opened_url=url
    )
    measurement.opened_type, measurement.opened_label, measurement.opened_url = (
        opened._meta.label_lower,
        str(opened)[:300],
        url,
    )
    return opened


def _open_incident(*, metric, measurement, actor, title, description):
    """The incident register may not be installed yet: then the breach becomes a nonconformity instead."""
    try:
        from styring.incidents.services import incident_create
    except ImportError:
        logger.warning("Incident register unavailable; breach of %s opens a nonconformity instead", metric.reference)
        return None
    return incident_create(
        organisation=metric.organisation,
        actor=actor,
        title=title[:300],
        description=description,
        system=metric.system,
        source_record=measurement,
    )


# --- CSV import -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportResult:
    created: int
    breaches: int
    opened: Any = None


class ImportRejected(ValidationError):
    """The import was refused; `rows` lists every problem as (row number, message). Nothing was saved."""

    def __init__(self, rows: list[tuple[int, str]]):
        self.rows = rows
        super().__init__([f"{number}: {message}" if number else message for number, message in rows])


def _parse_time(raw: str, zone) -> datetime.datetime | None:
    raw = raw.strip()
    moment = parse_datetime(raw.replace(" ", "T", 1)) if raw else None
    if moment is None:
        day = parse_date(raw) if raw else None
        if day is None:
            return None
        moment = datetime.datetime.combine(day, datetime.time.min)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=zone)
    return moment


def measurements_import(*, metric: Metric, actor, content: bytes) -> ImportResult:
    """Import `measured_at,value,note` rows. All or nothing: any bad row refuses the whole file, with every problem
    listed by row number (row 1 is the header). Times without a zone are read in the organisation's time zone."""
    try:
        rows = read_csv_bytes(content)
    except CalculationError as exc:
        raise ImportRejected([(0, str(exc))]) from exc
    if not rows:
        raise ImportRejected([(0, _("The file has no data rows."))])
    missing = [column for column in ("measured_at", "value") if column not in rows[0]]
    if missing:
        raise ImportRejected(
            [(0, _("Missing column(s): %(columns)s. The header must be measured_at,value,note.")
              % {"columns": ", ".join(missing)})]
        )  # fmt: skip
    if len(rows) > MAX_IMPORT_ROWS:
        raise ImportRejected([(0, _("At most %(limit)d rows per import.") % {"limit": MAX_IMPORT_ROWS})])
    zone = zoneinfo.ZoneInfo(metric.organisation.time_zone)
    problems: list[tuple[int, str]] = []
    parsed: list[tuple[datetime.datetime, Decimal, str]] = []
    now = timezone.now()
    for number, row in enumerate(rows, start=2):
        raw_time, raw_value, note = (row.get("measured_at") or ""), (row.get("value") or ""), (row.get("note") or "")
        moment = _parse_time(raw_time, zone)
        if moment is None:
            problems.append((number, _("“%(value)s” is not a date or time (use 2025-03-31 or 2025-03-31T14:00).")
                             % {"value": raw_time[:40]}))  # fmt: skip
        elif moment > now + datetime.timedelta(days=1):
            problems.append((number, _("The time is in the future.")))
        try:
            value = to_value(raw_value.strip().replace(",", ".") if raw_value.count(",") == 1 else raw_value)
        except ValidationError:
            problems.append((number, _("“%(value)s” is not a number.") % {"value": raw_value[:40]}))
            value = None
        note = note.strip()
        if len(note) > 1000:
            problems.append((number, _("The note is longer than 1,000 characters.")))
        if moment is not None and value is not None:
            parsed.append((moment, value, note))
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        metric = _lock_metric(metric)
        records = []
        for moment, value, note in sorted(parsed, key=lambda item: item[0]):
            status = metric.status_of(value)
            records.append(
                Measurement(
                    organisation=metric.organisation, metric=metric, measured_at=moment, value=value, note=note,
                    source=MeasurementSource.CSV, status=status, breached=status == MetricStatus.BREACH,
                )
            )  # fmt: skip
        Measurement.objects.bulk_create(records, batch_size=500)
        record_event(
            organisation=metric.organisation,
            actor=actor,
            action=AuditAction.CREATE,
            object_type=Measurement._meta.label_lower,
            object_id=str(metric.public_id),
            object_repr=_("%(count)d measurements of %(metric)s") % {"count": len(records), "metric": metric},
            changes={
                "imported": [None, len(records)],
                "from": [None, records[0].measured_at.isoformat()],
                "to": [None, records[-1].measured_at.isoformat()],
            },
            reason=_("CSV import"),
        )
        # Only the newest imported value can be a new breach of the metric's present state.
        newest = Measurement.objects.filter(metric=metric, source=MeasurementSource.CSV).order_by(
            "-measured_at", "-id"
        )[:1]
        opened = None
        newest = newest[0] if newest else None
        if newest is not None and newest.measured_at == records[-1].measured_at:
            opened = breach_follow_up(metric=metric, measurement=newest, actor=actor)
    return ImportResult(created=len(records), breaches=sum(record.breached for record in records), opened=opened)
