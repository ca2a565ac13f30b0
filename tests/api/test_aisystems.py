"""The AI systems routes: create, read, list (pagination, filters, ordering), change, delete and who may do what."""

import pytest

from styring.core.models import AuditAction, AuditEvent
from styring.inventory.models import AISystem

from .conftest import API, SYSTEMS, system_url

NEW_SYSTEM = {"name": "Claims triage", "purpose": "Sort incoming claims"}


@pytest.fixture
def manager_api(personas, api_as):
    return api_as(personas.manager)


# --- create and read -------------------------------------------------------------------------------------------


def test_create_returns_201_with_etag_1_and_the_owner_given_as_a_membership_id(personas, manager_api):
    owner = personas.membership(personas.contributor)

    response = manager_api.post(
        SYSTEMS, {**NEW_SYSTEM, "owner": str(owner.public_id), "iso_roles": ["provider"], "review_date": "2027-03-31"}
    )

    assert response.status_code == 201
    assert response["ETag"] == '"1"'
    body = response.json()
    assert body["version"] == 1
    assert body["owner"] == str(owner.public_id)
    assert body["owner_name"] == personas.contributor.get_full_name()
    system = AISystem.objects.get(public_id=body["id"])
    assert system.organisation == personas.org_a
    assert system.owner == owner
    assert system.iso_roles == ["provider"]
    assert str(system.review_date) == "2027-03-31"


def test_an_owner_from_another_organisation_is_404_and_nothing_is_created(personas, manager_api):
    foreign = personas.membership(personas.beta_manager, personas.org_b)

    response = manager_api.post(SYSTEMS, {**NEW_SYSTEM, "owner": str(foreign.public_id)})

    assert response.status_code == 404
    assert not AISystem.objects.exists()


def test_get_returns_the_system_with_its_etag(personas, manager_api, aisystem_factory):
    system = aisystem_factory(name="Fraud scoring", supplier="Acme Analytics")

    response = manager_api.get(system_url(system))

    assert response.status_code == 200
    assert response["ETag"] == f'"{system.version}"'
    assert response.json()["id"] == str(system.public_id)
    assert response.json()["name"] == "Fraud scoring"
    assert response.json()["supplier"] == "Acme Analytics"


def test_a_system_of_another_organisation_is_404_under_this_one(personas, manager_api, aisystem_factory):
    foreign = aisystem_factory(organisation=personas.org_b, actor=personas.beta_manager)

    assert manager_api.get(system_url(foreign)).status_code == 404
    assert manager_api.patch(system_url(foreign), {"name": "Hijacked"}).status_code == 404
    assert manager_api.delete(system_url(foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name != "Hijacked"


# --- list ----------------------------------------------------------------------------------------------------


@pytest.fixture
def sixty_systems(personas, aisystem_factory):
    return [aisystem_factory(name=f"System {n:02d}") for n in range(60)]


def test_the_list_returns_50_items_by_default_with_the_full_count(manager_api, sixty_systems):
    response = manager_api.get(SYSTEMS)

    assert response.status_code == 200
    assert response.json()["count"] == 60
    assert len(response.json()["items"]) == 50


def test_the_list_pages_with_limit_and_offset(manager_api, sixty_systems):
    response = manager_api.get(SYSTEMS, {"limit": 200, "offset": 50})

    assert response.status_code == 200
    assert response.json()["count"] == 60
    assert [item["name"] for item in response.json()["items"]] == [f"System {n}" for n in range(50, 60)]


@pytest.mark.parametrize("limit", [201, 500, 0])
def test_a_limit_outside_1_to_200_is_refused_with_422(manager_api, personas, limit):
    # NINJA_PAGINATION_MAX_LIMIT=200 becomes `le=200` on the query parameter: ninja refuses, it does not cap.
    response = manager_api.get(SYSTEMS, {"limit": limit})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_the_list_filters_by_lifecycle_stage(manager_api, aisystem_factory):
    aisystem_factory(name="Live one", lifecycle_stage="operation")
    aisystem_factory(name="Planned one", lifecycle_stage="planning")

    response = manager_api.get(SYSTEMS, {"lifecycle_stage": "operation"})

    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Live one"]
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("chatbot", ["Support chatbot"]), ("CLAIMS", ["Claims triage"]), ("nordlys", ["Support chatbot"])],
)
def test_the_list_filters_by_text_in_name_purpose_or_supplier(manager_api, aisystem_factory, text, expected):
    aisystem_factory(name="Support chatbot", purpose="Answer customers", supplier="Nordlys AI")
    aisystem_factory(name="Claims triage", purpose="Sort incoming claims")

    response = manager_api.get(SYSTEMS, {"q": text})

    assert [item["name"] for item in response.json()["items"]] == expected


