"""The change log is a per-organisation hash chain: editing, deleting or inserting rows is detected.

Tampering is simulated the way an attacker with database access would do it: queryset `.update()`/`.delete()` and
raw SQL, which bypass the services and their `record_event` call.
"""

import datetime
import decimal
import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from styring import cli
from styring.core.audit import GENESIS_HASH, compute_hash, record_event, verify_chain
from styring.core.models import AuditEvent
from styring.inventory.models import AISystem
from styring.inventory.services import aisystem_create, aisystem_delete, aisystem_update
from styring.organisations.models import Organisation

# personas: acme gets 7 events (organisation, owner membership, five more members), beta 3.
ACME_PERSONA_EVENTS = 7
BETA_PERSONA_EVENTS = 3


@pytest.fixture
def chain(personas, aisystem_factory):
    """Organisation A with create, update, delete and create events for AI systems after the persona events."""
    system = aisystem_factory(name="Pricing model", reason="New in the register")
    system = aisystem_update(system=system, actor=personas.manager, criticality="high", reason="Reassessed")
    aisystem_delete(system=system, actor=personas.manager, reason="Retired")
    aisystem_factory(name="Chatbot")
    return personas.org_a


def events(organisation):
    return list(AuditEvent.objects.filter(organisation=organisation).order_by("sequence"))


def head(organisation):
    return Organisation.objects.values_list("audit_sequence", "audit_head").get(pk=organisation.pk)


# --- Writing --------------------------------------------------------------------------------------------------------


def test_services_write_create_update_and_delete_events_with_actor_diff_and_reason(chain, personas):
    create, update, delete, _ = [e for e in events(chain) if e.object_type == "inventory.aisystem"]

    assert (create.action, create.actor, create.actor_label) == ("create", personas.owner, "owner@acme.example")
    assert create.actor_ref == str(personas.owner.public_id)
    assert create.reason == "New in the register"
    assert create.object_repr == "Pricing model"
    assert create.changes["name"] == [None, "Pricing model"]
    assert create.changes["criticality"] == [None, "medium"]
    assert not {"id", "public_id", "version", "organisation", "created_at"} & create.changes.keys()

    assert (update.action, update.actor, update.actor_label) == ("update", personas.manager, "manager@acme.example")
    assert update.changes == {"criticality": ["medium", "high"]}
    assert update.reason == "Reassessed"

    assert (delete.action, delete.actor, delete.reason) == ("delete", personas.manager, "Retired")
    assert delete.changes["name"] == ["Pricing model", None]
    assert delete.changes["criticality"] == ["high", None]

    assert create.object_id == update.object_id == delete.object_id
    uuid.UUID(create.object_id)  # the record's public id, so the history survives the row's deletion


def test_sequence_numbers_run_from_one_per_organisation_and_each_event_links_to_the_one_before(chain, personas):
    for organisation, count in ((chain, ACME_PERSONA_EVENTS + 4), (personas.org_b, BETA_PERSONA_EVENTS)):
        log = events(organisation)
        assert [e.sequence for e in log] == list(range(1, count + 1))
        assert [e.previous_hash for e in log] == [GENESIS_HASH] + [e.hash for e in log[:-1]]
        assert head(organisation) == (count, log[-1].hash)
        report = verify_chain(organisation)
        assert (report.ok, report.events_checked, report.broken_sequence) == (True, count, None)


def test_an_organisation_without_events_verifies_as_an_empty_chain(db):
    organisation = Organisation.objects.create(name="Empty", slug="empty")
    report = verify_chain(organisation)
    assert (report.ok, report.events_checked) == (True, 0)


def test_a_rolled_back_change_leaves_neither_record_nor_event_nor_a_moved_chain_head(personas):
    before = (AuditEvent.objects.count(), head(personas.org_a))
    with pytest.raises(RuntimeError, match="later in the request"), transaction.atomic():
        aisystem_create(organisation=personas.org_a, actor=personas.owner, name="Ghost", purpose="x")
        assert AuditEvent.objects.filter(object_repr="Ghost").exists()  # written, but only inside the transaction
        raise RuntimeError("something later in the request failed")
    assert not AISystem.objects.filter(name="Ghost").exists()
    assert not AuditEvent.objects.filter(object_repr="Ghost").exists()
    assert (AuditEvent.objects.count(), head(personas.org_a)) == before
    assert verify_chain(personas.org_a).ok


