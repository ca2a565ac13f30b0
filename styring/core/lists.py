"""Base classes for the tables and filter sets of organisation-scoped lists (see OrganisationListView)."""

import django_filters
import django_tables2 as tables


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
