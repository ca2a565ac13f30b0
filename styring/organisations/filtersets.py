import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styring.core.lists import OrganisationFilterSet
from styring.core.roles import Role


class MemberFilterSet(OrganisationFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)

    def search(self, queryset, name, value):
        return queryset.filter(Q(user__email__icontains=value) | Q(user__full_name__icontains=value))
