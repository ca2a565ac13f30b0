from django.utils.translation import gettext as _

from .permissions import Perm
from .readiness import overall, readiness
from .views import OrganisationPage


class ReadinessView(OrganisationPage):
    """Every step's score and every gap, each linking to where it is fixed."""

    permission_required = Perm.ORGANISATION_VIEW
    template_name = "core/readiness.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        steps = readiness(self.organisation)
        context.update(title=_("Readiness for certification"), steps=steps, overall=overall(steps))
        return context