def test_an_invalid_filter_value_is_refused_with_422(manager_api, personas):
    assert manager_api.get(SYSTEMS, {"lifecycle_stage": "retired-ish"}).status_code == 422


def test_the_list_orders_by_the_ordering_parameter(manager_api, aisystem_factory):
    for name in ("Bravo", "Alpha", "Charlie"):
        aisystem_factory(name=name)

    ascending = manager_api.get(SYSTEMS).json()["items"]
    descending = manager_api.get(SYSTEMS, {"ordering": "-name"}).json()["items"]

    assert [item["name"] for item in ascending] == ["Alpha", "Bravo", "Charlie"]
    assert [item["name"] for item in descending] == ["Charlie", "Bravo", "Alpha"]


@pytest.mark.parametrize("ordering", ["bogus", "owner__user__password", "organisation", "?"])
def test_an_unknown_ordering_is_refused_with_422(manager_api, aisystem_factory, ordering):
    aisystem_factory()

    assert manager_api.get(SYSTEMS, {"ordering": ordering}).status_code == 422


# --- change --------------------------------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent_and_records_the_diff_and_reason(personas, manager_api, aisystem_factory):
    system = aisystem_factory(name="Fraud scoring", supplier="Acme Analytics", criticality="medium")

    response = manager_api.patch(system_url(system), {"criticality": "high", "reason": "Handles payouts now"})

    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    system.refresh_from_db()
    assert (system.criticality, system.name, system.supplier, system.version) == (
        "high",
        "Fraud scoring",
        "Acme Analytics",
        2,
    )
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).get()
    assert event.changes == {"criticality": ["medium", "high"]}
    assert event.reason == "Handles payouts now"
    assert event.actor == personas.manager


def test_patch_with_a_stale_if_match_is_409_and_changes_nothing(manager_api, aisystem_factory):
    system = aisystem_factory(name="Fraud scoring")
    assert manager_api.patch(system_url(system), {"description": "First edit"}).status_code == 200  # now version 2

    response = manager_api.patch(system_url(system), {"name": "Renamed"}, headers={"If-Match": '"1"'})

    assert response.status_code == 409
    system.refresh_from_db()
    assert (system.name, system.version) == ("Fraud scoring", 2)


def test_patch_with_the_current_if_match_succeeds(manager_api, aisystem_factory):
    system = aisystem_factory()

    response = manager_api.patch(system_url(system), {"name": "Renamed"}, headers={"If-Match": f'"{system.version}"'})

    assert response.status_code == 200
    assert response["ETag"] == f'"{system.version + 1}"'


@pytest.mark.parametrize("if_match", ["garbage", '"abc"', "*", '"1.0"', '"-1"', '"\xb2"', '"' + "9" * 5000 + '"'])
def test_patch_with_an_unreadable_if_match_is_400(manager_api, aisystem_factory, if_match):
    system = aisystem_factory(name="Fraud scoring")

    response = manager_api.patch(system_url(system), {"name": "Renamed"}, headers={"If-Match": if_match})

    assert response.status_code == 400
    system.refresh_from_db()
    assert system.name == "Fraud scoring"


