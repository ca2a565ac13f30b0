from django.http import Http404
from django.utils.translation import gettext_lazy as _

from styring.core.permissions import Perm
from styring.core.views import OrganisationPage

from . import selectors
from .links import links_for

SECTION = "catalog:frameworks"


class FrameworkListView(OrganisationPage):
    template_name = "catalog/framework_list.html"
    permission_required = Perm.ORGANISATION_VIEW
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        context.update(
            title=_("Standards catalog"),
            frameworks=selectors.frameworks_with_versions(),
            query=query,
            results=list(selectors.search_requirements(query)) if query else None,
            max_results=selectors.MAX_SEARCH_RESULTS,
        )
        return context


class VersionView(OrganisationPage):
    template_name = "catalog/version_detail.html"
    permission_required = Perm.ORGANISATION_VIEW
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = selectors.version_by_key(self.kwargs["version"])
        if version is None:
            raise Http404
        query = self.request.GET.get("q", "").strip()[:200]
        context.update(
            title=f"{version.framework.name}:{version.version}",
            version=version,
            query=query,
            requirements=list(selectors.requirements_of(version, query)),
            dates=list(version.dates.all()),
        )
        return context


class RequirementView(OrganisationPage):
    template_name = "catalog/requirement_detail.html"
    permission_required = Perm.ORGANISATION_VIEW
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requirement = selectors.requirement_by_key(self.kwargs["requirement"])
        if requirement is None:
            raise Http404
        context.update(
            title=f"{requirement.ref} {requirement.display_title}",
            requirement=requirement,
            ancestors=selectors.ancestors_of(requirement),
            children=list(requirement.children.order_by("position")),
            related=selectors.related_requirements(requirement),
            addressed_by=links_for(self.organisation, requirement),
        )
        return context
