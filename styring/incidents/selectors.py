"""Reads of incidents and notifications, with query counts that do not grow with the number of rows."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from .choices import NotificationKind
from .models import Incident, IncidentNotification


def incidents_of(organisation):
    return (
        Incident.objects.for_organisation(organisation)
        .select_related("organisation", "system", "owner__user", "reported_by__user", "nonconformity")
        .prefetch_related("notifications")
    )


def notifications_of(organisation):
    return IncidentNotification.objects.for_organisation(organisation).select_related("organisation", "incident")


def _notified(kind: str):
    return Exists(IncidentNotification.objects.filter(incident=OuterRef("pk"), kind=kind))


def overdue_condition(now) -> Q:
    """Incidents with a reporting clock past its deadline and no notification of its kind (for filters)."""
    return Q(ai_act_due_at__lt=now, notified_msa=False) | Q(gdpr_due_at__lt=now, notified_dpa=False)


def with_notified_flags(queryset):
    return queryset.annotate(
        notified_msa=_notified(NotificationKind.MARKET_SURVEILLANCE),
        notified_dpa=_notified(NotificationKind.DATA_PROTECTION),
    )


def overdue(queryset, now):
    return with_notified_flags(queryset).filter(overdue_condition(now))
