import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .models import Audit, AuditProgramme, ManagementReview


class ProgrammeTable(OrganisationTable):
    title = LinkedNameColumn(verbose_name=_("Programme"))
    period_start = tables.DateColumn(verbose_name=_("From"), short=True)
    period_end = tables.DateColumn(verbose_name=_("To"), short=True)
    approved_at = tables.DateColumn(verbose_name=_("Approved"), short=True, default="—")

    class Meta:
        model = AuditProgramme
        fields = ("title", "period_start", "period_end", "approved_at")
        attrs = TABLE_ATTRS
        order_by = ("-period_start",)


class AuditTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    title = LinkedNameColumn(verbose_name=_("Audit"))
    programme = tables.Column(verbose_name=_("Programme"), default="—", order_by=("programme__title",))
    lead_auditor = tables.Column(
        verbose_name=_("Lead auditor"), accessor="lead_auditor__user", order_by=("lead_auditor__user__full_name",)
    )
    planned_start = tables.DateColumn(verbose_name=_("Planned start"), short=True)
    status = tables.Column(verbose_name=_("Status"))
    finding_count = tables.Column(verbose_name=_("Findings"))
    nonconformity_count = tables.Column(verbose_name=_("Nonconformities"))

    class Meta:
        model = Audit
        fields = (
            "reference",
            "title",
            "programme",
            "lead_auditor",
            "planned_start",
            "status",
            "finding_count",
            "nonconformity_count",
        )
        attrs = TABLE_ATTRS
        order_by = ("-reference",)


class ReviewTable(OrganisationTable):
    reference = LinkedNameColumn(verbose_name=_("Ref."))
    title = tables.Column(verbose_name=_("Title"))
    planned_date = tables.DateColumn(verbose_name=_("Planned"), short=True)
    held_on = tables.DateColumn(verbose_name=_("Held on"), short=True)
    status = tables.Column(verbose_name=_("Status"))
    action_count = tables.Column(verbose_name=_("Actions"))
    signed_at = tables.DateColumn(verbose_name=_("Signed"), short=True)

    class Meta:
        model = ManagementReview
        fields = ("reference", "title", "planned_date", "held_on", "status", "action_count", "signed_at")
        attrs = TABLE_ATTRS
        order_by = ("-planned_date",)
