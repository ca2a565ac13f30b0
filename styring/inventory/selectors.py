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


def portfolio(organisation) -> dict:
    """Counts and watch-lists for the inventory dashboard, in a fixed number of queries."""
    from django.utils import timezone

    from .choices import AiActClass, LifecycleStage, Sourcing

    systems = AISystem.objects.for_organisation(organisation)

    def counted(field, choices):
        counts = dict(systems.values_list(field).annotate(n=Count("id")).values_list(field, "n"))
        return [(value, label, counts.get(value, 0)) for value, label in choices]

    by_owner = (
        systems.values("owner__user__full_name", "owner__user__email").annotate(n=Count("id")).order_by("-n")[:10]
    )
    by_supplier = (
        Supplier.objects.for_organisation(organisation).annotate(n=Count("systems")).filter(n__gt=0).order_by("-n")[:10]
    )
    today = timezone.localdate()
    return {
        "total": systems.count(),
        "by_class": counted("ai_act_class", AiActClass.choices),
        "by_stage": counted("lifecycle_stage", LifecycleStage.choices),
        "by_sourcing": counted("sourcing", Sourcing.choices),
        "by_owner": list(by_owner),
        "by_supplier": list(by_supplier),
        "overdue": list(
            systems.filter(review_date__lt=today)
            .exclude(lifecycle_stage="decommissioned")
            .select_related("organisation")
            .order_by("review_date")[:50]
        ),
        "unassessed": list(
            systems.filter(ai_act_class=AiActClass.NOT_ASSESSED).select_related("organisation").order_by("name")[:50]
        ),
        "today": today,
        "reassess": _systems_needing_reassessment(organisation),
    }


def _systems_needing_reassessment(organisation):
    from styring.regulation.selectors import systems_needing_reassessment

    return systems_needing_reassessment(organisation)
