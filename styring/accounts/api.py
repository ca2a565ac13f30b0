from datetime import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from styring.core.api import READ_ERRORS, WRITE_ERRORS, api_membership, api_require, error_responses
from styring.core.permissions import Perm

from . import services
from .models import ApiToken

router = Router(tags=["API tokens"])


class ApiTokenOut(Schema):
    id: UUID
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @staticmethod
    def resolve_id(token):
        return token.public_id


@router.get(
    "/{org}/api-tokens/",
    response={200: list[ApiTokenOut], **error_responses(*READ_ERRORS)},
    summary="Your API tokens in this organisation",
)
@paginate(LimitOffsetPagination)
def list_tokens(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.API_TOKENS_USE)
    return ApiToken.objects.filter(membership=membership).order_by("-created_at")


@router.post(
    "/{org}/api-tokens/{apitoken}/revoke",
    response={200: ApiTokenOut, **error_responses(*WRITE_ERRORS)},
    summary="Revoke one of your tokens",
)
def revoke_token(request, org: str, apitoken: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.API_TOKENS_USE)
    token = get_object_or_404(ApiToken, membership=membership, public_id=apitoken)
    return services.api_token_revoke(token=token, actor=membership.user)
