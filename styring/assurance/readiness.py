"""Readiness of step 6: an approved audit programme for the current period, an internal audit reported and a
management review signed within the last twelve months, the next review planned, and review actions on time."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .choices import OPEN_ACTION_STATUSES, AuditStatus, ReviewStatus
from .models import Audit, AuditProgramme, ManagementReview, ReviewAction

YEAR = datetime.timedelta(days=366)


def _url(organisation, name: str) -> str:
    return reverse(f"assurance:{name}", kwargs={"org": organisation.slug})


@readiness.check(6)
def internal_audit_readiness(organisation):
    today = timezone.localdate()
    programme = (
        AuditProgramme.objects.for_organisation(organisation)
        .filter(approved_at__isnull=False, period_start__lte=today, period_end__gte=today)
        .exists()
    )
    reported = (
        Audit.objects.for_organisation(organisation)
        .filter(status__in=(AuditStatus.REPORTED, AuditStatus.CLOSED), reported_at__gte=timezone.now() - YEAR)
        .exists()
    )
    gaps = []
    if not programme:
        gaps.append(readiness.Gap(
            _("No approved audit programme covers today."), _url(organisation, "auditprogramme-list")
        ))  # fmt: skip
    if not reported:
        gaps.append(readiness.Gap(
            _("No internal audit has been reported in the last twelve months."), _url(organisation, "audit-list")
        ))  # fmt: skip
    achieved = (1.0 * programme + 2.0 * reported) / 3
    return readiness.Finding(_("Internal audit"), achieved, 3, tuple(gaps))


@readiness.check(6)
def management_review_readiness(organisation):
    today = timezone.localdate()
    url = _url(organisation, "review-list")
    reviews = ManagementReview.objects.for_organisation(organisation)
    counts = reviews.aggregate(
        total=Count("id"),
        signed=Count("id", filter=Q(status=ReviewStatus.SIGNED, held_on__gte=today - YEAR)),
        planned=Count("id", filter=Q(planned_date__gte=today) & ~Q(status=ReviewStatus.SIGNED)),
    )
    late_actions = (
        ReviewAction.objects.for_organisation(organisation)
        .filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)
        .count()
    )
    gaps = []
    if not counts["signed"]:
        gaps.append(readiness.Gap(_("No management review has been signed in the last twelve months."), url))
    if not counts["planned"]:
        gaps.append(readiness.Gap(_("The next management review is not planned."), url))
    if late_actions:
        gaps.append(readiness.Gap(_("%(n)s actions from management reviews are overdue.") % {"n": late_actions}, url))
    if not counts["total"]:
        return readiness.Finding(_("Management review"), 0.0, 3, tuple(gaps))
    parts = [(bool(counts["signed"]), 3), (bool(counts["planned"]), 1), (not late_actions, 1)]
    achieved = sum(value * weight for value, weight in parts) / sum(weight for _value, weight in parts)
    return readiness.Finding(_("Management review"), achieved, 3, tuple(gaps))
