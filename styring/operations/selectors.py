"""Reads of monitoring data and the event log, with query counts that do not grow with the number of rows."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from .models import DecisionEvent, Measurement, Metric


def metrics_of(organisation):
    """Metrics with their newest value and its time, in one query (two correlated subqueries)."""
    newest = Measurement.objects.filter(metric=OuterRef("pk")).order_by("-measured_at", "-id")
    return (
        Metric.objects.for_organisation(organisation)
        .select_related("organisation", "system", "owner__user")
        .annotate(
            latest_value=Subquery(newest.values("value")[:1]),
            latest_at=Subquery(newest.values("measured_at")[:1]),
        )
    )


def measurements_of(metric):
    return Measurement.objects.filter(metric=metric).select_related("metric__organisation")


def chart_measurements(metric, limit: int = 500) -> list[Measurement]:
    """The newest `limit` measurements, oldest first, for the chart."""
    rows = list(Measurement.objects.filter(metric=metric).order_by("-measured_at", "-id")[:limit])
    rows.reverse()
    return rows


def events_of(organisation):
    return DecisionEvent.objects.for_organisation(organisation).select_related("system", "organisation")
