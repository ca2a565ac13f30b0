from __future__ import annotations

from .models import Assessment


def assessment_status(system) -> dict:
    """The latest assessment of a system and which of its fields changed since (prompting a re-assessment)."""
    latest = (
        Assessment.objects.for_organisation(system.organisation)
        .filter(system=system)
        .select_related("assessor")
        .first()
    )
    if latest is None:
        return {"latest": None, "changed": []}
    return {"latest": latest, "changed": latest.changed_since(system)}


def systems_needing_reassessment(organisation) -> list:
    """Systems whose purpose, roles or lifecycle stage changed after their latest assessment (two queries)."""
    from styring.inventory.models import AISystem

    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.for_organisation(organisation).order_by("system_id", "-assessed_at", "-id"):
        latest.setdefault(assessment.system_id, assessment)
    systems = AISystem.objects.for_organisation(organisation).filter(pk__in=latest).select_related("organisation")
    return [system for system in systems if latest[system.pk].changed_since(system)]
