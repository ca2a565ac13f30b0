"""The registers of competences, people's competences and the training plan (7.2, A.4.6)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.crud import Crud
from styring.core.permissions import Perm

from . import selectors, services
from .filtersets import CompetenceFilterSet, PersonCompetenceFilterSet, TrainingItemFilterSet
from .forms import CompetenceForm, PersonCompetenceForm, TrainingItemForm
from .models import Competence, PersonCompetence, TrainingItem
from .tables import CompetenceTable, PersonCompetenceTable, TrainingItemTable

_PERMS = {
    "view_permission": Perm.AIMS_VIEW,
    "change_permission": Perm.AIMS_CHANGE,
    "delete_permission": Perm.AIMS_DELETE,
}
LINKS_TEMPLATE = {"detail_template": "competence/_links.html"}


def _competence_related(record):
    return [
        (_("Required by AI roles"),
         list(record.role_requirements.select_related("organisation", "role", "competence"))),
        (_("People who hold it"), list(record.holders.select_related("organisation", "member__user", "competence"))),
        (
            _("Planned training"),
            list(record.training_items.filter(status__in=("planned", "booked"))
                 .select_related("organisation", "member__user")),
        ),
    ]  # fmt: skip


def _training_actions(record):
    if not record.is_open:
        return []
    url = reverse(
        "competence:trainingitem-complete", kwargs={"org": record.organisation.slug, "trainingitem": record.public_id}
    )
    return [(_("Mark completed"), url, Perm.AIMS_CHANGE)]


def _training_related(record):
    return [(_("Competence record"), [record.person_competence] if record.person_competence_id else [])]


COMPETENCES = Crud(
    model=Competence,
    url_prefix="competence/competences",
    list_title=_("Competences"),
    create_title=_("New competence"),
    selector=selectors.competences_of,
    create=services.competence_create,
    update=services.competence_update,
    delete=services.competence_delete,
    form_class=CompetenceForm,
    table_class=CompetenceTable,
    filterset_class=CompetenceFilterSet,
    detail_fields=("name", "description", "category", "evidenced_by", "renewal_months"),
    empty_text=_("List the competences your AI work needs, then say which roles need them."),
    export_name="competences",
    related=_competence_related,
    extra=LINKS_TEMPLATE,
    **_PERMS,
)

PERSON_COMPETENCES = Crud(
    model=PersonCompetence,
    url_prefix="competence/people",
    list_title=_("People's competences"),
    create_title=_("Record a competence"),
    selector=selectors.person_competences_of,
    create=services.person_competence_create,
    update=services.person_competence_update,
    delete=services.person_competence_delete,
    form_class=PersonCompetenceForm,
    table_class=PersonCompetenceTable,
    filterset_class=PersonCompetenceFilterSet,
    detail_fields=(
        "member",
        "person_name",
        "competence",
        "level",
        "evidence_type",
        "evidence_reference",
        "evidence",
        "obtained_on",
        "expires_on",
    ),
    empty_text=_("Record who holds which competence, at what level, and what shows it."),
    export_name="peoples-competences",
    extra=LINKS_TEMPLATE,
    **_PERMS,
)

TRAINING = Crud(
    model=TrainingItem,
    url_prefix="competence/training",
    list_title=_("Training plan"),
    create_title=_("Plan training"),
    selector=selectors.training_items_of,
    create=services.training_create,
    update=services.training_update,
    delete=services.training_delete,
    form_class=TrainingItemForm,
    table_class=TrainingItemTable,
    filterset_class=TrainingItemFilterSet,
    detail_fields=(
        "member",
        "person_name",
        "competence",
        "title",
        "provider",
        "planned_on",
        "status",
        "completed_on",
        "notes",
    ),
    empty_text=_("Plan training to close the gaps the competence overview shows."),
    export_name="training-plan",
    actions=_training_actions,
    related=_training_related,
    extra=LINKS_TEMPLATE,
    **_PERMS,
)
