"""AI roles (5.3, A.3.2): the register, the typical roles, and who holds each role."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styring.core.models import AuditEvent
from styring.governance.models import AIRole, RoleAssignment
from styring.governance.services import STARTER_ROLES, assignment_create, starter_roles_add

LIST = "/o/acme/governance/roles/"


def test_the_typical_roles_are_added_once_with_responsibilities_and_authorities(personas, login):
    client = login(personas.contributor)
    assert client.post("/o/acme/governance/roles/starter/").status_code == 302
    assert client.post("/o/acme/governance/roles/starter/").status_code == 302
    roles = AIRole.objects.for_organisation(personas.org_a)
    assert roles.count() == len(STARTER_ROLES) == 6
    assert all(role.responsibilities and role.authorities for role in roles)
    assert list(roles.filter(receives_concerns=True).values_list("template_key", flat=True)) == [
        "ai_compliance_officer"
    ]
    assert AuditEvent.objects.filter(object_type="governance.airole", action="create").count() == 6


def test_the_typical_roles_keep_a_role_of_the_same_name(personas, role_factory):
    role_factory(name="Data steward", description="Our own")
    created = starter_roles_add(organisation=personas.org_a, actor=personas.owner)
    assert len(created) == 5
    assert AIRole.objects.get(name="Data steward").description == "Our own"


def test_a_viewer_cannot_add_roles(personas, login):
    assert login(personas.viewer).post("/o/acme/governance/roles/starter/").status_code == 403
    assert login(personas.viewer).post(LIST + "new/", {"name": "X"}).status_code == 403
    assert not AIRole.objects.exists()


def test_the_role_page_lists_its_holders(personas, login, role_factory, assign, aisystem_factory):
    role = role_factory(name="Human overseer")
    assign(role, personas.manager, system=aisystem_factory(name="Claims triage"))
    assign(role, person_name="Kari Consultant", ends_on=datetime.date(2020, 1, 1), starts_on=datetime.date(2019, 1, 1))
    page = login(personas.viewer).get(role.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Manager Person" in text and "Claims triage" in text and "Kari Consultant" in text
    assert "End today" not in text  # a viewer cannot change holders


def test_a_holder_is_added_through_the_form(personas, login, role_factory):
    role = role_factory()
    url = reverse("governance:assignment-create", kwargs={"org": "acme", "airole": role.public_id})
    client = login(personas.contributor)
    assert client.get(url).status_code == 200
    member = personas.membership(personas.auditor)
    response = client.post(url, {"member": member.public_id, "starts_on": "2026-01-01"})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get()
    assert (assignment.role, assignment.member) == (role, member)


@pytest.mark.parametrize(
    "data",
    [
        {},  # neither a member nor a person
        {"member": "MEMBER", "person_name": "Both"},
        {"person_name": "Kari", "starts_on": "2026-02-01", "ends_on": "2026-01-01"},
    ],
)
def test_invalid_assignments_are_refused_and_change_nothing(data, personas, login, role_factory):
    role = role_factory()
    url = reverse("governance:assignment-create", kwargs={"org": "acme", "airole": role.public_id})
    if data.get("member") == "MEMBER":
        data["member"] = personas.membership(personas.auditor).public_id
    response = login(personas.contributor).post(url, data)
    assert response.status_code == 200  # the form again, with errors
    assert response.context["form"].errors
    assert not RoleAssignment.objects.exists()


def test_a_member_of_another_organisation_cannot_hold_a_role(personas, role_factory):
    role = role_factory()
    with pytest.raises(ValidationError):
        assignment_create(organisation=personas.org_a, actor=personas.owner, role=role,
                          member=personas.membership(personas.beta_manager, personas.org_b))  # fmt: skip
    assert not RoleAssignment.objects.exists()


def test_an_assignment_can_be_ended_and_removed(personas, login, role_factory, assign):
    from django.utils import timezone

    role = role_factory()
    assignment = assign(role, personas.auditor)
    end = reverse("governance:assignment-end", kwargs={"org": "acme", "roleassignment": assignment.public_id})
    remove = reverse("governance:assignment-delete", kwargs={"org": "acme", "roleassignment": assignment.public_id})
    assert login(personas.viewer).post(end).status_code == 403
    assert login(personas.contributor).post(remove).status_code == 403  # removing needs delete rights
    assert login(personas.contributor).post(end, {"version": assignment.version}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.ends_on == timezone.localdate()
    assert login(personas.manager).post(remove, {"version": assignment.version}).status_code == 302
    assert not RoleAssignment.objects.exists()
    assert AuditEvent.objects.filter(object_type="governance.roleassignment", action="delete").exists()


def test_the_role_list_query_count_does_not_grow_with_roles_and_holders(personas, login, role_factory, assign,
                                                                       django_assert_max_num_queries):  # fmt: skip
    for number in range(30):
        role = role_factory()
        assign(role, personas.manager)
        assign(role, person_name=f"Person {number}")
    client = login(personas.viewer)
    with django_assert_max_num_queries(14):
        page = client.get(LIST)
    assert page.status_code == 200
    with django_assert_max_num_queries(14):
        csv = b"".join(client.get(LIST + "?export=csv").streaming_content).decode()
    assert "Person 7" in csv
