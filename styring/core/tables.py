import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .filtersets import field_label, record_type_label
from .lists import OrganisationTable
from .models import AuditAction, AuditEvent


class ActivityTable(OrganisationTable):
    sequence = tables.Column(verbose_name="#")
    created_at = tables.DateTimeColumn(
        verbose_name=_("Time"), format="Y-m-d H:i:s", attrs={"td": {"class": "text-nowrap"}}
    )
    actor_label = tables.Column(verbose_name=_("User"))
    action = tables.Column(verbose_name=_("Action"))
    object_type = tables.Column(verbose_name=_("Record type"))
    object_repr = tables.Column(verbose_name=_("Record"))
    changed_fields = tables.Column(verbose_name=_("Changed fields"), accessor="changes", orderable=False)
    reason = tables.Column(verbose_name=_("Reason"), orderable=False)

    class Meta:
        model = AuditEvent
        fields = (
            "sequence",
            "created_at",
            "actor_label",
            "action",
            "object_type",
            "object_repr",
            "changed_fields",
            "reason",
        )
        attrs = {"class": "table table-sm table-hover table-sticky"}
        order_by = ("-sequence",)

    def render_object_type(self, value):
        return record_type_label(value)

    def render_changed_fields(self, value, record):
        # A creation or deletion touches every field; listing them all says nothing.
        if record.action != AuditAction.UPDATE or not value:
            return "—"
        return ", ".join(field_label(record.object_type, name) for name in sorted(value))

    def value_changed_fields(self, value):
        return "; ".join(f"{field}: {old!r} → {new!r}" for field, (old, new) in sorted(value.items()))
