import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import OrganisationTable

from .models import AISystem

_CLASS_BADGES = {
    "high_risk": "status-rejected",
    "prohibited": "status-rejected",
    "transparency": "status-pending",
    "minimal": "status-approved",
    "out_of_scope": "status-archived",
    "not_assessed": "status-draft",
}


class AISystemTable(OrganisationTable):
    name = tables.Column(verbose_name=_("Name"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    business_unit = tables.Column(verbose_name=_("Business unit"))
    lifecycle_stage = tables.Column(verbose_name=_("Lifecycle stage"))
    sourcing = tables.Column(verbose_name=_("Sourcing"))
    ai_act_class = tables.Column(verbose_name=_("EU AI Act class"))
    criticality = tables.Column(verbose_name=_("Criticality"))
    review_date = tables.DateColumn(verbose_name=_("Next review"), short=True)

    class Meta:
        model = AISystem
        fields = (
            "name",
            "owner",
            "business_unit",
            "lifecycle_stage",
            "sourcing",
            "ai_act_class",
            "criticality",
            "review_date",
        )
        attrs = {"class": "table table-sm table-hover table-sticky"}
        order_by = ("name",)

    def render_name(self, record, value):
        url = reverse("inventory:aisystem-detail", kwargs={"org": self.organisation.slug, "aisystem": record.public_id})
        return format_html('<a href="{}">{}</a>', url, value)

    def value_name(self, value):
        return value

    def render_ai_act_class(self, record, value):
        return format_html('<span class="badge {}">{}</span>', _CLASS_BADGES.get(record.ai_act_class, ""), value)

    def value_ai_act_class(self, record):
        return record.get_ai_act_class_display()
