import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from styring.core.lists import OrganisationTable


class MemberTable(OrganisationTable):
    name = tables.Column(accessor="user__full_name", verbose_name=_("Name"), order_by=("user__full_name",))
    email = tables.Column(accessor="user__email", verbose_name=_("E-mail"), order_by=("user__email",))
    role = tables.Column(verbose_name=_("Role"))
    created_at = tables.DateColumn(verbose_name=_("Member since"), short=True)
    actions = tables.TemplateColumn(
        template_name="organisations/_member_actions.html",
        verbose_name=_("Actions"),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        attrs = {"class": "table table-sm table-hover table-sticky"}
        empty_text = _("No members.")
