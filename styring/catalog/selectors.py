"""Reads of the catalog with bounded query counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from .choices import INVERSE_RELATIONSHIP, Relationship
from .models import Framework, FrameworkVersion, Mapping, Requirement

MAX_SEARCH_RESULTS = 200


def frameworks_with_versions():
    versions = FrameworkVersion.objects.annotate(requirement_count=Count("requirements")).order_by("-published_on")
    return Framework.objects.prefetch_related(Prefetch("versions", queryset=versions))


def version_by_key(key: str) -> FrameworkVersion | None:
    return FrameworkVersion.objects.select_related("framework").filter(key=key).first()


def requirements_of(version: FrameworkVersion, query: str = ""):
    """The version's requirements in document order; with `query`, only those whose text in any language matches."""
    requirements = Requirement.objects.filter(version=version).order_by("position")
    if query:
        requirements = requirements.filter(search_text__icontains=query.lower())
    return requirements


def search_requirements(query: str):
    """Requirements of every framework whose number, title or description (any language) contains `query`."""
    terms = [term.lower() for term in query.split() if term]
    if not terms:
        return Requirement.objects.none()
    condition = Q()
    for term in terms:
        condition &= Q(search_text__icontains=term)
    return (
        Requirement.objects.filter(condition)
        .select_related("version__framework")
        .order_by("version__framework__name", "version__key", "position")[:MAX_SEARCH_RESULTS]
    )


def requirement_by_key(key: str) -> Requirement | None:
    return Requirement.objects.select_related("version__framework", "parent").filter(key=key).first()


def ancestors_of(requirement: Requirement) -> list[Requirement]:
    """Parents from the top down (a handful of queries at most: trees are shallow)."""
    chain = []
    node = requirement.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


@dataclass(frozen=True)
class RelatedRequirement:
    requirement: Requirement
    relationship: str
    rationale: str
    crosswalk_title: str

    @property
    def relationship_label(self) -> str:
        return Relationship(self.relationship).label


def related_requirements(requirement: Requirement) -> list[RelatedRequirement]:
    """Counterparts in other frameworks through every crosswalk, in both directions. When the requirement is the
    target of a mapping, the relationship is inverted so that it always reads from this requirement's side."""
    mappings = Mapping.objects.filter(Q(source=requirement) | Q(target=requirement)).select_related(
        "source__version__framework", "target__version__framework", "crosswalk"
    )
    related = []
    for mapping in mappings:
        if mapping.source_id == requirement.pk:
            related.append(
                RelatedRequirement(mapping.target, mapping.relationship, mapping.rationale, mapping.crosswalk.title)
            )
        else:
            related.append(
                RelatedRequirement(
                    mapping.source,
                    INVERSE_RELATIONSHIP[mapping.relationship],
                    mapping.rationale,
                    mapping.crosswalk.title,
                )
            )
    return sorted(related, key=lambda item: (item.requirement.version.key, item.requirement.position))
