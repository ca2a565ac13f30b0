"""The RACI matrix: one cell saved at a time (htmx), warnings where accountability is missing or shared."""

import pytest

from styring.controls.soa import annex_a_controls
from styring.core.models import AuditEvent
from styring.governance.choices import AimsProcess
from styring.governance.models import RaciEntry
from styring.governance.selectors import raci_rows, raci_subjects

RACI = "/o/acme/governance/raci/"
CELL = "/o/acme/governance/raci/cell/"


def test_the_subjects_are_the_aims_processes_and_the_38_annex_a_controls(db):
    subjects = raci_subjects()
    assert len(AimsProcess.values) == 16
    assert annex_a_controls().count() == 38
    assert len(subjects) == 16 + 38


def test_saving_a_cell_creates_changes_and_clears_the_entry_with_audit_events(personas, login, role_factory):
    role = role_factory(name="AIMS owner")
    client = login(personas.contributor)
    response = client.post(
        CELL, {"role": role.public_id, "subject": "risk_assessment", "value": "A"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "<tr" in response.content.decode()
    entry = RaciEntry.objects.get()
    assert (entry.role, entry.subject, entry.value) == (role, "risk_assessment", "A")
    client.post(CELL, {"role": role.public_id, "subject": "risk_assessment", "value": "R"})
    entry.refresh_from_db()
    assert entry.value == "R"
    client.post(CELL, {"role": role.public_id, "subject": "risk_assessment", "value": ""})
    assert not RaciEntry.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="governance.racientry")
        .order_by("sequence")
        .values_list("action", "actor")
    )
    assert actions == [("create", personas.contributor.pk), ("update", personas.contributor.pk),
                       ("delete", personas.contributor.pk)]  # fmt: skip


def test_an_annex_a_control_can_be_assigned_by_its_catalog_key(personas, login, role_factory):
    role = role_factory()
    key = annex_a_controls().first().key
    assert login(personas.manager).post(CELL, {"role": role.public_id, "subject": key, "value": "A"}).status_code == 200
    assert RaciEntry.objects.get().subject == key


@pytest.mark.parametrize(
    ("subject", "value"), [("no_such_process", "A"), ("risk_assessment", "X"), ("iso42001:2023:4.1", "A")]
)
def test_unknown_subjects_and_values_are_refused_and_change_nothing(subject, value, personas, login, role_factory):
    role = role_factory()
    response = login(personas.manager).post(CELL, {"role": role.public_id, "subject": subject, "value": value})
    assert response.status_code == 400
    assert not RaciEntry.objects.exists()


def test_a_role_of_another_organisation_is_not_found(personas, login, role_factory):
    foreign = role_factory(organisation=personas.org_b)
    response = login(personas.manager).post(CELL, {"role": foreign.public_id, "subject": "policy", "value": "A"})
    assert response.status_code == 404
    assert not RaciEntry.objects.exists()


def test_viewers_and_auditors_cannot_change_the_matrix(personas, login, role_factory):
    role = role_factory()
    for user in (personas.viewer, personas.auditor):
        response = login(user).post(CELL, {"role": role.public_id, "subject": "policy", "value": "A"})
        assert response.status_code == 403
    assert not RaciEntry.objects.exists()
    page = login(personas.viewer).get(RACI)
    assert page.status_code == 200
    assert "hx-post" not in page.content.decode()


def test_subjects_without_one_accountable_role_are_warned(personas, role_factory):
    from styring.governance.services import raci_set

    first, second = role_factory(), role_factory()
    for role in (first, second):
        raci_set(organisation=personas.org_a, actor=personas.owner, role=role, subject="policy", value="A")
    raci_set(organisation=personas.org_a, actor=personas.owner, role=first, subject="context", value="A")
    raci_set(organisation=personas.org_a, actor=personas.owner, role=second, subject="context", value="R")
    _roles, rows = raci_rows(personas.org_a)
    by_key = {row.key: row for row in rows}
    assert "More than one" in by_key["policy"].warning
    assert by_key["context"].warning == ""
    assert "Nobody" in by_key["data"].warning


def test_the_page_shows_the_warnings_and_exports_csv_and_excel(personas, login, role_factory):
    from styring.governance.services import raci_set

    role = role_factory(name="Data steward")
    raci_set(organisation=personas.org_a, actor=personas.owner, role=role, subject="data", value="A")
    client = login(personas.viewer)
    page = client.get(RACI)
    assert page.status_code == 200
    assert page.context["warning_count"] == 16 + 38 - 1
    csv = b"".join(client.get(RACI + "?export=csv").streaming_content).decode("utf-8-sig")
    assert "Data steward" in csv.splitlines()[0]
    assert any(line.startswith("Data management,A") for line in csv.splitlines())
    xlsx = client.get(RACI + "?export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_the_page_query_count_does_not_grow_with_the_number_of_roles(personas, login, role_factory,
                                                                   django_assert_max_num_queries):  # fmt: skip
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from styring.governance.services import raci_set

    client = login(personas.manager)
    role = role_factory()
    raci_set(organisation=personas.org_a, actor=personas.owner, role=role, subject="data", value="A")
    with CaptureQueriesContext(connection) as few:
        assert client.get(RACI).status_code == 200
    for _number in range(12):
        role = role_factory()
        raci_set(organisation=personas.org_a, actor=personas.owner, role=role, subject="policy", value="C")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(RACI).status_code == 200
    client.post(CELL, {"role": role.public_id, "subject": "data", "value": "C"})
    with CaptureQueriesContext(connection) as cell:
        assert client.post(CELL, {"role": role.public_id, "subject": "data", "value": "R"}).status_code == 200
    for _number in range(12):
        role_factory()
    with django_assert_max_num_queries(len(cell.captured_queries)):
        assert client.post(CELL, {"role": role.public_id, "subject": "data", "value": "I"}).status_code == 200
