import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from styring.core.lists import OrganisationTable

from .models import ApiToken


class ApiTokenTable(OrganisationTable):
    name = tables.Column(verbose_name=_("Name"))
    prefix = tables.Column(verbose_name=_("Starts with"))
    created_at = tables.DateTimeColumn(verbose_name=_("Created"), short=True)
    expires_at = tables.DateTimeColumn(verbose_name=_("Expires"), short=True, default="—")
    last_used_at = tables.DateTimeColumn(verbose_name=_("Last used"), short=True, default=_("Never"))
    status = tables.TemplateColumn(
        template_name="accounts/_token_status.html",
        verbose_name=_("Status"),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = ApiToken
        fields = ("name", "prefix", "created_at", "expires_at", "last_used_at", "status")
        attrs = {"class": "table table-sm table-hover"}

    def render_prefix(self, value):
        return f"sty_{value}_…"
