"""The AIMS scope (4.3): drafts prefilled from the inventory, submission rules, approval by managers, frozen
versions, new drafts that copy the latest version, comparison, the overview and the API."""

import pytest
from django.core.exceptions import ValidationError

from styring.context.models import ScopeSystem, ScopeVersion
from styring.context.scope import compare, scope_decide, scope_draft, scope_submit, scope_update, unplaced_systems
from styring.core.exceptions import ConflictError
from styring.core.models import AuditEvent

API = "/api/v1/organisations/acme/scope/versions"


def _approved(personas, version, **texts):
    texts.setdefault("statement", "All AI systems used in claims handling in Norway.")
    version = scope_update(version=version, actor=personas.contributor, **texts)
    scope_submit(version=version, actor=personas.contributor)
    return scope_decide(version=version, actor=personas.manager, approve=True)


def test_the_first_draft_lists_every_ai_system_in_scope_and_is_logged(personas, aisystem_factory):
    first, second = aisystem_factory(name="Claims triage"), aisystem_factory(name="Fraud scoring")
    draft = scope_draft(organisation=personas.org_a, actor=personas.contributor)
    rows = ScopeSystem.objects.filter(scope=draft)
    assert draft.number == 1 and draft.status == "draft"
    assert {(row.system, row.in_scope) for row in rows} == {(first, True), (second, True)}
    assert scope_draft(organisation=personas.org_a, actor=personas.contributor) == draft  # one draft at a time
    assert AuditEvent.objects.filter(object_id=str(draft.public_id), action="create").exists()
    assert AuditEvent.objects.filter(object_type__icontains="scope", action="create").count() == 3


def test_submission_needs_a_statement_and_a_reason_for_every_system_out_of_scope(personas, aisystem_factory):
    system = aisystem_factory(name="HR screening pilot")
    draft = scope_draft(organisation=personas.org_a, actor=personas.contributor)
    with pytest.raises(ValidationError) as empty:
        scope_submit(version=draft, actor=personas.contributor)
    assert "Write the scope statement." in empty.value.messages
    draft = scope_update(version=draft, actor=personas.contributor, statement="Claims handling",
                         systems=[{"system": system, "in_scope": False, "reason": ""}])  # fmt: skip
    with pytest.raises(ValidationError) as no_reason:
        scope_submit(version=draft, actor=personas.contributor)
    assert "HR screening pilot" in " ".join(no_reason.value.messages)
    draft.refresh_from_db()
    assert draft.status == "draft"
    draft = scope_update(version=draft, actor=personas.contributor,
                         systems=[{"system": system, "in_scope": False, "reason": "Pilot ends in June"}])  # fmt: skip
    assert scope_submit(version=draft, actor=personas.contributor).status == "in_review"


def test_a_contributor_cannot_approve_but_a_manager_can_and_the_previous_version_is_superseded(
    personas, login, aisystem_factory
):
    aisystem_factory()
    first = _approved(personas, scope_draft(organisation=personas.org_a, actor=personas.contributor))
    second = scope_draft(organisation=personas.org_a, actor=personas.contributor)
    second = scope_update(version=second, actor=personas.contributor, statement="Claims and underwriting")
    client = login(personas.contributor)
    action = f"/o/acme/context/scope/{second.public_id}/action/"
    client.post(action, {"action": "submit"})
    second.refresh_from_db()
    assert second.status == "in_review"
    assert client.post(action, {"action": "approve"}).status_code == 403
    second.refresh_from_db()
    assert second.status == "in_review"
    login(personas.manager).post(action, {"action": "approve", "note": "Agreed in the AI board"})
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.status, second.approved_by, second.decision_note) == ("approved", personas.manager,
                                                                          "Agreed in the AI board")  # fmt: skip
    assert first.status == "superseded"
    event = AuditEvent.objects.filter(object_id=str(second.public_id)).latest("sequence")
    assert event.reason == "Approved"


def test_a_manager_can_return_a_version_to_draft_with_a_note(personas):
    draft = scope_update(version=scope_draft(organisation=personas.org_a, actor=personas.contributor),
                         actor=personas.contributor, statement="Everything")  # fmt: skip
    scope_submit(version=draft, actor=personas.contributor)
    with pytest.raises(ValidationError):  # frozen while in review
        scope_update(version=draft, actor=personas.contributor, statement="Changed during review")
    returned = scope_decide(version=draft, actor=personas.manager, approve=False, note="Name the locations")
    assert returned.status == "draft" and returned.decision_note == "Name the locations"
    assert scope_update(version=returned, actor=personas.contributor, boundaries="Oslo and Bergen").boundaries


