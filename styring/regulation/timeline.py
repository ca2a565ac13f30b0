"""The EU AI Act timeline for an organisation: the application dates from the catalog (so an amendment is a data
change) and, for each, what falls due for which AI system. Assessed systems show the obligations of their latest
assessment dated that day; systems without an assessment appear wherever their recorded class may be concerned."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from styring.catalog.models import RegulatoryDate
from styring.inventory.models import AISystem

from .engine import localize_outcome
from .rules import load_rules
from .selectors import latest_assessments

# Which recorded classes each dated milestone may concern, for systems that have no assessment yet.
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
class Concerned:
    system: AISystem
    obligations: list[dict] = field(default_factory=list)  # empty for a system without an assessment

    @property
    def assessed(self) -> bool:
        return bool(self.obligations)


@dataclass
class Milestone:
    date: RegulatoryDate
    systems: list[Concerned] = field(default_factory=list)

    @property
    def is_past(self) -> bool:
        return self.date.date <= timezone.localdate()


def timeline(organisation) -> list[Milestone]:
    """Three queries: dates, systems, latest assessments."""
    rules = load_rules()
    prefix = f"{rules.framework}:"
    dates = list(RegulatoryDate.objects.filter(version__key=rules.framework).order_by("date", "key"))
    systems = list(
        AISystem.objects.for_organisation(organisation)
        .exclude(lifecycle_stage="decommissioned")
        .exclude(ai_act_class="out_of_scope")
        .select_related("organisation")
        .order_by("name")
    )
    latest = latest_assessments(organisation, systems=systems)
    duties = {
        system_id: localize_outcome(assessment.outcome, rules).get("obligations", [])
        for system_id, assessment in latest.items()
    }
    milestones = []
    for entry in dates:
        key = entry.key.removeprefix(prefix)
        concerned = []
        for system in systems:
            if system.pk in latest:
                due = [item for item in duties[system.pk] if item.get("date_key") == key]
                if due:
                    concerned.append(Concerned(system, due))
            elif system.ai_act_class in CLASSES_BY_DATE.get(key, set()):
                concerned.append(Concerned(system))
        milestones.append(Milestone(entry, concerned))
    return milestones
