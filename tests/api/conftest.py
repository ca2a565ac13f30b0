"""Helpers for the REST API tests: personal tokens for the personas and a client that calls the API like a script
(JSON bodies, `Authorization: Bearer`, CSRF checks enforced as they are for real callers)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

API = "/api/v1"
ACME = f"{API}/organisations/acme"
SYSTEMS = f"{ACME}/ai-systems/"


def system_url(system, org: str = "acme") -> str:
    return f"{API}/organisations/{org}/ai-systems/{system.public_id}/"


class ApiCaller:
    """Calls the API with fixed headers. `body` is sent as JSON unless it is already a str or bytes."""

    def __init__(self, headers: dict[str, str] | None = None, client: Client | None = None):
        self.client = client or Client(enforce_csrf_checks=True)
        self.headers = headers or {}

    def _send(self, method: str, url: str, body=None, headers: dict[str, str] | None = None):
        kwargs = {"headers": {**self.headers, **(headers or {})}}
        if body is not None:
            kwargs["data"] = body if isinstance(body, str | bytes) else json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(url, **kwargs)

    def get(self, url: str, params: dict | None = None, headers: dict[str, str] | None = None):
        return self.client.get(url, params or {}, headers={**self.headers, **(headers or {})})

    def post(self, url: str, body=None, headers=None):
        return self._send("post", url, body, headers)

    def patch(self, url: str, body=None, headers=None):
        return self._send("patch", url, body, headers)

    def delete(self, url: str, headers=None):
        return self._send("delete", url, None, headers)


@pytest.fixture
def make_token(personas):
    """`make_token(user, org=None, expires_at=None)` -> (ApiToken, secret) for the user's membership in `org`."""
    from styring.accounts.services import api_token_create

    def make(user, org=None, *, expires_at=None, name="CI pipeline"):
        return api_token_create(membership=personas.membership(user, org), name=name, expires_at=expires_at)

    return make


@pytest.fixture
def api_as(make_token):
    """`api_as(user, org=None)` -> an ApiCaller authenticated with a fresh personal token of that member."""

    def make(user, org=None):
        _, secret = make_token(user, org)
        return ApiCaller({"Authorization": f"Bearer {secret}"})

    return make


@pytest.fixture
def anonymous():
    return ApiCaller()
