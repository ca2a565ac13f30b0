"""Tenant isolation, enumerated from the URL configuration and the OpenAPI schema so that every new route is
covered without anyone remembering to add it here.

For each organisation-scoped route we fill the URL with real records of organisation A and check that a member of
A reaches the view (the URL is valid) while a member of organisation B and a user without organisation get 404.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from styring.core.models import TenantModel

ORG_PATTERN = re.compile(r"<slug:org>")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def organisation_routes() -> list[str]:
    return sorted({route for route, _ in _walk(get_resolver().url_patterns) if ORG_PATTERN.search(route)})


KWARG = re.compile(r"<(?:(\w+):)?(\w+)>")


def _models_by_kwarg():
    """URL keywords are named after the model they address: `<uuid:aisystem>` is an AISystem."""
    models = {m._meta.model_name: m for m in apps.get_models() if issubclass(m, TenantModel)}
    from styring.accounts.models import ApiToken

    models["apitoken"] = ApiToken
    return models


def _make_record(model, personas, in_b: bool = False):
    """A record of organisation A (or B) of the given model, for filling URL keywords."""
    from model_bakery import baker

    from styring.accounts.models import ApiToken
    from styring.accounts.services import api_token_create

    organisation = personas.org_b if in_b else personas.org_a
    if model is ApiToken:
        user = personas.beta_manager if in_b else personas.owner
        token, _secret = api_token_create(membership=personas.membership(user, organisation), name="isolation")
        return token
    if model._meta.model_name == "membership":
        return personas.membership(personas.beta_owner if in_b else personas.viewer, organisation)
    return baker.make(model, organisation=organisation)


# Catalog records are global (the same for every organisation) and addressed by their stable keys.
CATALOG_KWARGS = {"version", "requirement"}


def _catalog_key(name: str) -> str:
    from model_bakery import baker

    from styring.catalog.models import Requirement

    requirement = Requirement.objects.filter(assessable=True).select_related("version").first() or baker.make(
        Requirement, key="demo:1:1", ref="1", kind="clause", title="Demo", version__key="demo:1", assessable=True
    )
    return requirement.version.key if name == "version" else requirement.key


def fill(route: str, personas, cache: dict) -> str:
    models = _models_by_kwarg()

    def replace(match):
        converter, name = match.groups()
        if name == "org":
            return personas.org_a.slug
        if converter == "uuid":
            if name not in models:
                raise AssertionError(f"URL keyword <uuid:{name}> in {route} does not name a tenant model")
            if name not in cache:
                cache[name] = _make_record(models[name], personas)
            return str(cache[name].public_id)
        if name in CATALOG_KWARGS:
            return _catalog_key(name)
        raise AssertionError(f"Unexpected URL keyword <{name}> in organisation route {route}")

    return "/" + KWARG.sub(replace, route)


def test_the_route_enumeration_finds_the_known_routes():
    routes = organisation_routes()
    assert "o/<slug:org>/ai-systems/" in routes
    assert "o/<slug:org>/members/<uuid:membership>/role/" in routes
    assert len(routes) >= 12


@pytest.mark.django_db
@pytest.mark.parametrize("route", organisation_routes())
def test_every_organisation_route_is_invisible_to_outsiders(route, personas, client):
    url = fill(route, personas, {})
    client.force_login(personas.owner)
    owner_get = client.get(url)
    assert owner_get.status_code in (200, 302, 405), f"{url} is not reachable by its own owner"
    for stranger in (personas.beta_manager, personas.outsider):
        client.force_login(stranger)
        assert client.get(url).status_code == 404, f"GET {url} leaks to {stranger.email}"
        assert client.post(url, {"reason": "x"}).status_code == 404, f"POST {url} leaks to {stranger.email}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", organisation_routes())
def test_every_organisation_route_sends_anonymous_visitors_to_sign_in(route, personas, client):
    url = fill(route, personas, {})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("route", [route for route in organisation_routes() if "<uuid:" in route])
def test_every_organisation_route_answers_404_for_a_record_of_another_organisation(route, personas, client):
    """A member of A who puts a record id of B into an A URL finds nothing."""
    models = _models_by_kwarg()
    cache = {}
    url = fill(route, personas, cache)
    for name, record in cache.items():
        foreign = _make_record(models[name], personas, in_b=True)
        url = url.replace(str(record.public_id), str(foreign.public_id))
    client.force_login(personas.owner)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {"reason": "x"})
    assert response.status_code == 404, f"{url} shows a record of another organisation"


def _api_operations():
    from styring.api import api

    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method in methods:
            yield path, method


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "method"), [op for op in _api_operations() if "{org}" in op[0]])
def test_every_organisation_api_route_is_invisible_to_tokens_and_sessions_of_other_organisations(
    path, method, personas, client
):
    from styring.accounts.services import api_token_create

    cache = {}
    models = _models_by_kwarg()

    def value(name):
        if name == "org":
            return personas.org_a.slug
        if name not in cache:
            cache[name] = _make_record(models[name], personas)
        return str(cache[name].public_id)

    url = re.sub(r"\{(\w+)\}", lambda m: value(m.group(1)), path)
    _token, beta_secret = api_token_create(
        membership=personas.membership(personas.beta_manager, personas.org_b), name="beta"
    )

    def call(**extra):
        if method == "get":
            return client.get(url, **extra)
        return getattr(client, method)(url, data="{}", content_type="application/json", **extra)

    response = call(HTTP_AUTHORIZATION=f"Bearer {beta_secret}")
    assert response.status_code == 404, f"{method.upper()} {url} with a token of beta: {response.status_code}"
    client.force_login(personas.outsider)
    response = call()
    # Session writes without a CSRF token are refused before tenancy is checked: that is not a leak either.
    assert response.status_code in (403, 404) if method != "get" else response.status_code == 404


def test_unknown_uuid_in_an_organisation_route_is_a_404(personas, login):
    response = login(personas.owner).get(f"/o/acme/ai-systems/{uuid.uuid4()}/")
    assert response.status_code == 404
