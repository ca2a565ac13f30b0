"""The organisation's EU AI Act obligations across all AI systems, from each system's latest assessment: one row
per system and obligation with the role it falls on and the date it applies; filterable, sortable, exportable."""

from __future__ import annotations

from datetime import date

import django_tables2 as tables
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2 import RequestConfig

from styring.core.exports import csv_response, xlsx_response
from styring.core.permissions import Perm
from styring.core.views import OrganisationPage
from styring.inventory.models import AISystem

from .display import ROLE_FILTERS, role_labels
from .engine import localize_outcome
from .rules import load_rules
from .selectors import latest_assessments


def obligation_rows(organisation) -> list[dict]:
    """Three queries whatever the number of systems: systems, their latest assessments, and nothing per row."""
    systems = {
        system.pk: system
        for system in AISystem.objects.for_organisation(organisation)
        .exclude(lifecycle_stage="decommissioned")
        .select_related("organisation")
    }
    today = timezone.localdate()
    rules = load_rules()
    rows = []
    for system_id, assessment in latest_assessments(organisation, systems=list(systems)).items():
        system = systems[system_id]
        for item in localize_outcome(assessment.outcome, rules).get("obligations", []):
            applies_on = date.fromisoformat(item["date"]) if item.get("date") else None
            rows.append(
                {
                    "system": system,
                    "system_name": system.name,
                    "ref": item["ref"],
                    "title": item["title"],
                    "text": item["text"],
                    "who": item["who"],
                    "date": applies_on,
                    "applies": applies_on is not None and applies_on <= today,
                }
            )
    return rows


class ObligationTable(tables.Table):
    date = tables.DateColumn(verbose_name=gettext_lazy("Applies from"), short=True)
    system_name = tables.Column(verbose_name=gettext_lazy("AI system"))
    ref = tables.Column(verbose_name=gettext_lazy("Provision"))
    title = tables.Column(verbose_name=gettext_lazy("Obligation"))
    who = tables.Column(verbose_name=gettext_lazy("Role"), orderable=False)
    applies = tables.Column(verbose_name=gettext_lazy("Status"))

    class Meta:
        attrs = {"class": "table table-sm table-hover table-sticky"}
        order_by = ("date",)

    def __init__(self, *args, role_labels=None, **kwargs):
        self.role_labels = role_labels or (lambda roles: ", ".join(roles))
        super().__init__(*args, **kwargs)

    def render_system_name(self, record, value):
        return format_html('<a href="{}">{}</a>', record["system"].get_absolute_url() + "?tab=ai-act", value)

    def render_title(self, record, value):
        return format_html('{}<div class="small text-body-secondary">{}</div>', value, record["text"])

    def render_who(self, value):
        return self.role_labels(value)

    def value_who(self, value):
        return self.role_labels(value)

    def render_applies(self, value):
        if value:
            return format_html('<span class="badge status-approved">{}</span>', _("applies"))
        return format_html('<span class="badge status-pending">{}</span>', _("upcoming"))

    def value_applies(self, value):
        return _("applies") if value else _("upcoming")


class ObligationsView(OrganisationPage):
    permission_required = Perm.INVENTORY_VIEW
    template_name = "regulation/obligations.html"
    section = "regulation:overview"

    def filtered_rows(self):
        rows = obligation_rows(self.organisation)
        role = self.request.GET.get("role", "")
        status = self.request.GET.get("status", "")
        query = self.request.GET.get("q", "").strip().lower()
        if role:
            rows = [row for row in rows if role in row["who"]]
        if status in ("applies", "upcoming"):
            rows = [row for row in rows if row["applies"] == (status == "applies")]
        if query:
            rows = [row for row in rows if query in f"{row['system_name']} {row['ref']} {row['title']}".lower()]
        return rows

    def get(self, request, *args, **kwargs):
        table = ObligationTable(self.filtered_rows(), role_labels=role_labels)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            RequestConfig(request, paginate=False).configure(table)
            name = _("EU AI Act obligations")
            return csv_response(table, name) if export == "csv" else xlsx_response(table, name, name)
        RequestConfig(request, paginate={"per_page": settings.LIST_PAGE_SIZE}).configure(table)
        context = self.get_context_data(table=table, **kwargs)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for key in ("page", "export"):
            query.pop(key, None)
        context.update(
            title=_("EU AI Act obligations"),
            roles=[(value, role_labels([value])) for value in ROLE_FILTERS],
            query_string=query.urlencode(),
            filters=self.request.GET,
        )
        return context
