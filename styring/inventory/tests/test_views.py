import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styring.core.models import AuditEvent
from styring.inventory.models import AISystem

LIST = "/o/acme/ai-systems/"

VALID_FORM = {
    "name": "Claims triage model",
    "purpose": "Ranks incoming claims by urgency for the claims handlers.",
    "lifecycle_stage": "operation",
    "sourcing": "in_house",
    "automation_level": "human_in_the_loop",
    "ai_act_class": "not_assessed",
    "criticality": "high",
    "iso_roles": ["provider", "customer"],
    "ai_act_roles": ["provider", "deployer"],
}


def test_a_contributor_creates_an_ai_system_through_the_form_and_the_change_log_records_it(personas, login):
    client = login(personas.contributor)
    owner = personas.membership(personas.manager)
    response = client.post(f"{LIST}new/", {**VALID_FORM, "owner": str(owner.public_id)})
    system = AISystem.objects.get(name="Claims triage model")
    assert response.status_code == 302
    assert response["Location"] == system.get_absolute_url()
    assert system.owner == owner
    assert system.iso_roles == ["provider", "customer"]
    event = AuditEvent.objects.get(object_id=str(system.public_id))
    assert event.action == "create"
    assert event.actor == personas.contributor
    assert event.changes["name"] == [None, "Claims triage model"]


def test_an_invalid_form_shows_errors_and_saves_nothing(personas, login):
    client = login(personas.contributor)
    before = AuditEvent.objects.count()
    response = client.post(f"{LIST}new/", {**VALID_FORM, "name": "", "iso_roles": ["wizard"]})
    assert response.status_code == 200
    assert "Nothing has been saved" in response.content.decode()
    assert not AISystem.objects.exists()
    assert AuditEvent.objects.count() == before


def test_an_owner_from_another_organisation_cannot_be_chosen(personas, login):
    client = login(personas.contributor)
    foreign = personas.membership(personas.beta_manager, personas.org_b)
    response = client.post(f"{LIST}new/", {**VALID_FORM, "owner": str(foreign.public_id)})
    assert response.status_code == 200
    assert not AISystem.objects.exists()


def test_a_nul_character_in_a_form_field_is_refused(personas, login):
    response = login(personas.contributor).post(f"{LIST}new/", {**VALID_FORM, "purpose": "bad\x00input"})
    assert response.status_code == 200
    assert not AISystem.objects.exists()


def test_editing_records_the_field_diff_and_reason_and_shows_them_in_the_history_tab(personas, login, aisystem_factory):
    system = aisystem_factory(name="Chatbot", purpose="Answers customer questions")
    client = login(personas.manager)
    edit = {
        **VALID_FORM,
        "name": "Customer chatbot",
        "purpose": system.purpose,
        "version": system.version,
        "reason": "Renamed after the launch",
    }
    response = client.post(f"{system.get_absolute_url()}edit/", edit)
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.name == "Customer chatbot"
    assert system.version == 2
    history = client.get(f"{system.get_absolute_url()}?tab=history").content.decode()
    assert "Renamed after the launch" in history
    assert "Chatbot" in history and "Customer chatbot" in history


def test_a_stale_edit_is_refused_with_a_conflict_and_changes_nothing(personas, login, aisystem_factory):
    system = aisystem_factory(name="Chatbot")
    client = login(personas.manager)
    stale = {**VALID_FORM, "name": "First edit", "version": 1}
    client.post(f"{system.get_absolute_url()}edit/", stale)
    response = client.post(f"{system.get_absolute_url()}edit/", {**stale, "name": "Second edit"})
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    system.refresh_from_db()
    assert system.name == "First edit"


def test_deleting_asks_for_confirmation_and_keeps_the_last_content_in_the_change_log(personas, login, aisystem_factory):
    system = aisystem_factory(name="Legacy scoring")
    client = login(personas.manager)
    url = f"{system.get_absolute_url()}delete/"
    assert "Delete “Legacy scoring”?" in client.get(url).content.decode()
    response = client.post(url, {"version": system.version, "reason": "Decommissioned"})
    assert response.status_code == 302
    assert not AISystem.objects.filter(pk=system.pk).exists()
    event = AuditEvent.objects.get(action="delete", object_id=str(system.public_id))
    assert event.reason == "Decommissioned"
    assert event.changes["name"] == ["Legacy scoring", None]


@pytest.mark.parametrize(
    ("role", "path", "expected"),
    [
        ("viewer", "new/", 403),
        ("auditor", "new/", 403),
        ("contributor", "new/", 200),
        ("contributor", "{id}/delete/", 403),
        ("manager", "{id}/delete/", 200),
        ("viewer", "{id}/edit/", 403),
        ("viewer", "{id}/", 200),
    ],
)
def test_roles_decide_what_members_may_do_with_ai_systems(personas, login, aisystem_factory, role, path, expected):
    system = aisystem_factory()
    response = login(getattr(personas, role)).get(LIST + path.format(id=system.public_id))
    assert response.status_code == expected


