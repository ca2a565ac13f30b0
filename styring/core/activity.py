"""The organisation-wide activity page: the change log as a filterable, exportable list."""

from django.utils.translation import gettext_lazy as _

from .filtersets import ActivityFilterSet
from .permissions import Perm
from .selectors import activity_for
from .tables import ActivityTable
from .views import OrganisationListView


class ActivityView(OrganisationListView):
    permission_required = Perm.ACTIVITY_VIEW
    table_class = ActivityTable
    filterset_class = ActivityFilterSet
    title = _("Activity")
    export_name = "activity"
    empty_title = _("No activity matches")
    template_name = "core/activity.html"

    def get_queryset(self):
        return activity_for(self.organisation)
