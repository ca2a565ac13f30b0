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

    latest = latest_assessments(organisation)
    systems = AISystem.objects.for_organisation(organisation).filter(pk__in=latest).select_related("organisation")
    return [system for system in systems if latest[system.pk].changed_since(system)]


def catalog_dates(framework_version: str) -> dict:
    """The dated milestones of a framework version in the catalog, by their short key (one query)."""
    from styring.catalog.models import RegulatoryDate

    prefix = f"{framework_version}:"
    return {
        entry.key.removeprefix(prefix): entry.date
        for entry in RegulatoryDate.objects.filter(version__key=framework_version)
    }


def latest_assessments(organisation, systems=None) -> dict[int, Assessment]:
    """The newest assessment of each system of the organisation (or of the given systems), by system id."""
    queryset = Assessment.objects.for_organisation(organisation).order_by("system_id", "-assessed_at", "-id")
    if systems is not None:
        queryset = queryset.filter(system__in=systems)
    latest: dict[int, Assessment] = {}
    for assessment in queryset.defer("answers"):
        latest.setdefault(assessment.system_id, assessment)
    return latest


def ai_act_tab(system) -> dict:
    """What the EU AI Act tab of a system shows: its assessments (newest first) and the latest outcome."""
    from .display import role_labels, with_links
    from .engine import localize_outcome
    from .rules import load_rules

    assessments = list(
        Assessment.objects.for_organisation(system.organisation)
        .filter(system=system)
        .select_related("assessor", "organisation")[:50]
    )
    latest_outcome = None
    if assessments:
        rules = load_rules()
        outcome = localize_outcome(assessments[0].outcome, rules)
        latest_outcome = {
            "obligations": with_links(outcome.get("obligations", []), system.organisation, rules.framework),
            "reasons": with_links(outcome.get("reasons", []), system.organisation, rules.framework),
        }
    return {"assessments": assessments, "latest_outcome": latest_outcome, "role_labels": role_labels}
