"""Reporting-clock reminders: a task for the incident's owner per open clock, and for the organisation's owners and
administrators when less than 24 hours are left or the deadline has passed."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.audit import object_type_of
from styring.core.roles import Role
from styring.organisations.models import Membership
from styring.tasks.jobs import register
from styring.tasks.models import Task
from styring.tasks.services import task_create

from .choices import OPEN_STATUSES
from .display import clock_text
from .models import Incident


def _candidates():
    return (
        Incident.objects.filter(status__in=OPEN_STATUSES)
        .filter(Q(ai_act_due_at__isnull=False) | Q(gdpr_due_at__isnull=False) | Q(high_risk_to_individuals=True))
        .select_related("organisation", "owner__user", "system")
        .prefetch_related("notifications")
    )


@register("incident-clock-reminders")
def clock_reminders(now=None) -> str:
    """Create the missing reminder tasks; a task already made for the same clock and person (in any status) is not
    made again, so running the job twice changes nothing."""
    now = now or timezone.now()
    by_organisation: dict = {}
    for incident in _candidates():
        by_organisation.setdefault(incident.organisation, []).append(incident)
    created = 0
    subject_type = object_type_of(Incident)
    for organisation, incidents in by_organisation.items():
        existing = set(
            Task.objects.for_organisation(organisation)
            .filter(subject_type=subject_type, subject_id__in=[str(incident.public_id) for incident in incidents])
            .values_list("subject_id", "title", "owner_id")
        )
        leaders = None
        with transaction.atomic():
            for incident in incidents:
                tz = incident.tz
                for clock in incident.open_clocks(now):
                    due_date = timezone.localtime(clock.due_at, tz).date() if clock.due_at else None
                    wanted = [
                        (_("%(ref)s: %(clock)s") % {"ref": incident.reference, "clock": clock.label}, incident.owner)
                    ]
                    if clock.is_urgent:
                        if leaders is None:
                            leaders = list(
                                Membership.objects.for_organisation(organisation).filter(
                                    role__in=(Role.OWNER, Role.ADMIN)
                                )
                            )
                        title = _("Escalated — %(ref)s: %(clock)s") % {"ref": incident.reference, "clock": clock.label}
                        wanted += [(title, leader) for leader in leaders]
                    for title, owner in wanted:
                        title = title[:300]
                        key = (str(incident.public_id), title, owner.pk if owner else None)
                        if key in existing:
                            continue
                        task_create(
                            organisation=organisation,
                            actor=None,
                            title=title,
                            owner=owner,
                            due_date=due_date,
                            description=f"{clock_text(clock, tz)}\n{clock.rule.reason} ({clock.rule.source})",
                            subject=incident,
                            subject_url=incident.get_absolute_url(),
                        )
                        existing.add(key)
                        created += 1
    return f"{created} incident clock task(s) created"
