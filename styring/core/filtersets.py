import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .lists import OrganisationFilterSet
from .models import AuditAction, AuditEvent


class ActivityFilterSet(OrganisationFilterSet):
    actor = django_filters.ChoiceFilter(label=_("User"), field_name="actor_ref", empty_label=_("Anyone"))
    object_type = django_filters.ChoiceFilter(label=_("Record type"), empty_label=_("All types"))
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices, empty_label=_("All actions"))
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        events = AuditEvent.objects.filter(organisation=organisation)
        # Who ever acted in this organisation, including people who have since left it.
        actors = events.exclude(actor_ref="").values_list("actor_ref", "actor_label").distinct().order_by("actor_label")
        self.filters["actor"].extra["choices"] = list(actors)
        types = events.values_list("object_type", flat=True).distinct().order_by("object_type")
        self.filters["object_type"].extra["choices"] = [(value, record_type_label(value)) for value in types]


def record_type_label(object_type: str) -> str:
    try:
        return capfirst(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def field_label(object_type: str, field_name: str) -> str:
    """The translated label of a changed field, falling back to its name for fields that no longer exist."""
    try:
        return capfirst(apps.get_model(object_type)._meta.get_field(field_name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        return field_name
