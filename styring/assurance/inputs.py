"""The inputs of a management review, compiled from live data into a snapshot (a JSON dict).

One small function per input. Each returns {"counts": {...}, "items": [{"label", "url"}, ...]} and is tolerant of
apps that have no data or are not installed: such an input reports `available: False` instead of failing.
Counts are numbers only; people who raised concerns are never named.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OPEN_ACTION_STATUSES, AuditStatus, FindingType

MAX_ITEMS = 25


@dataclass(frozen=True)
class Input:
    key: str
    title: str
    compile: Callable


def _item(record, extra: str = "") -> dict:
    label = str(record) + (f" · {extra}" if extra else "")
    try:
        url = record.get_absolute_url()
    except Exception:  # a record without a page is listed without a link
        url = ""
    return {"label": label[:300], "url": url}


def _model(label: str):
    """A model of another app, or None when that app has no such model (yet)."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _counts(queryset, field: str) -> dict[str, int]:
    return {str(row[field] or "none"): row["n"] for row in queryset.order_by().values(field).annotate(n=Count("id"))}


def _since_filter(queryset, since):
    return queryset if since is None else queryset.filter(updated_at__gte=since)


# --- the inputs -----------------------------------------------------------------------------------------------------


def previous_actions(review, since, today) -> dict:
    """Actions decided in earlier reviews: how many of each status, and those still open."""
    from .models import ReviewAction

    actions = (
        ReviewAction.objects.for_organisation(review.organisation)
        .exclude(review=review)
        .filter(review__planned_date__lte=review.planned_date)
        .select_related("organisation", "review__organisation", "owner__user")
    )
    open_actions = [action for action in actions.order_by("due_date", "id") if action.status in OPEN_ACTION_STATUSES]
    overdue = [action for action in open_actions if action.due_date and action.due_date < today]
    counts = {**_counts(actions, "status"), "overdue": len(overdue), "total": actions.count()}
    return {
        "counts": counts,
        "items": [
            _item(action, f"{action.review.reference}, {action.due_date.isoformat() if action.due_date else '—'}")
            for action in open_actions[:MAX_ITEMS]
        ],
    }


def context_changes(review, since, today) -> dict:
    """Internal and external issues and interested parties added or changed since the previous review."""
    issue_model, party_model = _model("context.ContextIssue"), _model("context.InterestedParty")
    if issue_model is None and party_model is None:
        return {"available": False, "counts": {}, "items": []}
    counts, items = {}, []
    for key, model in (("issues", issue_model), ("parties", party_model)):
        if model is None:
            continue
        changed = _since_filter(model.objects.for_organisation(review.organisation), since).select_related(
            "organisation"
        )
        new = changed if since is None else changed.filter(created_at__gte=since)
        counts[f"{key}_new"] = new.count()
        counts[f"{key}_changed"] = changed.count() - counts[f"{key}_new"]
        counts[f"{key}_total"] = model.objects.for_organisation(review.organisation).count()
        items += [_item(record) for record in changed.order_by("-updated_at")[:MAX_ITEMS]]
    return {"counts": counts, "items": items[:MAX_ITEMS]}


def nonconformities(review, since, today) -> dict:
    """Nonconformities and corrective actions: open ones by status, new since the last review, overdue actions."""
    nc_model, action_model = _model("improvement.Nonconformity"), _model("improvement.CorrectiveAction")
    if nc_model is None:
        return {"available": False, "counts": {}, "items": []}
    records = nc_model.objects.for_organisation(review.organisation)
    active = records.exclude(status__in=("closed", "cancelled"))
    counts = {
        "open": active.count(),
        "new": records.count() if since is None else records.filter(created_at__gte=since).count(),
        "closed_since": records.filter(status="closed", **({} if since is None else {"closed_at__gte": since})).count(),
        "major_open": active.filter(severity="major").count(),
        "by_status": _counts(active, "status"),
    }
    if action_model is not None:
        actions = action_model.objects.for_organisation(review.organisation)
        open_actions = actions.filter(status__in=("planned", "in_progress"))
        counts["actions_open"] = open_actions.count()
        counts["actions_overdue"] = open_actions.filter(due_date__lt=today).count()
    items = [_item(record, record.get_status_display()) for record in active.select_related("organisation")[:MAX_ITEMS]]
    return {"counts": counts, "items": items}


