import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styring.core.models import AuditEvent
from styring.inventory.models import AIModel, Dataset, LifecycleChange, Supplier
from styring.inventory.services import aisystem_update, dataset_create, supplier_create


def test_a_contributor_records_a_supplier_a_model_and_a_dataset(personas, login):
    client = login(personas.contributor)
    response = client.post(
        "/o/acme/suppliers/new/",
        {"name": "TalentSift Ltd", "website": "talentsift.example", "due_diligence_status": "in_progress"},
    )
    assert response.status_code == 302, response.content
    supplier = Supplier.objects.get(name="TalentSift Ltd")
    assert supplier.website == "https://talentsift.example"
    response = client.post(
        "/o/acme/ai-models/new/",
        {"name": "Ranker", "model_version": "2.1", "approach": "supervised", "supplier": str(supplier.public_id)},
    )
    assert response.status_code == 302
    assert AIModel.objects.get(name="Ranker").supplier == supplier
    response = client.post("/o/acme/datasets/new/", {"name": "Applications 2025", "personal_data": "on"})
    assert response.status_code == 302
    assert Dataset.objects.get(name="Applications 2025").personal_data
    assert (
        AuditEvent.objects.filter(
            object_type__in=["inventory.supplier", "inventory.aimodel", "inventory.dataset"]
        ).count()
        == 3
    )
    page = client.get(supplier.get_absolute_url()).content.decode()
    assert "Ranker" in page  # the supplier's page lists its models


def test_special_category_data_must_also_be_marked_as_personal_data(personas, login):
    response = login(personas.contributor).post(
        "/o/acme/datasets/new/", {"name": "Health", "special_category_data": "on"}
    )
    assert response.status_code == 200
    assert not Dataset.objects.exists()


def test_a_supplier_of_another_organisation_cannot_be_chosen(personas, login):
    foreign = supplier_create(organisation=personas.org_b, actor=personas.beta_manager, name="Foreign")
    response = login(personas.contributor).post(
        "/o/acme/ai-models/new/", {"name": "X", "approach": "supervised", "supplier": str(foreign.public_id)}
    )
    assert response.status_code == 200
    assert not AIModel.objects.filter(name="X").exists()


def test_linking_models_datasets_and_suppliers_to_a_system_is_logged(personas, login, aisystem_factory):
    system = aisystem_factory(name="CV screening")
    supplier = supplier_create(organisation=personas.org_a, actor=personas.owner, name="TalentSift Ltd")
    dataset = dataset_create(organisation=personas.org_a, actor=personas.owner, name="Applications")
    system = aisystem_update(system=system, actor=personas.manager, suppliers=[supplier], datasets=[dataset])
    assert list(system.suppliers.all()) == [supplier]
    event = AuditEvent.objects.filter(object_id=str(system.public_id), action="update").get()
    assert event.changes["suppliers"] == [[], ["TalentSift Ltd"]]
    assert "CV screening" in login(personas.viewer).get(dataset.get_absolute_url()).content.decode()


def test_linking_a_record_of_another_organisation_is_refused(personas, aisystem_factory):
    from django.core.exceptions import ValidationError

    system = aisystem_factory()
    foreign = supplier_create(organisation=personas.org_b, actor=personas.beta_manager, name="Foreign")
    with pytest.raises(ValidationError):
        aisystem_update(system=system, actor=personas.manager, suppliers=[foreign])
    assert not system.suppliers.exists()


def test_every_lifecycle_stage_change_is_kept_with_its_date(personas, aisystem_factory):
    system = aisystem_factory(lifecycle_stage="planning")
    system = aisystem_update(system=system, actor=personas.manager, lifecycle_stage="deployment", reason="Go-live")
    aisystem_update(system=system, actor=personas.manager, description="no stage change")
    stages = list(LifecycleChange.objects.filter(system=system).values_list("stage", "note"))
    assert stages == [("deployment", "Go-live"), ("planning", "")]


