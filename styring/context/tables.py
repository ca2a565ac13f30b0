import django_tables2 as tables
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .models import ContextIssue, InterestedParty


class IssueTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Issue"))
    kind = tables.Column(verbose_name=_("Kind"))
    category = tables.Column(verbose_name=_("Category"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    status = tables.Column(verbose_name=_("Status"))
    review_date = tables.DateColumn(verbose_name=_("Next review"), short=True)

    class Meta:
        model = ContextIssue
        fields = ("reference", "title", "kind", "category", "owner", "status", "review_date")
        attrs = TABLE_ATTRS
        order_by = ("reference",)


class PartyTable(OrganisationTable):
    name = LinkedNameColumn(verbose_name=_("Interested party"))
    party_type = tables.Column(verbose_name=_("Type"))
    influence = tables.Column(verbose_name=_("Influence"))
    addressed_by_aims = tables.BooleanColumn(verbose_name=_("Addressed by the AIMS"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    review_date = tables.DateColumn(verbose_name=_("Next review"), short=True)

    class Meta:
        model = InterestedParty
        fields = ("name", "party_type", "influence", "addressed_by_aims", "owner", "review_date")
        attrs = TABLE_ATTRS
        order_by = ("name",)

    def value_addressed_by_aims(self, value):
        return _gettext("Yes") if value else _gettext("No")
