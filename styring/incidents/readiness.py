"""Readiness of the incident part of step 5: legal reporting clocks met, and closed incidents analysed."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .choices import IncidentStatus
from .models import Incident
from .selectors import overdue


@readiness.check(5)
def incident_readiness(organisation):
    incidents = Incident.objects.for_organisation(organisation)
    total = incidents.count()
    if not total:
        return None  # no incidents is not a gap; monitoring shows whether anything would be noticed
    url = reverse("incidents:incident-list", kwargs={"org": organisation.slug})
    late = list(overdue(incidents.select_related("organisation"), timezone.now()).order_by("reference"))
    unexplained = incidents.filter(status=IncidentStatus.CLOSED, root_cause="").count()
    gaps = [
        readiness.Gap(
            _("%(incident)s has passed a reporting deadline with no notification recorded.") % {"incident": incident},
            incident.get_absolute_url(),
        )
        for incident in late
    ]
    if unexplained:
        gaps.append(readiness.Gap(_("%(n)s closed incidents have no root cause.") % {"n": unexplained}, url))
    parts = [0.0 if late else 1.0, 1.0 - readiness.ratio(unexplained, total)]
    return readiness.Finding(_("AI incidents"), sum(parts) / len(parts), 2, tuple(gaps))
