"""Readiness of the monitoring part of step 5: metrics defined, measured as often as planned, and within their
thresholds."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .choices import Frequency, MetricStatus
from .selectors import metrics_of

# How old the newest value may be before a metric counts as not measured as planned (a margin over the frequency).
STALE_AFTER = {
    Frequency.CONTINUOUS: datetime.timedelta(days=2),
    Frequency.DAILY: datetime.timedelta(days=2),
    Frequency.WEEKLY: datetime.timedelta(days=10),
    Frequency.MONTHLY: datetime.timedelta(days=40),
    Frequency.QUARTERLY: datetime.timedelta(days=100),
    Frequency.YEARLY: datetime.timedelta(days=380),
}


def is_stale(metric, now: datetime.datetime) -> bool:
    """No value yet, or the newest is older than the metric's frequency allows (ad-hoc metrics never go stale)."""
    if metric.latest_at is None:
        return True
    limit = STALE_AFTER.get(metric.frequency)
    return limit is not None and now - metric.latest_at > limit


@readiness.check(5)
def monitoring_readiness(organisation):
    now = timezone.now()
    url = reverse("operations:metric-list", kwargs={"org": organisation.slug})
    metrics = list(metrics_of(organisation).filter(active=True))
    if not metrics:
        return readiness.Finding(
            _("Monitoring"), 0.0, 2, (readiness.Gap(_("No monitoring metrics are defined yet."), url),)
        )
    stale = [metric for metric in metrics if is_stale(metric, now)]
    breached = [metric for metric in metrics if metric.status_of(metric.latest_value) == MetricStatus.BREACH]
    gaps = []
    if stale:
        gaps.append(readiness.Gap(
            _("%(n)s metrics have not been measured as often as planned.") % {"n": len(stale)}, url
        ))  # fmt: skip
    gaps.extend(
        readiness.Gap(_("%(metric)s is beyond its breach threshold.") % {"metric": metric}, metric.get_absolute_url())
        for metric in breached
    )
    healthy = sum(metric not in stale and metric not in breached for metric in metrics)
    return readiness.Finding(_("Monitoring"), readiness.ratio(healthy, len(metrics)), 2, tuple(gaps))
