import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .models import Opportunity, Risk


class LevelColumn(tables.Column):
    """A risk level as a coloured badge with its label in the method's words (the label alone in exports)."""

    def render(self, record, value):
        label = record.method.level_label(value)
        return format_html(
            '<span class="badge risk-level" style="--level: {}">{}</span>', record.method.level_colour(value), label
        )

    def value(self, record, value):
        return record.method.level_label(value)


class RiskTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Risk"))
    system = tables.Column(verbose_name=_("AI system"), default="—", order_by=("system__name",))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    inherent_level = LevelColumn(verbose_name=_("Inherent"))
    treatment_option = tables.Column(verbose_name=_("Treatment"))
    residual_level = LevelColumn(verbose_name=_("Residual"))
    status = tables.Column(verbose_name=_("Status"))
    review_date = tables.DateColumn(verbose_name=_("Next review"), short=True)

    class Meta:
        model = Risk
        fields = (
            "reference",
            "title",
            "system",
            "owner",
            "inherent_level",
            "treatment_option",
            "residual_level",
            "status",
            "review_date",
        )
        attrs = TABLE_ATTRS
        order_by = ("reference",)


class OpportunityTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Opportunity"))
    system = tables.Column(verbose_name=_("AI system"), default="—", order_by=("system__name",))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    status = tables.Column(verbose_name=_("Status"))
    review_date = tables.DateColumn(verbose_name=_("Next review"), short=True)

    class Meta:
        model = Opportunity
        fields = ("reference", "title", "system", "owner", "status", "review_date")
        attrs = TABLE_ATTRS
        order_by = ("reference",)
