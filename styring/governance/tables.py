import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .models import AIRole, CommunicationItem, Concern, Objective, PlannedChange
from .objectives import STATUS_BADGE, status_of


class RoleTable(OrganisationTable):
    name = LinkedNameColumn(verbose_name=_("AI role"))
    description = tables.Column(verbose_name=_("Description"))
    holders = tables.Column(verbose_name=_("Current holders"), orderable=False, empty_values=())
    receives_concerns = tables.BooleanColumn(verbose_name=_("Receives concerns"))

    class Meta:
        model = AIRole
        fields = ("name", "description", "holders", "receives_concerns")
        attrs = TABLE_ATTRS
        order_by = ("name",)

    def render_description(self, value):
        return value if len(value) <= 120 else value[:117] + "…"

    def render_holders(self, record):
        return ", ".join(assignment.holder_name for assignment in record.current) or "—"

    def value_holders(self, record):
        return self.render_holders(record)


class ObjectiveStatusColumn(tables.Column):
    def render(self, record):
        status = status_of(record, timezone.localdate())
        return format_html('<span class="badge {}">{}</span>', STATUS_BADGE[status], status.label)

    def value(self, record):
        return str(status_of(record, timezone.localdate()).label)


class ObjectiveTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Objective"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    target_value = tables.Column(verbose_name=_("Target"))
    latest_value = tables.Column(verbose_name=_("Latest value"), default="—")
    due_date = tables.DateColumn(verbose_name=_("Due date"), short=True)
    status = ObjectiveStatusColumn(verbose_name=_("Status"), empty_values=(), orderable=False)

    class Meta:
        model = Objective
        fields = ("reference", "title", "owner", "target_value", "latest_value", "due_date", "status")
        attrs = TABLE_ATTRS
        order_by = ("reference",)

    def render_target_value(self, record, value):
        return f"{value:g} {record.unit}".strip()

    def render_latest_value(self, record, value):
        return f"{value:g} {record.unit}".strip()


class PlannedChangeTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Planned change"))
    owner = tables.Column(verbose_name=_("Responsible"), accessor="owner__user", order_by=("owner__user__full_name",))
    planned_on = tables.DateColumn(verbose_name=_("Planned date"), short=True)
    status = tables.Column(verbose_name=_("Status"))
    systems = tables.Column(verbose_name=_("AI systems"), orderable=False, empty_values=())

    class Meta:
        model = PlannedChange
        fields = ("reference", "title", "owner", "planned_on", "status", "systems")
        attrs = TABLE_ATTRS
        order_by = ("reference",)

    def render_systems(self, record):
        return ", ".join(system.name for system in record.systems.all()) or "—"

    def value_systems(self, record):
        return self.render_systems(record)


class CommunicationItemTable(OrganisationTable):
    what = LinkedNameColumn(verbose_name=_("What"))
    audience = tables.Column(verbose_name=_("With whom"))
    frequency = tables.Column(verbose_name=_("When"))
    channel = tables.Column(verbose_name=_("How"))
    communicator = tables.Column(
        verbose_name=_("Who"), accessor="communicator__user", order_by=("communicator__user__full_name",)
    )
    next_due_on = tables.DateColumn(verbose_name=_("Next due"), short=True)

    class Meta:
        model = CommunicationItem
        fields = ("what", "audience", "frequency", "channel", "communicator", "next_due_on")
        attrs = TABLE_ATTRS
        order_by = ("next_due_on",)


class ConcernTable(OrganisationTable):
    """No reporter column: who reported is shown on the concern's page only when the report was not anonymous."""

    reference = tables.Column(verbose_name=_("Ref."), linkify=lambda record: record.get_absolute_url())
    category = tables.Column(verbose_name=_("Category"))
    system = tables.Column(verbose_name=_("AI system"), default="—", order_by=("system__name",))
    status = tables.Column(verbose_name=_("Status"))
    received_on = tables.DateColumn(verbose_name=_("Received"), short=True)
    handled_by = tables.Column(
        verbose_name=_("Handled by"), accessor="handled_by__user", order_by=("handled_by__user__full_name",)
    )

    class Meta:
        model = Concern
        fields = ("reference", "category", "system", "status", "received_on", "handled_by")
        attrs = TABLE_ATTRS
        order_by = ("-received_on",)
