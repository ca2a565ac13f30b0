"""Recording EU AI Act assessments: the assessment and the system's class change in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.services import tenant_create
from styring.inventory.services import aisystem_update

from .models import REASSESS_ON, Assessment


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
) -> Assessment:
    """Store a completed assessment and set the system's EU AI Act class from it."""
    with transaction.atomic():
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
        if system.ai_act_class != ai_act_class:
            aisystem_update(
                system=system,
                actor=actor,
                ai_act_class=ai_act_class,
                reason=_("EU AI Act assessment of %(date)s") % {"date": timezone.localdate()},
            )
    return assessment


def latest_assessment(system) -> Assessment | None:
    return Assessment.objects.for_organisation(system.organisation).filter(system=system).first()
