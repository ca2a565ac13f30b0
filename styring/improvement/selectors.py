"""Reads of nonconformities, corrective actions and improvements, with query counts that do not grow with rows."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .choices import OPEN_ACTION_STATUSES
from .models import CorrectiveAction, Improvement, Nonconformity


def overdue_actions(organisation=None, *, today=None):
    """Unfinished corrective actions whose due date has passed (of one organisation, or of all)."""
    today = today or timezone.localdate()
    actions = CorrectiveAction.objects.filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)
    return actions.filter(organisation=organisation) if organisation is not None else actions


def nonconformities_of(organisation, *, today=None):
    """Nonconformities with their counts of actions (open, overdue) for lists."""
    today = today or timezone.localdate()
    return (
        Nonconformity.objects.for_organisation(organisation)
        .select_related("organisation", "system", "owner__user", "requirement", "recurrence_of")
        .annotate(
            open_action_count=Count("actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES), distinct=True),
            has_overdue_actions=Exists(overdue_actions(today=today).filter(nonconformity=OuterRef("pk"))),
        )
        .order_by("-reference")
    )


def actions_of(organisation):
    return CorrectiveAction.objects.for_organisation(organisation).select_related(
        "organisation", "nonconformity__organisation", "owner__user", "task"
    )


def improvements_of(organisation):
    return Improvement.objects.for_organisation(organisation).select_related(
        "organisation", "owner__user", "nonconformity"
    )


def recurrences_around(record: Nonconformity) -> dict:
    """The earlier nonconformity this one recurs (and its own ancestors), and the later ones that recur this one,
    all within the organisation."""
    earlier, current, seen = [], record.recurrence_of, {record.pk}
    while current is not None and current.pk not in seen and len(earlier) < 20:
        earlier.append(current)
        seen.add(current.pk)
        current = current.recurrence_of
    later = list(
        Nonconformity.objects.for_organisation(record.organisation)
        .filter(recurrence_of=record)
        .select_related("organisation")
        .order_by("reference")
    )
    return {"earlier": earlier, "later": later, "repeated": len(earlier) + len(later)}
