import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styring.core.lists import OrganisationFilterSet
from styring.organisations.models import Membership

from .choices import AiActClass, AutomationLevel, Criticality, LifecycleStage, Sourcing
from .models import AISystem


class AISystemFilterSet(OrganisationFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    lifecycle_stage = django_filters.ChoiceFilter(label=_("Lifecycle stage"), choices=LifecycleStage.choices)
    ai_act_class = django_filters.ChoiceFilter(label=_("EU AI Act class"), choices=AiActClass.choices)
    criticality = django_filters.ChoiceFilter(label=_("Criticality"), choices=Criticality.choices)
    sourcing = django_filters.ChoiceFilter(label=_("Sourcing"), choices=Sourcing.choices)
    automation_level = django_filters.ChoiceFilter(label=_("Degree of automation"), choices=AutomationLevel.choices)
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )
    processes_personal_data = django_filters.BooleanFilter(
        label=_("Personal data"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )
    review_due_before = django_filters.DateFilter(
        label=_("Review due by"),
        field_name="review_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AISystem
        fields: list[str] = []

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.filters["owner"].queryset = Membership.objects.for_organisation(organisation).select_related("user")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(purpose__icontains=value)
            | Q(supplier__icontains=value)
            | Q(business_unit__icontains=value)
        )
