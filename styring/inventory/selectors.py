from __future__ import annotations

from django.db.models import Count

from .choices import AiActClass
from .models import AIModel, AISystem, Dataset, Supplier


def aisystems_of(organisation):
    return AISystem.objects.for_organisation(organisation).select_related("owner__user", "organisation")


def inventory_summary(organisation) -> dict:
    """Counts for the dashboard: total, by EU AI Act class, and how many still lack an assessment (one query)."""
    rows = AISystem.objects.for_organisation(organisation).values("ai_act_class").annotate(n=Count("id"))
    by_class = {row["ai_act_class"]: row["n"] for row in rows}
    return {
        "total": sum(by_class.values()),
        "high_risk": by_class.get(AiActClass.HIGH_RISK, 0),
        "not_assessed": by_class.get(AiActClass.NOT_ASSESSED, 0),
    }


def suppliers_of(organisation):
    return Supplier.objects.for_organisation(organisation).select_related("owner__user", "organisation")


def aimodels_of(organisation):
    return AIModel.objects.for_organisation(organisation).select_related("owner__user", "supplier", "organisation")


def datasets_of(organisation):
    return Dataset.objects.for_organisation(organisation).select_related("owner__user", "supplier", "organisation")