@pytest.mark.django_db(transaction=True)
def test_recording_an_event_outside_a_transaction_is_refused():
    from styring.accounts.models import User
    from styring.organisations.services import organisation_create

    owner = User.objects.create_user(email="solo@example.com", password="x")
    organisation = organisation_create(name="Solo", slug="solo", owner=owner)
    assert not connection.in_atomic_block
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record_event(organisation=organisation, actor=owner, action="decision", object_type="x")
    assert AuditEvent.objects.filter(organisation=organisation).count() == 2
    assert head(organisation)[0] == 2


def test_an_unknown_action_is_refused(personas):
    with pytest.raises(ValueError, match="Unknown audit action"), transaction.atomic():
        record_event(organisation=personas.org_a, actor=personas.owner, action="approve", object_type="x")


# --- Tampering ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("changes", {"criticality": ["medium", "low"]}),
        ("reason", "Nothing to see"),
        ("object_repr", "Another model"),
        ("actor_label", "someone.else@acme.example"),
        ("actor_ref", str(uuid.UUID(int=1))),
        ("created_at", datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)),
        ("action", "decision"),
        ("object_type", "inventory.somethingelse"),
        ("object_id", str(uuid.UUID(int=2))),
    ],
)
def test_editing_a_field_of_an_event_row_in_the_database_is_detected(chain, field, value):
    target = next(e for e in events(chain) if e.action == "update")
    AuditEvent.objects.filter(pk=target.pk).update(**{field: value})
    report = verify_chain(chain)
    assert not report.ok
    assert report.broken_sequence == target.sequence
    assert report.problem == f"event #{target.sequence} was changed after it was written"
    assert report.events_checked == target.sequence - 1


def test_moving_an_event_by_one_microsecond_is_detected(chain):
    target = events(chain)[5]
    AuditEvent.objects.filter(pk=target.pk).update(created_at=target.created_at + datetime.timedelta(microseconds=1))
    assert verify_chain(chain).broken_sequence == target.sequence


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("reason", "edited"),
        ("object_repr", "Edited with SQL"),
        ("actor_label", "intruder@example.com"),
        ("changes", '{"role": [null, "owner"]}'),
    ],
)
def test_editing_an_event_with_raw_sql_is_detected(chain, column, value):
    target = events(chain)[2]
    placeholder = "CAST(%s AS jsonb)" if column == "changes" and connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE core_auditevent SET {column} = {placeholder} WHERE id = %s", [value, target.pk])  # noqa: S608
    report = verify_chain(chain)
    assert not report.ok and report.broken_sequence == target.sequence


def test_deleting_an_event_from_the_middle_is_detected_and_names_the_missing_sequence(chain):
    middle = events(chain)[3]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [middle.pk])
    report = verify_chain(chain)
    assert not report.ok and report.broken_sequence == middle.sequence
    assert report.problem == f"event #{middle.sequence} is missing (next stored event is #{middle.sequence + 1})"


def test_deleting_the_first_event_is_detected(chain):
    AuditEvent.objects.filter(organisation=chain, sequence=1).delete()
    report = verify_chain(chain)
    assert not report.ok and report.broken_sequence == 1


def test_deleting_the_newest_event_is_detected_by_the_organisation_head(chain):
    newest = events(chain)[-1]
    AuditEvent.objects.filter(pk=newest.pk).delete()
    report = verify_chain(chain)
    assert not report.ok
    assert report.broken_sequence == newest.sequence
    assert report.events_checked == newest.sequence - 1
    assert f"the organisation records #{newest.sequence} as its newest event" in report.problem


def test_deleting_every_event_is_detected_by_the_organisation_head(chain):
    AuditEvent.objects.filter(organisation=chain).delete()
    report = verify_chain(chain)
    assert not report.ok and report.broken_sequence == 1


def test_changing_the_chain_head_recorded_on_the_organisation_is_detected(chain):
    Organisation.objects.filter(pk=chain.pk).update(audit_head="f" * 64)
    report = verify_chain(chain)
    assert not report.ok and "the organisation records" in report.problem


def test_appending_a_well_formed_forged_event_without_moving_the_organisation_head_is_detected(chain):
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
    forged.save(force_insert=True)
    report = verify_chain(chain)  # … that the organisation's chain head does not know about
    assert not report.ok
    assert report.broken_sequence == forged.sequence
    assert "the organisation records" in report.problem