def test_patch_with_null_clears_text_and_lists_and_the_system_stays_readable(manager_api, aisystem_factory):
    system = aisystem_factory(description="Old text", iso_roles=["provider"], ai_act_roles=["deployer"])

    response = manager_api.patch(system_url(system), {"description": None, "iso_roles": None, "ai_act_roles": None})

    assert response.status_code == 200
    system.refresh_from_db()
    assert (system.description, system.iso_roles, system.ai_act_roles) == ("", [], [])
    assert manager_api.get(system_url(system)).status_code == 200
    assert manager_api.get(SYSTEMS).status_code == 200


@pytest.mark.parametrize(
    "field",
    ["name", "purpose", "lifecycle_stage", "sourcing", "processes_personal_data", "automation_level", "criticality"],
)
def test_patch_with_null_for_a_required_field_is_422(manager_api, aisystem_factory, field):
    system = aisystem_factory()

    response = manager_api.patch(system_url(system), {field: None})

    assert response.status_code == 422
    assert AISystem.objects.get(pk=system.pk).version == system.version


def test_patch_with_null_owner_and_review_date_clears_them(personas, manager_api, aisystem_factory):
    system = aisystem_factory(owner=personas.membership(personas.manager), review_date="2027-01-01")

    response = manager_api.patch(system_url(system), {"owner": None, "review_date": None})

    assert response.status_code == 200
    system.refresh_from_db()
    assert (system.owner, system.review_date) == (None, None)


def test_patch_to_an_owner_from_another_organisation_is_404(personas, manager_api, aisystem_factory):
    system = aisystem_factory()
    foreign = personas.membership(personas.beta_manager, personas.org_b)

    response = manager_api.patch(system_url(system), {"owner": str(foreign.public_id)})

    assert response.status_code == 404
    system.refresh_from_db()
    assert system.owner is None


# --- delete --------------------------------------------------------------------------------------------------


def test_delete_returns_204_and_the_system_is_gone(manager_api, aisystem_factory):
    system = aisystem_factory()

    response = manager_api.delete(system_url(system))

    assert response.status_code == 204
    assert not AISystem.objects.filter(pk=system.pk).exists()
    assert manager_api.get(system_url(system)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DELETE).count() == 1


def test_delete_with_a_stale_if_match_is_409_and_keeps_the_system(manager_api, aisystem_factory):
    system = aisystem_factory()

    response = manager_api.delete(system_url(system), headers={"If-Match": f'"{system.version + 1}"'})

    assert response.status_code == 409
    assert AISystem.objects.filter(pk=system.pk).exists()


# --- roles ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "auditor"])
def test_readers_are_refused_with_403_on_every_write(personas, api_as, aisystem_factory, role):
    system = aisystem_factory(name="Fraud scoring")
    caller = api_as(getattr(personas, role))

    assert caller.get(system_url(system)).status_code == 200
    assert caller.post(SYSTEMS, NEW_SYSTEM).status_code == 403
    assert caller.patch(system_url(system), {"name": "Renamed"}).status_code == 403
    assert caller.delete(system_url(system)).status_code == 403
    system.refresh_from_db()
    assert system.name == "Fraud scoring"
    assert AISystem.objects.count() == 1


def test_a_contributor_may_create_and_change_but_not_delete(personas, api_as):
    caller = api_as(personas.contributor)

    created = caller.post(SYSTEMS, NEW_SYSTEM)
    assert created.status_code == 201
    url = f"{SYSTEMS}{created.json()['id']}/"
    assert caller.patch(url, {"criticality": "high"}).status_code == 200
    assert caller.delete(url).status_code == 403
    assert AISystem.objects.filter(public_id=created.json()["id"]).exists()


def test_an_outsider_cannot_tell_whether_the_organisation_exists(personas, login):
    client = login(personas.outsider)

    assert client.get(SYSTEMS).status_code == 404
    assert client.get(f"{API}/organisations/no-such-org/ai-systems/").status_code == 404
