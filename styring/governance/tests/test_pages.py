"""The overview and the registers' pages: permissions, exports and query counts."""

import pytest
from django.urls import reverse

from styring.governance.models import PlannedChange
from styring.governance.services import planned_change_create


def test_the_overview_shows_every_area_and_concerns_only_to_recipients(personas, login):
    page = login(personas.viewer).get("/o/acme/governance/")
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("airole-list", "raci", "objective-list", "plannedchange-list", "communicationitem-list",
                 "concern-report"):  # fmt: skip
        assert reverse(f"governance:{name}", kwargs={"org": "acme"}) in text
    assert f'href="{reverse("governance:concern-list", kwargs={"org": "acme"})}"' not in text
    owner_page = login(personas.owner).get("/o/acme/governance/").content.decode()
    assert reverse("governance:concern-list", kwargs={"org": "acme"}) in owner_page


def test_the_navigation_entry_leads_to_the_overview(personas, login):
    page = login(personas.viewer).get("/o/acme/governance/").content.decode()
    assert "Roles and objectives" in page


@pytest.mark.parametrize(
    "name", ["airole-list", "objective-list", "plannedchange-list", "communicationitem-list", "raci", "concern-mine"]
)
def test_every_page_opens_for_a_viewer(name, personas, login):
    assert login(personas.viewer).get(reverse(f"governance:{name}", kwargs={"org": "acme"})).status_code == 200


def test_a_planned_change_is_created_from_the_form_with_its_systems(personas, login, aisystem_factory):
    system = aisystem_factory(name="Fraud scoring")
    client = login(personas.contributor)
    response = client.post(
        "/o/acme/governance/changes/new/",
        {"title": "Move scoring to the new vendor", "status": "proposed", "systems": [str(system.public_id)]},
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    change = PlannedChange.objects.get()
    assert list(change.systems.all()) == [system]
    assert "Fraud scoring" in client.get(change.get_absolute_url()).content.decode()
    assert login(personas.viewer).post("/o/acme/governance/changes/new/", {"title": "X"}).status_code == 403


def test_the_planned_change_list_query_count_does_not_grow(personas, login, aisystem_factory,
                                                           django_assert_max_num_queries):  # fmt: skip
    systems = [aisystem_factory() for _ in range(3)]
    for number in range(30):
        planned_change_create(organisation=personas.org_a, actor=personas.owner, title=f"Change {number}",
                              owner=personas.membership(personas.manager), systems=systems)  # fmt: skip
    client = login(personas.viewer)
    with django_assert_max_num_queries(14):
        assert client.get("/o/acme/governance/changes/").status_code == 200
    with django_assert_max_num_queries(14):
        csv = b"".join(client.get("/o/acme/governance/changes/?export=csv").streaming_content).decode()
    assert "Change 29" in csv


def test_the_communication_plan_list_query_count_does_not_grow(personas, login, django_assert_max_num_queries):
    from styring.governance.services import communication_item_create

    for number in range(30):
        communication_item_create(organisation=personas.org_a, actor=personas.owner, what=f"Item {number}",
                                  audience="Staff", communicator=personas.membership(personas.manager))  # fmt: skip
    client = login(personas.viewer)
    with django_assert_max_num_queries(14):
        assert client.get("/o/acme/governance/communication/").status_code == 200
