"""The registers of competences and people's competences, and what each AI role requires."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from styring.competence.models import Competence, PersonCompetence, RoleCompetence
from styring.competence.services import competence_delete, person_competence_create
from styring.core.models import AuditEvent

from .conftest import TODAY


def test_a_person_is_a_member_or_a_named_outsider_never_both_nor_neither(personas, make_competence):
    competence = make_competence()
    for who in ({}, {"member": personas.membership(personas.viewer), "person_name": "Kari"}, {"person_name": "  "}):
        with pytest.raises(ValidationError):
            person_competence_create(organisation=personas.org_a, actor=personas.manager, competence=competence, **who)
    assert not PersonCompetence.objects.exists()


def test_the_expiry_follows_the_renewal_interval_unless_given(personas, make_competence, hold):
    yearly, lasting = make_competence("Security", renewal_months=12), make_competence("Domain")
    assert hold("Kari", yearly, obtained_on=TODAY).expires_on == TODAY.replace(year=2027)
    assert hold(
        "Kari", yearly, obtained_on=TODAY, expires_on=TODAY + timedelta(days=30)
    ).expires_on == TODAY + timedelta(days=30)
    assert hold("Kari", lasting, obtained_on=TODAY).expires_on is None
    with pytest.raises(ValidationError):
        hold("Kari", lasting, obtained_on=TODAY, expires_on=TODAY - timedelta(days=1))


def test_a_competence_of_another_organisation_cannot_be_recorded(personas, make_competence):
    foreign = make_competence(organisation=personas.org_b)
    with pytest.raises(ValidationError):
        person_competence_create(organisation=personas.org_a, actor=personas.manager, competence=foreign,
                                 person_name="Kari")  # fmt: skip


def test_viewers_read_contributors_record_and_managers_delete(personas, login, make_competence):
    competence = make_competence()
    data = {"competence": str(competence.public_id), "person_name": "Kari Nordmann", "level": "expert",
            "evidence_type": "degree", "evidence_reference": "MSc"}  # fmt: skip
    assert login(personas.viewer).get("/o/acme/competence/people/").status_code == 200
    assert login(personas.viewer).post("/o/acme/competence/people/new/", data).status_code == 403
    assert not PersonCompetence.objects.exists()
    assert login(personas.contributor).post("/o/acme/competence/people/new/", data).status_code == 302
    record = PersonCompetence.objects.get()
    delete_url = f"/o/acme/competence/people/{record.public_id}/delete/"
    assert login(personas.contributor).post(delete_url, {"version": 1}).status_code == 403
    assert login(personas.manager).post(delete_url, {"version": 1}).status_code == 302
    assert not PersonCompetence.objects.exists()
    assert AuditEvent.objects.filter(object_id=str(record.public_id), action="delete").exists()


def test_a_form_with_both_a_member_and_an_outsider_saves_nothing(personas, login, make_competence):
    competence = make_competence()
    response = login(personas.contributor).post("/o/acme/competence/people/new/", {
        "competence": str(competence.public_id), "person_name": "Kari", "level": "expert", "evidence_type": "degree",
        "member": str(personas.membership(personas.viewer).public_id)})  # fmt: skip
    assert response.status_code == 200 and "one of the two" in response.content.decode()
    assert not PersonCompetence.objects.exists()


def test_the_list_filters_expiring_and_expired_records_and_exports_them(personas, login, make_competence, hold):
    from django.utils import timezone

    today = timezone.localdate()
    competence = make_competence("Security")
    hold("Soon Expiring", competence, expires_on=today + timedelta(days=59))
    hold("Long Valid", competence, expires_on=today + timedelta(days=61))
    hold("Already Expired", competence, expires_on=today - timedelta(days=1))
    hold(personas.membership(personas.viewer), make_competence("Law"))
    client = login(personas.viewer)
    soon = client.get("/o/acme/competence/people/?expiry=soon").content.decode()
    assert "Soon Expiring" in soon and "Long Valid" not in soon and "Already Expired" not in soon
    expired = client.get("/o/acme/competence/people/?expiry=expired").content.decode()
    assert "Already Expired" in expired and "Soon Expiring" not in expired and "Expired</span>" in expired
    by_competence = client.get(f"/o/acme/competence/people/?competence={competence.public_id}").content.decode()
    assert "Viewer Person" not in by_competence and "Long Valid" in by_competence
    assert "Viewer Person" in client.get("/o/acme/competence/people/?person=viewer").content.decode()
    export = b"".join(client.get("/o/acme/competence/people/?export=csv").streaming_content).decode()
    assert "Competence,Person,Level,Evidence,Obtained,Expires" in export
    assert (
        f"Security,Already Expired,Practitioner,Training record,—,{(today - timedelta(days=1)).isoformat()}" in export
    )
    assert "Competence overview (gaps)" in client.get("/o/acme/competence/people/").content.decode()


def test_the_lists_take_a_constant_number_of_queries(personas, login, make_competence, hold,
                                                     django_assert_max_num_queries):  # fmt: skip
    members = [personas.membership(getattr(personas, role)) for role in ("viewer", "auditor", "contributor")]
    for number in range(30):
        competence = make_competence(f"Skill {number}")
        hold(members[number % 3] if number % 2 else f"Outside {number}", competence)
    client = login(personas.viewer)
    with django_assert_max_num_queries(12):
        assert client.get("/o/acme/competence/people/?per_page=100").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/o/acme/competence/competences/?per_page=100").status_code == 200


def test_a_competence_people_hold_cannot_be_deleted(personas, make_competence, hold):
    competence = make_competence()
    record = hold("Kari", competence)
    with pytest.raises(ValidationError):
        competence_delete(record=competence, actor=personas.manager)
    record.delete()
    competence_delete(record=competence, actor=personas.manager)
    assert not Competence.objects.exists()


def test_the_role_page_adds_changes_and_removes_required_competences(personas, login, make_role, make_competence):
    role = make_role()
    competence = make_competence("Python")
    url = f"/o/acme/competence/roles/{role.public_id}/"
    assert "No competences are required" in login(personas.viewer).get(url).content.decode()
    add = {"action": "add", "competence": str(competence.public_id), "level": "expert"}
    assert login(personas.viewer).post(url, add).status_code == 403
    client = login(personas.contributor)
    assert client.post(url, add).status_code == 302
    requirement = RoleCompetence.objects.get()
    assert requirement.role == role and requirement.level == "expert"
    duplicate = client.post(url, add)
    assert duplicate.status_code == 400 and "already requires" in duplicate.content.decode()
    assert RoleCompetence.objects.count() == 1
    client.post(url, {"action": "level", "rolecompetence": str(requirement.public_id), "level": "awareness"})
    requirement.refresh_from_db()
    assert requirement.level == "awareness"
    remove = {"action": "remove", "rolecompetence": str(requirement.public_id)}
    assert client.post(url, remove).status_code == 403  # removing needs the delete right
    assert login(personas.manager).post(url, remove).status_code == 302
    assert not RoleCompetence.objects.exists()
    page = login(personas.viewer).get(competence.get_absolute_url()).content.decode()
    assert "Required by AI roles" in page


def test_the_role_page_refuses_a_requirement_of_another_role(personas, login, make_role, make_competence):
    role, other = make_role("Model developer"), make_role("Data steward")
    requirement = RoleCompetence.objects.create(organisation=personas.org_a, role=other, competence=make_competence())
    response = login(personas.manager).post(
        f"/o/acme/competence/roles/{role.public_id}/",
        {"action": "remove", "rolecompetence": str(requirement.public_id)},
    )
    assert response.status_code == 404 and RoleCompetence.objects.exists()
