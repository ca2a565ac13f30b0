"""Metrics: a register of what is measured (9.1), with list, create, edit and delete from one description; the
detail page with its chart and measurements is written by hand (views.MetricDetailView)."""

from django.utils.translation import gettext_lazy as _

from styring.core.crud import Crud
from styring.core.permissions import Perm

from . import selectors, services
from .filtersets import MetricFilterSet
from .forms import MetricForm
from .models import Metric
from .tables import MetricTable

METRICS = Crud(
    model=Metric,
    url_prefix="monitoring",
    list_title=_("Monitoring"),
    create_title=_("New metric"),
    selector=selectors.metrics_of,
    create=services.metric_create,
    update=services.metric_update,
    delete=services.metric_delete,
    form_class=MetricForm,
    table_class=MetricTable,
    filterset_class=MetricFilterSet,
    view_permission=Perm.OPERATIONS_VIEW,
    change_permission=Perm.OPERATIONS_CHANGE,
    delete_permission=Perm.OPERATIONS_DELETE,
    detail_fields=("reference",),
    empty_text=_("Define what you measure about your AI systems and the management system — accuracy, drift, "
                 "fairness, incidents, overrides — with thresholds that warn you or open a nonconformity."),
    export_name="metrics",
)  # fmt: skip
