import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .models import Improvement, Nonconformity


class OverdueColumn(tables.Column):
    def render(self, value):
        return format_html('<span class="badge text-bg-danger">{}</span>', _("Overdue")) if value else ""

    def value(self, value):
        return _("Yes") if value else ""


class NonconformityTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Nonconformity"))
    source = tables.Column(verbose_name=_("Source"))
    severity = tables.Column(verbose_name=_("Severity"))
    status = tables.Column(verbose_name=_("Status"))
    system = tables.Column(verbose_name=_("AI system"), default="—", order_by=("system__name",))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    detected_on = tables.DateColumn(verbose_name=_("Detected"), short=True)
    open_action_count = tables.Column(verbose_name=_("Open actions"))
    has_overdue_actions = OverdueColumn(verbose_name=_("Actions overdue"))

    class Meta:
        model = Nonconformity
        fields = (
            "reference",
            "title",
            "source",
            "severity",
            "status",
            "system",
            "owner",
            "detected_on",
            "open_action_count",
            "has_overdue_actions",
        )
        attrs = TABLE_ATTRS
        order_by = ("-reference",)


class ImprovementTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Improvement"))
    source = tables.Column(verbose_name=_("Source"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    status = tables.Column(verbose_name=_("Status"))
    due_date = tables.DateColumn(verbose_name=_("Due"), short=True)

    class Meta:
        model = Improvement
        fields = ("reference", "title", "source", "owner", "status", "due_date")
        attrs = TABLE_ATTRS
        order_by = ("reference",)