def test_approved_versions_are_frozen_in_the_service_the_page_and_the_api(personas, login, aisystem_factory):
    system = aisystem_factory()
    approved = _approved(personas, scope_draft(organisation=personas.org_a, actor=personas.contributor))
    with pytest.raises(ValidationError):
        scope_update(version=approved, actor=personas.manager, statement="Changed")
    with pytest.raises(ValidationError):
        scope_update(version=approved, actor=personas.manager,
                     systems=[{"system": system, "in_scope": False, "reason": "x"}])  # fmt: skip
    client = login(personas.manager)
    edit = f"/o/acme/context/scope/{approved.public_id}/edit/"
    assert client.get(edit).status_code == 302
    response = client.post(edit, {"statement": "Changed", "version": approved.version})
    assert response.status_code == 200 and "can no longer be changed" in response.content.decode()
    api = client.patch(f"{API}/{approved.public_id}", {"statement": "Changed"}, content_type="application/json")
    assert api.status_code == 422
    approved.refresh_from_db()
    assert approved.statement == "All AI systems used in claims handling in Norway."
    assert ScopeSystem.objects.get(scope=approved).in_scope is True
    page = client.get(approved.get_absolute_url()).content.decode()
    assert "Edit the draft" not in page and "Start a new draft</button>" in page


def test_a_new_draft_copies_the_latest_version_with_its_systems(personas, aisystem_factory):
    kept, left_out = aisystem_factory(name="Claims triage"), aisystem_factory(name="Chatbot")
    first = scope_draft(organisation=personas.org_a, actor=personas.contributor)
    first = scope_update(version=first, actor=personas.contributor, boundaries="Oslo office",
                         systems=[{"system": left_out, "in_scope": False, "reason": "Run by the vendor"}])  # fmt: skip
    first = _approved(personas, first)
    with pytest.raises(ValidationError):  # nothing new while a version is in review
        draft = scope_draft(organisation=personas.org_a, actor=personas.contributor)
        scope_update(version=draft, actor=personas.contributor, statement="x")
        scope_submit(version=draft, actor=personas.contributor)
        scope_draft(organisation=personas.org_a, actor=personas.contributor)
    second = ScopeVersion.objects.get(number=2)
    assert (second.statement, second.boundaries) == ("x", "Oslo office")
    rows = {row.system: (row.in_scope, row.reason) for row in ScopeSystem.objects.filter(scope=second)}
    assert rows == {kept: (True, ""), left_out: (False, "Run by the vendor")}


def test_comparison_shows_changed_texts_and_systems_moved_in_or_out(personas, login, aisystem_factory):
    chatbot = aisystem_factory(name="Chatbot")
    aisystem_factory(name="Claims triage")
    first = _approved(personas, scope_draft(organisation=personas.org_a, actor=personas.contributor))
    second = scope_update(
        version=scope_draft(organisation=personas.org_a, actor=personas.contributor), actor=personas.contributor,
        statement="Only claims handling", systems=[{"system": chatbot, "in_scope": False, "reason": "Retired"}],
    )  # fmt: skip
    result = compare(first, second)
    changed_texts = [item["name"] for item in result["texts"] if item["changed"]]
    changed_systems = [item["name"] for item in result["systems"] if item["changed"]]
    assert changed_texts == ["statement"] and changed_systems == ["Chatbot"] and result["differences"] == 2
    page = login(personas.viewer).get("/o/acme/context/scope/compare/?a=1&b=2").content.decode()
    assert "2 differences." in page and "Only claims handling" in page and "Retired" in page
    assert login(personas.viewer).get("/o/acme/context/scope/compare/?a=1&b=9").status_code == 200


