"""The change log is a per-organisation hash chain: editing, deleting or inserting rows is detected."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from styring.core.audit import GENESIS_HASH, compute_hash, record_event, verify_chain
from styring.core.models import AuditEvent
from styring.inventory.models import AISystem
from styring.inventory.services import aisystem_create, aisystem_delete, aisystem_update


@pytest.fixture
def chain(personas, aisystem_factory):
    """Organisation A with a few events beyond the membership ones: create, update, delete."""
    system = aisystem_factory(name="Pricing model")
    system = aisystem_update(system=system, actor=personas.manager, criticality="high", reason="Reassessed")
    aisystem_delete(system=system, actor=personas.manager, reason="Retired")
    aisystem_factory(name="Chatbot")
    return personas.org_a


def events(organisation):
    return list(AuditEvent.objects.filter(organisation=organisation).order_by("sequence"))


def test_services_write_create_update_and_delete_events_with_actor_diff_and_reason(chain, personas):
    log = [e for e in events(chain) if e.object_type == "inventory.aisystem"]
    assert [e.action for e in log] == ["create", "update", "delete", "create"]
    update = log[1]
    assert update.actor == personas.manager and update.actor_label == "manager@acme.example"
    assert update.changes == {"criticality": ["medium", "high"]}
    assert update.reason == "Reassessed"
    assert log[2].changes["name"] == ["Pricing model", None]


def test_sequence_numbers_are_gap_free_per_organisation_and_the_chain_verifies(chain, personas):
    assert [e.sequence for e in events(chain)] == list(range(1, len(events(chain)) + 1))
    assert events(chain)[0].previous_hash == GENESIS_HASH
    report = verify_chain(chain)
    assert report.ok and report.events_checked == len(events(chain))
    assert verify_chain(personas.org_b).ok


def test_a_rolled_back_change_leaves_neither_record_nor_event(personas):
    personas.org_a.refresh_from_db()
    before = (AuditEvent.objects.count(), personas.org_a.audit_sequence)
    with pytest.raises(RuntimeError), transaction.atomic():
        aisystem_create(organisation=personas.org_a, actor=personas.owner, name="Ghost", purpose="x")
        raise RuntimeError("something later in the request failed")
    personas.org_a.refresh_from_db()
    assert not AISystem.objects.filter(name="Ghost").exists()
    assert (AuditEvent.objects.count(), personas.org_a.audit_sequence) == before
    assert verify_chain(personas.org_a).ok


@pytest.mark.django_db(transaction=True)
def test_recording_an_event_outside_a_transaction_is_refused():
    from styring.accounts.models import User
    from styring.organisations.services import organisation_create

    owner = User.objects.create_user(email="solo@example.com", password="x")
    organisation = organisation_create(name="Solo", slug="solo", owner=owner)
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record_event(organisation=organisation, actor=owner, action="decision", object_type="x")
    assert AuditEvent.objects.filter(organisation=organisation).count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("changes", {"criticality": ["medium", "low"]}),
        ("reason", "Nothing to see"),
        ("object_repr", "Another model"),
        ("actor_label", "someone.else@acme.example"),
        ("action", "decision"),
        ("created_at", datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)),
    ],
)
def test_editing_a_field_of_an_event_row_in_the_database_is_detected(chain, field, value):
    target = next(e for e in events(chain) if e.action == "update")
    AuditEvent.objects.filter(pk=target.pk).update(**{field: value})  # bypasses every service, like raw SQL
    report = verify_chain(chain)
    assert not report.ok
    assert report.broken_sequence == target.sequence
    assert "changed after it was written" in report.problem


def test_editing_an_event_with_raw_sql_is_detected(chain):
    from django.db import connection

    target = events(chain)[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = %s WHERE id = %s", ["edited", target.pk])
    assert verify_chain(chain).broken_sequence == target.sequence


def test_deleting_an_event_from_the_middle_is_detected(chain):
    middle = events(chain)[3]
    AuditEvent.objects.filter(pk=middle.pk).delete()
    report = verify_chain(chain)
    assert not report.ok and report.broken_sequence == middle.sequence
    assert f"event #{middle.sequence} is missing" in report.problem


def test_deleting_the_newest_event_is_detected(chain):
    newest = events(chain)[-1]
    AuditEvent.objects.filter(pk=newest.pk).delete()
    report = verify_chain(chain)
    assert not report.ok
    assert "the organisation records" in report.problem


def test_inserting_a_forged_event_at_the_end_is_detected(chain):
    last = events(chain)[-1]
    forged = AuditEvent(
        organisation=chain,
        sequence=last.sequence + 1,
        created_at=last.created_at,
        actor_label="intruder",
        action="decision",
        object_type="inventory.aisystem",
        object_repr="Backdated approval",
        previous_hash=last.hash,
    )
    forged.hash = compute_hash(forged, str(chain.public_id))  # a perfectly well-formed event …
    forged.save()
    report = verify_chain(chain)  # … that the organisation's chain head does not know about
    assert not report.ok and "the organisation records" in report.problem


def test_rewriting_an_event_and_its_own_hash_breaks_the_link_to_the_next_event(chain):
    target = events(chain)[2]
    target.reason = "rewritten history"
    target.hash = compute_hash(target, str(chain.public_id))
    AuditEvent.objects.filter(pk=target.pk).update(reason=target.reason, hash=target.hash)
    report = verify_chain(chain)
    assert report.broken_sequence == target.sequence + 1
    assert "does not link" in report.problem


def test_inserting_an_event_between_two_others_is_impossible_without_breaking_the_chain(chain):
    from django.db import IntegrityError

    existing = events(chain)[1]
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(
            organisation=chain,
            sequence=existing.sequence,
            created_at=existing.created_at,
            action="create",
            object_type="x",
            previous_hash="0",
            hash="0",
        )


def test_tampering_in_one_organisation_does_not_affect_the_other(chain, personas):
    AuditEvent.objects.filter(organisation=personas.org_b, sequence=1).update(reason="edited")
    assert not verify_chain(personas.org_b).ok
    assert verify_chain(chain).ok


def test_deleting_a_user_who_acted_keeps_the_chain_valid(chain, personas):
    personas.manager.delete()
    assert AuditEvent.objects.filter(actor_label="manager@acme.example", actor__isnull=True).exists()
    assert verify_chain(chain).ok


def test_unicode_numbers_and_dates_in_changes_hash_the_same_after_a_database_round_trip(personas):
    with transaction.atomic():
        record_event(
            organisation=personas.org_a,
            actor=personas.owner,
            action="decision",
            object_type="demo.thing",
            object_repr="Ærlig vurdering 人工智能",
            changes={"score": [0.1, 2.5e-7], "due": [None, datetime.date(2027, 1, 31)], "note": [None, "æøå 模型"]},
            reason="Godkjent av ledelsen",
        )
    assert verify_chain(personas.org_a).ok


def test_verify_audit_prints_ok_with_the_event_count(chain, capsys):
    call_command("verify_audit", "--organisation", "acme")
    assert capsys.readouterr().out.strip() == f"OK acme: {len(events(chain))} events"


def test_verify_audit_fails_and_names_the_first_broken_event(chain, personas, capsys):
    target = events(chain)[4]
    AuditEvent.objects.filter(pk=target.pk).update(reason="edited")
    with pytest.raises(CommandError):
        call_command("verify_audit")
    captured = capsys.readouterr()
    assert f"BROKEN acme: first broken event #{target.sequence}" in captured.err
    assert "OK beta:" in captured.out


def test_verify_audit_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="No organisation"):
        call_command("verify_audit", "--organisation", "nope")
