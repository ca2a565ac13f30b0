import django_filters
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet
from styring.inventory.models import AISystem
from styring.organisations.models import Membership

from .choices import ImprovementSource, ImprovementStatus, NonconformitySource, NonconformityStatus, Severity
from .models import Improvement, Nonconformity


def _owner():
    return django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )


class NonconformityFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "description", "root_cause", "source_label")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NonconformityStatus.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=NonconformitySource.choices)
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=Severity.choices)
    owner = _owner()
    system = django_filters.ModelChoiceFilter(
        label=_("AI system"), queryset=AISystem.objects.none(), to_field_name="public_id", empty_label=_("Any")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue actions"),
        field_name="has_overdue_actions",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Nonconformity
        fields: list[str] = []


class ImprovementFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "description", "benefit", "outcome")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ImprovementStatus.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=ImprovementSource.choices)
    owner = _owner()

    class Meta:
        model = Improvement
        fields: list[str] = []