def test_the_list_hides_actions_the_member_may_not_take(personas, login, aisystem_factory):
    system = aisystem_factory()
    viewer_page = login(personas.viewer).get(system.get_absolute_url()).content.decode()
    assert "/edit/" not in viewer_page and "/delete/" not in viewer_page
    manager_page = login(personas.manager).get(system.get_absolute_url()).content.decode()
    assert "/edit/" in manager_page and "/delete/" in manager_page


def test_the_list_filters_searches_and_sorts(personas, login, aisystem_factory):
    aisystem_factory(name="Alpha pricing", lifecycle_stage="operation")
    aisystem_factory(name="Beta chatbot", lifecycle_stage="planning", supplier="Acme Bots")
    client = login(personas.viewer)
    page = client.get(LIST, {"lifecycle_stage": "planning"}).content.decode()
    assert "Beta chatbot" in page and "Alpha pricing" not in page
    page = client.get(LIST, {"q": "acme bots"}).content.decode()
    assert "Beta chatbot" in page and "Alpha pricing" not in page
    page = client.get(LIST, {"sort": "-name"}).content.decode()
    assert page.index("Beta chatbot") < page.index("Alpha pricing")


def test_an_empty_inventory_explains_what_to_record(personas, login):
    page = login(personas.contributor).get(LIST).content.decode()
    assert "No AI systems recorded yet" in page
    assert "Add the first one" in page


def test_an_htmx_request_for_the_list_gets_only_the_list_fragment(personas, login, aisystem_factory):
    aisystem_factory(name="Fragment system")
    response = login(personas.viewer).get(LIST, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="list-content")
    body = response.content.decode()
    assert "Fragment system" in body
    assert "<html" not in body and 'id="list-content"' in body
    # Sorting refreshes the list in place, but links to records must navigate to their page.
    assert "<thead" in body and 'hx-boost="true"' in body.split("<thead")[1].split(">")[0]
    assert "hx-boost" not in body.split("<tbody")[1].split("</tbody>")[0]


def test_the_list_exports_the_filtered_rows_as_csv(personas, login, aisystem_factory):
    aisystem_factory(name="=HYPERLINK(evil)", lifecycle_stage="planning")
    aisystem_factory(name="Kept out", lifecycle_stage="operation")
    response = login(personas.viewer).get(LIST, {"lifecycle_stage": "planning", "export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "acme-ai-systems" in response["Content-Disposition"]
    assert "'=HYPERLINK(evil)" in body  # formulas are neutralised
    assert "Kept out" not in body
    assert body.splitlines()[0].startswith("Name,Owner")


def test_the_list_exports_as_an_excel_workbook(personas, login, aisystem_factory):
    aisystem_factory(name="Ærlig modell 模型")
    response = login(personas.viewer).get(LIST, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Name"
    assert rows[1][0] == "Ærlig modell 模型"


def test_the_list_pages_at_fifty_rows(personas, login, aisystem_factory):
    from model_bakery import baker

    baker.make(
        AISystem,
        organisation=personas.org_a,
        _quantity=60,
        _bulk_create=True,
        name=iter(f"Bulk {i:03d}" for i in range(60)),
    )
    client = login(personas.viewer)
    first = client.get(LIST).content.decode()
    assert "Bulk 049" in first and "Bulk 050" not in first
    assert "Showing 1–50 of 60 records" in first
    second = client.get(LIST, {"page": 2}).content.decode()
    assert "Bulk 050" in second


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_page_query_count_does_not_grow_with_rows(personas, login):
    from model_bakery import baker

    client = login(personas.viewer)
    owner = personas.membership(personas.manager)
    baker.make(
        AISystem,
        organisation=personas.org_a,
        owner=owner,
        _quantity=5,
        _bulk_create=True,
        name=iter(f"Small {i}" for i in range(5)),
    )
    few = _count_queries(client, LIST)
    baker.make(
        AISystem,
        organisation=personas.org_a,
        owner=owner,
        _quantity=495,
        _bulk_create=True,
        name=iter(f"Large {i}" for i in range(495)),
    )
    many = _count_queries(client, LIST)
    assert few == many


def test_the_detail_page_query_count_does_not_grow_with_history(personas, login, aisystem_factory):
    from styring.inventory.services import aisystem_update

    system = aisystem_factory()
    client = login(personas.viewer)
    url = f"{system.get_absolute_url()}?tab=history"
    few = _count_queries(client, url)
    for number in range(20):
        system = aisystem_update(system=system, actor=personas.owner, description=f"revision {number}")
    assert _count_queries(client, url) == few
