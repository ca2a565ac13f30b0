"""Words for reporting clocks: due time in the organisation's zone, time left or overdue."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def duration_text(delta: timedelta) -> str:
    """ "2 days 3 hours", "5 hours 10 minutes", "12 minutes" (the two largest units)."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if minutes and not days:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    return " ".join(parts[:2]) or _("less than a minute")


def local(moment, tz) -> str:
    return timezone.localtime(moment, tz).strftime("%Y-%m-%d %H:%M %Z")


def clock_text(clock, tz=None) -> str:
    """One line about a clock, e.g. "Due 2027-02-01 10:00 CET · 1 day 3 hours left"."""
    tz = tz or timezone.get_current_timezone()
    if clock.met_at is not None:
        text = _("Met %(when)s") % {"when": local(clock.met_at, tz)}
        if clock.due_at is not None and clock.met_at > clock.due_at:
            text += " · " + _("late by %(time)s") % {"time": duration_text(clock.met_at - clock.due_at)}
        return text
    if clock.due_at is None:
        return _("Without undue delay")
    due = _("Due %(when)s") % {"when": local(clock.due_at, tz)}
    left = clock.time_left
    if left.total_seconds() < 0:
        return due + " · " + _("overdue by %(time)s") % {"time": duration_text(left)}
    return due + " · " + _("%(time)s left") % {"time": duration_text(left)}
