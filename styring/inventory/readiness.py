"""Readiness of step 1 (map AI use): systems recorded, owned, assessed under the EU AI Act, reviewed, and the
discovery queue worked through."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .choices import AiActClass, CandidateStatus
from .models import AISystem, Candidate


@readiness.check(1)
def inventory_readiness(organisation):
    today = timezone.localdate()
    counts = AISystem.objects.for_organisation(organisation).aggregate(
        total=Count("id"),
        assessed=Count("id", filter=~Q(ai_act_class=AiActClass.NOT_ASSESSED)),
        owned=Count("id", filter=Q(owner__isnull=False)),
        overdue=Count("id", filter=Q(review_date__lt=today)),
    )
    pending = Candidate.objects.for_organisation(organisation).filter(status=CandidateStatus.PENDING).count()
    slug = organisation.slug
    systems = reverse("inventory:aisystem-list", kwargs={"org": slug})
    total = counts["total"]
    gaps = []
    if not total:
        gaps.append(readiness.Gap(_("No AI systems recorded yet."), systems))
    if total - counts["assessed"]:
        gaps.append(readiness.Gap(
            _("%(n)s AI systems not yet assessed under the EU AI Act.") % {"n": total - counts["assessed"]},
            f"{systems}?ai_act_class={AiActClass.NOT_ASSESSED}",
        ))  # fmt: skip
    if total - counts["owned"]:
        gaps.append(readiness.Gap(_("%(n)s AI systems have no owner.") % {"n": total - counts["owned"]}, systems))
    if counts["overdue"]:
        gaps.append(readiness.Gap(
            _("%(n)s AI systems are overdue for review.") % {"n": counts["overdue"]},
            reverse("inventory:portfolio", kwargs={"org": slug}),
        ))  # fmt: skip
    if pending:
        gaps.append(readiness.Gap(
            _("%(n)s discovered items wait for review.") % {"n": pending},
            reverse("inventory:candidate-list", kwargs={"org": slug}),
        ))  # fmt: skip
    parts = [
        (1.0 if total else 0.0, 2),
        (readiness.ratio(counts["assessed"], total), 2),
        (readiness.ratio(counts["owned"], total), 1),
        (readiness.ratio(total - counts["overdue"], total), 1),
        (0.0 if pending else 1.0, 1),
    ]
    achieved = sum(value * weight for value, weight in parts) / sum(weight for _value, weight in parts)
    return readiness.Finding(
        title=_("AI inventory"),
        achieved=achieved if total else 0.0,  # an empty inventory is not ready, whatever else is true
        weight=3,
        gaps=tuple(gaps),
    )
