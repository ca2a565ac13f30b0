import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import OrganisationTable

from .models import Task


class TaskTable(OrganisationTable):
    title = tables.Column(verbose_name=_("Task"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    due_date = tables.DateColumn(verbose_name=_("Due"), short=True)
    status = tables.Column(verbose_name=_("Status"))
    subject_label = tables.Column(verbose_name=_("About"))

    class Meta:
        model = Task
        fields = ("title", "owner", "due_date", "status", "subject_label")
        attrs = {"class": "table table-sm table-hover table-sticky"}
        row_attrs = {"id": lambda record: f"task-{record.public_id}"}

    def render_subject_label(self, record, value):
        if record.subject_url:
            return format_html('<a href="{}">{}</a>', record.subject_url, value)
        return value

    def value_subject_label(self, value):
        return value
