"""Readiness of step 7: nonconformities worked through (contained, analysed, actions on time) and closed only after
an effectiveness check; improvements recorded."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .choices import OPEN_ACTION_STATUSES, NonconformityStatus
from .models import CorrectiveAction, Improvement, Nonconformity

ACTIVE = (
    NonconformityStatus.OPEN,
    NonconformityStatus.CONTAINED,
    NonconformityStatus.ANALYSED,
    NonconformityStatus.ACTION_PLANNED,
    NonconformityStatus.VERIFYING,
)


@readiness.check(7)
def nonconformity_readiness(organisation):
    today = timezone.localdate()
    url = reverse("improvement:nonconformity-list", kwargs={"org": organisation.slug})
    counts = Nonconformity.objects.for_organisation(organisation).aggregate(
        total=Count("id", filter=~Q(status=NonconformityStatus.CANCELLED)),
        active=Count("id", filter=Q(status__in=ACTIVE)),
        unanalysed=Count("id", filter=Q(status__in=ACTIVE, root_cause="")),
    )
    overdue = (
        CorrectiveAction.objects.for_organisation(organisation)
        .filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)
        .count()
    )
    improvements = Improvement.objects.for_organisation(organisation).count()
    if not counts["total"] and not improvements:
        return None  # nothing raised yet: step 6 shows whether the audits that would raise them happen
    gaps = []
    if overdue:
        gaps.append(readiness.Gap(_("%(n)s corrective actions are overdue.") % {"n": overdue}, url))
    if counts["unanalysed"]:
        gaps.append(readiness.Gap(
            _("%(n)s open nonconformities have no root cause yet.") % {"n": counts["unanalysed"]}, url
        ))  # fmt: skip
    parts = [
        1.0 - readiness.ratio(counts["unanalysed"], counts["active"]) if counts["active"] else 1.0,
        0.0 if overdue else 1.0,
    ]
    return readiness.Finding(_("Nonconformities and corrective actions"), sum(parts) / len(parts), 2, tuple(gaps))
