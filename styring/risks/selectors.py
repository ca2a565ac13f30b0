"""Reads of risks and opportunities, with query counts that do not grow with the number of rows."""

from __future__ import annotations

from django.db.models import Count

from .method import default_method
from .models import Opportunity, Risk, RiskMethod


def current_method(organisation) -> RiskMethod:
    """The current method, or the (unsaved) default an organisation starts with."""
    method = RiskMethod.objects.for_organisation(organisation).filter(is_current=True).first()
    if method is None:
        method = RiskMethod(organisation=organisation, number=0, **default_method())
    return method


def methods_of(organisation):
    return RiskMethod.objects.for_organisation(organisation).order_by("-number")


def risks_of(organisation):
    return Risk.objects.for_organisation(organisation).select_related(
        "organisation", "method", "system", "owner__user", "risk_source", "accepted_by"
    )


def opportunities_of(organisation):
    return Opportunity.objects.for_organisation(organisation).select_related("organisation", "system", "owner__user")


def heatmap_counts(risks, stage: str) -> dict[tuple[int, int], int]:
    """Risks per (likelihood, impact) cell of the given stage ("inherent" or "residual"), in one query."""
    likelihood, impact = f"{stage}_likelihood", f"{stage}_impact"
    rows = (
        risks.order_by()
        .filter(**{f"{likelihood}__isnull": False, f"{impact}__isnull": False})
        .values(likelihood, impact)
        .annotate(n=Count("id"))
    )
    return {(row[likelihood], row[impact]): row["n"] for row in rows}
