"""Document versions go draft → in review → approved (→ superseded or retired); approved versions never change,
whether through the services, the pages or the API."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styring.core.models import AuditEvent
from styring.documents.choices import DocumentState, VersionStatus
from styring.documents.models import Document, DocumentVersion
from styring.documents.services import (
    document_delete,
    document_retire,
    document_review_confirm,
    version_decide,
    version_start,
    version_submit,
    version_update,
)


def test_a_new_document_gets_a_reference_by_type_and_a_first_draft(personas, make_document):
    policy = make_document()
    procedure = make_document(title="Risk assessment", doc_type="procedure")
    assert (policy.reference, procedure.reference) == ("POL-001", "PRO-001")
    version = policy.versions.get()
    assert (version.number, version.status, version.author) == (1, VersionStatus.DRAFT, personas.contributor)
    assert policy.state == DocumentState.DRAFT
    assert AuditEvent.objects.filter(object_type="documents.documentversion", action="create").count() == 2


def test_a_draft_is_submitted_only_with_content_an_owner_and_a_summary_of_changes(personas, make_document):
    empty = make_document(body="")
    with pytest.raises(ValidationError, match="Write the text"):
        version_submit(version=empty.versions.get(), actor=personas.contributor)
    ownerless = make_document(owner=None)
    with pytest.raises(ValidationError, match="owner"):
        version_submit(version=ownerless.versions.get(), actor=personas.contributor)
    assert DocumentVersion.objects.filter(status=VersionStatus.IN_REVIEW).count() == 0


def test_approval_freezes_the_version_and_schedules_the_next_review(personas, make_document):
    document = make_document(approved=True, review_interval_months=6)
    version = document.versions.get()
    assert version.status == VersionStatus.APPROVED and version.approved_by == personas.manager
    assert document.state == DocumentState.APPROVED and document.approved_version == version
    approved_on = version.approved_at.date()
    assert document.next_review > approved_on and (document.next_review - approved_on).days in range(180, 186)
    with pytest.raises(ValidationError, match="Only a draft can be changed"):
        version_update(version, actor=personas.manager, body="tampered")
    version.refresh_from_db()
    assert "tampered" not in version.body


def test_an_approved_version_cannot_be_edited_through_the_pages(personas, make_document, login):
    document = make_document(approved=True)
    version = document.versions.get()
    client = login(personas.manager)
    url = reverse("documents:version-edit", kwargs={"org": "acme", "documentversion": version.public_id})
    assert client.get(url).status_code == 302
    response = client.post(url, {"body": "tampered", "change_summary": "x", "version": version.version})
    assert response.status_code == 200 and "Only a draft can be changed" in response.content.decode()
    version.refresh_from_db()
    assert "tampered" not in version.body


def test_an_approved_version_cannot_be_edited_through_the_api(personas, make_document, login):
    document = make_document(approved=True)
    version = document.versions.get()
    client = login(personas.manager)
    response = client.patch(
        f"/api/v1/organisations/acme/document-versions/{version.public_id}",
        data=json.dumps({"body": "tampered"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    version.refresh_from_db()
    assert "tampered" not in version.body


def test_a_new_version_copies_the_latest_and_its_approval_supersedes_the_previous_one(personas, make_document):
    document = make_document(approved=True)
    draft = version_start(document=document, actor=personas.contributor, change_summary="Adds supplier rules")
    assert draft.number == 2 and draft.body == document.versions.get(number=1).body
    assert version_start(document=document, actor=personas.contributor) == draft  # one draft at a time
    version_update(draft, actor=personas.contributor, body=draft.body + "\nSuppliers are assessed.\n")
    version_submit(version=draft, actor=personas.contributor)
    with pytest.raises(ValidationError):
        version_start(document=document, actor=personas.contributor)  # not while one is in review
    version_decide(version=draft, actor=personas.manager, approve=True)
    statuses = dict(DocumentVersion.objects.filter(document=document).values_list("number", "status"))
    assert statuses == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.APPROVED}
    document.refresh_from_db()
    assert document.approved_version.number == 2


def test_a_returned_version_goes_back_to_draft_with_the_note(personas, make_document):
    document = make_document()
    version = document.versions.get()
    version_submit(version=version, actor=personas.contributor)
    version_decide(version=version, actor=personas.manager, approve=False, note="Name the data steward")
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT and version.decision_note == "Name the data steward"


def test_a_contributor_cannot_approve_but_a_manager_can(personas, make_document, login):
    document = make_document()
    version = document.versions.get()
    version_submit(version=version, actor=personas.contributor)
    url = reverse("documents:version-detail", kwargs={"org": "acme", "documentversion": version.public_id})
    assert login(personas.contributor).post(url, {"action": "approve"}).status_code == 403
    api = f"/api/v1/organisations/acme/document-versions/{version.public_id}/actions"
    response = login(personas.contributor).post(
        api, data=json.dumps({"action": "approve"}), content_type="application/json"
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW
    assert login(personas.manager).post(url, {"action": "approve"}).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED


def test_an_approved_document_is_retired_not_deleted(personas, make_document):
    document = make_document(approved=True)
    with pytest.raises(ValidationError, match="Retire it instead"):
        document_delete(record=document, actor=personas.manager)
    with pytest.raises(ValidationError):
        document_retire(document=document, actor=personas.manager, reason="")
    document_retire(document=document, actor=personas.manager, reason="Replaced by the group policy")
    document.refresh_from_db()
    assert document.state == DocumentState.RETIRED and document.next_review is None
    assert document.versions.get().status == VersionStatus.RETIRED
    with pytest.raises(ValidationError):
        version_start(document=document, actor=personas.manager)


def test_a_draft_document_can_be_deleted_with_its_versions(personas, make_document, login):
    document = make_document()
    url = reverse("documents:document-delete", kwargs={"org": "acme", "document": document.public_id})
    assert login(personas.contributor).post(url, {"version": document.version}).status_code == 403
    assert login(personas.manager).post(url, {"version": document.version}).status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not DocumentVersion.objects.filter(document_id=document.pk).exists()


def test_deleting_an_approved_document_on_the_page_explains_why_not(personas, make_document, login):
    document = make_document(approved=True)
    url = reverse("documents:document-delete", kwargs={"org": "acme", "document": document.public_id})
    response = login(personas.manager).post(url, {"version": document.version})
    assert response.status_code == 400 and "Retire it instead" in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_review_without_changes_moves_the_next_review_and_is_logged(personas, make_document, monkeypatch):
    document = make_document(approved=True, review_interval_months=12)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2027, 1, 31))
    document_review_confirm(document=document, actor=personas.manager, note="Still accurate")
    document.refresh_from_db()
    assert document.next_review == date(2028, 1, 31)
    event = AuditEvent.objects.filter(object_type="documents.document").order_by("-sequence").first()
    assert "Still accurate" in event.reason
