import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styring.core.lists import ScopedFilterSet
from styring.organisations.models import Membership

from .choices import Classification, DocumentState, DocumentType
from .models import Document


class DocumentFilterSet(ScopedFilterSet):
    search_fields = ("reference", "title", "summary")
    doc_type = django_filters.ChoiceFilter(label=_("Type"), choices=DocumentType.choices)
    state = django_filters.ChoiceFilter(label=_("State"), choices=DocumentState.choices)
    classification = django_filters.ChoiceFilter(label=_("Classification"), choices=Classification.choices)
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )
    review_overdue = django_filters.BooleanFilter(label=_("Review overdue"), method="filter_review_overdue")
    requirement = django_filters.CharFilter(label=_("Addresses requirement"), field_name="requirements__key")

    class Meta:
        model = Document
        fields: list[str] = []

    def filter_review_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = {"next_review__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)
