"""Shared pieces of the REST API: authentication, organisation resolution, strict schemas, error responses."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Schema
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import ConfigDict, model_validator

from .permissions import can
from .scoping import resolve_membership


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sty_…`: a personal token bound to one membership."""

    openapi_description = "Personal API token, created under API tokens in the organisation's menu."

    def authenticate(self, request, token):
        from styring.accounts.services import api_token_authenticate

        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        request.api_token = api_token
        request.user = api_token.membership.user
        _check_organisation(request)
        return api_token


class SessionAuth(APIKeyCookie):
    """The browser's session (with CSRF protection on writes), for the docs page and htmx helpers."""

    param_name = "sessionid"

    def __call__(self, request):
        # Without a signed-in session there is nothing for CSRF to protect: skip the check so that an anonymous
        # caller, or one with a wrong or revoked token, is told 401 rather than "CSRF check failed" (403).
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        if request.user.is_authenticated:
            _check_organisation(request)
            return request.user
        return None


def _check_organisation(request) -> None:
    """Resolve `{org}` as part of authentication, so that outsiders get 404 before the body is even validated:
    the answer is the same whether the organisation exists or not."""
    org = request.resolver_match.kwargs.get("org") if request.resolver_match else None
    if org is not None:
        api_membership(request, org)


API_AUTH = [TokenAuth(), SessionAuth(csrf=True)]


def api_membership(request, org: str):
    """The caller's membership in organisation `org`, or 404. A token only ever reaches its own organisation."""
    cached = getattr(request, "membership", None)
    if cached is not None and cached.organisation.slug == org:
        return cached
    api_token = getattr(request, "api_token", None)
    if api_token is not None:
        if api_token.membership.organisation.slug != org:
            raise Http404
        membership = api_token.membership
    else:
        membership = resolve_membership(request.user, org)
    request.membership = membership
    return membership


def api_require(membership, permission: str) -> None:
    if not can(membership, permission):
        raise HttpError(403, "You do not have permission to do this.")


def _reject_nul(value: Any) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("Text must not contain NUL characters")
    if isinstance(value, dict):
        for item in value.values():
            _reject_nul(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _reject_nul(item)


class StrictSchema(Schema):
    """Input schemas: no type coercion (false is not 0), no unknown fields, no NUL characters."""

    model_config = ConfigDict(strict=True, extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def no_nul_characters(cls, data):
        _reject_nul(data)
        return data


class ErrorOut(Schema):
    detail: Any


def error_responses(*codes: int) -> dict[int, type[Schema]]:
    return dict.fromkeys(codes, ErrorOut)


READ_ERRORS = (401, 403, 404, 422)
WRITE_ERRORS = (400, 401, 403, 404, 409, 413, 422)


def parse_if_match(request) -> int | None:
    """The record version from an `If-Match: "N"` header (our ETags are the version numbers)."""
    header = request.headers.get("If-Match")
    if not header:
        return None
    value = header.strip().removeprefix("W/").strip('"')
    # isdigit() alone accepts "²" and other non-ASCII digits that int() refuses; versions never need 18 digits.
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise HttpError(400, 'If-Match must be the ETag of the record, e.g. "3".')
    return int(value)


def patch_schema_for(write_schema: type[StrictSchema], name: str) -> type[StrictSchema]:
    """The PATCH input matching a create schema: the same fields and limits, each optional (only fields sent are
    changed); `reason` keeps its default."""
    from pydantic import create_model
    from pydantic.fields import FieldInfo

    fields = {}
    for field_name, info in write_schema.model_fields.items():
        if field_name == "reason":
            fields[field_name] = (info.annotation, info)
            continue
        optional = FieldInfo.merge_field_infos(info, default=None)
        fields[field_name] = (info.annotation | None, optional)
    return create_model(name, __base__=StrictSchema, **fields)
