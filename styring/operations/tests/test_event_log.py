"""The decision event log: tamper-evident chain, bounded bulk ingest, retention with an anchor, override rate."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from styring.core.models import AuditEvent
from styring.operations.events import (
    BatchRejected,
    event_log_retention,
    events_ingest,
    log_settings_update,
    override_rate_job,
    override_rate_record,
    verify_event_chain,
)
from styring.operations.models import DecisionEvent, EventLogSettings, Measurement

NOW = datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.UTC)


def event(minutes_ago=0, outcome="accepted", when=None, **fields):
    return {
        "occurred_at": when or timezone.now() - datetime.timedelta(minutes=minutes_ago),
        "input_reference": fields.pop("input_reference", "claim-1001"),
        "output_summary": fields.pop("output_summary", "Route to fast track"),
        "confidence": fields.pop("confidence", 0.91),
        "reviewer": fields.pop("reviewer", "k.hansen"),
        "outcome": outcome,
        "reason": fields.pop("reason", ""),
        **fields,
    }


@pytest.fixture
def system(aisystem_factory):
    return aisystem_factory(name="Claims triage")


def test_ingested_events_form_a_verifiable_chain_with_one_summary_audit_event(personas, system):
    before = AuditEvent.objects.filter(object_type="operations.decisionevent").count()
    result = events_ingest(system=system, actor=personas.contributor, events=[event(3 - i) for i in range(3)])
    assert (result.first_sequence, result.last_sequence, result.count) == (1, 3, 3)
    more = events_ingest(system=system, actor=personas.contributor, events=[event(outcome="overridden")])
    assert more.first_sequence == 4
    events = list(DecisionEvent.objects.filter(system=system).order_by("sequence"))
    assert events[0].previous_hash == "0" * 64
    assert all(b.previous_hash == a.hash for a, b in itertools.pairwise(events))
    assert verify_event_chain(system).ok and verify_event_chain(system).events_checked == 4
    assert AuditEvent.objects.filter(object_type="operations.decisionevent").count() == before + 2


@pytest.mark.parametrize(
    ("tamper", "sequence", "words"),
    [
        (lambda qs: qs.filter(sequence=3).update(outcome="overridden"), 3, "changed"),
        (lambda qs: qs.filter(sequence=2).delete(), 2, "missing"),
        (lambda qs: qs.filter(sequence=4).update(previous_hash="f" * 64), 4, "does not link"),
        (lambda qs: qs.filter(sequence=5).delete(), 5, "newest event was #5"),
    ],
)
def test_tampering_is_detected_and_the_first_broken_link_named(personas, system, tamper, sequence, words):
    events_ingest(system=system, actor=personas.contributor, events=[event(10 - i) for i in range(5)])
    tamper(DecisionEvent.objects.filter(system=system))
    report = verify_event_chain(system)
    assert not report.ok and report.broken_sequence == sequence and words in report.problem


def test_a_batch_with_one_bad_event_is_refused_whole(personas, system):
    bad = [event(), event(outcome="maybe"), event(confidence=1.5), event(occurred_at=datetime.datetime(2025, 1, 1)),
           event(reviewer=7), event(extra="x")]  # fmt: skip
    with pytest.raises(BatchRejected) as caught:
        events_ingest(system=system, actor=personas.contributor, events=bad)
    assert [index for index, _message in caught.value.problems] == [1, 2, 3, 4, 5]
    with pytest.raises(BatchRejected):
        events_ingest(system=system, actor=personas.contributor, events=[event()] * 1001)
    with pytest.raises(BatchRejected):
        events_ingest(system=system, actor=personas.contributor, events=[])
    assert DecisionEvent.objects.count() == 0


def test_ingesting_100000_events_costs_the_same_few_queries_per_batch_of_1000(personas, system):
    start = timezone.now() - datetime.timedelta(days=2)
    template = event()
    counts = []
    for batch in range(100):
        events = [
            {**template, "occurred_at": start + datetime.timedelta(seconds=batch * 1000 + i),
             "input_reference": f"claim-{batch}-{i}"}
            for i in range(1000)
        ]  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            events_ingest(system=system, actor=personas.contributor, events=events)
        counts.append(len(queries.captured_queries))
    assert DecisionEvent.objects.filter(system=system).count() == 100_000
    # SQLite splits a 1,000-row insert into 14 statements (999 parameters each); PostgreSQL needs one.
    assert max(counts) <= 40
    assert len(set(counts[1:])) == 1 and counts[1] <= 30  # after the first batch (which creates the settings)
    small = CaptureQueriesContext(connection)
    with small:
        events_ingest(system=system, actor=personas.contributor, events=[template])
    assert len(small.captured_queries) <= counts[1]
    settings = EventLogSettings.objects.get(system=system)
    assert settings.head_sequence == 100_001


def test_the_ingest_api_takes_a_batch_with_a_token_and_refuses_bad_batches_and_other_organisations(
    personas, system, client
):
    from styring.accounts.services import api_token_create

    _token, secret = api_token_create(membership=personas.membership(personas.contributor), name="triage")
    url = f"/api/v1/organisations/acme/ai-systems/{system.public_id}/events"
    payload = {
        "events": [
            {
                "occurred_at": "2025-05-01T10:00:00Z",
                "input_reference": f"c-{i}",
                "output_summary": "fast track",
                "confidence": 0.8,
                "reviewer": "kh",
                "outcome": "overridden" if i % 4 == 0 else "accepted",
                "reason": "",
            }
            for i in range(1000)
        ]
    }
    created = client.post(url, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert created.status_code == 201, created.content
    assert created.json()["received"] == 1000 and created.json()["last_sequence"] == 1000
    too_many = {"events": payload["events"] + payload["events"][:1]}
    assert client.post(url, too_many, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 422  # fmt: skip
    loose = {"events": [{**payload["events"][0], "confidence": "0.8"}]}
    assert client.post(url, loose, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 422  # fmt: skip
    naive = {"events": [{**payload["events"][0], "occurred_at": "2025-05-01T10:00:00"}]}
    assert client.post(url, naive, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 422  # fmt: skip
    assert DecisionEvent.objects.count() == 1000
    listed = client.get(url + "?outcome=overridden&limit=5", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert listed["count"] == 250 and listed["items"][0]["outcome"] == "overridden"
    verified = client.get(url + "/verify", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert verified["ok"] is True and verified["events_checked"] == 1000
    _beta, beta_secret = api_token_create(membership=personas.membership(personas.beta_manager, personas.org_b),
                                          name="beta")  # fmt: skip
    assert client.post(url, payload, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {beta_secret}").status_code == 404  # fmt: skip
    _viewer, viewer_secret = api_token_create(membership=personas.membership(personas.viewer), name="viewer")
    assert client.post(url, payload, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {viewer_secret}").status_code == 403  # fmt: skip


def test_the_retention_job_prunes_old_events_and_the_chain_still_verifies_from_the_anchor(personas, system):
    old = [event(when=NOW - datetime.timedelta(days=200 - i)) for i in range(3)]
    young = [event(when=NOW - datetime.timedelta(days=10))]
    events_ingest(system=system, actor=personas.contributor, events=old)
    events_ingest(system=system, actor=personas.contributor, events=young)
    third = DecisionEvent.objects.get(system=system, sequence=3)
    assert "3 decision event(s)" in event_log_retention(now=NOW)
    assert list(DecisionEvent.objects.filter(system=system).values_list("sequence", flat=True)) == [4]
    settings = EventLogSettings.objects.get(system=system)
    assert (settings.anchor_sequence, settings.anchor_hash) == (3, third.hash)
    report = verify_event_chain(system)
    assert report.ok and report.anchor_sequence == 3 and report.events_checked == 1
    assert "0 decision event(s)" in event_log_retention(now=NOW)  # idempotent
    assert AuditEvent.objects.filter(object_type="operations.decisionevent", action="delete").count() == 1


def test_an_old_event_behind_a_young_one_waits_so_the_chain_stays_whole(personas, system):
    events_ingest(system=system, actor=personas.contributor, events=[
        event(when=NOW - datetime.timedelta(days=300)), event(when=NOW - datetime.timedelta(days=5)),
        event(when=NOW - datetime.timedelta(days=300))])  # fmt: skip
    event_log_retention(now=NOW)
    assert DecisionEvent.objects.filter(system=system).count() == 2 and verify_event_chain(system).ok


def test_a_high_risk_system_keeps_its_logs_at_least_six_months(personas, aisystem_factory, system):
    high = aisystem_factory(name="Credit scoring", ai_act_class="high_risk")
    with pytest.raises(ValidationError):
        log_settings_update(system=high, actor=personas.manager, retention_days=90)
    settings = log_settings_update(system=system, actor=personas.manager, retention_days=30)
    assert settings.retention_days == 30
    events_ingest(system=high, actor=personas.contributor, events=[event(when=NOW - datetime.timedelta(days=100))])
    EventLogSettings.objects.filter(system=high).update(retention_days=30)  # set before the system became high-risk
    event_log_retention(now=NOW)
    assert DecisionEvent.objects.filter(system=high).count() == 1


def test_the_override_rate_is_written_per_day_to_the_systems_metric(personas, system):
    from styring.operations.services import metric_create

    metric = metric_create(organisation=personas.org_a, actor=personas.manager, name="Overrides", kind="override_rate",
                           system=system, direction="lower")  # fmt: skip
    day = datetime.date(2025, 5, 20)
    noon = datetime.datetime(2025, 5, 20, 12, tzinfo=datetime.UTC)
    outcomes = ["accepted"] * 3 + ["overridden"] + ["not_reviewed"] * 2
    events_ingest(system=system, actor=personas.contributor, events=[event(when=noon, outcome=o) for o in outcomes])
    measurement = override_rate_record(system=system, day=day)
    assert measurement.metric == metric and measurement.value == Decimal("0.25")
    assert measurement.source == "event_log" and "1 of 4" in measurement.note
    assert override_rate_record(system=system, day=day) is None  # once per day
    assert "0 override-rate" in override_rate_job(today=datetime.date(2025, 5, 21))
    assert Measurement.objects.filter(metric=metric).count() == 1


def test_the_event_list_filters_and_pages_in_constant_queries_and_exports(
    personas, login, system, aisystem_factory, django_assert_max_num_queries
):
    other = aisystem_factory(name="Chatbot")
    events_ingest(system=system, actor=personas.contributor, events=[event(input_reference="claim-77")])
    client = login(personas.viewer)
    client.get("/o/acme/decision-logs/")
    with django_assert_max_num_queries(25) as few:
        client.get("/o/acme/decision-logs/")
    events_ingest(system=system, actor=personas.contributor, events=[event(i) for i in range(120)])
    events_ingest(system=other, actor=personas.contributor, events=[event(i, outcome="overridden") for i in range(80)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/o/acme/decision-logs/").content.decode()
    assert "Chatbot" in page and "Claims triage" in page
    filtered = client.get(f"/o/acme/decision-logs/?system={other.public_id}&outcome=overridden").content.decode()
    assert ">Chatbot</a></td>" in filtered and ">Claims triage</a></td>" not in filtered
    found = client.get("/o/acme/decision-logs/?q=claim-77").content.decode()
    assert "claim-77" in found
    export = client.get("/o/acme/decision-logs/?q=claim-77&export=csv")
    assert "claim-77" in b"".join(export.streaming_content).decode()


def test_only_managers_change_retention_and_anyone_reading_can_verify(personas, login, system):
    events_ingest(system=system, actor=personas.contributor, events=[event()])
    url = f"/o/acme/decision-logs/{system.public_id}/"
    assert login(personas.contributor).post(url + "retention/", {"retention_days": 400}).status_code == 403
    assert login(personas.manager).post(url + "retention/", {"retention_days": 400}).status_code == 302
    assert EventLogSettings.objects.get(system=system).retention_days == 400
    response = login(personas.viewer).post(url + "verify/", follow=True)
    assert "The chain is intact: 1 events verified." in response.content.decode()
    assert "400 days" in login(personas.viewer).get(url).content.decode()
