"""Starter documents are adopted as drafts filled from the organisation's records; review reminders become tasks."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styring.documents.choices import DocumentState
from styring.documents.models import Document
from styring.documents.reminders import review_reminders
from styring.documents.starters import PLACEHOLDER, PLACEHOLDERS, adopt, starters
from styring.governance.models import AIRole, RoleAssignment
from styring.tasks.models import Task

EXPECTED_STARTERS = {
    "ai-policy",
    "procedure-ai-risk-assessment",
    "procedure-impact-assessment",
    "procedure-ai-lifecycle",
    "procedure-data-for-ai",
    "procedure-supplier-ai",
    "procedure-incident-handling",
    "procedure-internal-audit",
    "procedure-management-review",
    "procedure-nonconformity",
}


def test_the_starters_are_the_ai_policy_and_the_nine_procedures_with_known_placeholders_and_requirements(db):
    from styring.catalog.models import Requirement

    found = starters()
    assert set(found) == EXPECTED_STARTERS
    assert next(iter(found)) == "ai-policy"
    keys = {key for starter in found.values() for key in starter.requirements}
    assert keys and keys <= set(Requirement.objects.filter(key__in=keys).values_list("key", flat=True))
    for starter in found.values():
        assert set(PLACEHOLDER.findall(starter.body)) <= set(PLACEHOLDERS)
        assert len(starter.body.split()) > 250, starter.key


def test_adopting_fills_the_organisation_and_marks_what_is_missing(personas):
    role = AIRole.objects.create(organisation=personas.org_a, name="AIMS owner")
    RoleAssignment.objects.create(organisation=personas.org_a, role=role, member=personas.membership(personas.owner))
    [policy] = adopt(organisation=personas.org_a, actor=personas.manager, keys=["ai-policy"])
    body = policy.versions.get().body
    assert "Acme AS" in body and personas.owner.get_full_name() in body
    assert "{{" not in body
    assert "[to be completed:" in body  # e.g. the effective date
    assert policy.state == DocumentState.DRAFT and policy.starter_key == "ai-policy"
    assert policy.requirements.filter(key="iso42001:2023:5.2").exists()


def test_adopting_twice_does_not_duplicate_and_unknown_keys_are_refused(personas):
    adopt(organisation=personas.org_a, actor=personas.manager, keys=["ai-policy"])
    assert adopt(organisation=personas.org_a, actor=personas.manager, keys=["ai-policy"]) == []
    with pytest.raises(ValidationError):
        adopt(organisation=personas.org_a, actor=personas.manager, keys=["no-such-starter"])
    assert Document.objects.filter(organisation=personas.org_a).count() == 1


def test_the_starters_page_adopts_every_chosen_document(personas, login):
    url = reverse("documents:starters", kwargs={"org": "acme"})
    assert login(personas.viewer).post(url, {"starter": ["ai-policy"]}).status_code == 403
    client = login(personas.contributor)
    assert "Adopt the selected documents as drafts" in client.get(url).content.decode()
    response = client.post(url, {"starter": sorted(EXPECTED_STARTERS)})
    assert response.status_code == 302
    assert Document.objects.filter(organisation=personas.org_a).count() == 10


def test_a_review_due_within_30_days_becomes_one_task_for_the_owner(personas, make_document):
    document = make_document(approved=True)
    Document.objects.filter(pk=document.pk).update(next_review=date(2027, 3, 1))
    assert review_reminders(today=date(2027, 1, 1)) == "0 document review tasks created"
    assert review_reminders(today=date(2027, 2, 1)) == "1 document review tasks created"
    assert review_reminders(today=date(2027, 2, 2)) == "0 document review tasks created"  # idempotent
    task = Task.objects.get(subject_type="documents.document")
    assert task.owner == document.owner and task.due_date == date(2027, 3, 1)


def test_retired_documents_get_no_review_reminder(personas, make_document):
    from styring.documents.services import document_retire

    document = make_document(approved=True)
    document_retire(document=document, actor=personas.manager, reason="Replaced")
    Document.objects.filter(pk=document.pk).update(next_review=date.today() + timedelta(days=3))
    assert review_reminders() == "0 document review tasks created"
