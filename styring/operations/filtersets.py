import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet
from styring.inventory.models import AISystem

from .choices import DecisionOutcome, MetricKind
from .models import DecisionEvent, Measurement, Metric


class MetricFilterSet(ScopedFilterSet):
    search_fields = ("reference", "name", "description")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MetricKind.choices)
    system = django_filters.ModelChoiceFilter(
        label=_("AI system"), queryset=AISystem.objects.none(), to_field_name="public_id", empty_label=_("Any")
    )
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Metric
        fields: list[str] = []


class MeasurementFilterSet(ScopedFilterSet):
    search_fields = ("note",)
    date_from = django_filters.DateFilter(label=_("From"), field_name="measured_at", lookup_expr="date__gte",
                                          widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    date_to = django_filters.DateFilter(label=_("To"), field_name="measured_at", lookup_expr="date__lte",
                                        widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    class Meta:
        model = Measurement
        fields: list[str] = []


class EventFilterSet(ScopedFilterSet):
    search_fields = ("input_reference", "output_summary")
    system = django_filters.ModelChoiceFilter(
        label=_("AI system"), queryset=AISystem.objects.none(), to_field_name="public_id", empty_label=_("Any")
    )
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=DecisionOutcome.choices)
    date_from = django_filters.DateFilter(label=_("From"), field_name="occurred_at", lookup_expr="date__gte",
                                          widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    date_to = django_filters.DateFilter(label=_("To"), field_name="occurred_at", lookup_expr="date__lte",
                                        widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    class Meta:
        model = DecisionEvent
        fields: list[str] = []
