import django_filters
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, OrganisationTable, ScopedFilterSet

from .choices import ImpactStatus, ImpactVariant
from .models import ImpactAssessment


class ImpactTable(OrganisationTable):
    system = tables.Column(verbose_name=_("AI system"), linkify=lambda record: record.get_absolute_url(),
                           order_by=("system__name",))  # fmt: skip
    variant = tables.Column(verbose_name=_("Kind"))
    number = tables.Column(verbose_name=_("Version"))
    status = tables.Column(verbose_name=_("Status"))
    approved_at = tables.DateColumn(verbose_name=_("Approved"), short=True)

    class Meta:
        model = ImpactAssessment
        fields = ("system", "variant", "number", "status", "approved_at")
        attrs = TABLE_ATTRS
        order_by = ("system",)

    def value_system(self, record):
        return record.system.name


class ImpactFilterSet(ScopedFilterSet):
    search_fields = ("system__name",)
    variant = django_filters.ChoiceFilter(label=_("Kind"), choices=ImpactVariant.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ImpactStatus.choices)

    class Meta:
        model = ImpactAssessment
        fields: list[str] = []
