from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet
from styring.organisations.models import Membership

from .choices import CompetenceCategory, CompetenceLevel, TrainingStatus
from .models import Competence, PersonCompetence, TrainingItem

EXPIRING_DAYS = 60


class CompetenceFilterSet(ScopedFilterSet):
    search_fields = ("name", "description", "evidenced_by")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=CompetenceCategory.choices)

    class Meta:
        model = Competence
        fields: list[str] = []


class _PersonFilterSet(ScopedFilterSet):
    competence = django_filters.ModelChoiceFilter(
        label=_("Competence"), queryset=Competence.objects.none(), to_field_name="public_id", empty_label=_("Any")
    )
    member = django_filters.ModelChoiceFilter(
        label=_("Member"), queryset=Membership.objects.none(), to_field_name="public_id", empty_label=_("Anyone")
    )
    person = django_filters.CharFilter(label=_("Person's name"), method="by_person")

    def by_person(self, queryset, name, value):
        return queryset.filter(Q(person_name__icontains=value) | Q(member__user__full_name__icontains=value))


class PersonCompetenceFilterSet(_PersonFilterSet):
    search_fields = ("person_name", "competence__name", "evidence_reference")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=CompetenceLevel.choices)
    expiry = django_filters.ChoiceFilter(
        label=_("Expiry"),
        choices=(("soon", _("Expires within 60 days")), ("expired", _("Expired"))),
        method="by_expiry",
    )

    class Meta:
        model = PersonCompetence
        fields: list[str] = []

    def by_expiry(self, queryset, name, value):
        today = timezone.localdate()
        if value == "soon":
            return queryset.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=EXPIRING_DAYS))
        if value == "expired":
            return queryset.filter(expires_on__lt=today)
        return queryset


class TrainingItemFilterSet(_PersonFilterSet):
    search_fields = ("title", "provider", "person_name", "notes")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=TrainingStatus.choices)

    class Meta:
        model = TrainingItem
        fields: list[str] = []
