"""The competence API: the four registers, completing training, and the gap matrix."""

from styring.competence.models import Competence, PersonCompetence, RoleCompetence, TrainingItem
from styring.controls.models import Evidence

API = "/api/v1/organisations/acme"


def _post(client, path, data, **extra):
    return client.post(f"{API}/{path}/", data, content_type="application/json", **extra)


def test_competences_are_created_listed_changed_with_if_match_and_deleted(personas, login):
    client = login(personas.contributor)
    created = _post(client, "competences", {"name": "Fairness testing", "category": "ethics", "renewal_months": 24})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["category"] == "ethics" and created["ETag"] == '"1"'
    assert [c["name"] for c in client.get(f"{API}/competences/").json()["items"]] == ["Fairness testing"]
    url = f"{API}/competences/{body['id']}/"
    stale = client.patch(url, {"description": "x"}, content_type="application/json", HTTP_IF_MATCH='"5"')
    assert stale.status_code == 409
    changed = client.patch(url, {"description": "Tests per group"}, content_type="application/json",
                           HTTP_IF_MATCH='"1"')  # fmt: skip
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert client.delete(url, HTTP_IF_MATCH='"2"').status_code == 403  # contributors do not delete
    assert login(personas.manager).delete(url, HTTP_IF_MATCH='"2"').status_code == 204
    assert not Competence.objects.exists()


def test_viewers_cannot_change_anything_through_the_api(personas, login):
    client = login(personas.viewer)
    assert _post(client, "competences", {"name": "X"}).status_code == 403
    assert not Competence.objects.exists()


def test_role_requirements_and_records_refuse_references_of_another_organisation(
    personas, login, make_competence, make_role
):
    from model_bakery import baker

    competence = make_competence("Python")
    role = make_role("Model developer")
    foreign_role = make_role("Beta role", organisation=personas.org_b)
    foreign_competence = make_competence("Beta skill", organisation=personas.org_b)
    foreign_evidence = baker.make(Evidence, organisation=personas.org_b)
    beta_member = personas.membership(personas.beta_owner, personas.org_b)
    client = login(personas.contributor)
    assert _post(client, "role-competences", {"role": str(foreign_role.public_id),
                                              "competence": str(competence.public_id)}).status_code == 404  # fmt: skip
    foreign_skill = {"role": str(role.public_id), "competence": str(foreign_competence.public_id)}
    assert _post(client, "role-competences", foreign_skill).status_code == 404
    person = {"competence": str(competence.public_id), "person_name": "Kari"}
    assert (
        _post(client, "person-competences", {**person, "evidence": str(foreign_evidence.public_id)}).status_code == 404
    )
    assert _post(client, "person-competences", {"competence": str(competence.public_id),
                                                "member": str(beta_member.public_id)}).status_code == 404  # fmt: skip
    assert _post(client, "training-items", {**person, "competence": str(foreign_competence.public_id),
                                            "title": "T"}).status_code == 404  # fmt: skip
    assert not RoleCompetence.objects.exists() and not PersonCompetence.objects.exists()
    assert not TrainingItem.objects.exists()
    wanted = {"role": str(role.public_id), "competence": str(competence.public_id), "level": "expert"}
    requirement = _post(client, "role-competences", wanted)
    assert requirement.status_code == 201 and requirement.json()["role_name"] == "Model developer"
    duplicate = _post(
        client, "role-competences", {"role": str(role.public_id), "competence": str(competence.public_id)}
    )
    assert duplicate.status_code == 422 and RoleCompetence.objects.count() == 1


def test_a_person_competence_needs_exactly_one_person_and_gets_its_expiry(personas, login, make_competence):
    competence = make_competence("Security", renewal_months=12)
    client = login(personas.contributor)
    both = {"competence": str(competence.public_id), "person_name": "Kari",
            "member": str(personas.membership(personas.viewer).public_id)}  # fmt: skip
    assert _post(client, "person-competences", both).status_code == 422
    assert _post(client, "person-competences", {"competence": str(competence.public_id)}).status_code == 422
    assert _post(client, "person-competences", {**both, "level": "guru"}).status_code == 422
    assert not PersonCompetence.objects.exists()
    data = {"competence": str(competence.public_id), "person_name": "Kari", "obtained_on": "2026-01-31",
            "evidence_type": "certificate"}  # fmt: skip
    created = _post(client, "person-competences", data)
    assert created.status_code == 201, created.content
    assert created.json()["expires_on"] == "2027-01-31" and created.json()["person"] == "Kari"


def test_training_is_planned_and_completed_through_the_api(personas, login, make_competence):
    competence = make_competence("Fairness")
    client = login(personas.contributor)
    viewer = personas.membership(personas.viewer)
    item = _post(client, "training-items", {"competence": str(competence.public_id), "member": str(viewer.public_id),
                                            "title": "Fairness workshop", "planned_on": "2026-04-01"})  # fmt: skip
    assert item.status_code == 201, item.content
    url = f"{API}/training-items/{item.json()['id']}/complete"
    stale = client.post(url, {"completed_on": "2026-04-01"}, content_type="application/json", HTTP_IF_MATCH='"9"')
    assert stale.status_code == 409 and not PersonCompetence.objects.exists()
    done = client.post(url, {"completed_on": "2026-04-01", "level": "expert"}, content_type="application/json")
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["training"]["status"] == "completed"
    assert body["person_competence"]["member"] == str(viewer.public_id)
    assert body["training"]["person_competence"] == body["person_competence"]["id"]
    assert client.post(url, {"completed_on": "2026-04-02"}, content_type="application/json").status_code == 422


def test_the_gap_matrix_is_available_as_json(personas, login, make_competence, make_role, hold):
    viewer = personas.membership(personas.viewer)
    role = make_role(holders=[viewer, "Kari Nordmann"])
    competence = make_competence("Python")
    RoleCompetence.objects.create(organisation=personas.org_a, role=role, competence=competence, level="expert")
    hold(viewer, competence, "expert")
    data = login(personas.viewer).get(f"{API}/competence-gaps").json()
    assert data["gap_count"] == 1
    [row] = data["roles"]
    states = {holder["person"]: holder["cells"][0]["state"] for holder in row["holders"]}
    assert states == {"Kari Nordmann": "missing", "Viewer Person": "met"}
    foreign = make_role("Beta role", organisation=personas.org_b)
    assert login(personas.viewer).get(f"{API}/competence-gaps?role={foreign.public_id}").status_code == 404
