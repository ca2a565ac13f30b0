"""The registers of internal and external issues (4.1) and interested parties (4.2): services and their change log,
pages, filters, export, query counts and the API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styring.catalog.models import Requirement
from styring.context.models import ContextIssue, InterestedParty
from styring.context.services import issue_create, issue_delete, issue_update, party_create
from styring.core.exceptions import ConflictError
from styring.core.models import AuditEvent
from styring.risks.services import risk_create

API = "/api/v1/organisations/acme"


def reverse_requirement(requirement) -> str:
    from django.urls import reverse

    return reverse("catalog:requirement", kwargs={"org": "acme", "requirement": requirement.key})


@pytest.fixture
def make_issue(personas):
    def make(**fields):
        fields.setdefault("title", "New AI regulation in the EU")
        return issue_create(organisation=personas.org_a, actor=personas.contributor, **fields)

    return make


def test_issues_are_numbered_per_organisation_and_every_change_is_logged(personas, make_issue, aisystem_factory):
    system = aisystem_factory(name="Claims triage")
    risk = risk_create(organisation=personas.org_a, actor=personas.manager, title="Unlawful processing")
    first = make_issue(kind="external", category="legal", systems=[system], risks=[risk])
    second = make_issue(title="Few people with ML skills", kind="internal", category="organisational")
    other = issue_create(organisation=personas.org_b, actor=personas.beta_manager, title="Beta issue")
    assert (first.reference, second.reference, other.reference) == ("I-001", "I-002", "I-001")
    assert list(first.systems.all()) == [system] and list(first.risks.all()) == [risk]
    issue_update(first, actor=personas.manager, expected_version=1, reason="Act adopted", status="monitoring")
    events = AuditEvent.objects.filter(object_id=str(first.public_id)).order_by("sequence")
    assert [event.action for event in events] == ["create", "update"]
    assert events.last().reason == "Act adopted" and events.last().changes["status"] == ["active", "monitoring"]
    with pytest.raises(ConflictError):
        issue_update(first, actor=personas.manager, expected_version=1, title="Stale")
    issue_delete(record=second, actor=personas.manager, reason="Duplicate")
    assert AuditEvent.objects.filter(object_id=str(second.public_id), action="delete").exists()


def test_an_issue_cannot_link_a_system_of_another_organisation(personas, make_issue, aisystem_factory):
    from django.core.exceptions import ValidationError

    foreign = aisystem_factory(organisation=personas.org_b, actor=personas.beta_manager)
    with pytest.raises(ValidationError):
        make_issue(systems=[foreign])
    assert not ContextIssue.objects.exists()


def test_a_contributor_records_an_issue_in_the_register_and_a_viewer_may_only_read(personas, login):
    client = login(personas.contributor)
    response = client.post(
        "/o/acme/context/issues/new/",
        {"title": "Customers expect explanations", "kind": "external", "category": "social", "status": "active",
         "effect_on_aims": "Adds a transparency objective"},
    )  # fmt: skip
    issue = ContextIssue.objects.get()
    assert response.status_code == 302 and response["Location"] == issue.get_absolute_url()
    page = login(personas.viewer).get(issue.get_absolute_url()).content.decode()
    assert "Adds a transparency objective" in page and "Social and ethical" in page
    assert login(personas.viewer).get("/o/acme/context/issues/new/").status_code == 403
    assert client.get(f"/o/acme/context/issues/{issue.public_id}/delete/").status_code == 403


def test_the_issue_list_filters_by_kind_category_status_owner_and_text(personas, login, make_issue):
    owner = personas.membership(personas.manager)
    make_issue(title="AI Act obligations", kind="external", category="legal", owner=owner)
    make_issue(title="Data science culture", kind="internal", category="organisational", status="monitoring")
    client = login(personas.viewer)

    def titles(query):
        page = client.get(f"/o/acme/context/issues/?{query}").content.decode()
        return {title for title in ("AI Act obligations", "Data science culture") if title in page}

    assert titles("kind=internal") == {"Data science culture"}
    assert titles("category=legal") == {"AI Act obligations"}
    assert titles("status=monitoring") == {"Data science culture"}
    assert titles(f"owner={owner.public_id}") == {"AI Act obligations"}
    assert titles("q=culture") == {"Data science culture"}
    assert titles("sort=-reference") == {"AI Act obligations", "Data science culture"}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_issue_list_and_api_take_the_same_number_of_queries_for_3_and_60_issues(
    personas, login, make_issue, aisystem_factory
):
    system = aisystem_factory()
    owner = personas.membership(personas.manager)
    for number in range(3):
        make_issue(title=f"Issue {number}", owner=owner, systems=[system])
    client = login(personas.viewer)
    few = (_queries(client, "/o/acme/context/issues/?per_page=100"), _queries(client, f"{API}/context/issues/"))
    for number in range(3, 60):
        make_issue(title=f"Issue {number}", owner=owner, systems=[system])
    many = (_queries(client, "/o/acme/context/issues/?per_page=100"), _queries(client, f"{API}/context/issues/"))
    assert few == many


def test_the_issue_register_exports_csv(personas, login, make_issue):
    make_issue(title="Energy use of model training", category="environmental")
    export = login(personas.viewer).get("/o/acme/context/issues/?export=csv")
    content = b"".join(export.streaming_content).decode()
    assert export["Content-Type"].startswith("text/csv")
    assert "I-001" in content and "Energy use of model training" in content and "Environmental" in content


def test_interested_parties_record_requirements_and_link_catalog_requirements(personas, login):
    requirement = Requirement.objects.filter(assessable=True).first()
    party = party_create(
        organisation=personas.org_a, actor=personas.contributor, name="Data protection authority",
        party_type="regulators", requirements="Lawful processing of personal data", addressed_by_aims=True,
        how_addressed="Privacy controls in the AIMS", influence="high", catalog_requirements=[requirement],
    )  # fmt: skip
    party_create(organisation=personas.org_a, actor=personas.contributor, name="Claims handlers", party_type="users")
    assert AuditEvent.objects.filter(object_id=str(party.public_id), action="create").exists()
    client = login(personas.viewer)
    page = client.get(party.get_absolute_url()).content.decode()
    assert "Privacy controls in the AIMS" in page and reverse_requirement(requirement) in page
    listed = client.get("/o/acme/context/parties/?party_type=regulators").content.decode()
    assert "Data protection authority" in listed and "Claims handlers" not in listed
    addressed = client.get("/o/acme/context/parties/?addressed_by_aims=true").content.decode()
    assert "Data protection authority" in addressed and "Claims handlers" not in addressed
    export = b"".join(client.get("/o/acme/context/parties/?export=csv").streaming_content).decode()
    assert "Regulators and authorities" in export and "Yes" in export


def test_a_party_is_created_through_the_form_with_catalog_requirements_by_key(personas, login):
    requirement = Requirement.objects.filter(assessable=True).first()
    response = login(personas.contributor).post(
        "/o/acme/context/parties/new/",
        {"name": "Works council", "party_type": "employees", "influence": "medium",
         "catalog_requirements": [requirement.key], "addressed_by_aims": "on"},
    )  # fmt: skip
    party = InterestedParty.objects.get()
    assert response.status_code == 302
    assert party.addressed_by_aims and list(party.catalog_requirements.all()) == [requirement]


def test_the_api_creates_lists_changes_and_deletes_issues_with_if_match(personas, login, aisystem_factory):
    system = aisystem_factory()
    client = login(personas.contributor)
    created = client.post(
        f"{API}/context/issues/",
        {"title": "Market pressure to ship AI features", "kind": "external", "category": "competitive",
         "systems": [str(system.public_id)]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["reference"] == "I-001" and body["systems"] == [str(system.public_id)]
    url = f"{API}/context/issues/{body['id']}/"
    assert client.get(f"{API}/context/issues/").json()["count"] == 1
    stale = client.patch(url, {"status": "closed"}, content_type="application/json", HTTP_IF_MATCH='"7"')
    assert stale.status_code == 409
    changed = client.patch(url, {"status": "closed"}, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200 and changed.json()["status"] == "closed" and changed["ETag"] == '"2"'
    assert client.delete(url, HTTP_IF_MATCH='"2"').status_code == 403  # contributors do not delete
    assert login(personas.manager).delete(url, HTTP_IF_MATCH='"2"').status_code == 204
    assert not ContextIssue.objects.exists()


def test_the_api_refuses_foreign_systems_and_unknown_catalog_keys(personas, login, aisystem_factory):
    foreign = aisystem_factory(organisation=personas.org_b, actor=personas.beta_manager)
    client = login(personas.contributor)
    response = client.post(
        f"{API}/context/issues/", {"title": "X", "systems": [str(foreign.public_id)]}, content_type="application/json"
    )
    assert response.status_code in (400, 422)
    response = client.post(
        f"{API}/context/parties/", {"name": "X", "catalog_requirements": ["nope:1"]}, content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert not ContextIssue.objects.exists() and not InterestedParty.objects.exists()


def test_the_api_manages_interested_parties(personas, login):
    requirement = Requirement.objects.filter(assessable=True).first()
    client = login(personas.contributor)
    created = client.post(
        f"{API}/context/parties/",
        {"name": "Policy holders", "party_type": "affected", "needs": "Fair pricing",
         "catalog_requirements": [requirement.key]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    url = f"{API}/context/parties/{created.json()['id']}/"
    changed = client.patch(url, {"addressed_by_aims": True}, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert changed.json()["addressed_by_aims"] is True
    assert changed.json()["catalog_requirements"] == [requirement.key]
    assert login(personas.viewer).patch(url, {"name": "Y"}, content_type="application/json").status_code == 403
