"""The audit programme: a plain register (list, detail, edit, delete) with an approval step."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.crud import Crud
from styring.core.permissions import Perm

from . import selectors, services
from .filtersets import ProgrammeFilterSet
from .forms import ProgrammeForm
from .models import AuditProgramme
from .tables import ProgrammeTable


def _actions(record):
    if record.approved_at:
        return []
    url = reverse(
        "assurance:auditprogramme-approve", kwargs={"org": record.organisation.slug, "auditprogramme": record.public_id}
    )
    return [(_("Approve"), url, Perm.AIMS_APPROVE)]


def _related(record):
    return [(_("Audits"), list(record.audits.select_related("organisation").order_by("reference")))]


PROGRAMMES = Crud(
    model=AuditProgramme,
    url_prefix="audit-programmes",
    list_title=_("Audit programmes"),
    create_title=_("New audit programme"),
    selector=selectors.programmes_of,
    create=services.programme_create,
    update=services.programme_update,
    delete=services.programme_delete,
    form_class=ProgrammeForm,
    table_class=ProgrammeTable,
    filterset_class=ProgrammeFilterSet,
    view_permission=Perm.AIMS_VIEW,
    change_permission=Perm.AUDIT_CONDUCT,
    delete_permission=Perm.AIMS_DELETE,
    detail_fields=(
        "period_start",
        "period_end",
        "frequency",
        "methods",
        "responsibilities",
        "criteria",
        "objectives",
        "approved_by",
        "approved_at",
    ),
    empty_text=_("Plan the internal audits of a period: how often, with which methods, by whom and against what."),
    export_name="audit-programmes",
    related=_related,
    actions=_actions,
)
