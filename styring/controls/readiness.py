"""Readiness of step 2 (gap analysis) and the control side of step 4: the SoA approved and free of warnings,
applied controls implemented, evidence current."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from . import soa
from .choices import GapStatus, ImplementationStatus, SoAStatus
from .models import AppliedControl, Evidence, GapAnswer, SoAVersion
from .selectors import gap_summary


@readiness.check(2)
def gap_analysis_readiness(organisation):
    summary = gap_summary(organisation)
    if summary is None:  # no catalog loaded: nothing to measure against
        return None
    url = reverse("controls:gap-version", kwargs={"org": organisation.slug, "version": summary["version"].key})
    overdue = (
        GapAnswer.objects.for_organisation(organisation)
        .filter(target_date__lt=timezone.localdate())
        .exclude(status__in=(GapStatus.FULLY, GapStatus.NOT_APPLICABLE))
        .count()
    )
    unanswered = summary["total"] - summary["answered"]
    gaps = []
    if unanswered:
        gaps.append(readiness.Gap(_("%(n)s requirements not assessed yet.") % {"n": unanswered}, url))
    if summary["open"]:
        gaps.append(readiness.Gap(_("%(n)s open gaps.") % {"n": summary["open"]}, url))
    if overdue:
        gaps.append(readiness.Gap(_("%(n)s gaps are past their target date.") % {"n": overdue}, url))
    assessed = readiness.ratio(summary["answered"], summary["total"])
    achieved = (assessed + 2 * summary["percent"] / 100) / 3 * (0.9 if overdue else 1.0)
    return readiness.Finding(title=_("Gap analysis"), achieved=achieved, weight=3, gaps=tuple(gaps))


@readiness.check(4)
def soa_readiness(organisation):
    url = reverse("controls:soa", kwargs={"org": organisation.slug})
    versions = SoAVersion.objects.for_organisation(organisation)
    approved = versions.filter(status=SoAStatus.APPROVED).exists()
    latest = versions.order_by("-number").first()
    if latest is None:
        return readiness.Finding(
            _("Statement of Applicability"), 0.0, 3, (readiness.Gap(_("No Statement of Applicability yet."), url),)
        )
    rows = soa.rows_with_warnings(latest)
    attention = sum(1 for row in rows if row.warnings)
    gaps = []
    if not approved:
        gaps.append(readiness.Gap(_("The Statement of Applicability has no approved version."), url))
    if attention:
        gaps.append(readiness.Gap(
            _("%(n)s controls in the Statement of Applicability need attention.") % {"n": attention}, url
        ))  # fmt: skip
    achieved = (2 * (1.0 if approved else 0.0) + readiness.ratio(len(rows) - attention, len(rows))) / 3
    return readiness.Finding(_("Statement of Applicability"), achieved, 3, tuple(gaps))


@readiness.check(4)
def controls_and_evidence_readiness(organisation):
    slug = organisation.slug
    controls = AppliedControl.objects.for_organisation(organisation).exclude(
        implementation_status=ImplementationStatus.RETIRED
    ).aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(implementation_status=ImplementationStatus.IMPLEMENTED)),
    )  # fmt: skip
    evidence = Evidence.objects.for_organisation(organisation).aggregate(
        total=Count("id"), expired=Count("id", filter=Q(valid_until__lt=timezone.localdate()))
    )
    gaps = []
    controls_url = reverse("controls:appliedcontrol-list", kwargs={"org": slug})
    evidence_url = reverse("controls:evidence-list", kwargs={"org": slug})
    if not controls["total"]:
        gaps.append(readiness.Gap(_("No applied controls recorded yet."), controls_url))
    elif controls["total"] - controls["done"]:
        gaps.append(readiness.Gap(
            _("%(n)s applied controls are not fully implemented.") % {"n": controls["total"] - controls["done"]},
            controls_url,
        ))  # fmt: skip
    if not evidence["total"]:
        gaps.append(readiness.Gap(_("No evidence collected yet."), evidence_url))
    if evidence["expired"]:
        gaps.append(readiness.Gap(
            _("%(n)s pieces of evidence have expired.") % {"n": evidence["expired"]}, f"{evidence_url}?expired=true"
        ))  # fmt: skip
    achieved = (
        readiness.ratio(controls["done"], controls["total"])
        + readiness.ratio(evidence["total"] - evidence["expired"], evidence["total"])
    ) / 2
    return readiness.Finding(_("Applied controls and evidence"), achieved, 2, tuple(gaps))
