"""The training plan: completing training records the competence it gave, both or neither."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from styring.competence.models import PersonCompetence, TrainingItem
from styring.competence.services import add_months, training_complete, training_create
from styring.core.exceptions import ConflictError
from styring.core.models import AuditEvent


@pytest.fixture
def make_training(personas, make_competence):
    def make(person=None, competence=None, **fields):
        person = person if person is not None else personas.membership(personas.viewer)
        who = {"person_name": person} if isinstance(person, str) else {"member": person}
        fields.setdefault("title", "Fairness testing workshop")
        return training_create(
            organisation=personas.org_a, actor=personas.manager,
            competence=competence or make_competence("Fairness", renewal_months=24), **who, **fields,
        )  # fmt: skip

    return make


def test_completing_training_records_the_competence_with_its_expiry_in_one_step(personas, make_training):
    item = make_training(provider="Academy")
    item, record = training_complete(
        item=item, actor=personas.manager, completed_on=date(2026, 2, 28), level="expert",
        evidence_reference="Certificate no. 42",
    )  # fmt: skip
    assert item.status == "completed" and item.completed_on == date(2026, 2, 28) and item.person_competence == record
    assert record.member == personas.membership(personas.viewer) and record.level == "expert"
    assert record.obtained_on == date(2026, 2, 28) and record.expires_on == date(2028, 2, 28)
    assert record.evidence_type == "training" and record.evidence_reference == "Certificate no. 42"
    assert AuditEvent.objects.filter(object_id=str(record.public_id), action="create").exists()
    assert AuditEvent.objects.filter(object_id=str(item.public_id), reason="Training completed").exists()


def test_a_failed_completion_records_no_competence(personas, make_training):
    item = make_training()
    with pytest.raises(ConflictError):
        training_complete(item=item, actor=personas.manager, completed_on=date(2026, 3, 1), expected_version=7)
    assert not PersonCompetence.objects.exists()
    item.refresh_from_db()
    assert item.status == "planned" and item.person_competence is None


def test_completed_or_cancelled_training_cannot_be_completed_again(personas, make_training):
    item, _record = training_complete(item=make_training(), actor=personas.manager, completed_on=date(2026, 3, 1))
    with pytest.raises(ValidationError):
        training_complete(item=item, actor=personas.manager, completed_on=date(2026, 3, 2))
    assert PersonCompetence.objects.count() == 1


def test_training_can_be_completed_without_recording_a_competence_for_an_outside_person(personas, make_training):
    item, record = training_complete(
        item=make_training("Kari Nordmann"), actor=personas.manager, completed_on=date(2026, 3, 1),
        record_competence=False,
    )  # fmt: skip
    assert record is None and item.status == "completed" and not PersonCompetence.objects.exists()


def test_the_completion_page_is_for_contributors_and_records_the_competence(personas, login, make_training):
    item = make_training()
    url = f"/o/acme/competence/training/{item.public_id}/complete/"
    data = {"completed_on": "2026-03-01", "record_competence": "on", "level": "practitioner",
            "evidence_type": "certificate", "evidence_reference": "", "version": item.version}  # fmt: skip
    assert login(personas.viewer).post(url, data).status_code == 403
    client = login(personas.contributor)
    assert "Mark completed" in client.get(item.get_absolute_url()).content.decode()
    assert "Fairness testing workshop" in client.get(url).content.decode()
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    record = PersonCompetence.objects.get()
    assert record.evidence_type == "certificate" and record.evidence_reference == "Fairness testing workshop"
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Mark completed" not in page and str(record) in page
    again = client.post(url, data)
    assert "Only planned or booked training" in again.content.decode() and PersonCompetence.objects.count() == 1
    stale = client.post(
        f"/o/acme/competence/training/{make_training(competence=item.competence).public_id}/complete/",
        {**data, "version": 9},
    )
    assert stale.status_code == 409 and PersonCompetence.objects.count() == 1


def test_completed_training_needs_its_completion_date(personas, make_training):
    with pytest.raises(ValidationError):
        make_training(status="completed")
    assert not TrainingItem.objects.exists()


def test_months_are_added_to_the_last_day_of_shorter_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)
