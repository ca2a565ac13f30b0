"""The improvement register (10.1): a plain register with the product's list, detail and form pages."""

from django.utils.translation import gettext_lazy as _

from styring.core.crud import Crud
from styring.core.permissions import Perm

from . import selectors, services
from .filtersets import ImprovementFilterSet
from .forms import ImprovementForm
from .models import Improvement
from .tables import ImprovementTable


def _related(record):
    return [(_("Nonconformity"), [record.nonconformity] if record.nonconformity_id else [])]


IMPROVEMENTS = Crud(
    model=Improvement,
    url_prefix="improvements",
    list_title=_("Improvements"),
    create_title=_("New improvement"),
    selector=selectors.improvements_of,
    create=services.improvement_create,
    update=services.improvement_update,
    delete=services.improvement_delete,
    form_class=ImprovementForm,
    table_class=ImprovementTable,
    filterset_class=ImprovementFilterSet,
    view_permission=Perm.OPERATIONS_VIEW,
    change_permission=Perm.OPERATIONS_CHANGE,
    delete_permission=Perm.OPERATIONS_DELETE,
    detail_fields=(
        "reference",
        "description",
        "source",
        "benefit",
        "owner",
        "status",
        "due_date",
        "outcome",
    ),
    empty_text=_(
        "Record ways to make the AI management system more suitable, adequate and effective: from nonconformities, "
        "audits, reviews, monitoring or anyone's suggestion."
    ),
    export_name="improvements",
    related=_related,
)
