"""Metrics and measurements: thresholds, breaches that open one nonconformity, CSV import, pages and permissions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from styring.core.models import AuditEvent
from styring.improvement.models import Nonconformity
from styring.operations.models import Measurement
from styring.operations.services import ImportRejected, measurement_create, measurements_import


def at(day: int) -> datetime.datetime:
    return datetime.datetime(2025, 3, day, 12, 0, tzinfo=datetime.UTC)


def test_a_metric_gets_the_next_reference_and_an_audit_event(personas, make_metric):
    first, second = make_metric(), make_metric(name="Drift")
    assert (first.reference, second.reference) == ("M-001", "M-002")
    assert AuditEvent.objects.filter(object_id=str(first.public_id), action="create").exists()


def test_the_warning_threshold_must_come_before_the_breach_threshold(make_metric):
    with pytest.raises(ValidationError):
        make_metric(direction="higher", warning_threshold=Decimal("0.8"), breach_threshold=Decimal("0.9"))
    with pytest.raises(ValidationError):
        make_metric(direction="lower", warning_threshold=Decimal("0.3"), breach_threshold=Decimal("0.2"))


def test_status_respects_the_direction_and_a_value_at_the_threshold_is_still_acceptable(make_metric):
    accuracy = make_metric(direction="higher", warning_threshold=Decimal("0.9"), breach_threshold=Decimal("0.85"))
    assert [accuracy.status_of(v) for v in ("0.95", "0.9", "0.88", "0.85", "0.84")] == [
        "ok", "ok", "warning", "ok" if False else "warning", "breach"
    ]  # fmt: skip
    drift = make_metric(
        name="PSI", direction="lower", warning_threshold=Decimal("0.1"), breach_threshold=Decimal("0.25")
    )
    assert [drift.status_of(v) for v in ("0.05", "0.2", "0.3")] == ["ok", "warning", "breach"]
    assert drift.status_of(None) == "no_data"


def test_a_breach_opens_one_nonconformity_and_not_another_while_it_is_ongoing(personas, make_metric, aisystem_factory):
    system = aisystem_factory()
    metric = make_metric(system=system, breach_threshold=Decimal("0.85"), on_breach="nonconformity",
                         owner=personas.membership(personas.contributor))  # fmt: skip
    measurement_create(metric=metric, actor=personas.contributor, value="0.90", measured_at=at(1))
    assert Nonconformity.objects.count() == 0
    breach = measurement_create(metric=metric, actor=personas.contributor, value=0.80, measured_at=at(2))
    assert breach.breached and breach.status == "breach"
    nonconformity = Nonconformity.objects.get()
    assert nonconformity.source == "monitoring" and nonconformity.system == system
    assert nonconformity.source_id == str(breach.public_id) and nonconformity.owner == metric.owner
    assert "0.8" in nonconformity.description and breach.opened_label == str(nonconformity)
    measurement_create(metric=metric, actor=personas.contributor, value="0.70", measured_at=at(3))
    assert Nonconformity.objects.count() == 1  # still the same breach
    measurement_create(metric=metric, actor=personas.contributor, value="0.95", measured_at=at(4))
    measurement_create(metric=metric, actor=personas.contributor, value="0.60", measured_at=at(5))
    assert Nonconformity.objects.count() == 2  # a new breach after recovery


def test_a_late_historical_breach_opens_nothing(personas, make_metric):
    metric = make_metric(breach_threshold=Decimal("0.85"), on_breach="nonconformity")
    measurement_create(metric=metric, actor=personas.contributor, value="0.90", measured_at=at(10))
    measurement_create(metric=metric, actor=personas.contributor, value="0.50", measured_at=at(1))
    assert Nonconformity.objects.count() == 0


def test_a_metric_set_to_nothing_only_records_the_breach(personas, make_metric):
    metric = make_metric(breach_threshold=Decimal("0.85"))
    assert measurement_create(metric=metric, actor=personas.contributor, value="0.1").breached
    assert Nonconformity.objects.count() == 0


def test_a_breach_of_an_incident_metric_opens_an_incident(personas, make_metric, aisystem_factory):
    services = pytest.importorskip("styring.incidents.services")
    if not hasattr(services, "incident_create"):
        pytest.skip("the incident register is not there yet")
    from styring.incidents.models import Incident

    metric = make_metric(system=aisystem_factory(), breach_threshold=Decimal("0.85"), on_breach="incident")
    measurement = measurement_create(metric=metric, actor=personas.contributor, value="0.5")
    assert Incident.objects.count() == 1 and measurement.opened_type == "incidents.incident"
    measurement_create(metric=metric, actor=personas.contributor, value="0.4")
    assert Incident.objects.count() == 1


def test_bad_values_are_refused_and_change_nothing(personas, make_metric):
    metric = make_metric()
    for bad in ("abc", "nan", "inf", "1e30", True):
        with pytest.raises(ValidationError):
            measurement_create(metric=metric, actor=personas.contributor, value=bad)
    with pytest.raises(ValidationError):
        measurement_create(
            metric=metric, actor=personas.contributor, value=1, measured_at=datetime.datetime(2025, 1, 1)
        )
    assert Measurement.objects.count() == 0


def test_a_csv_import_is_all_or_nothing_with_every_bad_row_reported(personas, make_metric):
    metric = make_metric(breach_threshold=Decimal("0.85"), on_breach="nonconformity")
    bad = b"measured_at,value,note\n2025-01-31,0.91,ok\nyesterday,0.9,\n2025-03-31,abc,\n2025-04-30,0.8,\n"
    with pytest.raises(ImportRejected) as caught:
        measurements_import(metric=metric, actor=personas.contributor, content=bad)
    assert [number for number, _message in caught.value.rows] == [3, 4]
    assert Measurement.objects.count() == 0 and Nonconformity.objects.count() == 0
    with pytest.raises(ImportRejected, match="measured_at"):
        measurements_import(metric=metric, actor=personas.contributor, content=b"when,value\n2025-01-01,1\n")
    good = b'measured_at,value,note\n2025-02-28T09:30,0.90,late\n2025-01-31,0.91,January\n2025-03-31,"0,83",\n'
    result = measurements_import(metric=metric, actor=personas.contributor, content=good)
    assert result.created == 3 and result.breaches == 1
    assert sorted(Measurement.objects.values_list("value", flat=True)) == [Decimal("0.83"), Decimal("0.9"),
                                                                          Decimal("0.91")]  # fmt: skip
    assert Nonconformity.objects.count() == 1  # only the newest value opens one; it follows a non-breach
    assert AuditEvent.objects.filter(object_type="operations.measurement", reason="CSV import").count() == 1


def test_the_import_page_shows_the_row_report_and_saves_nothing(personas, login, make_metric):
    from django.core.files.uploadedfile import SimpleUploadedFile

    metric = make_metric()
    client = login(personas.contributor)
    url = f"/o/acme/monitoring/{metric.public_id}/import/"
    upload = SimpleUploadedFile("m.csv", b"measured_at,value\n2025-01-01,x\n", content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "Nothing has been saved" in response.content.decode() and Measurement.objects.count() == 0
    upload = SimpleUploadedFile("m.csv", b"measured_at,value\n2025-01-01,0.9\n", content_type="text/csv")
    assert client.post(url, {"file": upload}).status_code == 302
    assert Measurement.objects.get().source == "csv"


def test_the_list_shows_latest_value_and_status_in_constant_queries(
    personas, login, make_metric, django_assert_max_num_queries
):
    client = login(personas.viewer)
    metric = make_metric(breach_threshold=Decimal("0.85"))
    measurement_create(metric=metric, actor=personas.contributor, value="0.5", measured_at=at(2))
    client.get("/o/acme/monitoring/")
    with django_assert_max_num_queries(20) as few:
        page = client.get("/o/acme/monitoring/").content.decode()
    assert "Breach" in page and "0.5" in page
    for number in range(30):
        other = make_metric(name=f"Metric {number}", warning_threshold=Decimal("0.9"))
        measurement_create(metric=other, actor=personas.contributor, value="0.95", measured_at=at(1))
        measurement_create(metric=other, actor=personas.contributor, value="0.8", measured_at=at(3))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/o/acme/monitoring/").content.decode()
    assert "Warning" in page and "No data" not in page


def test_the_detail_page_draws_the_chart_with_threshold_lines_and_exports(personas, login, make_metric):
    metric = make_metric(warning_threshold=Decimal("0.9"), breach_threshold=Decimal("0.85"))
    for day, value in ((1, "0.95"), (2, "0.88"), (3, "0.8")):
        measurement_create(metric=metric, actor=personas.contributor, value=value, measured_at=at(day))
    client = login(personas.viewer)
    page = client.get(metric.get_absolute_url()).content.decode()
    assert "<polyline" in page and 'data-threshold="breach"' in page and 'data-threshold="warning"' in page
    assert "Add a measurement" not in page  # a viewer cannot write
    export = client.get(f"/o/acme/monitoring/{metric.public_id}/measurements/?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "0.88" in body and "Breach" in body
    xlsx = client.get(f"/o/acme/monitoring/{metric.public_id}/measurements/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_viewer_cannot_add_a_measurement_but_a_contributor_can(personas, login, make_metric):
    metric = make_metric()
    url = f"/o/acme/monitoring/{metric.public_id}/measurements/new/"
    assert login(personas.viewer).post(url, {"value": "0.9"}).status_code == 403
    assert login(personas.contributor).post(url, {"value": "0.9"}).status_code == 302
    measurement = Measurement.objects.get()
    assert measurement.value == Decimal("0.9") and measurement.source == "manual"
    assert abs((timezone.now() - measurement.measured_at).total_seconds()) < 60


def test_the_calculator_page_explains_the_result_and_saves_it_as_a_measurement(personas, login, make_metric):
    from django.core.files.uploadedfile import SimpleUploadedFile

    metric = make_metric(name="Input drift", kind="drift_psi", direction="lower")
    client = login(personas.contributor)
    reference = SimpleUploadedFile("ref.csv", b"value\n1\n2\n3\n4\n", content_type="text/csv")
    current = SimpleUploadedFile("cur.csv", b"value\n1\n1\n1\n4\n", content_type="text/csv")
    page = client.post("/o/acme/monitoring/calculators/",
                       {"calculation": "psi", "reference": reference, "current": current, "column": "value",
                        "bins": 2}).content.decode()  # fmt: skip
    assert "Population stability index: 0.2747" in page and "shifted a lot" in page
    missing = SimpleUploadedFile("cur.csv", b"score\n1\n", content_type="text/csv")
    reference = SimpleUploadedFile("ref.csv", b"value\n1\n2\n", content_type="text/csv")
    page = client.post("/o/acme/monitoring/calculators/",
                       {"calculation": "ks", "reference": reference, "current": missing, "column": "value",
                        "bins": 10}).content.decode()  # fmt: skip
    assert "has no column “value”" in page
    response = client.post("/o/acme/monitoring/calculators/save/",
                           {"metric": str(metric.public_id), "value": "0.27465307", "note": "PSI"})  # fmt: skip
    assert response.status_code == 302
    assert Measurement.objects.get().source == "calculator"
    assert login(personas.viewer).post("/o/acme/monitoring/calculators/save/", {}).status_code == 403


def test_the_metric_api_creates_lists_and_takes_measurements_and_other_organisations_get_404(personas, client):
    from styring.accounts.services import api_token_create

    _token, secret = api_token_create(membership=personas.membership(personas.contributor), name="pipeline")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    created = client.post("/api/v1/organisations/acme/metrics/", {"name": "Accuracy", "kind": "accuracy",
                          "breach_threshold": "0.85", "on_breach": "nonconformity"}, content_type="application/json",
                          **auth)  # fmt: skip
    assert created.status_code == 201, created.content
    metric_id = created.json()["id"]
    pushed = client.post(f"/api/v1/organisations/acme/metrics/{metric_id}/measurements",
                         {"value": 0.8, "measured_at": "2025-03-01T10:00:00Z"}, content_type="application/json",
                         **auth)  # fmt: skip
    assert pushed.status_code == 201 and pushed.json()["breached"] is True and pushed.json()["opened"]
    listed = client.get("/api/v1/organisations/acme/metrics/", **auth).json()
    assert listed["items"][0]["status"] == "breach"
    _beta, beta_secret = api_token_create(membership=personas.membership(personas.beta_manager, personas.org_b),
                                          name="beta")  # fmt: skip
    stranger = client.get(f"/api/v1/organisations/acme/metrics/{metric_id}/measurements",
                          HTTP_AUTHORIZATION=f"Bearer {beta_secret}")  # fmt: skip
    assert stranger.status_code == 404
    _v, viewer_secret = api_token_create(membership=personas.membership(personas.viewer), name="viewer")
    refused = client.post(f"/api/v1/organisations/acme/metrics/{metric_id}/measurements", {"value": 1},
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {viewer_secret}")  # fmt: skip
    assert refused.status_code == 403


def test_the_calculator_api_takes_json_arrays(personas, client):
    client.force_login(personas.viewer)
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    response = client.post("/api/v1/organisations/acme/calculators/fairness",
                           {"groups": ["A", "A", "B", "B"], "predictions": [1, 1, 1, 0], "labels": [1, 0, 1, 1]},
                           content_type="application/json", HTTP_X_CSRFTOKEN=token)  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["demographic_parity_difference"] == 0.5
    assert response.json()["equal_opportunity_difference"] == 0.5
    ks = client.post("/api/v1/organisations/acme/calculators/ks", {"reference": [1, 2, 3, 4], "current": [3, 4, 5, 6]},
                     content_type="application/json", HTTP_X_CSRFTOKEN=token)  # fmt: skip
    assert ks.json()["statistic"] == 0.5
