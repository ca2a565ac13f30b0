"""The reporting-deadline arithmetic (pure functions, no database)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from styring.incidents import deadlines
from styring.incidents.deadlines import Clock, add_calendar_days, add_elapsed_hours

OSLO = ZoneInfo("Europe/Oslo")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def oslo(*args):
    return datetime(*args, tzinfo=OSLO)


def due(answers, aware_at, tz=OSLO):
    return {clock: deadline.due_at for clock, deadline in deadlines.deadlines(answers, aware_at, tz).items()}


def test_two_days_across_a_month_end_keeps_the_wall_clock_time():
    assert add_calendar_days(oslo(2027, 1, 30, 10, 0), 2, OSLO) == oslo(2027, 2, 1, 10, 0)


def test_ten_days_from_late_february_in_a_common_year_end_in_march():
    assert add_calendar_days(oslo(2027, 2, 20, 9, 30), 10, OSLO) == oslo(2027, 3, 2, 9, 30)


def test_two_days_from_february_28_in_a_leap_year_land_on_march_1():
    assert add_calendar_days(oslo(2028, 2, 28, 8, 0), 2, OSLO) == oslo(2028, 3, 1, 8, 0)
    assert add_calendar_days(oslo(2028, 2, 28, 8, 0), 1, OSLO) == oslo(2028, 2, 29, 8, 0)


def test_fifteen_days_across_a_year_end():
    assert add_calendar_days(oslo(2027, 12, 20, 16, 0), 15, OSLO) == oslo(2028, 1, 4, 16, 0)


def test_calendar_days_across_the_spring_dst_change_keep_local_noon():
    result = add_calendar_days(oslo(2027, 3, 26, 12, 0), 2, OSLO)
    assert result == oslo(2027, 3, 28, 12, 0)
    assert result.astimezone(UTC) == datetime(2027, 3, 28, 10, 0, tzinfo=UTC)
    assert result.astimezone(UTC) - oslo(2027, 3, 26, 12, 0).astimezone(UTC) == timedelta(hours=47)


def test_seventy_two_hours_across_the_spring_dst_change_are_seventy_two_elapsed_hours():
    aware = oslo(2027, 3, 26, 12, 0)
    result = add_elapsed_hours(aware, 72, OSLO)
    assert result.astimezone(UTC) - aware.astimezone(UTC) == timedelta(hours=72)
    assert (result.day, result.hour, result.minute) == (29, 13, 0)


def test_seventy_two_hours_across_the_autumn_dst_change_end_an_hour_earlier_on_the_clock():
    result = add_elapsed_hours(oslo(2027, 10, 29, 12, 0), 72, OSLO)
    assert (result.month, result.day, result.hour) == (11, 1, 11)


def test_calendar_days_across_the_autumn_dst_change_keep_local_time():
    result = add_calendar_days(oslo(2027, 10, 30, 12, 0), 2, OSLO)
    assert result == oslo(2027, 11, 1, 12, 0)
    assert result.astimezone(UTC) - oslo(2027, 10, 30, 12, 0).astimezone(UTC) == timedelta(hours=49)


def test_a_wall_clock_time_skipped_in_spring_moves_past_the_gap():
    result = add_calendar_days(oslo(2027, 3, 26, 2, 30), 2, OSLO)
    assert result.astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert (result.hour, result.minute) == (3, 30)


def test_a_wall_clock_time_that_occurs_twice_in_autumn_takes_the_earlier():
    result = add_calendar_days(oslo(2027, 10, 29, 2, 30), 2, OSLO)
    assert result.astimezone(UTC) == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_an_organisation_in_shanghai_counts_days_on_its_own_clock():
    aware = datetime(2027, 1, 30, 23, 30, tzinfo=UTC)  # 31 January 07:30 in Shanghai
    result = add_calendar_days(aware, 2, SHANGHAI)
    assert result == datetime(2027, 2, 2, 7, 30, tzinfo=SHANGHAI)
    assert result.utcoffset() == timedelta(hours=8)
    assert add_elapsed_hours(aware, 72, SHANGHAI) == datetime(2027, 2, 3, 7, 30, tzinfo=SHANGHAI)


def test_a_naive_awareness_time_is_refused():
    with pytest.raises(ValueError):
        add_calendar_days(datetime(2027, 1, 1, 10, 0), 2, OSLO)
    with pytest.raises(ValueError):
        add_elapsed_hours(datetime(2027, 1, 1, 10, 0), 72, OSLO)


def test_an_awareness_time_in_another_zone_is_counted_in_the_organisations_zone():
    aware = datetime(2027, 1, 30, 9, 0, tzinfo=UTC)  # 10:00 in Oslo
    assert add_calendar_days(aware, 2, OSLO) == oslo(2027, 2, 1, 10, 0)


@pytest.mark.parametrize(
    ("answers", "rule", "days"),
    [
        ({"health_harm": True}, "ai_act_73_2", 15),
        ({"fundamental_rights": True}, "ai_act_73_2", 15),
        ({"property_environment": True}, "ai_act_73_2", 15),
        ({"death": True}, "ai_act_73_4", 10),
        ({"critical_infrastructure": True}, "ai_act_73_3", 2),
        ({"fundamental_rights": True, "widespread": True}, "ai_act_73_3", 2),
        ({"death": True, "health_harm": True}, "ai_act_73_4", 10),
        ({"death": True, "critical_infrastructure": True}, "ai_act_73_3", 2),
        ({"death": True, "widespread": True}, "ai_act_73_3", 2),
    ],
)
def test_each_article_73_case_and_the_earliest_deadline_wins(answers, rule, days):
    aware = oslo(2027, 5, 3, 14, 15)
    found = deadlines.deadlines({**answers, "high_risk_operator": True}, aware, OSLO)
    assert found[Clock.AI_ACT].rule.key == rule
    assert found[Clock.AI_ACT].due_at == aware + timedelta(days=days)  # no DST change in May


def test_no_harm_means_no_serious_incident_and_no_clock():
    answers = {"death": False, "health_harm": False, "high_risk_operator": True}
    assert not deadlines.is_serious(answers)
    assert deadlines.deadlines(answers, oslo(2027, 5, 3, 9, 0), OSLO) == {}


def test_the_ai_act_clock_does_not_run_when_the_organisation_is_not_a_high_risk_provider_or_deployer():
    answers = {"death": True, "high_risk_operator": False}
    assert deadlines.is_serious(answers)
    assert Clock.AI_ACT not in deadlines.deadlines(answers, oslo(2027, 5, 3, 9, 0), OSLO)


def test_the_ai_act_clock_runs_when_the_high_risk_role_is_unknown():
    assert Clock.AI_ACT in deadlines.deadlines({"death": True}, oslo(2027, 5, 3, 9, 0), OSLO)


def test_a_personal_data_breach_runs_the_72_hour_clock_beside_the_ai_act_clock():
    aware = oslo(2027, 3, 26, 12, 0)
    found = due({"health_harm": True, "personal_data_breach": True}, aware)
    assert found[Clock.GDPR_33] == oslo(2027, 3, 29, 13, 0)
    assert found[Clock.AI_ACT] == oslo(2027, 4, 10, 12, 0)


def test_communication_to_data_subjects_has_no_fixed_deadline():
    found = deadlines.deadlines(
        {"personal_data_breach": True, "high_risk_to_individuals": True}, oslo(2027, 5, 3, 9, 0), OSLO
    )
    assert found[Clock.GDPR_34].due_at is None
    assert "Art. 34" in found[Clock.GDPR_34].rule.source


def test_every_rule_names_its_source_and_reason():
    for rule in deadlines.RULES:
        assert rule.source
        assert str(rule.reason)
        assert rule.source.split(" Art. ")[1].split(" ")[0] in str(rule.reason)
