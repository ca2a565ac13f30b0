import django_filters
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet
from styring.inventory.models import AISystem
from styring.organisations.models import Membership

from .choices import Influence, IssueCategory, IssueKind, IssueStatus, PartyType
from .models import ContextIssue, InterestedParty


def _owner_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )


class IssueFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "description", "effect_on_aims")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=IssueKind.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=IssueCategory.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=IssueStatus.choices)
    owner = _owner_filter()
    systems = django_filters.ModelChoiceFilter(
        label=_("AI system"), queryset=AISystem.objects.none(), to_field_name="public_id", empty_label=_("Any")
    )

    class Meta:
        model = ContextIssue
        fields: list[str] = []


class PartyFilterSet(ScopedFilterSet):
    search_fields = ("name", "needs", "requirements", "how_addressed")
    party_type = django_filters.ChoiceFilter(label=_("Type"), choices=PartyType.choices)
    influence = django_filters.ChoiceFilter(label=_("Influence"), choices=Influence.choices)
    addressed_by_aims = django_filters.BooleanFilter(label=_("Addressed by the AIMS"))
    owner = _owner_filter()

    class Meta:
        model = InterestedParty
        fields: list[str] = []
