from django.utils.translation import gettext_lazy as _

from styring.core.permissions import Perm
from styring.core.views import OrganisationPage

from .timeline import timeline


class OverviewView(OrganisationPage):
    """EU AI Act: when which obligations apply, and to which of the organisation's AI systems."""

    permission_required = Perm.INVENTORY_VIEW
    template_name = "regulation/overview.html"
    section = "regulation:overview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("EU AI Act timeline"), milestones=timeline(self.organisation))
        return context
