"""The governance API: CRUD with If-Match, objective measurements with the computed status, the RACI matrix and
communication records."""

import pytest

from styring.governance.models import AIRole, Objective, PlannedChange, RaciEntry, RoleAssignment

BASE = "/api/v1/organisations/acme"


@pytest.fixture
def api(personas, client):
    from styring.accounts.services import api_token_create

    def as_user(user):
        _token, secret = api_token_create(membership=personas.membership(user), name="test")

        def call(method, path, data=None, **headers):
            extra = {"HTTP_AUTHORIZATION": f"Bearer {secret}", **headers}
            if method == "get":
                return client.get(BASE + path, **extra)
            return getattr(client, method)(BASE + path, data=data or {}, content_type="application/json", **extra)

        return call

    return as_user


def test_roles_are_created_listed_changed_with_if_match_and_deleted(personas, api):
    call = api(personas.manager)
    created = call("post", "/ai-roles/", {"name": "Data steward", "receives_concerns": False})
    assert created.status_code == 201, created.content
    role_id = created.json()["id"]
    assert call("get", "/ai-roles/").json()["items"][0]["name"] == "Data steward"
    assert (
        call("patch", f"/ai-roles/{role_id}/", {"authorities": "May refuse data"}, HTTP_IF_MATCH='"9"').status_code
        == 409
    )
    changed = call("patch", f"/ai-roles/{role_id}/", {"authorities": "May refuse data"}, HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200
    assert changed.json()["version"] == 2
    assert call("delete", f"/ai-roles/{role_id}/", HTTP_IF_MATCH='"2"').status_code == 204
    assert not AIRole.objects.exists()


def test_a_viewer_cannot_change_through_the_api(personas, api):
    call = api(personas.viewer)
    assert call("post", "/ai-roles/", {"name": "X"}).status_code == 403
    assert call("post", "/objectives/", {"title": "X", "metric": "m", "target_value": 1}).status_code == 403
    assert (
        call(
            "put", "/raci", {"role": "00000000-0000-0000-0000-000000000000", "subject": "policy", "value": "A"}
        ).status_code
        == 403
    )
    assert call("get", "/ai-roles/").status_code == 200


def test_assignments_need_a_member_or_a_person_and_a_role_of_the_organisation(personas, api, role_factory):
    call = api(personas.manager)
    role = role_factory()
    foreign = role_factory(organisation=personas.org_b)
    assert call("post", "/role-assignments/", {"role": str(role.public_id)}).status_code in (400, 422)
    assert call("post", "/role-assignments/", {"role": str(foreign.public_id), "person_name": "K"}).status_code == 404
    member = personas.membership(personas.auditor)
    response = call("post", "/role-assignments/", {"role": str(role.public_id), "member": str(member.public_id)})
    assert response.status_code == 201
    assert response.json()["member"] == str(member.public_id)
    assert RoleAssignment.objects.count() == 1


def test_objectives_report_their_computed_status_and_take_measurements(personas, api):
    call = api(personas.contributor)
    created = call("post", "/objectives/", {"title": "Assess every system", "metric": "share", "unit": "%",
                                            "baseline": 0, "target_value": 100})  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["reference"], body["status"]) == ("OBJ-001", "not_measured")
    objective_id = body["id"]
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    measurement = call("post", f"/objectives/{objective_id}/measurements", {"measured_on": today, "value": 100})
    assert measurement.status_code == 201, measurement.content
    assert call("get", f"/objectives/{objective_id}/").json()["status"] == "achieved"
    assert call("get", f"/objectives/{objective_id}/measurements").json()["items"][0]["value"] == 100
    assert (
        call("post", f"/objectives/{objective_id}/measurements", {"measured_on": today, "value": "NaN"}).status_code
        == 422
    )
    listed = call("get", "/objectives/").json()["items"][0]
    assert (listed["latest_value"], listed["status"]) == (100, "achieved")


def test_planned_changes_link_ai_systems_of_the_organisation_only(personas, api, aisystem_factory):
    call = api(personas.contributor)
    ours = aisystem_factory(name="Chatbot")
    theirs = aisystem_factory(organisation=personas.org_b, actor=personas.beta_manager)
    refused = call("post", "/planned-changes/", {"title": "Replace the chatbot", "systems": [str(theirs.public_id)]})
    assert refused.status_code == 404
    created = call("post", "/planned-changes/", {"title": "Replace the chatbot", "systems": [str(ours.public_id)]})
    assert created.status_code == 201, created.content
    assert created.json()["systems"] == [str(ours.public_id)]
    assert PlannedChange.objects.get().reference == "CHG-001"


def test_communication_records_advance_the_item(personas, api):
    call = api(personas.contributor)
    item = call("post", "/communication-items/", {"what": "AI update", "audience": "Board", "frequency": "quarterly",
                                                   "next_due_on": "2026-03-01"}).json()  # fmt: skip
    record = call("post", f"/communication-items/{item['id']}/records", {"communicated_on": "2026-03-02"})
    assert record.status_code == 201, record.content
    assert call("get", f"/communication-items/{item['id']}/").json()["next_due_on"] == "2026-06-01"
    assert len(call("get", f"/communication-items/{item['id']}/records").json()["items"]) == 1


def test_the_raci_matrix_is_read_and_set_one_cell_at_a_time(personas, api, role_factory):
    role = role_factory(name="AIMS owner")
    call = api(personas.contributor)
    row = call("put", "/raci", {"role": str(role.public_id), "subject": "policy", "value": "A"})
    assert row.status_code == 200, row.content
    assert row.json()["cells"] == {str(role.public_id): "A"}
    assert row.json()["warning"] == ""
    matrix = call("get", "/raci").json()
    assert len(matrix["subjects"]) == 54
    assert call("put", "/raci", {"role": str(role.public_id), "subject": "nope", "value": "A"}).status_code in (
        400,
        422,
    )
    assert call("put", "/raci", {"role": str(role.public_id), "subject": "policy", "value": ""}).status_code == 200
    assert not RaciEntry.objects.exists()


def test_concerns_are_patched_by_recipients_with_if_match(personas, api, role_factory, assign):
    role = role_factory(receives_concerns=True)
    assign(role, personas.contributor)
    report = api(personas.viewer)("post", "/concerns", {"category": "safety", "description": "Unsafe advice"})
    assert report.status_code == 201
    call = api(personas.contributor)
    concern = call("get", "/concerns").json()["items"][0]
    assert concern["reporter"] == str(personas.membership(personas.viewer).public_id)
    stale = call("patch", f"/concerns/{concern['id']}", {"status": "resolved"}, HTTP_IF_MATCH='"5"')
    assert stale.status_code == 409
    done = call("patch", f"/concerns/{concern['id']}", {"status": "resolved", "response": "Fixed"}, HTTP_IF_MATCH='"1"')
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["handled_by"]) == (
        "resolved",
        str(personas.membership(personas.contributor).public_id),
    )
    assert api(personas.manager)("patch", f"/concerns/{concern['id']}", {"status": "dismissed"}).status_code == 403


def test_the_objective_list_query_count_is_constant(personas, api, django_assert_max_num_queries):
    from styring.governance.services import objective_create

    for number in range(40):
        objective_create(organisation=personas.org_a, actor=personas.owner, title=f"G{number}", metric="m",
                         target_value=1, owner=personas.membership(personas.manager))  # fmt: skip
    call = api(personas.viewer)
    with django_assert_max_num_queries(10):
        assert len(call("get", "/objectives/?limit=100").json()["items"]) == 40
    assert Objective.objects.count() == 40
