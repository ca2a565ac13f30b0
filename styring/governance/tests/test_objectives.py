"""AI objectives (6.2): the status follows from target, dates and measurements; the page draws the trend."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from styring.core.models import AuditEvent
from styring.governance.choices import Direction, ObjectiveStatus
from styring.governance.models import Objective, ObjectiveMeasurement
from styring.governance.objectives import objective_status
from styring.governance.services import measurement_add, objective_create

D = datetime.date
TODAY = D(2026, 6, 1)


START, DUE = D(2026, 1, 1), D(2026, 12, 31)


def objective(direction=Direction.INCREASE, baseline=0.0, target=100.0, start=START, due=DUE):
    return SimpleNamespace(direction=direction, baseline=baseline, target_value=target, start_date=start, due_date=due)


def status(obj, value, on, today=TODAY):
    return objective_status(obj, value, on, today)


def test_an_objective_without_measurements_is_not_measured():
    assert status(objective(), None, None) == ObjectiveStatus.NOT_MEASURED
    assert status(objective(due=D(2020, 1, 1)), None, None) == ObjectiveStatus.NOT_MEASURED


def test_meeting_the_target_is_achieved_even_before_the_due_date():
    assert status(objective(), 100, D(2026, 5, 1)) == ObjectiveStatus.ACHIEVED
    assert status(objective(), 120, D(2026, 5, 1)) == ObjectiveStatus.ACHIEVED


def test_a_decrease_target_is_met_at_or_below_the_target():
    obj = objective(direction=Direction.DECREASE, baseline=10, target=2)
    assert status(obj, 2, D(2026, 5, 1)) == ObjectiveStatus.ACHIEVED
    assert status(obj, 2.5, D(2026, 12, 1)) == ObjectiveStatus.ON_TRACK


def test_a_target_not_met_after_the_due_date_is_missed():
    assert status(objective(due=D(2026, 5, 31)), 99, D(2026, 5, 30)) == ObjectiveStatus.MISSED


def test_on_the_due_date_itself_the_objective_is_not_yet_missed_but_at_risk():
    assert status(objective(due=TODAY), 99.9, TODAY) == ObjectiveStatus.AT_RISK
    assert status(objective(due=TODAY), 99.9, TODAY, today=TODAY + datetime.timedelta(days=1)) == ObjectiveStatus.MISSED


def test_a_value_behind_the_straight_line_to_the_target_is_at_risk():
    # Halfway through the year the line is at about 50.
    on = D(2026, 7, 2)
    assert status(objective(), 40, on, today=on) == ObjectiveStatus.AT_RISK
    assert status(objective(), 60, on, today=on) == ObjectiveStatus.ON_TRACK


def test_a_decreasing_value_above_the_line_is_at_risk():
    on = D(2026, 7, 2)
    obj = objective(direction=Direction.DECREASE, baseline=100, target=0)
    assert status(obj, 60, on, today=on) == ObjectiveStatus.AT_RISK
    assert status(obj, 40, on, today=on) == ObjectiveStatus.ON_TRACK


def test_no_measurement_in_the_last_90_days_is_at_risk():
    assert status(objective(), 80, TODAY - datetime.timedelta(days=91)) == ObjectiveStatus.AT_RISK
    assert status(objective(), 80, TODAY - datetime.timedelta(days=90)) == ObjectiveStatus.ON_TRACK


def test_without_baseline_or_dates_only_the_target_and_staleness_count():
    obj = objective(baseline=None, start=None, due=None)
    assert status(obj, 1, TODAY) == ObjectiveStatus.ON_TRACK
    assert status(obj, 100, TODAY) == ObjectiveStatus.ACHIEVED
    assert status(obj, 1, TODAY - datetime.timedelta(days=200)) == ObjectiveStatus.AT_RISK


def test_a_maintain_objective_is_on_track_while_met_and_achieved_after_the_due_date():
    obj = objective(direction=Direction.MAINTAIN, baseline=99, target=99, due=D(2026, 12, 31))
    assert status(obj, 99.5, TODAY) == ObjectiveStatus.ON_TRACK
    assert status(obj, 98, TODAY) == ObjectiveStatus.AT_RISK
    assert status(obj, 99.5, D(2027, 1, 1), today=D(2027, 1, 2)) == ObjectiveStatus.ACHIEVED
    assert status(obj, 98, D(2027, 1, 1), today=D(2027, 1, 2)) == ObjectiveStatus.MISSED


def test_a_start_date_equal_to_the_due_date_does_not_divide_by_zero():
    obj = objective(start=D(2026, 12, 31), due=D(2026, 12, 31))
    assert status(obj, 10, TODAY) == ObjectiveStatus.AT_RISK


@pytest.fixture
def goal(personas):
    return objective_create(
        organisation=personas.org_a, actor=personas.owner, title="Impact assessments done", metric="share assessed",
        unit="%", baseline=0, target_value=100, start_date=D(2026, 1, 1), due_date=D(2026, 12, 31),
    )  # fmt: skip


def test_the_latest_measurement_decides_even_when_recorded_out_of_order(personas, goal):
    from styring.governance.objectives import status_of
    from styring.governance.selectors import objectives_of

    measurement_add(objective=goal, actor=personas.owner, measured_on=D(2026, 5, 1), value=100)
    measurement_add(objective=goal, actor=personas.owner, measured_on=D(2026, 3, 1), value=5)
    annotated = objectives_of(personas.org_a).get()
    assert annotated.latest_on == D(2026, 5, 1)
    assert status_of(annotated, D(2026, 5, 2)) == ObjectiveStatus.ACHIEVED


def test_objectives_are_numbered_and_logged(personas, goal):
    assert goal.reference == "OBJ-001"
    assert AuditEvent.objects.filter(object_id=str(goal.public_id), action="create").exists()


def test_a_due_date_before_the_start_changes_nothing(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        objective_create(organisation=personas.org_a, actor=personas.owner, title="X", metric="m", target_value=1,
                         start_date=D(2026, 2, 1), due_date=D(2026, 1, 1))  # fmt: skip
    assert not Objective.objects.exists()


def test_the_detail_page_draws_the_trend_and_records_measurements(personas, login, goal):
    client = login(personas.contributor)
    url = goal.get_absolute_url()
    page = client.get(url)
    assert page.status_code == 200
    assert "No measurements yet" in page.content.decode()
    add = reverse("governance:measurement-add", kwargs={"org": "acme", "objective": goal.public_id})
    assert client.post(add, {"measured_on": "2026-03-01", "value": "20"}).status_code == 302
    assert client.post(add, {"measured_on": "2026-04-01", "value": "35", "note": "Q1"}).status_code == 302
    page = client.get(url).content.decode()
    assert "<svg" in page and "<polyline" in page
    assert ObjectiveMeasurement.objects.filter(objective=goal).count() == 2


def test_an_invalid_measurement_is_refused_and_changes_nothing(personas, login, goal):
    add = reverse("governance:measurement-add", kwargs={"org": "acme", "objective": goal.public_id})
    response = login(personas.contributor).post(add, {"measured_on": "not a date", "value": "x"})
    assert response.status_code == 400
    assert not ObjectiveMeasurement.objects.exists()


def test_a_viewer_cannot_record_a_measurement(personas, login, goal):
    add = reverse("governance:measurement-add", kwargs={"org": "acme", "objective": goal.public_id})
    assert login(personas.viewer).post(add, {"measured_on": "2026-03-01", "value": "20"}).status_code == 403
    assert not ObjectiveMeasurement.objects.exists()


def test_the_list_filters_by_computed_status_with_constant_queries(personas, login, django_assert_max_num_queries):
    from django.utils import timezone

    today = timezone.localdate()
    for number in range(30):
        obj = objective_create(organisation=personas.org_a, actor=personas.owner, title=f"Goal {number}",
                               metric="m", target_value=10)  # fmt: skip
        if number % 2:
            measurement_add(objective=obj, actor=personas.owner, measured_on=today, value=10)
    client = login(personas.viewer)
    url = reverse("governance:objective-list", kwargs={"org": "acme"})
    with django_assert_max_num_queries(15):
        page = client.get(url + "?status=achieved")
    assert page.status_code == 200
    assert page.context["table"].paginator.count == 15
    with django_assert_max_num_queries(15):
        csv = client.get(url + "?export=csv")
    assert b"Goal 1" in b"".join(csv.streaming_content)