def monitoring(review, since, today) -> dict:
    """Monitoring results: active metrics whose latest value is in breach or warning."""
    try:
        from styring.operations.choices import MetricStatus
        from styring.operations.selectors import metrics_of
    except ImportError:
        return {"available": False, "counts": {}, "items": []}
    statuses, items = Counter(), []
    for metric in metrics_of(review.organisation).filter(active=True).order_by("reference"):
        status = metric.status_of(metric.latest_value)
        statuses[str(status)] += 1
        if status in (MetricStatus.BREACH, MetricStatus.WARNING) and len(items) < MAX_ITEMS:
            items.append(_item(metric, str(MetricStatus(status).label)))
    counts = {
        "metrics": sum(statuses.values()),
        "breach": statuses.get(MetricStatus.BREACH, 0),
        "warning": statuses.get(MetricStatus.WARNING, 0),
        "ok": statuses.get(MetricStatus.OK, 0),
        "no_data": statuses.get(MetricStatus.NO_DATA, 0),
    }
    return {"counts": counts, "items": items}


def audit_results(review, since, today) -> dict:
    """Audits reported since the previous review, with their findings by type."""
    from .models import Audit, AuditFinding

    audits = Audit.objects.for_organisation(review.organisation).filter(
        status__in=(AuditStatus.REPORTED, AuditStatus.CLOSED)
    )
    if since is not None:
        audits = audits.filter(reported_at__gte=since)
    findings = AuditFinding.objects.for_organisation(review.organisation).filter(audit__in=audits)
    by_type = _counts(findings, "finding_type")
    counts = {
        "audits": audits.count(),
        "open_audits": Audit.objects.for_organisation(review.organisation)
        .filter(status__in=(AuditStatus.PLANNED, AuditStatus.IN_PROGRESS))
        .count(),
        "findings": findings.count(),
        **{finding_type.value: by_type.get(finding_type.value, 0) for finding_type in FindingType},
    }
    return {"counts": counts, "items": [_item(audit) for audit in audits.select_related("organisation")[:MAX_ITEMS]]}


def objectives(review, since, today) -> dict:
    """Fulfilment of the AI objectives: how many are on track, at risk, achieved, missed or not measured."""
    try:
        from styring.governance.objectives import status_of
        from styring.governance.selectors import objectives_of
    except ImportError:
        return {"available": False, "counts": {}, "items": []}
    statuses, items = Counter(), []
    for objective in objectives_of(review.organisation).order_by("reference"):
        status = status_of(objective, today)
        statuses[str(status)] += 1
        if status in ("at_risk", "missed") and len(items) < MAX_ITEMS:
            items.append(_item(objective, str(status.label)))
    return {"counts": {"total": sum(statuses.values()), **dict(statuses)}, "items": items}


def risks(review, since, today) -> dict:
    """Risk status: counts by residual level, high and critical risks not accepted, reviews overdue."""
    from styring.risks.models import Risk

    records = Risk.objects.for_organisation(review.organisation).exclude(status="closed")
    high = records.filter(residual_level__in=("high", "critical")).exclude(status="accepted")
    overdue = records.filter(review_date__lt=today)
    counts = {
        "total": records.count(),
        "by_residual_level": _counts(records, "residual_level"),
        "unaccepted_high": high.count(),
        "overdue_reviews": overdue.count(),
        "new": records.count() if since is None else records.filter(created_at__gte=since).count(),
    }
    items = [
        _item(risk, risk.method.level_label(risk.residual_level))
        for risk in high.select_related("organisation", "method")[:MAX_ITEMS]
    ]
    return {"counts": counts, "items": items}


def opportunities(review, since, today) -> dict:
    from styring.risks.models import Opportunity

    records = Opportunity.objects.for_organisation(review.organisation)
    counts = {"total": records.count(), "by_status": _counts(records, "status")}
    pursued = records.filter(status__in=("identified", "pursued")).select_related("organisation")
    return {"counts": counts, "items": [_item(record, record.get_status_display()) for record in pursued[:MAX_ITEMS]]}


