"""Readiness of the context part of step 3: an approved scope that places every AI system, issues and interested
parties recorded."""

from django.urls import reverse
from django.utils.translation import gettext as _

from styring.core import readiness

from .choices import ScopeStatus
from .scope import unplaced_systems, versions_of
from .selectors import context_counts


@readiness.check(3)
def context_readiness(organisation):
    slug = organisation.slug
    overview = reverse("context:overview", kwargs={"org": slug})
    approved = versions_of(organisation).filter(status=ScopeStatus.APPROVED).first()
    unplaced = unplaced_systems(approved, organisation).count() if approved else 0
    counts = context_counts(organisation)
    gaps = []
    if approved is None:
        gaps.append(readiness.Gap(_("The AIMS scope is not approved yet."), overview))
    elif unplaced:
        gaps.append(readiness.Gap(
            _("%(n)s AI systems are not placed in or out of the approved scope.") % {"n": unplaced}, overview
        ))  # fmt: skip
    if not counts["issues"]:
        gaps.append(readiness.Gap(
            _("No internal or external issues recorded."), reverse("context:contextissue-list", kwargs={"org": slug})
        ))  # fmt: skip
    if not counts["parties"]:
        gaps.append(readiness.Gap(
            _("No interested parties recorded."), reverse("context:interestedparty-list", kwargs={"org": slug})
        ))  # fmt: skip
    parts = [
        (1.0 if approved else 0.0, 3),
        (1.0 if approved and not unplaced else 0.0, 1),
        (1.0 if counts["issues"] else 0.0, 1),
        (1.0 if counts["parties"] else 0.0, 1),
    ]
    achieved = sum(value * weight for value, weight in parts) / sum(weight for _value, weight in parts)
    return readiness.Finding(_("Context and scope"), achieved, 3, tuple(gaps))