def test_an_event_cannot_be_inserted_at_a_sequence_number_already_taken(chain):
    existing = events(chain)[1]
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(
            organisation=chain,
            sequence=existing.sequence,
            created_at=existing.created_at,
            action="create",
            object_type="x",
            previous_hash=existing.previous_hash,
            hash="0" * 64,
        )


def test_renumbering_later_events_to_make_room_for_a_forged_one_is_detected(chain):
    log = events(chain)
    k = 5
    for event in reversed(log[k - 1 :]):  # one by one from the end, so the unique constraint never trips
        AuditEvent.objects.filter(pk=event.pk).update(sequence=event.sequence + 1)
    forged = AuditEvent(
        organisation=chain,
        sequence=k,
        created_at=log[k - 2].created_at,
        actor_label="intruder",
        action="decision",
        object_type="x",
        previous_hash=log[k - 2].hash,
    )
    forged.hash = compute_hash(forged, str(chain.public_id))
    forged.save(force_insert=True)
    Organisation.objects.filter(pk=chain.pk).update(audit_sequence=len(log) + 1)  # head hash is still the last one
    report = verify_chain(chain)
    assert not report.ok
    assert report.broken_sequence == k + 1  # the forged event fits, but the one after it no longer does


def test_rewriting_an_event_and_its_own_hash_breaks_the_link_to_the_next_event(chain):
    target = events(chain)[2]
    target.reason = "rewritten history"
    target.hash = compute_hash(target, str(chain.public_id))
    AuditEvent.objects.filter(pk=target.pk).update(reason=target.reason, hash=target.hash)
    report = verify_chain(chain)
    assert not report.ok
    assert report.broken_sequence == target.sequence + 1
    assert report.problem == f"event #{target.sequence + 1} does not link to the event before it"


def test_rewriting_the_newest_event_and_its_hash_is_caught_by_the_organisation_head(chain):
    newest = events(chain)[-1]
    newest.object_repr = "Something else"
    newest.hash = compute_hash(newest, str(chain.public_id))
    AuditEvent.objects.filter(pk=newest.pk).update(object_repr=newest.object_repr, hash=newest.hash)
    report = verify_chain(chain)
    assert not report.ok and "the organisation records" in report.problem


def test_the_organisations_have_independent_chains(chain, personas):
    assert verify_chain(personas.org_b).ok
    AuditEvent.objects.filter(organisation=personas.org_b, sequence=2).update(reason="edited")
    beta = verify_chain(personas.org_b)
    assert (beta.ok, beta.broken_sequence, beta.organisation_slug) == (False, 2, "beta")
    acme = verify_chain(chain)
    assert (acme.ok, acme.events_checked) == (True, ACME_PERSONA_EVENTS + 4)


def test_an_event_moved_to_another_organisation_does_not_verify_there(chain, personas):
    event = events(chain)[-1]
    AuditEvent.objects.filter(pk=event.pk).update(organisation=personas.org_b, sequence=BETA_PERSONA_EVENTS + 1)
    Organisation.objects.filter(pk=personas.org_b.pk).update(
        audit_sequence=BETA_PERSONA_EVENTS + 1, audit_head=event.hash
    )
    report = verify_chain(personas.org_b)
    assert not report.ok and report.broken_sequence == BETA_PERSONA_EVENTS + 1


def test_deleting_a_user_who_acted_keeps_the_chain_valid(chain, personas):
    manager_ref = str(personas.manager.public_id)
    personas.manager.delete()
    acted = AuditEvent.objects.filter(organisation=chain, actor_label="manager@acme.example")
    assert acted.count() == 2  # the update and the delete of the AI system
    assert all(e.actor_id is None and e.actor_ref == manager_ref for e in acted)
    assert verify_chain(chain).ok


