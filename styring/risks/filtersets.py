import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet
from styring.inventory.models import AISystem
from styring.organisations.models import Membership

from .choices import OpportunityStatus, RiskStatus, TreatmentOption
from .method import LEVEL_KEYS
from .models import Opportunity, Risk

LEVEL_CHOICES = list(zip(LEVEL_KEYS, (_("Low"), _("Medium"), _("High"), _("Critical")), strict=True))


class CellFilter(django_filters.CharFilter):
    """`L-I`: risks rated likelihood L and impact I at this stage (inherent or residual); set by the heat maps."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        try:
            likelihood, impact = (int(part) for part in value.split("-", 1))
        except ValueError:
            return queryset.none()
        return queryset.filter(**{f"{self.field_name}_likelihood": likelihood, f"{self.field_name}_impact": impact})


class RiskFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "description", "own_risk_source")
    system = django_filters.ModelChoiceFilter(
        label=_("AI system"), queryset=AISystem.objects.none(), to_field_name="public_id", empty_label=_("Any")
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RiskStatus.choices)
    treatment_option = django_filters.ChoiceFilter(label=_("Treatment"), choices=TreatmentOption.choices)
    residual_level = django_filters.ChoiceFilter(label=_("Residual level"), choices=LEVEL_CHOICES)
    inherent = CellFilter(field_name="inherent", widget=forms.HiddenInput)
    residual = CellFilter(field_name="residual", widget=forms.HiddenInput)

    class Meta:
        model = Risk
        fields: list[str] = []


class OpportunityFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "description", "benefit")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OpportunityStatus.choices)
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = Opportunity
        fields: list[str] = []
