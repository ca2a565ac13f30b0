"""Readiness of the governance part of step 3: AI roles that someone holds, objectives that are measured and on
course, and a communication plan that is kept."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .choices import ObjectiveStatus
from .objectives import status_of
from .selectors import communication_items_of, objectives_of, roles_with_holders


def _url(organisation, name: str) -> str:
    return reverse(f"governance:{name}", kwargs={"org": organisation.slug})


@readiness.check(3)
def roles_readiness(organisation):
    roles = list(roles_with_holders(organisation))
    url = _url(organisation, "airole-list")
    if not roles:
        return readiness.Finding(_("AI roles"), 0.0, 2, (readiness.Gap(_("No AI roles are defined yet."), url),))
    vacant = [role for role in roles if not role.current]
    gaps = tuple(readiness.Gap(_("Nobody holds the role “%(role)s”.") % {"role": role.name}, url) for role in vacant)
    return readiness.Finding(_("AI roles"), 1.0 - readiness.ratio(len(vacant), len(roles)), 2, gaps)


@readiness.check(3)
def objectives_readiness(organisation):
    today = timezone.localdate()
    url = _url(organisation, "objective-list")
    objectives = list(objectives_of(organisation))
    if not objectives:
        return readiness.Finding(_("AI objectives"), 0.0, 2, (readiness.Gap(_("No AI objectives are set yet."), url),))
    statuses = [status_of(objective, today) for objective in objectives]
    good = sum(status in (ObjectiveStatus.ON_TRACK, ObjectiveStatus.ACHIEVED) for status in statuses)
    messages = {
        ObjectiveStatus.NOT_MEASURED: _("%(n)s AI objectives have no measurement yet."),
        ObjectiveStatus.AT_RISK: _("%(n)s AI objectives are at risk."),
        ObjectiveStatus.MISSED: _("%(n)s AI objectives were missed."),
    }
    gaps = tuple(
        readiness.Gap(text % {"n": statuses.count(status)}, url)
        for status, text in messages.items()
        if statuses.count(status)
    )
    return readiness.Finding(_("AI objectives"), readiness.ratio(good, len(objectives)), 2, gaps)


@readiness.check(3)
def communication_readiness(organisation):
    today = timezone.localdate()
    url = _url(organisation, "communicationitem-list")
    items = communication_items_of(organisation)
    total = items.count()
    if not total:
        return readiness.Finding(
            _("Communication plan"), 0.0, 1, (readiness.Gap(_("No communication plan is recorded yet."), url),)
        )
    overdue = items.filter(next_due_on__lt=today).count()
    gaps = ()
    if overdue:
        gaps = (readiness.Gap(_("%(n)s planned communications are overdue.") % {"n": overdue}, url),)
    return readiness.Finding(_("Communication plan"), 1.0 - readiness.ratio(overdue, total), 1, gaps)