def test_unicode_numbers_and_dates_in_changes_hash_the_same_after_a_database_round_trip(personas):
    with transaction.atomic():
        written = record_event(
            organisation=personas.org_a,
            actor=personas.owner,
            action="decision",
            object_type="demo.thing",
            object_repr="Ærlig vurdering av 人工智能",
            changes={
                "score": [0.1, 0.1 + 0.2],
                "tiny": [2.5e-7, 1e-300],
                "whole": [1.0, 1e15],
                "price": [None, decimal.Decimal("1234.50")],
                "due": [None, datetime.date(2027, 1, 31)],
                "at": [None, datetime.datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=datetime.UTC)],
                "notat": [None, "Blåbærsyltetøy på Ærøy – 模型风险评估 \u2603 \U0001f916"],
                "lister": [["æ", "ø"], {"å": {"深": [1, 2.5, True, None]}}],
            },
            reason="Godkjent av ledelsen; 已批准",
        )
    stored = AuditEvent.objects.get(pk=written.pk)  # a fresh read from the database
    assert stored.changes == written.changes
    assert stored.changes["due"] == [None, "2027-01-31"]
    assert stored.changes["at"] == [None, "2026-03-01T08:30:15.123456+00:00"]
    assert stored.changes["price"] == [None, "1234.50"]
    assert stored.changes["notat"][1].startswith("Blåbærsyltetøy")
    assert stored.created_at == written.created_at
    assert compute_hash(stored, str(personas.org_a.public_id)) == stored.hash == written.hash
    assert verify_chain(personas.org_a).ok


def test_floats_that_postgresql_would_normalise_are_stored_so_the_hash_still_verifies(personas):
    # jsonb stores numbers as `numeric`: 1e16 comes back as the integer 10000000000000000 and -0.0 as 0.0, and it
    # refuses NaN and Infinity. The event must be written in the form the database gives back.
    with transaction.atomic():
        written = record_event(
            organisation=personas.org_a,
            actor=personas.owner,
            action="decision",
            object_type="demo.thing",
            changes={"big": [1e16, -1.5e20], "zero": [-0.0, 0.0], "odd": [float("nan"), float("inf")]},
        )
    stored = AuditEvent.objects.get(pk=written.pk)
    assert json.dumps(stored.changes, sort_keys=True) == json.dumps(
        {"big": [10**16, -150000000000000000000], "odd": ["nan", "inf"], "zero": [0.0, 0.0]}, sort_keys=True
    )
    assert compute_hash(stored, str(personas.org_a.public_id)) == stored.hash
    assert verify_chain(personas.org_a).ok


# --- The verify_audit command ---------------------------------------------------------------------------------------


def test_verify_audit_prints_ok_with_the_event_count_for_every_organisation(chain, capsys):
    call_command("verify_audit")
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"OK acme: {ACME_PERSONA_EVENTS + 4} events",
        f"OK beta: {BETA_PERSONA_EVENTS} events",
    ]
    assert captured.err == ""


def test_verify_audit_fails_and_names_the_first_broken_event(chain, capsys):
    target = events(chain)[4]
    AuditEvent.objects.filter(pk=target.pk).update(reason="edited")
    with pytest.raises(CommandError, match="1 organisation"):
        call_command("verify_audit")
    captured = capsys.readouterr()
    assert f"BROKEN acme: first broken event #{target.sequence}:" in captured.err
    assert "OK acme" not in captured.out
    assert f"OK beta: {BETA_PERSONA_EVENTS} events" in captured.out


def test_verify_audit_on_the_command_line_exits_non_zero_after_tampering(chain, capsys):
    AuditEvent.objects.filter(organisation=chain, sequence=3).delete()
    # Django closes the database connections when a command-line run ends, so this is the test's last query.
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["styring", "verify-audit"])
    assert exit_info.value.code == 1
    assert "BROKEN acme: first broken event #3" in capsys.readouterr().err


def test_verify_audit_for_one_organisation_checks_only_that_one(chain, capsys):
    AuditEvent.objects.filter(organisation=chain, sequence=2).update(reason="edited")
    call_command("verify_audit", "--organisation", "beta")  # acme is broken, but not asked about
    captured = capsys.readouterr()
    assert captured.out.strip() == f"OK beta: {BETA_PERSONA_EVENTS} events"
    assert "acme" not in captured.out + captured.err
    with pytest.raises(CommandError):
        call_command("verify_audit", "--organisation", "acme")


def test_verify_audit_refuses_an_unknown_organisation(personas, capsys):
    with pytest.raises(CommandError, match="No organisation with short name 'nope'"):
        call_command("verify_audit", "--organisation", "nope")
    assert "OK" not in capsys.readouterr().out
