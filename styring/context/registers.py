"""The two registers of the organisation's context: issues (4.1) and interested parties (4.2)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.catalog.models import Requirement
from styring.core.crud import Crud
from styring.core.permissions import Perm

from . import selectors, services
from .filtersets import IssueFilterSet, PartyFilterSet
from .forms import IssueForm, PartyForm
from .models import ContextIssue, InterestedParty
from .tables import IssueTable, PartyTable

_PERMS = {
    "view_permission": Perm.AIMS_VIEW,
    "change_permission": Perm.AIMS_CHANGE,
    "delete_permission": Perm.AIMS_DELETE,
}


def _issue_related(issue):
    return [
        (_("AI systems"), list(issue.systems.all())),
        (_("Risks"), list(issue.risks.all())),
    ]


@dataclass(frozen=True)
class _CatalogLink:
    """A catalog requirement as the detail page lists related records: its name, linking to its catalog page."""

    requirement: Requirement
    url: str

    def __str__(self) -> str:
        return f"{self.requirement.version.framework.name} {self.requirement}"

    def get_absolute_url(self) -> str:
        return self.url


def _party_related(party):
    requirements = party.catalog_requirements.select_related("version__framework").order_by("version__key", "position")
    return [
        (
            _("Related catalog requirements"),
            [
                _CatalogLink(
                    r, reverse("catalog:requirement", kwargs={"org": party.organisation.slug, "requirement": r.key})
                )
                for r in requirements
            ],
        )
    ]


ISSUES = Crud(
    model=ContextIssue,
    url_prefix="context/issues",
    list_title=_("Internal and external issues"),
    create_title=_("New issue"),
    selector=selectors.issues_of,
    create=services.issue_create,
    update=services.issue_update,
    delete=services.issue_delete,
    form_class=IssueForm,
    table_class=IssueTable,
    filterset_class=IssueFilterSet,
    detail_fields=(
        "reference",
        "title",
        "kind",
        "category",
        "description",
        "effect_on_aims",
        "owner",
        "status",
        "review_date",
    ),
    empty_text=_(
        "Record what inside and outside the organisation affects what its AI management system can achieve: laws, "
        "technology, markets, expectations of society, culture. Say how each issue shapes objectives, risks or scope."
    ),
    export_name="context-issues",
    related=_issue_related,
    **_PERMS,
)

PARTIES = Crud(
    model=InterestedParty,
    url_prefix="context/parties",
    list_title=_("Interested parties"),
    create_title=_("New interested party"),
    selector=selectors.parties_of,
    create=services.party_create,
    update=services.party_update,
    delete=services.party_delete,
    form_class=PartyForm,
    table_class=PartyTable,
    filterset_class=PartyFilterSet,
    detail_fields=(
        "name",
        "party_type",
        "needs",
        "requirements",
        "addressed_by_aims",
        "how_addressed",
        "influence",
        "owner",
        "review_date",
    ),
    empty_text=_(
        "List who has a stake in how the organisation uses AI, what they need and expect, which of their "
        "requirements the AI management system takes on, and how."
    ),
    export_name="interested-parties",
    related=_party_related,
    **_PERMS,
)
