"""The plain registers of this area, described once for their list, detail, create, edit and delete pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.crud import Crud
from styring.core.permissions import Perm

from . import selectors, services
from .filtersets import (
    CommunicationItemFilterSet,
    ObjectiveFilterSet,
    PlannedChangeFilterSet,
    RoleFilterSet,
)
from .forms import CommunicationItemForm, ObjectiveForm, PlannedChangeForm, RoleForm
from .models import AIRole, CommunicationItem, Objective, PlannedChange
from .tables import CommunicationItemTable, ObjectiveTable, PlannedChangeTable, RoleTable

_PERMS = {
    "view_permission": Perm.AIMS_VIEW,
    "change_permission": Perm.AIMS_CHANGE,
    "delete_permission": Perm.AIMS_DELETE,
}

ROLES = Crud(
    model=AIRole,
    url_prefix="governance/roles",
    list_title=_("AI roles"),
    create_title=_("New AI role"),
    selector=selectors.roles_with_holders,
    create=services.role_create,
    update=services.role_update,
    delete=services.role_delete,
    form_class=RoleForm,
    table_class=RoleTable,
    filterset_class=RoleFilterSet,
    detail_fields=("name", "description", "responsibilities", "authorities", "receives_concerns"),
    empty_text=_(
        "Name the roles of your AI management system with their responsibilities and authorities, then say who "
        "holds them. “Add the typical AI roles” gives you a starting set."
    ),
    export_name="ai-roles",
    actions=lambda role: [
        (
            _("Competences required"),
            reverse("competence:role", kwargs={"org": role.organisation.slug, "airole": role.public_id}),
            Perm.AIMS_VIEW,
        )
    ],
    **_PERMS,
)

OBJECTIVES = Crud(
    model=Objective,
    url_prefix="governance/objectives",
    list_title=_("AI objectives"),
    create_title=_("New AI objective"),
    selector=selectors.objectives_of,
    create=services.objective_create,
    update=services.objective_update,
    delete=services.objective_delete,
    form_class=ObjectiveForm,
    table_class=ObjectiveTable,
    filterset_class=ObjectiveFilterSet,
    detail_fields=(
        "reference",
        "description",
        "owner",
        "metric",
        "unit",
        "baseline",
        "target_value",
        "direction",
        "start_date",
        "due_date",
        "resources",
        "evaluation",
        "system",
    ),
    empty_text=_(
        "Set measurable AI objectives with a target, a due date and an owner; record measurements and the status "
        "follows from them."
    ),
    export_name="ai-objectives",
    **_PERMS,
)

PLANNED_CHANGES = Crud(
    model=PlannedChange,
    url_prefix="governance/changes",
    list_title=_("Planned changes"),
    create_title=_("New planned change"),
    selector=selectors.planned_changes_of,
    create=services.planned_change_create,
    update=services.planned_change_update,
    delete=services.planned_change_delete,
    form_class=PlannedChangeForm,
    table_class=PlannedChangeTable,
    filterset_class=PlannedChangeFilterSet,
    detail_fields=("reference", "purpose", "consequences", "resources", "owner", "planned_on", "status"),
    empty_text=_(
        "Plan changes to the AI management system before making them: why, what could follow, what it needs and "
        "who is responsible."
    ),
    export_name="planned-changes",
    related=lambda change: [(_("AI systems affected"), list(change.systems.all()))],
    **_PERMS,
)

COMMUNICATION = Crud(
    model=CommunicationItem,
    url_prefix="governance/communication",
    list_title=_("Communication plan"),
    create_title=_("New communication"),
    selector=selectors.communication_items_of,
    create=services.communication_item_create,
    update=services.communication_item_update,
    delete=services.communication_item_delete,
    form_class=CommunicationItemForm,
    table_class=CommunicationItemTable,
    filterset_class=CommunicationItemFilterSet,
    detail_fields=("what", "audience", "frequency", "channel", "communicator", "next_due_on", "notes"),
    empty_text=_("Plan what the AI management system communicates, to whom, when, how and by whom."),
    export_name="communication-plan",
    **_PERMS,
)
