"""Readiness of the risk side of step 4: a risk method, assessed and treated risks, residual risks above the
acceptance level accepted by management, reviews on time, impact assessments approved for high-risk systems."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness
from styring.inventory.choices import AiActClass, Criticality
from styring.inventory.models import AISystem

from .choices import ImpactStatus, RiskStatus
from .method import LEVEL_KEYS
from .models import ImpactAssessment, Risk, RiskMethod


@readiness.check(4)
def risk_readiness(organisation):
    url = reverse("risks:risk-list", kwargs={"org": organisation.slug})
    method = RiskMethod.objects.for_organisation(organisation).filter(is_current=True).first()
    if method is None:
        return readiness.Finding(_("AI risks"), 0.0, 3, (readiness.Gap(_("No risk method and no risks yet."), url),))
    above = [level for level in LEVEL_KEYS if method.rank(level) > method.rank(method.acceptance_level)]
    counts = (
        Risk.objects.for_organisation(organisation)
        .exclude(status=RiskStatus.CLOSED)
        .aggregate(
            total=Count("id"),
            rated=Count("id", filter=~Q(inherent_level="")),
            untreated=Count("id", filter=Q(inherent_level__in=above, treatment_option="")),
            unaccepted=Count("id", filter=Q(residual_level__in=above, accepted_at__isnull=True)),
            above=Count("id", filter=Q(residual_level__in=above)),
            overdue=Count("id", filter=Q(review_date__lt=timezone.localdate())),
        )
    )
    total, gaps = counts["total"], []
    if not total:
        gaps.append(readiness.Gap(_("No AI risks recorded yet."), url))
    if total - counts["rated"]:
        gaps.append(readiness.Gap(_("%(n)s risks are not rated yet.") % {"n": total - counts["rated"]}, url))
    if counts["untreated"]:
        gaps.append(readiness.Gap(
            _("%(n)s risks above the acceptance level have no treatment.") % {"n": counts["untreated"]}, url
        ))  # fmt: skip
    if counts["unaccepted"]:
        gaps.append(readiness.Gap(
            _("%(n)s residual risks above the acceptance level are not accepted by management.")
            % {"n": counts["unaccepted"]},
            url,
        ))  # fmt: skip
    if counts["overdue"]:
        gaps.append(readiness.Gap(_("%(n)s risks are overdue for review.") % {"n": counts["overdue"]}, url))
    parts = [
        readiness.ratio(counts["rated"], total),
        readiness.ratio(total - counts["untreated"], total),
        1.0 - readiness.ratio(counts["unaccepted"], counts["above"]) if total else 0.0,
        readiness.ratio(total - counts["overdue"], total),
    ]
    return readiness.Finding(_("AI risks"), sum(parts) / len(parts), 3, tuple(gaps))


@readiness.check(4)
def impact_assessment_readiness(organisation):
    """Every high-risk system (EU AI Act) or highly critical system has an approved impact assessment."""
    systems = AISystem.objects.for_organisation(organisation).filter(
        Q(ai_act_class=AiActClass.HIGH_RISK) | Q(criticality__in=(Criticality.HIGH, Criticality.CRITICAL))
    )
    total = systems.count()
    if not total:
        return None
    covered = (
        ImpactAssessment.objects.for_organisation(organisation)
        .filter(system__in=systems, status=ImpactStatus.APPROVED)
        .values("system")
        .distinct()
        .count()
    )
    gaps = ()
    if total - covered:
        gaps = (readiness.Gap(
            _("%(n)s high-risk or critical AI systems have no approved impact assessment.") % {"n": total - covered},
            reverse("risks:impact-list", kwargs={"org": organisation.slug}),
        ),)  # fmt: skip
    return readiness.Finding(_("Impact assessments"), readiness.ratio(covered, total), 2, gaps)
