import pytest

from styring.core.exceptions import ConflictError
from styring.core.models import AuditEvent
from styring.inventory.services import aisystem_update


def test_a_stale_update_is_refused_and_changes_neither_the_record_nor_the_log(personas, aisystem_factory):
    system = aisystem_factory(name="Original")
    aisystem_update(system=system, actor=personas.owner, expected_version=1, name="First")
    events = AuditEvent.objects.count()
    with pytest.raises(ConflictError):
        aisystem_update(system=system, actor=personas.manager, expected_version=1, name="Second")
    system.refresh_from_db()
    assert (system.name, system.version) == ("First", 2)
    assert AuditEvent.objects.count() == events


def test_an_update_without_real_changes_writes_no_event_and_keeps_the_version(personas, aisystem_factory):
    system = aisystem_factory(name="Same")
    events = AuditEvent.objects.count()
    system = aisystem_update(system=system, actor=personas.owner, expected_version=1, name="Same")
    assert system.version == 1 and AuditEvent.objects.count() == events


def test_a_successful_update_bumps_the_version_by_one(personas, aisystem_factory):
    system = aisystem_factory()
    assert aisystem_update(system=system, actor=personas.owner, criticality="low").version == 2
