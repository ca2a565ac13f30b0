"""The EU AI Act timeline for an organisation: the application dates from the catalog (so an amendment is a data
change) and, for each, the organisation's AI systems it concerns according to their recorded class."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from styring.catalog.models import RegulatoryDate
from styring.inventory.models import AISystem

EU_AI_ACT = "eu-ai-act:2024-1689"

# Which recorded EU AI Act classes each dated milestone concerns (keys of the catalog file's `dates:`).
# AI literacy (Art. 4) concerns every organisation that provides or deploys AI, hence every system in scope.
CLASSES_BY_DATE = {
    "prohibitions-and-ai-literacy-apply": {"prohibited", "high_risk", "transparency", "minimal", "not_assessed"},
    "new-prohibitions-apply": {"prohibited", "not_assessed"},
    "general-application": {"transparency", "high_risk", "not_assessed"},
    "synthetic-content-marking-legacy": {"transparency"},
    "high-risk-annex-iii-apply": {"high_risk"},
    "high-risk-annex-i-apply": {"high_risk"},
}


@dataclass
class Milestone:
    date: RegulatoryDate
    systems: list[AISystem] = field(default_factory=list)

    @property
    def is_past(self) -> bool:
        return self.date.date <= timezone.localdate()


def timeline(organisation) -> list[Milestone]:
    dates = list(RegulatoryDate.objects.filter(version__key=EU_AI_ACT).order_by("date", "key"))
    systems = list(
        AISystem.objects.for_organisation(organisation)
        .exclude(lifecycle_stage="decommissioned")
        .exclude(ai_act_class="out_of_scope")
        .select_related("organisation")
        .order_by("name")
    )
    milestones = []
    for entry in dates:
        classes = CLASSES_BY_DATE.get(entry.key.rsplit(":", 1)[-1], set())
        milestones.append(Milestone(entry, [system for system in systems if system.ai_act_class in classes]))
    return milestones
