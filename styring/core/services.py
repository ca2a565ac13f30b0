"""Generic writes for tenant records. Domain services call these so every write is validated, versioned and
recorded in the change log in one transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .audit import diff, record_event, snapshot
from .exceptions import ConflictError
from .models import AuditAction, TenantModel

HIDDEN_VALUE = "(not shown)"


def _save(instance: TenantModel, **kwargs) -> None:
    """Save in a savepoint; a uniqueness race lost to a concurrent writer becomes a validation error, not a 500."""
    try:
        with transaction.atomic():
            instance.save(**kwargs)
    except IntegrityError as exc:
        raise ValidationError(
            _("This conflicts with a record saved at the same moment by someone else. Reload and try again.")
        ) from exc


def _split_links(model, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list]]:
    """Separate many-to-many links from ordinary field values."""
    links = {name: list(value) for name, value in data.items() if model._meta.get_field(name).many_to_many}
    return {name: value for name, value in data.items() if name not in links}, links


def _set_links(instance: TenantModel, links: dict[str, list]) -> None:
    errors = {}
    for name, records in links.items():
        # links to tenant records stay within the organisation; global records (the catalog) are shared by all
        if any(
            isinstance(record, TenantModel) and record.organisation_id != instance.organisation_id for record in records
        ):
            errors[name] = _("Choose records of this organisation.")
    if errors:
        raise ValidationError(errors)
    for name, records in links.items():
        getattr(instance, name).set(records)


def tenant_create(
    *,
    instance: TenantModel,
    actor,
    reason: str = "",
    links: dict[str, list] | None = None,
    at: datetime.datetime | None = None,
) -> TenantModel:
    """Validate and save a new record (with its many-to-many `links`) and log it, in one transaction.

    `at` gives the change-log event a coarser time than now (see `record_event`)."""
    with transaction.atomic():
        instance.full_clean()
        _save(instance, force_insert=True)
        _set_links(instance, links or {})
        record_event(
            organisation=instance.organisation,
            actor=actor,
            action=AuditAction.CREATE,
            target=instance,
            changes=diff({}, snapshot(instance)),
            reason=reason,
            at=at,
        )
    return instance


def tenant_update(
    *,
    instance: TenantModel,
    actor,
    data: dict[str, Any],
    expected_version: int | None = None,
    reason: str = "",
) -> TenantModel:
    """Apply `data` to the record. A stale `expected_version` raises ConflictError and changes nothing."""
    model = type(instance)
    with transaction.atomic():
        # Lock the stored row and compare against it, not against the caller's possibly stale copy.
        current = model.objects.select_for_update().get(pk=instance.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError()
        before = snapshot(current)
        values, links = _split_links(model, data)
        # Fields kept out of the log (secrets such as link tokens) are still saved; the log says they changed.
        hidden = {
            field
            for field, value in values.items()
            if field in getattr(current, "audit_exclude", ()) and getattr(current, field) != value
        }
        for field, value in values.items():
            setattr(current, field, value)
        current.full_clean()
        _set_links(current, links)
        changes = diff(before, snapshot(current))
        changes.update({field: [HIDDEN_VALUE, HIDDEN_VALUE] for field in sorted(hidden)})
        if changes:
            current.version += 1
            _save(current)
            record_event(
                organisation=current.organisation,
                actor=actor,
                action=AuditAction.UPDATE,
                target=current,
                changes=changes,
                reason=reason,
            )
    return current


def tenant_delete(*, instance: TenantModel, actor, expected_version: int | None = None, reason: str = "") -> None:
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError()
        record_event(
            organisation=current.organisation,
            actor=actor,
            action=AuditAction.DELETE,
            target=current,
            changes=diff(snapshot(current), {}),
            reason=reason,
        )
        current.delete()


def lock_organisation(organisation) -> None:
    """Serialise numbering within one organisation (PostgreSQL row lock; SQLite serialises writes anyway)."""
    from styring.organisations.models import Organisation

    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


def next_reference(model, organisation, prefix: str) -> str:
    """The next free `<prefix>NNN` reference of `model` in the organisation; call inside `lock_organisation`."""
    numbers = [
        int(reference.removeprefix(prefix))
        for reference in model.objects.for_organisation(organisation)
        .filter(reference__startswith=prefix)
        .values_list("reference", flat=True)
        if reference.removeprefix(prefix).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"
