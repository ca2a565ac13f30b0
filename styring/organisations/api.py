from datetime import datetime
from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from styring.core.api import READ_ERRORS, api_membership, api_require, error_responses
from styring.core.permissions import Perm

from . import selectors
from .models import Membership

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: UUID
    name: str
    slug: str
    default_language: str
    time_zone: str
    my_role: str


class MemberOut(Schema):
    id: UUID
    email: str
    full_name: str
    role: str
    created_at: datetime

    @staticmethod
    def resolve_id(membership):
        return membership.public_id

    @staticmethod
    def resolve_email(membership):
        return membership.user.email

    @staticmethod
    def resolve_full_name(membership):
        return membership.user.full_name


def _organisation_out(membership: Membership) -> dict:
    organisation = membership.organisation
    return {
        "id": organisation.public_id,
        "name": organisation.name,
        "slug": organisation.slug,
        "default_language": organisation.default_language,
        "time_zone": organisation.time_zone,
        "my_role": membership.role,
    }


@router.get("/", response={200: list[OrganisationOut], **error_responses(401)}, summary="Organisations you belong to")
def list_organisations(request):
    api_token = getattr(request, "api_token", None)
    memberships = [api_token.membership] if api_token else selectors.memberships_of(request.user)
    return [_organisation_out(membership) for membership in memberships]


@router.get("/{org}/", response={200: OrganisationOut, **error_responses(*READ_ERRORS)}, summary="One organisation")
def get_organisation(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.ORGANISATION_VIEW)
    return _organisation_out(membership)


@router.get("/{org}/members/", response={200: list[MemberOut], **error_responses(*READ_ERRORS)}, summary="Members")
@paginate(LimitOffsetPagination)
def list_members(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.MEMBERS_VIEW)
    return selectors.members_of(membership.organisation)
