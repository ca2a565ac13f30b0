"""Readiness of competence in step 3: the holders of AI roles have the competences their roles require."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .selectors import gap_matrix


@readiness.check(3)
def competence_readiness(organisation):
    rows = gap_matrix(organisation, today=timezone.localdate())
    cells = [cell for row in rows for holder in row.holders for cell in holder.cells]
    if not cells:  # no role requires a competence yet: nothing to measure
        return None
    gaps = [cell for cell in cells if cell.is_gap]
    found = ()
    if gaps:
        found = (readiness.Gap(
            _("%(n)s competence gaps among the holders of AI roles.") % {"n": len(gaps)},
            reverse("competence:overview", kwargs={"org": organisation.slug}),
        ),)  # fmt: skip
    return readiness.Finding(_("Competence"), readiness.ratio(len(cells) - len(gaps), len(cells)), 1, found)
