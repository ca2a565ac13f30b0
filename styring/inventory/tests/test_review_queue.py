import pytest
from django.core.exceptions import ValidationError

from styring.core.models import AuditEvent
from styring.inventory.models import AISystem, Candidate, Supplier
from styring.inventory.review import candidate_accept, candidate_merge, candidates_submit


@pytest.fixture
def queue(personas):
    return candidates_submit(
        organisation=personas.org_a,
        actor=personas.owner,
        source="manifest",
        batch="scan-1",
        items=[
            {
                "name": "OpenAI API",
                "proposed": {
                    "sourcing": "third_party",
                    "supplier": "OpenAI",
                    "purpose": "Drafts replies",
                    "review_date": "2027-05-01",
                    "owner_email": "manager@acme.example",
                },
                "evidence": "requirements.txt line 3: openai==1.40",
            },
            {"name": "PyTorch", "proposed": {"sourcing": "in_house"}},
            {"kind": "supplier", "name": "OpenAI", "proposed": {"country": "USA"}},
        ],
    )


def test_nothing_enters_the_inventory_until_it_is_reviewed(personas, login, queue):
    assert not AISystem.objects.exists()
    page = login(personas.viewer).get("/o/acme/discovery/").content.decode()
    assert "OpenAI API" in page and "PyTorch" in page


def test_accepting_creates_the_record_from_the_proposed_values(personas, login, queue):
    candidate = queue[0]
    response = login(personas.contributor).post(
        f"/o/acme/discovery/{candidate.public_id}/review/", {"action": "accept"}
    )
    system = AISystem.objects.get(name="OpenAI API")
    assert response["Location"] == system.get_absolute_url()
    assert system.sourcing == "third_party" and str(system.review_date) == "2027-05-01"
    assert system.owner == personas.membership(personas.manager)
    candidate.refresh_from_db()
    assert candidate.status == "accepted" and candidate.result_id == str(system.public_id)
    assert AuditEvent.objects.filter(object_id=str(system.public_id), action="create").exists()


def test_merging_fills_only_empty_fields_of_an_existing_record(personas, queue, aisystem_factory):
    existing = aisystem_factory(name="Reply assistant", purpose="Our own wording", sourcing="in_house")
    candidate_merge(candidate=queue[0], actor=personas.manager, target=existing)
    existing.refresh_from_db()
    assert existing.purpose == "Our own wording"  # filled fields are never overwritten
    assert existing.supplier == "OpenAI" and str(existing.review_date) == "2027-05-01"


def test_a_candidate_is_reviewed_only_once(personas, queue):
    candidate_accept(candidate=queue[2], actor=personas.manager)
    assert Supplier.objects.filter(name="OpenAI").exists()
    queue[2].refresh_from_db()
    with pytest.raises(ValidationError):
        candidate_accept(candidate=queue[2], actor=personas.manager)
    assert Supplier.objects.filter(name="OpenAI").count() == 1


def test_merging_into_a_record_of_another_kind_or_organisation_is_refused(personas, queue, aisystem_factory):
    foreign = aisystem_factory(organisation=personas.org_b, actor=personas.beta_manager, name="Foreign")
    with pytest.raises(ValidationError):
        candidate_merge(candidate=queue[0], actor=personas.manager, target=foreign)
    supplier = Supplier.objects.create(organisation=personas.org_a, name="S")
    with pytest.raises(ValidationError):
        candidate_merge(candidate=queue[0], actor=personas.manager, target=supplier)


def test_dismissing_keeps_the_candidate_with_the_reason(personas, login, queue):
    client = login(personas.contributor)
    client.post(f"/o/acme/discovery/{queue[1].public_id}/review/", {"action": "dismiss", "note": "Dev only"})
    queue[1].refresh_from_db()
    assert (queue[1].status, queue[1].review_note) == ("dismissed", "Dev only")
    assert "PyTorch" not in client.get("/o/acme/discovery/").content.decode()  # pending only by default
    assert "PyTorch" in client.get("/o/acme/discovery/", {"status": "dismissed"}).content.decode()


def test_viewers_cannot_review(personas, login, queue):
    response = login(personas.viewer).post(f"/o/acme/discovery/{queue[0].public_id}/review/", {"action": "accept"})
    assert response.status_code == 403
    assert Candidate.objects.get(pk=queue[0].pk).status == "pending"
