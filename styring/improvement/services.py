"""Writes of the improvement app. `nonconformity_create` is the entry point other apps (incidents, monitoring,
audits) use to raise a nonconformity."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from styring.core.audit import object_type_of
from styring.core.services import lock_organisation, next_reference, tenant_create

from .models import Nonconformity


def nonconformity_create(
    *, organisation, actor, title: str, source: str, source_record=None, source_url: str = "", reason: str = "", **data
) -> Nonconformity:
    """A new nonconformity, optionally naming the record it was raised from (an incident, a finding, a breach)."""
    with transaction.atomic():
        lock_organisation(organisation)
        record = Nonconformity(organisation=organisation, title=title, source=source, **data)
        record.reference = next_reference(Nonconformity, organisation, "NC-")
        record.detected_on = record.detected_on or timezone.localdate()
        if source_record is not None:
            record.source_type = object_type_of(source_record)
            record.source_id = str(source_record.public_id)
            record.source_label = str(source_record)[:300]
            record.source_url = source_url
        return tenant_create(instance=record, actor=actor, reason=reason)
