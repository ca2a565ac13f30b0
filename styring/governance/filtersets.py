import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet
from styring.organisations.models import Membership

from .choices import ChangeStatus, ConcernCategory, ConcernStatus, Frequency, ObjectiveStatus
from .models import AIRole, CommunicationItem, Concern, Objective, PlannedChange
from .objectives import status_of


class RoleFilterSet(ScopedFilterSet):
    search_fields = ("name", "description", "responsibilities", "authorities")

    class Meta:
        model = AIRole
        fields: list[str] = []


class ObjectiveFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "description", "metric")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ObjectiveStatus.choices, method="filter_status")
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = Objective
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        """The status is computed, not stored: one query reads the organisation's objectives with their latest
        value, the list is then limited to those with the chosen status."""
        today = timezone.localdate()
        keep = [objective.pk for objective in queryset if status_of(objective, today) == value]
        return queryset.filter(pk__in=keep)


class PlannedChangeFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "purpose", "consequences")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ChangeStatus.choices)
    owner = django_filters.ModelChoiceFilter(
        label=_("Responsible"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = PlannedChange
        fields: list[str] = []


class CommunicationItemFilterSet(ScopedFilterSet):
    search_fields = ("what", "audience", "channel", "notes")
    frequency = django_filters.ChoiceFilter(label=_("When"), choices=Frequency.choices)

    class Meta:
        model = CommunicationItem
        fields: list[str] = []


class ConcernFilterSet(ScopedFilterSet):
    search_fields = ("reference", "description", "response")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ConcernStatus.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ConcernCategory.choices)

    class Meta:
        model = Concern
        fields: list[str] = []
