"""Reads of core data with bounded query counts."""

from __future__ import annotations

from .audit import object_type_of
from .models import AuditEvent


def history_for(instance, *, limit: int = 50):
    """Change-log events of one record, newest first."""
    return list(
        AuditEvent.objects.filter(
            organisation_id=instance.organisation.pk,
            object_type=object_type_of(instance),
            object_id=str(getattr(instance, "public_id", instance.pk)),
        )
        .select_related("actor")
        .order_by("-sequence")[:limit]
    )


def activity_for(organisation):
    return AuditEvent.objects.filter(organisation=organisation).select_related("actor").order_by("-sequence")
