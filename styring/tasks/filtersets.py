import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.lists import OrganisationFilterSet
from styring.organisations.models import Membership

from .models import Task, TaskStatus


class TaskFilterSet(OrganisationFilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=TaskStatus.choices)
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )
    mine = django_filters.BooleanFilter(
        label=_("Only mine"),
        method="only_mine",
        widget=forms.Select(choices=[("", _("Everyone's")), ("true", _("Only mine"))]),
    )

    class Meta:
        model = Task
        fields: list[str] = []

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.filters["owner"].queryset = Membership.objects.for_organisation(organisation).select_related("user")

    def only_mine(self, queryset, name, value):
        return queryset.filter(owner__user=self.request.user) if value else queryset
