"""Hostile or sloppy input is answered with a 4xx and writes nothing; it never reaches the database as a 500."""

import json

import pytest
from django.conf import settings

from styring.inventory.models import AISystem

from .conftest import API, SYSTEMS, system_url

VALID = {"name": "Claims triage", "purpose": "Sort incoming claims"}


@pytest.fixture
def manager_api(personas, api_as):
    return api_as(personas.manager)


@pytest.mark.parametrize(
    "body",
    [
        {**VALID, "name": "Claims\u0000triage"},
        {**VALID, "description": "trailing\x00"},
        {**VALID, "iso_roles": ["provider\u0000"]},
    ],
    ids=["name", "description", "inside-a-list"],
)
def test_a_nul_character_in_the_body_is_422_and_nothing_is_written(manager_api, body):
    response = manager_api.post(SYSTEMS, body)

    assert response.status_code == 422
    assert not AISystem.objects.exists()


def test_a_nul_character_in_a_patch_is_422_and_nothing_changes(manager_api, aisystem_factory):
    system = aisystem_factory(name="Fraud scoring")

    response = manager_api.patch(system_url(system), {"supplier": "Evil\x00Corp"})

    assert response.status_code == 422
    system.refresh_from_db()
    assert (system.supplier, system.version) == ("", 1)


@pytest.mark.parametrize(
    "url",
    [
        f"{SYSTEMS}?q=a%00b",
        f"{SYSTEMS}?ordering=name%00",
        f"{API}/organisations/ac%00me/",
        f"{API}/organisations/ac%00me/ai-systems/",
        f"{API}/catalog/versions/iso-42001%00/requirements/",
    ],
)
def test_a_nul_character_in_the_url_is_400_not_a_server_error(manager_api, login, personas, url):
    assert manager_api.get(url).status_code == 400
    assert login(personas.manager).get(url).status_code == 400  # the session path looks the organisation up in SQL


@pytest.mark.parametrize("value", [0, 1, "true", "false", None])
def test_a_non_boolean_for_a_boolean_field_is_422(manager_api, value):
    response = manager_api.post(SYSTEMS, {**VALID, "processes_personal_data": value})

    assert response.status_code == 422
    assert not AISystem.objects.exists()


def test_an_unknown_field_is_422(manager_api, aisystem_factory):
    system = aisystem_factory()

    assert manager_api.post(SYSTEMS, {**VALID, "organisation": "beta"}).status_code == 422
    assert manager_api.patch(system_url(system), {"version": 99}).status_code == 422
    assert AISystem.objects.count() == 1
    system.refresh_from_db()
    assert system.version == 1


def test_a_body_larger_than_the_upload_limit_is_413_and_nothing_is_written(manager_api):
    body = json.dumps({**VALID, "description": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    assert len(body.encode()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = manager_api.post(SYSTEMS, body)

    assert response.status_code == 413
    assert not AISystem.objects.exists()


def test_a_body_just_under_the_upload_limit_is_not_refused_for_its_size(manager_api):
    # Proves the 413 above is about size: a body below the limit gets past the guard (and fails on max_length).
    padding = settings.DATA_UPLOAD_MAX_MEMORY_SIZE - len(json.dumps({**VALID, "description": ""})) - 10
    response = manager_api.post(SYSTEMS, json.dumps({**VALID, "description": "x" * padding}))

    assert response.status_code == 422


@pytest.mark.parametrize("body", ['{"name": "Claims triage", ', "{'name': 'x'}", "not json", b"\xff\xfe{}"])
def test_malformed_json_is_400(manager_api, body):
    response = manager_api.post(SYSTEMS, body)

    assert response.status_code == 400
    assert "detail" in response.json()
    assert not AISystem.objects.exists()


@pytest.mark.parametrize("body", ["[]", '"Claims triage"', "42", "null"])
def test_json_that_is_not_an_object_is_refused_with_a_4xx(manager_api, body):
    response = manager_api.post(SYSTEMS, body)

    assert response.status_code in (400, 422)
    assert not AISystem.objects.exists()


def test_a_name_over_200_characters_is_422_and_200_is_fine(manager_api):
    assert manager_api.post(SYSTEMS, {**VALID, "name": "n" * 201}).status_code == 422
    assert not AISystem.objects.exists()

    assert manager_api.post(SYSTEMS, {**VALID, "name": "n" * 200}).status_code == 201


@pytest.mark.parametrize(
    "field_value",
    [
        ("lifecycle_stage", "retired-ish"),
        ("criticality", "HIGH"),
        ("iso_roles", ["overlord"]),
        ("ai_act_class", ""),
    ],
)
def test_an_invalid_choice_is_422(manager_api, field_value):
    field, value = field_value

    response = manager_api.post(SYSTEMS, {**VALID, field: value})

    assert response.status_code == 422
    assert not AISystem.objects.exists()


def test_a_duplicate_name_in_the_same_organisation_is_422_not_a_server_error(personas, manager_api, aisystem_factory):
    aisystem_factory(name="Claims triage")

    response = manager_api.post(SYSTEMS, VALID)

    assert response.status_code == 422
    assert "already exists" in json.dumps(response.json()["detail"])
    assert AISystem.objects.count() == 1


def test_renaming_to_a_name_already_taken_is_422(manager_api, aisystem_factory):
    aisystem_factory(name="Claims triage")
    other = aisystem_factory(name="Fraud scoring")

    response = manager_api.patch(system_url(other), {"name": "Claims triage"})

    assert response.status_code == 422
    other.refresh_from_db()
    assert other.name == "Fraud scoring"


def test_the_same_name_in_another_organisation_is_allowed(personas, manager_api, aisystem_factory):
    aisystem_factory(organisation=personas.org_b, actor=personas.beta_manager, name="Claims triage")

    assert manager_api.post(SYSTEMS, VALID).status_code == 201
