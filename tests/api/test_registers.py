"""The suppliers, AI models and datasets API (generic register routes)."""

import json

from styring.accounts.services import api_token_create
from styring.inventory.models import AIModel, Supplier
from styring.inventory.services import supplier_create


def _client(client, personas, user, org=None):
    _token, secret = api_token_create(membership=personas.membership(user, org), name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def call(method, url, body=None, **extra):
        if method == "get":
            return client.get(url, **headers, **extra)
        return getattr(client, method)(
            url, data=json.dumps(body or {}), content_type="application/json", **headers, **extra
        )

    return call


def test_suppliers_models_and_datasets_can_be_created_read_changed_and_deleted(client, personas):
    call = _client(client, personas, personas.manager)
    supplier = call(
        "post",
        "/api/v1/organisations/acme/suppliers/",
        {"name": "TalentSift Ltd", "due_diligence_status": "in_progress"},
    )
    assert supplier.status_code == 201, supplier.content
    supplier_id = supplier.json()["id"]
    model = call(
        "post",
        "/api/v1/organisations/acme/ai-models/",
        {"name": "Ranker", "supplier": supplier_id, "approach": "generative"},
    )
    assert model.status_code == 201 and model.json()["supplier"] == supplier_id
    dataset = call("post", "/api/v1/organisations/acme/datasets/", {"name": "CVs", "personal_data": True})
    assert dataset.status_code == 201
    url = f"/api/v1/organisations/acme/ai-models/{model.json()['id']}/"
    changed = call("patch", url, {"model_version": "2.0"}, HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200 and changed.json()["model_version"] == "2.0"
    assert call("patch", url, {"model_version": "3.0"}, HTTP_IF_MATCH='"1"').status_code == 409
    assert call("get", "/api/v1/organisations/acme/ai-models/").json()["count"] == 1
    assert call("delete", url).status_code == 204
    assert not AIModel.objects.exists()


def test_a_supplier_of_another_organisation_is_not_found(client, personas):
    foreign = supplier_create(organisation=personas.org_b, actor=personas.beta_manager, name="Foreign")
    call = _client(client, personas, personas.manager)
    response = call("post", "/api/v1/organisations/acme/ai-models/", {"name": "X", "supplier": str(foreign.public_id)})
    assert response.status_code == 404
    assert not AIModel.objects.filter(name="X").exists()


def test_viewers_read_registers_but_cannot_write(client, personas):
    supplier_create(organisation=personas.org_a, actor=personas.owner, name="S")
    call = _client(client, personas, personas.viewer)
    assert call("get", "/api/v1/organisations/acme/suppliers/").status_code == 200
    assert call("post", "/api/v1/organisations/acme/suppliers/", {"name": "T"}).status_code == 403
    assert Supplier.objects.count() == 1


def test_special_category_data_without_personal_data_is_refused(client, personas):
    call = _client(client, personas, personas.manager)
    response = call("post", "/api/v1/organisations/acme/datasets/", {"name": "Health", "special_category_data": True})
    assert response.status_code == 422


def test_a_patch_keeps_the_limits_of_the_create_schema_and_changes_only_what_is_sent(client, personas):
    call = _client(client, personas, personas.manager)
    created = call("post", "/api/v1/organisations/acme/suppliers/", {"name": "S", "country": "Norway"}).json()
    url = f"/api/v1/organisations/acme/suppliers/{created['id']}/"
    assert call("patch", url, {"name": ""}).status_code == 422
    assert call("patch", url, {"due_diligence_status": "maybe"}).status_code == 422
    assert call("patch", url, {"colour": "blue"}).status_code == 422
    changed = call("patch", url, {"contact": "Kari", "reason": "New contact"}).json()
    assert (changed["name"], changed["country"], changed["contact"]) == ("S", "Norway", "Kari")
