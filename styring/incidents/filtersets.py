import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet
from styring.inventory.models import AISystem
from styring.organisations.models import Membership

from . import selectors
from .choices import IncidentSeverity, IncidentStatus
from .models import Incident


class IncidentFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "description", "affected_people", "root_cause", "source_label")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=IncidentStatus.choices)
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=IncidentSeverity.choices)
    system = django_filters.ModelChoiceFilter(
        label=_("AI system"), queryset=AISystem.objects.none(), to_field_name="public_id", empty_label=_("Any")
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )
    serious = django_filters.BooleanFilter(
        label=_("Serious incident"), field_name="is_serious", widget=django_filters.widgets.BooleanWidget
    )
    overdue = django_filters.BooleanFilter(
        label=_("Reporting clock overdue"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = Incident
        fields: list[str] = []

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = selectors.overdue(queryset, timezone.now()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
