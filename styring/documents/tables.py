import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .models import Document


class DocumentTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Document"))
    doc_type = tables.Column(verbose_name=_("Type"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    state = tables.Column(verbose_name=_("State"))
    approved_version = tables.Column(
        verbose_name=_("Approved version"), accessor="approved_version__number", default="—"
    )
    classification = tables.Column(verbose_name=_("Classification"))
    next_review = tables.DateColumn(verbose_name=_("Next review"), short=True)

    class Meta:
        model = Document
        fields = (
            "reference",
            "title",
            "doc_type",
            "owner",
            "state",
            "approved_version",
            "classification",
            "next_review",
        )
        attrs = TABLE_ATTRS
        order_by = ("reference",)

    def render_next_review(self, value):
        if value and value < timezone.localdate():
            return format_html('<span class="text-danger fw-semibold">{} · {}</span>', value.isoformat(), _("overdue"))
        return value.isoformat() if value else "—"

    def value_next_review(self, value):
        return value.isoformat() if value else ""
