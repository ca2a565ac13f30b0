"""Opportunities: a plain register beside the risks (6.1.1 asks for both)."""

from django.utils.translation import gettext_lazy as _

from styring.core.crud import Crud
from styring.core.permissions import Perm

from . import selectors, services
from .filtersets import OpportunityFilterSet
from .forms import OpportunityForm
from .models import Opportunity
from .tables import OpportunityTable

OPPORTUNITIES = Crud(
    model=Opportunity,
    url_prefix="opportunities",
    list_title=_("AI opportunities"),
    create_title=_("New opportunity"),
    selector=selectors.opportunities_of,
    create=services.opportunity_create,
    update=services.opportunity_update,
    delete=services.opportunity_delete,
    form_class=OpportunityForm,
    table_class=OpportunityTable,
    filterset_class=OpportunityFilterSet,
    view_permission=Perm.RISK_VIEW,
    change_permission=Perm.RISK_CHANGE,
    delete_permission=Perm.RISK_DELETE,
    detail_fields=("reference", "description", "system", "benefit", "actions", "owner", "status", "review_date"),
    empty_text=_("Record the benefits AI could bring, with an owner and the actions to realise them."),
    export_name="opportunities",
)
