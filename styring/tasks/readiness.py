"""Overdue work lowers the readiness of step 7: surveillance audits look for actions done on time."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .models import OPEN_STATUSES, Task


@readiness.check(7)
def overdue_tasks_readiness(organisation):
    counts = Task.objects.for_organisation(organisation).aggregate(
        total=Count("id", filter=Q(due_date__isnull=False)),
        overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())),
    )
    if not counts["total"]:
        return None
    gaps = ()
    if counts["overdue"]:
        gaps = (readiness.Gap(
            _("%(n)s tasks are overdue.") % {"n": counts["overdue"]},
            reverse("tasks:task-list", kwargs={"org": organisation.slug}) + "?status=open",
        ),)  # fmt: skip
    return readiness.Finding(_("Actions on time"), 1.0 - readiness.ratio(counts["overdue"], counts["total"]), 2, gaps)
