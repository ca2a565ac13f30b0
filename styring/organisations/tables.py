import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


class MemberTable(tables.Table):
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

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)

    class Meta:
        attrs = {"class": "table table-sm table-hover table-sticky"}
        empty_text = _("No members.")
