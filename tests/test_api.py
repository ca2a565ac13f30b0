"""The REST API: schema, authentication, tenancy, permissions, validation and list performance."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from styring.accounts.models import ApiToken
from styring.accounts.services import api_token_create
from styring.core.models import AuditEvent
from styring.inventory.models import AISystem

BASE = "/api/v1/organisations/acme/ai-systems/"


@pytest.fixture
def token_for(personas):
    def make(user, org=None, **kwargs):
        _token, secret = api_token_create(membership=personas.membership(user, org), name="test", **kwargs)
        return secret

    return make


@pytest.fixture
def api(client):
    """api(secret).get/post/patch/delete with the token and JSON bodies."""

    class Caller:
        def __init__(self, secret):
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

        def get(self, url, **params):
            return client.get(url, params, **self.headers)

        def send(self, method, url, body=None, raw=None, **extra):
            data = raw if raw is not None else json.dumps(body or {})
            return getattr(client, method)(url, data=data, content_type="application/json", **self.headers, **extra)

        def post(self, url, body=None, **extra):
            return self.send("post", url, body, **extra)

        def patch(self, url, body=None, **extra):
            return self.send("patch", url, body, **extra)

        def delete(self, url, body=None, **extra):
            return self.send("delete", url, body, **extra)

    return Caller


VALID = {
    "name": "Claims triage",
    "purpose": "Ranks claims",
    "lifecycle_stage": "operation",
    "iso_roles": ["provider"],
    "processes_personal_data": True,
    "review_date": "2027-03-31",
}


def test_the_openapi_schema_is_version_3_1(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")


def test_the_docs_page_loads_only_local_files(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page and "unpkg" not in page and 'src="http' not in page


def test_every_operation_declares_its_error_responses(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "401" in codes, f"{method} {path}"
            if "{org}" in path:
                assert {"403", "404"} <= codes, f"{method} {path}"
            if method in ("post", "patch", "delete") and "{org}" in path and "revoke" not in path:
                assert {"409", "413", "422"} <= codes, f"{method} {path}"


def test_a_token_creates_reads_updates_and_deletes_an_ai_system(personas, token_for, api):
    caller = api(token_for(personas.contributor))
    owner = personas.membership(personas.manager)
    created = caller.post(BASE, {**VALID, "owner": str(owner.public_id)})
    assert created.status_code == 201, created.content
    assert created["ETag"] == '"1"'
    body = created.json()
    assert body["owner"] == str(owner.public_id) and body["owner_name"] == "Manager Person"
    url = f"{BASE}{body['id']}/"
    assert caller.get(url).json()["review_date"] == "2027-03-31"
    changed = caller.patch(url, {"criticality": "high", "reason": "New use"}, HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200 and changed["ETag"] == '"2"'
    event = AuditEvent.objects.filter(object_id=body["id"], action="update").get()
    assert event.changes == {"criticality": ["medium", "high"]} and event.reason == "New use"
    assert event.actor == personas.contributor
    manager = api(token_for(personas.manager))
    assert manager.delete(url).status_code == 204
    assert not AISystem.objects.filter(public_id=body["id"]).exists()


def test_a_stale_if_match_is_refused_with_409_and_changes_nothing(personas, token_for, api, aisystem_factory):
    system = aisystem_factory(name="Original")
    caller = api(token_for(personas.manager))
    url = f"{BASE}{system.public_id}/"
    assert caller.patch(url, {"name": "First"}, HTTP_IF_MATCH='"1"').status_code == 200
    response = caller.patch(url, {"name": "Second"}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 409
    assert caller.patch(url, {"name": "Third"}, HTTP_IF_MATCH="garbage").status_code == 400
    system.refresh_from_db()
    assert system.name == "First"


@pytest.mark.parametrize(
    ("role", "method", "expected"),
    [
        ("viewer", "post", 403),
        ("auditor", "post", 403),
        ("viewer", "patch", 403),
        ("contributor", "delete", 403),
        ("contributor", "patch", 200),
        ("viewer", "get", 200),
    ],
)
def test_roles_decide_what_a_token_may_do(personas, token_for, api, aisystem_factory, role, method, expected):
    system = aisystem_factory()
    caller = api(token_for(getattr(personas, role)))
    url = BASE if method == "post" else f"{BASE}{system.public_id}/"
    response = caller.get(url) if method == "get" else getattr(caller, method)(url, VALID if method == "post" else {})
    assert response.status_code == expected


def test_a_token_follows_the_members_current_role(personas, token_for, api):
    secret = token_for(personas.contributor)
    from styring.organisations.models import Membership

    Membership.objects.filter(user=personas.contributor).update(role="viewer")
    assert api(secret).post(BASE, VALID).status_code == 403


@pytest.mark.parametrize("problem", ["wrong", "revoked", "expired", "inactive", "malformed"])
def test_invalid_tokens_are_refused_with_401(personas, token_for, api, problem):
    secret = token_for(personas.viewer)
    token = ApiToken.objects.get()
    if problem == "wrong":
        secret = secret[:-4] + "AAAA"
    elif problem == "revoked":
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    elif problem == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif problem == "inactive":
        type(personas.viewer).objects.filter(pk=personas.viewer.pk).update(is_active=False)
    else:
        secret = "not-a-token"
    assert api(secret).get(BASE).status_code == 401


def test_tokens_are_stored_only_as_hashes_and_record_their_last_use(personas, token_for, api):
    secret = token_for(personas.viewer)
    token = ApiToken.objects.get()
    assert secret not in token.token_hash and token.last_used_at is None
    api(secret).get(BASE)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_lists_only_its_own_organisation_but_a_session_lists_all(personas, token_for, api, login):
    from styring.organisations.services import membership_add

    membership_add(organisation=personas.org_b, user=personas.viewer, role="viewer", actor=personas.beta_manager)
    by_token = api(token_for(personas.viewer)).get("/api/v1/organisations/").json()
    assert [item["slug"] for item in by_token] == ["acme"]
    by_session = login(personas.viewer).get("/api/v1/organisations/").json()
    assert sorted(item["slug"] for item in by_session) == ["acme", "beta"]


def test_a_session_write_without_a_csrf_token_is_refused(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.manager)
    assert client.get(BASE).status_code == 200
    response = client.post(BASE, data=json.dumps(VALID), content_type="application/json")
    assert response.status_code == 403
    assert not AISystem.objects.exists()


def test_an_owner_from_another_organisation_is_not_found_and_nothing_is_created(personas, token_for, api):
    foreign = personas.membership(personas.beta_manager, personas.org_b)
    response = api(token_for(personas.manager)).post(BASE, {**VALID, "owner": str(foreign.public_id)})
    assert response.status_code == 404
    assert not AISystem.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {**VALID, "purpose": "nul \u0000 byte"},
        {**VALID, "processes_personal_data": 0},
        {**VALID, "colour": "blue"},
        {**VALID, "name": "x" * 201},
        {**VALID, "lifecycle_stage": "retired-ish"},
        {**VALID, "iso_roles": ["wizard"]},
        {**VALID, "review_date": "31.03.2027"},
        {"purpose": "no name"},
    ],
    ids=["nul", "int-for-bool", "unknown-field", "too-long", "bad-enum", "bad-list-item", "bad-date", "missing"],
)
def test_invalid_input_is_refused_with_422_and_nothing_is_written(personas, token_for, api, body):
    caller = api(token_for(personas.manager))
    events = AuditEvent.objects.count()
    response = caller.post(BASE, body)
    assert response.status_code == 422, response.content
    assert not AISystem.objects.exists() and AuditEvent.objects.count() == events


def test_a_duplicate_name_is_a_422_not_a_server_error(personas, token_for, api, aisystem_factory):
    aisystem_factory(name="Claims triage")
    response = api(token_for(personas.manager)).post(BASE, VALID)
    assert response.status_code == 422
    assert "already exists" in json.dumps(response.json())


def test_malformed_json_is_a_client_error(personas, token_for, api):
    response = api(token_for(personas.manager)).send("post", BASE, raw="{not json")
    assert 400 <= response.status_code < 500


def test_an_oversize_body_is_refused_with_413(personas, token_for, api, settings):
    body = {**VALID, "description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)}
    response = api(token_for(personas.manager)).post(BASE, body)
    assert response.status_code == 413
    assert not AISystem.objects.exists()


def test_lists_page_with_limit_and_offset_and_refuse_more_than_200(personas, token_for, api):
    from model_bakery import baker

    baker.make(
        AISystem,
        organisation=personas.org_a,
        _quantity=60,
        _bulk_create=True,
        name=iter(f"System {i:02d}" for i in range(60)),
    )
    caller = api(token_for(personas.viewer))
    first = caller.get(BASE).json()
    assert first["count"] == 60 and len(first["items"]) == 50
    assert caller.get(BASE, limit=10, offset=55).json()["items"][0]["name"] == "System 55"
    too_many = caller.get(BASE, limit=500)
    assert too_many.status_code == 422 or len(too_many.json()["items"]) <= 200


def test_lists_filter_and_validate_ordering(personas, token_for, api, aisystem_factory):
    aisystem_factory(name="Alpha", lifecycle_stage="planning")
    aisystem_factory(name="Beta", lifecycle_stage="operation", supplier="Acme Bots")
    caller = api(token_for(personas.viewer))
    assert [s["name"] for s in caller.get(BASE, lifecycle_stage="operation").json()["items"]] == ["Beta"]
    assert [s["name"] for s in caller.get(BASE, q="acme bots").json()["items"]] == ["Beta"]
    assert [s["name"] for s in caller.get(BASE, ordering="-name").json()["items"]] == ["Beta", "Alpha"]
    assert caller.get(BASE, ordering="purpose; drop table").status_code == 422


def test_the_list_query_count_is_the_same_for_5_and_500_systems(personas, token_for, api):
    from model_bakery import baker

    caller = api(token_for(personas.viewer))
    owner = personas.membership(personas.manager)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert caller.get(BASE, limit=200).status_code == 200
        return len(context.captured_queries)

    baker.make(
        AISystem,
        organisation=personas.org_a,
        owner=owner,
        _quantity=5,
        _bulk_create=True,
        name=iter(f"Few {i}" for i in range(5)),
    )
    caller.get(BASE)  # the token's first use records last_used_at; measure steady-state reads
    few = count()
    baker.make(
        AISystem,
        organisation=personas.org_a,
        owner=owner,
        _quantity=495,
        _bulk_create=True,
        name=iter(f"Many {i}" for i in range(495)),
    )
    assert count() == few


def test_members_and_api_tokens_are_listed_for_the_caller(personas, token_for, api):
    caller = api(token_for(personas.viewer))
    members = caller.get("/api/v1/organisations/acme/members/").json()
    assert members["count"] == 6
    tokens = caller.get("/api/v1/organisations/acme/api-tokens/").json()
    assert tokens["count"] == 1
    revoked = caller.post(f"/api/v1/organisations/acme/api-tokens/{tokens['items'][0]['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
