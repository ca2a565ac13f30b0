"""Recording EU AI Act assessments: the assessment, the system's class and its roles change in one transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.services import tenant_create, tenant_delete
from styring.inventory.choices import AiActClass
from styring.inventory.services import aisystem_update

from . import engine
from .models import REASSESS_ON, Assessment
from .rules import load_rules
from .selectors import catalog_dates


def assessment_record(
    *,
    system,
    actor,
    answers: dict,
    outcome: dict,
    ai_act_class: str,
    rules_version: str,
    fria_required: bool = False,
    note: str = "",
    roles: list[str] | None = None,
) -> Assessment:
    """Store a completed assessment; the system takes its class (and its roles, when given) from it. The snapshot
    the re-assessment prompt compares against is taken after that update."""
    with transaction.atomic():
        changes = {}
        if system.ai_act_class != ai_act_class:
            changes["ai_act_class"] = ai_act_class
        if roles is not None and sorted(system.ai_act_roles) != sorted(roles):
            changes["ai_act_roles"] = roles
        if changes:
            system = aisystem_update(
                system=system,
                actor=actor,
                reason=_("EU AI Act assessment of %(date)s") % {"date": timezone.localdate()},
                **changes,
            )
        assessment = tenant_create(
            instance=Assessment(
                organisation=system.organisation,
                system=system,
                answers=answers,
                outcome=outcome,
                ai_act_class=ai_act_class,
                fria_required=fria_required,
                rules_version=rules_version,
                assessor=actor,
                assessed_at=timezone.now(),
                note=note,
                system_snapshot={name: getattr(system, name) for name in REASSESS_ON},
            ),
            actor=actor,
        )
    return assessment


def _roles_after(evaluation: engine.Evaluation) -> list[str] | None:
    """The roles the organisation holds once Art. 25 is applied (a deployer that rebrands becomes provider)."""
    declared = evaluation.answers.get("roles")
    if declared is None:
        return None  # out of scope before the role question: keep what the inventory says
    roles = list(declared)
    if evaluation.facts.get("role_provider") and "provider" not in roles:
        roles.insert(0, "provider")
    return roles


def assessment_from_answers(*, system, actor, answers: dict, note: str = "") -> Assessment:
    """Evaluate the questionnaire and store the result; an incomplete or invalid questionnaire stores nothing."""
    rules = load_rules()
    evaluation = engine.evaluate(answers, rules)
    if not evaluation.complete:
        errors = dict(evaluation.errors)
        for key in evaluation.missing:
            errors.setdefault(key, _("Answer this question."))
        raise ValidationError({key: [message] for key, message in errors.items()})
    return assessment_record(
        system=system,
        actor=actor,
        answers=evaluation.answers,
        outcome=engine.outcome(evaluation, catalog_dates(rules.framework)),
        ai_act_class=evaluation.ai_act_class,
        rules_version=rules.version,
        fria_required=evaluation.fria_required,
        note=note,
        roles=_roles_after(evaluation),
    )


def assessment_delete(*, assessment: Assessment, actor, reason: str = "", expected_version: int | None = None) -> None:
    """Remove an assessment made in error. The system's class falls back to its previous assessment's (or to "not
    assessed"), so the inventory never shows a class no stored assessment supports."""
    with transaction.atomic():
        system = assessment.system
        tenant_delete(instance=assessment, actor=actor, reason=reason, expected_version=expected_version)
        previous = latest_assessment(system)
        fallback = previous.ai_act_class if previous else AiActClass.NOT_ASSESSED
        if system.ai_act_class != fallback:
            aisystem_update(
                system=system,
                actor=actor,
                ai_act_class=fallback,
                reason=_("EU AI Act assessment of %(date)s deleted") % {"date": assessment.assessed_at.date()},
            )


def latest_assessment(system) -> Assessment | None:
    return Assessment.objects.for_organisation(system.organisation).filter(system=system).first()
