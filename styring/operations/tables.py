import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .choices import MetricStatus
from .models import DecisionEvent, Measurement, Metric

STATUS_CLASSES = {
    MetricStatus.OK: "text-bg-success",
    MetricStatus.WARNING: "text-bg-warning",
    MetricStatus.BREACH: "text-bg-danger",
    MetricStatus.NO_DATA: "text-bg-secondary",
}


def status_badge(status: str):
    return format_html('<span class="badge {}">{}</span>', STATUS_CLASSES[status], MetricStatus(status).label)


def _number(value):
    return "—" if value is None else format(value.normalize(), "f")


class MetricTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    name = LinkedNameColumn(verbose_name=_("Metric"))
    kind = tables.Column(verbose_name=_("Kind"))
    system = tables.Column(verbose_name=_("AI system"), default=_("Whole AIMS"), order_by=("system__name",))
    latest_value = tables.Column(verbose_name=_("Latest value"), default="—")
    latest_at = tables.DateTimeColumn(verbose_name=_("Measured"), format="Y-m-d H:i", default="—")
    status = tables.Column(verbose_name=_("Status"), accessor="pk", orderable=False)
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))

    class Meta:
        model = Metric
        fields = ("reference", "name", "kind", "system", "latest_value", "latest_at", "status", "owner")
        attrs = TABLE_ATTRS
        order_by = ("reference",)

    def render_latest_value(self, record, value):
        return f"{_number(value)} {record.unit}".strip()

    def value_latest_value(self, record, value):
        return _number(value)

    def render_status(self, record):
        return status_badge(record.status_of(record.latest_value))

    def value_status(self, record):
        return MetricStatus(record.status_of(record.latest_value)).label


class MeasurementTable(OrganisationTable):
    measured_at = tables.DateTimeColumn(verbose_name=_("Measured at"), format="Y-m-d H:i")
    value = tables.Column(verbose_name=_("Value"))
    status = tables.Column(verbose_name=_("Status"))
    source = tables.Column(verbose_name=_("Source"))
    note = tables.Column(verbose_name=_("Note"), orderable=False)
    opened_label = tables.Column(verbose_name=_("Opened"), orderable=False, default="")

    class Meta:
        model = Measurement
        fields = ("measured_at", "value", "status", "source", "note", "opened_label")
        attrs = TABLE_ATTRS
        order_by = ("-measured_at",)

    def render_value(self, value):
        return _number(value)

    def value_value(self, value):
        return _number(value)

    def render_status(self, record):
        return status_badge(record.status)

    def value_status(self, record):
        return record.get_status_display()

    def render_opened_label(self, record, value):
        return format_html('<a href="{}">{}</a>', record.opened_url, value) if record.opened_url else value


class EventTable(OrganisationTable):
    occurred_at = tables.DateTimeColumn(verbose_name=_("Occurred"), format="Y-m-d H:i:s",
                                        attrs={"td": {"class": "text-nowrap"}})  # fmt: skip
    system = tables.Column(verbose_name=_("AI system"), order_by=("system__name", "sequence"))
    sequence = tables.Column(verbose_name="#")
    input_reference = tables.Column(verbose_name=_("Input"), orderable=False)
    output_summary = tables.Column(verbose_name=_("Output"), orderable=False)
    confidence = tables.Column(verbose_name=_("Confidence"))
    reviewer = tables.Column(verbose_name=_("Reviewer"))
    outcome = tables.Column(verbose_name=_("Outcome"))
    reason = tables.Column(verbose_name=_("Reason"), orderable=False)

    class Meta:
        model = DecisionEvent
        fields = ("occurred_at", "system", "sequence", "input_reference", "output_summary", "confidence",
                  "reviewer", "outcome", "reason")  # fmt: skip
        attrs = TABLE_ATTRS
        order_by = ("-occurred_at",)

    def render_output_summary(self, value):
        return value if len(value) <= 120 else value[:119] + "…"

    def render_system(self, record):
        from django.urls import reverse

        url = reverse(
            "operations:event-log-system", kwargs={"org": record.organisation.slug, "aisystem": record.system.public_id}
        )
        return format_html('<a href="{}">{}</a>', url, record.system.name)

    def value_system(self, record):
        return record.system.name
