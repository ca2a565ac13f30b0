import django_filters
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet

from .choices import AuditStatus, ReviewStatus
from .models import Audit, AuditProgramme, ManagementReview


class ProgrammeFilterSet(ScopedFilterSet):
    search_fields = ("title", "objectives", "criteria")

    class Meta:
        model = AuditProgramme
        fields: list[str] = []


class AuditFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "scope")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AuditStatus.choices)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=AuditProgramme.objects.none(), to_field_name="public_id", empty_label=_("Any")
    )

    class Meta:
        model = Audit
        fields: list[str] = []


class ReviewFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "decisions")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReviewStatus.choices)

    class Meta:
        model = ManagementReview
        fields: list[str] = []
