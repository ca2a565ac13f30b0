"""Base classes for the tables and filter sets of organisation-scoped lists (see OrganisationListView)."""

import django_filters
import django_tables2 as tables
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

TABLE_ATTRS = {"class": "table table-sm table-hover table-sticky"}


class OrganisationTable(tables.Table):
    """A table that knows the organisation it lists records of (for links and scoped lookups)."""

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)


class OrganisationFilterSet(django_filters.FilterSet):
    """A filter set whose choices (owners, suppliers …) are limited to one organisation."""

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)


class LinkedNameColumn(tables.Column):
    """The record's name, linking to its page (exports get the plain name)."""

    def render(self, record, value):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)

    def value(self, value):
        return value


class ScopedFilterSet(OrganisationFilterSet):
    """A search box over `search_fields`; every filter on another tenant record lists that organisation's only."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    search_fields: tuple[str, ...] = ("name",)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        from styring.core.models import TenantModel
        from styring.organisations.models import Membership

        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            model = getattr(queryset, "model", None)
            if model is Membership:
                filter_.queryset = Membership.objects.for_organisation(organisation).select_related("user")
            elif model is not None and issubclass(model, TenantModel):
                filter_.queryset = model.objects.for_organisation(organisation)

    def search(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)
