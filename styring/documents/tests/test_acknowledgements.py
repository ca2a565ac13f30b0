"""Publishing an approved version to groups of members (7.3): each person acknowledges it themselves; coverage and
overdue acknowledgements are visible."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from styring.documents.models import Acknowledgement
from styring.documents.selectors import coverage_by_document, publications_of, to_read
from styring.documents.services import acknowledgement_confirm, publication_create
from styring.governance.models import AIRole, RoleAssignment
from styring.tasks.models import Task, TaskStatus


def test_publishing_to_roles_asks_each_member_of_them_and_gives_them_a_task(personas, make_document):
    document = make_document(approved=True)
    version = document.versions.get()
    publication = publication_create(
        version=version, actor=personas.manager, roles=["contributor", "viewer"],
        due_date=timezone.localdate() + timedelta(days=14),
    )  # fmt: skip
    asked = {ack.member.user for ack in publication.acknowledgements.select_related("member__user")}
    assert asked == {personas.contributor, personas.viewer}
    tasks = Task.objects.filter(subject_type="documents.acknowledgement")
    assert {task.owner.user for task in tasks} == asked


def test_holders_of_an_ai_role_and_named_members_are_reached_once(personas, make_document):
    role = AIRole.objects.create(organisation=personas.org_a, name="Human overseer")
    viewer = personas.membership(personas.viewer)
    RoleAssignment.objects.create(organisation=personas.org_a, role=role, member=viewer)
    RoleAssignment.objects.create(organisation=personas.org_a, role=role, person_name="Outside Person")
    version = make_document(approved=True).versions.get()
    publication = publication_create(version=version, actor=personas.manager, ai_roles=[role], members=[viewer])
    assert list(publication.acknowledgements.values_list("member", flat=True)) == [viewer.pk]


def test_only_an_approved_version_is_published_and_someone_must_be_chosen(personas, make_document):
    draft = make_document().versions.get()
    with pytest.raises(ValidationError, match="approved"):
        publication_create(version=draft, actor=personas.manager, roles=["viewer"])
    approved = make_document(approved=True).versions.get()
    with pytest.raises(ValidationError, match="Nobody"):
        publication_create(version=approved, actor=personas.manager)
    with pytest.raises(ValidationError):
        publication_create(version=approved, actor=personas.manager, members=[personas.membership(
            personas.beta_manager, personas.org_b)])  # fmt: skip


def test_a_member_acknowledges_only_their_own_and_their_task_is_closed(personas, make_document):
    version = make_document(approved=True).versions.get()
    publication = publication_create(version=version, actor=personas.manager, roles=["viewer"])
    acknowledgement = publication.acknowledgements.get()
    with pytest.raises(PermissionDenied):
        acknowledgement_confirm(acknowledgement=acknowledgement, actor=personas.manager)
    acknowledgement_confirm(acknowledgement=acknowledgement, actor=personas.viewer)
    acknowledgement.refresh_from_db()
    assert acknowledgement.acknowledged_at is not None
    assert Task.objects.get(subject_type="documents.acknowledgement").status == TaskStatus.DONE
    assert not to_read(personas.membership(personas.viewer)).exists()


def test_coverage_counts_acknowledged_and_overdue_people(personas, make_document):
    document = make_document(approved=True)
    version = document.versions.get()
    publication = publication_create(
        version=version, actor=personas.manager, roles=["viewer", "contributor", "auditor"],
        due_date=timezone.localdate(),
    )  # fmt: skip
    acknowledgement_confirm(
        acknowledgement=publication.acknowledgements.get(member__user=personas.viewer), actor=personas.viewer
    )
    Acknowledgement.objects.filter(publication=publication).update()  # no-op: coverage is read, not stored
    publication.__class__.objects.filter(pk=publication.pk).update(due_date=timezone.localdate() - timedelta(1))
    row = publications_of(document).get()
    assert (row.acknowledged, row.total, row.overdue) == (1, 3, 2)
    assert coverage_by_document(personas.org_a)[document.pk] == (1, 3, 2)


def test_a_second_publication_remembers_who_already_read_the_version(personas, make_document):
    version = make_document(approved=True).versions.get()
    first = publication_create(version=version, actor=personas.manager, roles=["viewer"])
    acknowledgement_confirm(acknowledgement=first.acknowledgements.get(), actor=personas.viewer)
    second = publication_create(version=version, actor=personas.manager, roles=["viewer", "auditor"])
    done = dict(second.acknowledgements.values_list("member__user__email", "acknowledged_at"))
    assert done[personas.viewer.email] is not None and done[personas.auditor.email] is None


def test_the_member_acknowledges_on_the_version_page_and_sees_what_is_left_to_read(personas, make_document, login):
    version = make_document(approved=True).versions.get()
    publication_create(version=version, actor=personas.manager, roles=["viewer"], message="Please read by Friday")
    client = login(personas.viewer)
    to_read_page = client.get(reverse("documents:to-read", kwargs={"org": "acme"})).content.decode()
    assert "Please read by Friday" in to_read_page and version.document.reference in to_read_page
    url = version.get_absolute_url()
    assert "I have read and understood this document" in client.get(url).content.decode()
    assert client.post(url, {"action": "acknowledge"}).status_code == 302
    assert "Nothing to read" in client.get(reverse("documents:to-read", kwargs={"org": "acme"})).content.decode()


def test_a_viewer_cannot_publish(personas, make_document, login):
    version = make_document(approved=True).versions.get()
    response = login(personas.viewer).post(version.get_absolute_url(), {"action": "publish", "roles": ["viewer"]})
    assert response.status_code == 403 and not Acknowledgement.objects.exists()


def test_publishing_and_acknowledging_through_the_api(personas, make_document, login):
    version = make_document(approved=True).versions.get()
    base = f"/api/v1/organisations/acme/document-versions/{version.public_id}"
    response = login(personas.manager).post(
        f"{base}/publications", data=json.dumps({"roles": ["viewer"]}), content_type="application/json"
    )
    assert response.status_code == 201 and len(response.json()["acknowledgements"]) == 1
    assert login(personas.auditor).post(f"{base}/acknowledge").status_code == 422  # not asked
    response = login(personas.viewer).post(f"{base}/acknowledge")
    assert response.status_code == 200 and response.json()[0]["acknowledged_at"]
    listing = login(personas.auditor).get(f"{base}/acknowledgements").json()
    assert listing["count"] == 1