@pytest.mark.parametrize("path", ["/o/acme/suppliers/", "/o/acme/ai-models/", "/o/acme/datasets/"])
def test_register_lists_keep_a_constant_query_count(personas, login, path):
    from model_bakery import baker

    client = login(personas.viewer)
    owner = personas.membership(personas.manager)
    model = {"/o/acme/suppliers/": Supplier, "/o/acme/ai-models/": AIModel, "/o/acme/datasets/": Dataset}[path]
    supplier = baker.make(Supplier, organisation=personas.org_a, name="S")

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return len(context.captured_queries)

    extra = {} if model is Supplier else {"supplier": supplier}
    baker.make(
        model,
        organisation=personas.org_a,
        owner=owner,
        _quantity=3,
        _bulk_create=True,
        name=iter(f"A{i}" for i in range(3)),
        **extra,
    )
    few = count()
    baker.make(
        model,
        organisation=personas.org_a,
        owner=owner,
        _quantity=60,
        _bulk_create=True,
        name=iter(f"B{i}" for i in range(60)),
        **extra,
    )
    assert count() == few


def test_the_supplier_due_diligence_questionnaire_is_saved_with_its_version(personas, login):
    from styring.inventory.due_diligence import questionnaire

    supplier = supplier_create(organisation=personas.org_a, actor=personas.owner, name="TalentSift Ltd")
    client = login(personas.contributor)
    url = f"/o/acme/suppliers/{supplier.public_id}/due-diligence/"
    first = questionnaire().questions[0].id
    page = client.get(url).content.decode()
    assert questionnaire().questions[0].text in page
    response = client.post(
        url,
        {
            "version": supplier.version,
            "due_diligence_status": "approved_with_conditions",
            "due_diligence_date": "2026-11-01",
            f"answer__{first}": "partly",
            f"note__{first}": "Only for the EU tenant",
        },
    )
    assert response.status_code == 302
    supplier.refresh_from_db()
    assert supplier.due_diligence_status == "approved_with_conditions"
    assert supplier.due_diligence_answers["answers"][first] == {"answer": "partly", "note": "Only for the EU tenant"}
    assert supplier.due_diligence_answers["questionnaire_version"] == questionnaire().version
    detail = client.get(supplier.get_absolute_url()).content.decode()
    assert "1 of" in detail and "Partly: 1" in detail
    assert login(personas.viewer).get(url).status_code == 403


def test_the_portfolio_counts_systems_and_lists_overdue_and_unassessed_ones(personas, login, aisystem_factory):
    import datetime

    aisystem_factory(name="Old review", review_date=datetime.date(2020, 1, 1), ai_act_class="minimal")
    aisystem_factory(name="Needs class")
    page = login(personas.viewer).get("/o/acme/ai-systems/portfolio/").content.decode()
    assert "2 AI systems" in page
    overdue = page.split("Overdue for review")[1].split("Not yet assessed")[0]
    assert "Old review" in overdue and "Needs class" not in overdue
    assert "Needs class" in page.split("Not yet assessed")[1]


def test_the_printable_register_lists_every_system_and_its_suppliers(personas, login, aisystem_factory):
    supplier = supplier_create(organisation=personas.org_a, actor=personas.owner, name="TalentSift Ltd")
    system = aisystem_factory(name="CV screening")
    aisystem_update(system=system, actor=personas.owner, suppliers=[supplier])
    client = login(personas.viewer)
    with CaptureQueriesContext(connection) as few:
        page = client.get("/o/acme/ai-systems/register/").content.decode()
    assert "CV screening" in page and "TalentSift Ltd" in page
    for number in range(10):
        aisystem_factory(name=f"More {number}")
    with CaptureQueriesContext(connection) as many:
        client.get("/o/acme/ai-systems/register/")
    assert len(many.captured_queries) == len(few.captured_queries)