def feedback(review, since, today) -> dict:
    """Feedback from interested parties: concerns and AI incidents, as counts only (no reporter is named)."""
    counts = {}
    concern_model = _model("governance.Concern")
    if concern_model is not None:
        concerns = concern_model.objects.for_organisation(review.organisation)
        counts["concerns"] = concerns.count()
        counts["concerns_new"] = concerns.count() if since is None else concerns.filter(created_at__gte=since).count()
        counts["concerns_open"] = concerns.filter(status__in=("received", "under_review")).count()
    incident_model = _model("incidents.Incident")
    if incident_model is not None:
        incidents = incident_model.objects.for_organisation(review.organisation)
        counts["incidents"] = incidents.count()
        counts["incidents_new"] = (
            incidents.count() if since is None else incidents.filter(created_at__gte=since).count()
        )
    return {"counts": counts, "items": [], **({} if counts else {"available": False})}


INPUTS = (
    Input("previous_actions", _("Status of actions from previous reviews"), previous_actions),
    Input("context_changes", _("Changes in external and internal issues and interested parties"), context_changes),
    Input("nonconformities", _("Nonconformities and corrective actions"), nonconformities),
    Input("monitoring", _("Monitoring and measurement results"), monitoring),
    Input("audits", _("Audit results"), audit_results),
    Input("objectives", _("Fulfilment of the AI objectives"), objectives),
    Input("risks", _("Status of AI risks"), risks),
    Input("opportunities", _("Opportunities for improvement"), opportunities),
    Input("feedback", _("Feedback from interested parties"), feedback),
)
TITLES = {entry.key: entry.title for entry in INPUTS}


def since_of(review) -> datetime.datetime | None:
    """Changes are counted from the day the previous review was held (or planned, if it has no date)."""
    previous = review.previous
    if previous is None:
        return None
    day = previous.held_on or previous.planned_date
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def compile_inputs(review, *, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    since = since_of(review)
    snapshot = {}
    for entry in INPUTS:
        data = entry.compile(review, since, today)
        snapshot[entry.key] = {"available": True, **data}
    snapshot["_meta"] = {"since": since.date().isoformat() if since else None, "compiled_on": today.isoformat()}
    return snapshot


COUNT_LABELS = {
    "total": _("Total"),
    "open": _("Open"),
    "in_progress": _("In progress"),
    "done": _("Done"),
    "cancelled": _("Cancelled"),
    "overdue": _("Overdue"),
    "issues_new": _("Issues added"),
    "issues_changed": _("Issues changed"),
    "issues_total": _("Issues in all"),
    "parties_new": _("Interested parties added"),
    "parties_changed": _("Interested parties changed"),
    "parties_total": _("Interested parties in all"),
    "new": _("New since the previous review"),
    "closed_since": _("Closed since the previous review"),
    "major_open": _("Major, still open"),
    "by_status": _("By status"),
    "actions_open": _("Corrective actions open"),
    "actions_overdue": _("Corrective actions overdue"),
    "metrics": _("Active metrics"),
    "breach": _("In breach"),
    "warning": _("Warning"),
    "ok": _("OK"),
    "no_data": _("No data"),
    "audits": _("Audits reported"),
    "open_audits": _("Audits planned or in progress"),
    "findings": _("Findings"),
    "major": _("Major nonconformities"),
    "minor": _("Minor nonconformities"),
    "observation": _("Observations"),
    "opportunity": _("Opportunities for improvement"),
    "not_measured": _("Not measured"),
    "on_track": _("On track"),
    "at_risk": _("At risk"),
    "achieved": _("Achieved"),
    "missed": _("Missed"),
    "by_residual_level": _("By residual level"),
    "unaccepted_high": _("High or critical, not accepted"),
    "overdue_reviews": _("Reviews overdue"),
    "concerns": _("Concerns reported"),
    "concerns_new": _("Concerns since the previous review"),
    "concerns_open": _("Concerns still open"),
    "incidents": _("AI incidents"),
    "incidents_new": _("AI incidents since the previous review"),
}


def count_rows(counts: dict) -> list[tuple[str, str]]:
    """Counts of one input as (label, value) rows for display; nested counts are shown inline."""
    rows = []
    for key, value in (counts or {}).items():
        if isinstance(value, dict):
            value = ", ".join(f"{COUNT_LABELS.get(k, k)}: {v}" for k, v in value.items()) or "—"
        rows.append((str(COUNT_LABELS.get(key, key.replace("_", " "))), str(value)))
    return rows
