"""Optimistic concurrency: a write based on a stale copy is refused and changes nothing, not even the change log."""

import pytest

from styring.core.exceptions import ConflictError
from styring.core.models import AuditEvent
from styring.inventory.models import AISystem
from styring.inventory.services import aisystem_delete, aisystem_update
from styring.organisations.models import Organisation


def log_state(organisation):
    """Everything a write would touch in the change log: event count and the organisation's chain head."""
    head = Organisation.objects.values_list("audit_sequence", "audit_head").get(pk=organisation.pk)
    return AuditEvent.objects.filter(organisation=organisation).count(), head


def stored(system):
    return AISystem.objects.values().get(pk=system.pk)


def test_a_stale_update_is_refused_and_changes_neither_the_record_nor_the_log(personas, aisystem_factory):
    system = aisystem_factory(name="Original")
    stale_copy = AISystem.objects.get(pk=system.pk)  # the second user opened the form at version 1
    aisystem_update(system=system, actor=personas.owner, expected_version=1, name="First")
    row, log = stored(system), log_state(personas.org_a)

    with pytest.raises(ConflictError):
        aisystem_update(
            system=stale_copy, actor=personas.manager, expected_version=1, name="Second", criticality="high"
        )

    assert stored(system) == row
    assert (row["name"], row["criticality"], row["version"]) == ("First", "medium", 2)
    assert log_state(personas.org_a) == log


def test_a_stale_delete_is_refused_and_keeps_the_record(personas, aisystem_factory):
    system = aisystem_factory()
    aisystem_update(system=system, actor=personas.owner, criticality="low")
    log = log_state(personas.org_a)
    with pytest.raises(ConflictError):
        aisystem_delete(system=system, actor=personas.manager, expected_version=1)
    assert AISystem.objects.filter(pk=system.pk).exists()
    assert log_state(personas.org_a) == log


def test_an_update_without_real_changes_writes_no_event_and_keeps_the_version(personas, aisystem_factory):
    system = aisystem_factory(name="Same", criticality="high")
    row, log = stored(system), log_state(personas.org_a)
    result = aisystem_update(system=system, actor=personas.owner, expected_version=1, name="Same", criticality="high")
    assert result.version == 1
    assert stored(system) == row  # not even updated_at moves
    assert log_state(personas.org_a) == log


def test_a_successful_update_bumps_the_version_by_one_and_records_one_event(personas, aisystem_factory):
    system = aisystem_factory()
    count, (sequence, _) = log_state(personas.org_a)
    result = aisystem_update(system=system, actor=personas.owner, expected_version=1, criticality="low")
    assert result.version == 2
    assert stored(system)["version"] == 2
    assert log_state(personas.org_a)[0] == count + 1
    event = AuditEvent.objects.get(organisation=personas.org_a, sequence=sequence + 1)
    assert (event.action, event.changes) == ("update", {"criticality": ["medium", "low"]})

    result = aisystem_update(system=result, actor=personas.owner, expected_version=2, name="Renamed")
    assert stored(system)["version"] == 3


def test_an_update_without_an_expected_version_keeps_fields_someone_else_changed_meanwhile(personas, aisystem_factory):
    system = aisystem_factory(name="Before")
    stale_copy = AISystem.objects.get(pk=system.pk)
    aisystem_update(system=system, actor=personas.owner, name="Renamed by the owner")
    aisystem_update(system=stale_copy, actor=personas.manager, criticality="high")
    row = stored(system)
    assert (row["name"], row["criticality"], row["version"]) == ("Renamed by the owner", "high", 3)
