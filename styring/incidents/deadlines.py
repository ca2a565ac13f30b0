"""Reporting deadlines of an incident, as data (the rules and their source) and pure arithmetic.

Interpretation (documented here because the law counts in "days" and "hours" without saying how to do it on a
clock):

* Every clock starts at the moment the organisation became aware of the incident (`aware_at`), not when it
  happened. `aware_at` must be a timezone-aware datetime; results are timezone-aware datetimes in the
  organisation's time zone.
* "N days" are calendar days counted from the awareness moment: the deadline is the same wall-clock time N calendar
  dates later in the organisation's time zone (aware 30 January 10:00 + 2 days → 1 February 10:00). A day across a
  daylight-saving change is therefore 23 or 25 hours long. We do not round to the end of the day and we do not skip
  weekends or public holidays: that is the strict reading and never later than a lenient one. If the wall-clock time
  does not exist on the target date (the hour skipped in spring) the deadline falls at the same elapsed offset after
  the gap (02:30 → 03:30); if it occurs twice (autumn) the earlier of the two is used.
* "72 hours" (GDPR Art. 33(1)) is 72 elapsed hours, computed in UTC, so across a daylight-saving change the local
  wall-clock time differs by an hour (aware 26 March 12:00 CET → 29 March 13:00 CEST).
* Where several rules of the same clock apply (e.g. a death that was also a widespread infringement), the earliest
  deadline wins.
* The EU AI Act clock applies to providers (and, through Art. 26(5), deployers) of high-risk AI systems. Where it is
  not known whether the organisation is one, the clock is shown: it is safer to report than to miss a deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from django.utils.translation import gettext_lazy as _

from .choices import NotificationKind

# The questions of the serious-incident test. Each answer is True, False or None (not answered yet).
HARM_LIMBS = ("death", "health_harm", "critical_infrastructure", "fundamental_rights", "property_environment")
QUESTIONS = (*HARM_LIMBS, "widespread", "high_risk_operator", "personal_data_breach", "high_risk_to_individuals")


class Clock:
    AI_ACT = "ai_act"
    GDPR_33 = "gdpr_33"
    GDPR_34 = "gdpr_34"


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    clock: str
    notification_kind: str  # a notification of this kind meets the clock
    when_any: tuple[str, ...]  # the rule applies when any of these answers is yes …
    unless_no: tuple[str, ...]  # … and none of these is answered no (unknown counts as yes: the safe side)
    days: int | None  # calendar days from awareness, or
    hours: int | None  # elapsed hours from awareness, or neither: "without undue delay"
    source: str
    reason: str


RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        key="ai_act_73_3",
        clock=Clock.AI_ACT,
        notification_kind=NotificationKind.MARKET_SURVEILLANCE,
        when_any=("widespread", "critical_infrastructure"),
        unless_no=("high_risk_operator",),
        days=2,
        hours=None,
        source="EU AI Act Art. 73(3) (Art. 3(61), Art. 3(49)(b))",
        reason=_(
            "A widespread infringement or a serious and irreversible disruption of critical infrastructure must be "
            "reported to the market-surveillance authority at once and at the latest 2 days after awareness "
            "(EU AI Act Art. 73(3))."
        ),
    ),
    DeadlineRule(
        key="ai_act_73_4",
        clock=Clock.AI_ACT,
        notification_kind=NotificationKind.MARKET_SURVEILLANCE,
        when_any=("death",),
        unless_no=("high_risk_operator",),
        days=10,
        hours=None,
        source="EU AI Act Art. 73(4)",
        reason=_(
            "An incident that led or may have led to the death of a person must be reported to the "
            "market-surveillance authority at once and at the latest 10 days after awareness (EU AI Act Art. 73(4))."
        ),
    ),
    DeadlineRule(
        key="ai_act_73_2",
        clock=Clock.AI_ACT,
        notification_kind=NotificationKind.MARKET_SURVEILLANCE,
        when_any=HARM_LIMBS,
        unless_no=("high_risk_operator",),
        days=15,
        hours=None,
        source="EU AI Act Art. 73(2) (Art. 3(49))",
        reason=_(
            "A serious incident must be reported to the market-surveillance authority of the Member State where it "
            "occurred at once and at the latest 15 days after awareness (EU AI Act Art. 73(2))."
        ),
    ),
    DeadlineRule(
        key="gdpr_33",
        clock=Clock.GDPR_33,
        notification_kind=NotificationKind.DATA_PROTECTION,
        when_any=("personal_data_breach",),
        unless_no=(),
        days=None,
        hours=72,
        source="GDPR Art. 33(1)",
        reason=_(
            "A personal-data breach must be notified to the supervisory authority without undue delay and where "
            "feasible within 72 hours of awareness, unless it is unlikely to result in a risk to people "
            "(GDPR Art. 33(1))."
        ),
    ),
    DeadlineRule(
        key="gdpr_34",
        clock=Clock.GDPR_34,
        notification_kind=NotificationKind.AFFECTED_PERSONS,
        when_any=("high_risk_to_individuals",),
        unless_no=("personal_data_breach",),
        days=None,
        hours=None,
        source="GDPR Art. 34(1)",
        reason=_(
            "A personal-data breach likely to result in a high risk to people's rights and freedoms must be "
            "communicated to the people concerned without undue delay (GDPR Art. 34(1))."
        ),
    ),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}
CLOCK_LABELS = {
    Clock.AI_ACT: _("Serious-incident report (EU AI Act Art. 73)"),
    Clock.GDPR_33: _("Personal-data breach notification (GDPR Art. 33)"),
    Clock.GDPR_34: _("Communication to affected people (GDPR Art. 34)"),
}


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    due_at: datetime | None  # None: without undue delay, no fixed end

    @property
    def clock(self) -> str:
        return self.rule.clock


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Deadlines are computed from a timezone-aware datetime.")


def add_calendar_days(aware_at: datetime, days: int, tz: tzinfo) -> datetime:
    """The same wall-clock time `days` calendar dates later in `tz` (see the module docstring for gaps and folds)."""
    _require_aware(aware_at)
    local = aware_at.astimezone(tz)
    target = (local.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=tz, fold=0)
    # A round trip through UTC resolves a wall-clock time skipped by a DST change to a real moment.
    return target.astimezone(UTC).astimezone(tz)


def add_elapsed_hours(aware_at: datetime, hours: int, tz: tzinfo) -> datetime:
    """Exactly `hours` elapsed hours later (arithmetic in UTC: aware datetimes sharing a tzinfo would add wall-clock
    time instead), shown in `tz`."""
    _require_aware(aware_at)
    return (aware_at.astimezone(UTC) + timedelta(hours=hours)).astimezone(tz)


def rule_due_at(rule: DeadlineRule, aware_at: datetime, tz: tzinfo) -> datetime | None:
    if rule.days is not None:
        return add_calendar_days(aware_at, rule.days, tz)
    if rule.hours is not None:
        return add_elapsed_hours(aware_at, rule.hours, tz)
    return None


def applies(rule: DeadlineRule, answers: Mapping[str, bool | None]) -> bool:
    return any(answers.get(name) is True for name in rule.when_any) and not any(
        answers.get(name) is False for name in rule.unless_no
    )


def is_serious(answers: Mapping[str, bool | None]) -> bool:
    """A serious incident in the sense of EU AI Act Art. 3(49): any of its four limbs (health split in two)."""
    return any(answers.get(name) is True for name in HARM_LIMBS)


def deadlines(answers: Mapping[str, bool | None], aware_at: datetime, tz: tzinfo) -> dict[str, Deadline]:
    """The deadline of each clock that applies, keyed by clock; within one clock the earliest deadline wins (on a
    tie, the rule listed first)."""
    result: dict[str, Deadline] = {}
    for rule in RULES:
        if not applies(rule, answers):
            continue
        candidate = Deadline(rule=rule, due_at=rule_due_at(rule, aware_at, tz))
        current = result.get(rule.clock)
        if current is None or (
            candidate.due_at is not None and (current.due_at is None or candidate.due_at < current.due_at)
        ):
            result[rule.clock] = candidate
    return result
