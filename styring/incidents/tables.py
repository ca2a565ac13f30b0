import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .display import clock_text
from .models import Incident


class SeriousColumn(tables.Column):
    def render(self, value):
        return format_html('<span class="badge text-bg-danger">{}</span>', _("Serious")) if value else ""

    def value(self, value):
        return _("Yes") if value else ""


class ClockColumn(tables.Column):
    """The next open reporting clock: due time and time left, or overdue (plain text in exports)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, record):
        return render_to_string("incidents/_clock_badge.html", {"clock": record.next_clock()})

    def value(self, record):
        clock = record.next_clock()
        return clock_text(clock) if clock else ""


class LocalDateTimeColumn(tables.DateTimeColumn):
    """Shown and exported in the organisation's time zone (the page activates it)."""

    def value(self, value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class IncidentTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Incident"))
    system = tables.Column(verbose_name=_("AI system"), default="—", order_by=("system__name",))
    severity = tables.Column(verbose_name=_("Severity"))
    status = tables.Column(verbose_name=_("Status"))
    is_serious = SeriousColumn(verbose_name=_("Serious"))
    aware_at = LocalDateTimeColumn(verbose_name=_("Aware"), format="Y-m-d H:i")
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    clock = ClockColumn(verbose_name=_("Next reporting deadline"))

    class Meta:
        model = Incident
        fields = ("reference", "title", "system", "severity", "status", "is_serious", "aware_at", "owner", "clock")
        attrs = TABLE_ATTRS
        order_by = ("-reference",)
