"""Read-only catalog API: frameworks, versions, requirements and crosswalks (global data; any signed-in caller)."""

from datetime import date

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from styring.core.api import error_responses

from . import selectors
from .models import Crosswalk, Mapping, Requirement

router = Router(tags=["catalog"])


class VersionOut(Schema):
    key: str
    version: str
    title: str
    published_on: date | None
    status: str


class FrameworkOut(Schema):
    code: str
    name: str
    publisher: str
    kind: str
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(framework):
        return list(framework.versions.all())


class RequirementOut(Schema):
    key: str
    ref: str
    kind: str
    title: str
    description: str
    evidence: str
    parent: str | None
    depth: int
    documented_information: bool
    assessable: bool
    translations: dict

    @staticmethod
    def resolve_parent(requirement):
        return requirement.parent.key if requirement.parent_id else None


class RelatedOut(Schema):
    key: str
    ref: str
    title: str
    framework: str
    relationship: str
    rationale: str


class RequirementDetailOut(RequirementOut):
    related: list[RelatedOut]


class MappingOut(Schema):
    source: str
    target: str
    relationship: str
    rationale: str

    @staticmethod
    def resolve_source(mapping):
        return mapping.source.key

    @staticmethod
    def resolve_target(mapping):
        return mapping.target.key


class CrosswalkOut(Schema):
    key: str
    title: str
    source: str
    from_version: str
    to_version: str

    @staticmethod
    def resolve_from_version(crosswalk):
        return crosswalk.from_version.key

    @staticmethod
    def resolve_to_version(crosswalk):
        return crosswalk.to_version.key


class RequirementFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Text in number, title or description (any language)")
    kind: str | None = Field(None, max_length=30)
    assessable: bool | None = None


@router.get("/frameworks/", response={200: list[FrameworkOut], **error_responses(401)}, summary="Frameworks")
def list_frameworks(request):
    return list(selectors.frameworks_with_versions())


@router.get(
    "/versions/{version}/requirements/",
    response={200: list[RequirementOut], **error_responses(401, 404)},
    summary="Requirements of a framework version, in document order",
)
@paginate(LimitOffsetPagination)
def list_requirements(request, version: str, filters: Query[RequirementFilters]):
    framework_version = selectors.version_by_key(version)
    if framework_version is None:
        raise Http404
    requirements = selectors.requirements_of(framework_version, filters.q or "").select_related("parent")
    if filters.kind:
        requirements = requirements.filter(kind=filters.kind)
    if filters.assessable is not None:
        requirements = requirements.filter(assessable=filters.assessable)
    return requirements


@router.get(
    "/requirements/{requirement}/",
    response={200: RequirementDetailOut, **error_responses(401, 404)},
    summary="One requirement with its related requirements in other frameworks",
)
def get_requirement(request, requirement: str):
    found = Requirement.objects.select_related("parent", "version__framework").filter(key=requirement).first()
    if found is None:
        raise Http404
    found.related = [
        {
            "key": item.requirement.key,
            "ref": item.requirement.ref,
            "title": item.requirement.title,
            "framework": item.requirement.version.framework.name,
            "relationship": item.relationship,
            "rationale": item.rationale,
        }
        for item in selectors.related_requirements(found)
    ]
    return found


@router.get("/crosswalks/", response={200: list[CrosswalkOut], **error_responses(401)}, summary="Crosswalks")
def list_crosswalks(request):
    return list(Crosswalk.objects.select_related("from_version", "to_version"))


@router.get(
    "/crosswalks/{crosswalk}/mappings/",
    response={200: list[MappingOut], **error_responses(401, 404)},
    summary="Mappings of one crosswalk",
)
@paginate(LimitOffsetPagination)
def list_mappings(request, crosswalk: str):
    if not Crosswalk.objects.filter(key=crosswalk).exists():
        raise Http404
    return Mapping.objects.filter(crosswalk__key=crosswalk).select_related("source", "target").order_by("id")