def test_the_overview_names_ai_systems_added_after_the_scope_was_approved(personas, login, aisystem_factory):
    aisystem_factory(name="Claims triage")
    approved = _approved(personas, scope_draft(organisation=personas.org_a, actor=personas.contributor))
    newcomer = aisystem_factory(name="Voice assistant")
    assert list(unplaced_systems(approved)) == [newcomer]
    page = login(personas.viewer).get("/o/acme/context/").content.decode()
    assert "All AI systems used in claims handling in Norway." in page
    assert "1 AI system is not yet placed in or out of scope" in page and "Voice assistant" in page
    assert "Start a new draft</button>" not in page  # viewers do not edit
    draft = scope_draft(organisation=personas.org_a, actor=personas.contributor)
    assert list(unplaced_systems(draft)) == [newcomer]  # the copy keeps it visible until someone places it


def test_the_overview_of_a_new_organisation_offers_to_define_the_scope_and_counts_the_registers(personas, login):
    from styring.context.services import issue_create

    issue_create(organisation=personas.org_a, actor=personas.contributor, title="AI Act")
    page = login(personas.contributor).get("/o/acme/context/").content.decode()
    assert "Define the scope" in page and "1 issue recorded" in page
    response = login(personas.contributor).post("/o/acme/context/scope/new/")
    draft = ScopeVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    assert login(personas.viewer).post("/o/acme/context/scope/new/").status_code == 403


def test_the_edit_page_places_systems_and_refuses_a_stale_version(personas, login, aisystem_factory):
    system = aisystem_factory(name="Claims triage")
    draft = scope_draft(organisation=personas.org_a, actor=personas.contributor)
    client = login(personas.contributor)
    url = f"/o/acme/context/scope/{draft.public_id}/edit/"
    assert "Claims triage" in client.get(url).content.decode()
    key = str(system.public_id)
    data = {"statement": "Claims", "version": draft.version, f"place-{key}": "out", f"reason-{key}": "Sunset"}
    assert client.post(url, data).status_code == 302
    row = ScopeSystem.objects.get(scope=draft)
    assert (row.in_scope, row.reason) == (False, "Sunset")
    stale = client.post(url, {**data, "statement": "Other"})
    assert stale.status_code == 409
    draft.refresh_from_db()
    assert draft.statement == "Claims"


def test_a_change_only_to_systems_still_moves_the_version_on(personas, aisystem_factory):
    system = aisystem_factory()
    draft = scope_draft(organisation=personas.org_a, actor=personas.contributor)
    changed = scope_update(version=draft, actor=personas.contributor, expected_version=draft.version,
                           systems=[{"system": system, "in_scope": None}])  # fmt: skip
    assert changed.version == draft.version + 1 and not ScopeSystem.objects.filter(scope=draft).exists()
    with pytest.raises(ConflictError):
        scope_update(version=draft, actor=personas.contributor, expected_version=draft.version, statement="x")


def test_the_api_drafts_patches_submits_and_approves_a_scope(personas, login, aisystem_factory):
    system = aisystem_factory(name="Claims triage")
    client = login(personas.contributor)
    created = client.post(f"{API}/", content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["number"] == 1 and body["systems"][0]["in_scope"] is True and body["not_placed"] == []
    url = f"{API}/{body['id']}"
    patch = {"statement": "Claims handling", "systems": [{"system": str(system.public_id), "in_scope": False}]}
    assert client.patch(url, patch, content_type="application/json", HTTP_IF_MATCH='"9"').status_code == 409
    changed = client.patch(url, patch, content_type="application/json", HTTP_IF_MATCH=f'"{body["version"]}"')
    assert changed.status_code == 200 and changed.json()["systems"][0]["in_scope"] is False
    refused = client.post(f"{url}/submit", content_type="application/json")
    assert refused.status_code == 422 and "Claims triage" in str(refused.json())
    client.patch(url, {"systems": [{"system": str(system.public_id), "in_scope": False, "reason": "Vendor runs it"}]},
                 content_type="application/json")  # fmt: skip
    assert client.post(f"{url}/submit", content_type="application/json").json()["status"] == "in_review"
    assert client.post(f"{url}/approve", {}, content_type="application/json").status_code == 403
    approved = login(personas.manager).post(f"{url}/approve", {"note": "OK"}, content_type="application/json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    listed = login(personas.viewer).get(f"{API}/").json()
    assert listed["count"] == 1 and listed["items"][0]["approved_by"] == "manager@acme.example"
    assert login(personas.viewer).get(url).json()["systems"][0]["reason"] == "Vendor runs it"
    assert login(personas.viewer).post(f"{API}/", content_type="application/json").status_code == 403
