from styring.risks.models import Risk


def test_the_api_records_a_rated_risk_and_only_managers_accept_it(personas, login, aisystem_factory):
    system = aisystem_factory(name="Pricing")
    client = login(personas.contributor)
    created = client.post(
        "/api/v1/organisations/acme/risks/",
        {"title": "Unfair prices for older customers", "system": str(system.public_id),
         "risk_source": "iso42001:2023:C.3.4", "inherent_likelihood": 4, "inherent_impact": 4,
         "residual_likelihood": 2, "residual_impact": 2, "treatment_option": "modify"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["reference"] == "R-001" and body["inherent_level"] == "high" and body["residual_level"] == "low"
    assert body["risk_source"] == "iso42001:2023:C.3.4" and body["method_version"] == 1
    accept = f"/api/v1/organisations/acme/risks/{body['id']}/accept"
    refused = client.post(accept, {"rationale": "fine"}, content_type="application/json")
    assert refused.status_code == 403
    accepted = login(personas.manager).post(
        accept, {"rationale": "Low after repricing review"}, content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert accepted.status_code == 200 and accepted.json()["accepted_by"] == personas.manager.email
    method = login(personas.viewer).get("/api/v1/organisations/acme/risk-method").json()
    assert method["version"] == 1 and len(method["matrix"]) == 5


def test_the_api_refuses_a_risk_source_outside_annex_c_and_ratings_outside_the_scale(personas, login):
    client = login(personas.contributor)
    bad_source = client.post(
        "/api/v1/organisations/acme/risks/",
        {"title": "X", "risk_source": "iso42001:2023:A.6.2.4"},
        content_type="application/json",
    )
    assert bad_source.status_code == 422
    bad_rating = client.post(
        "/api/v1/organisations/acme/risks/", {"title": "X", "inherent_likelihood": 9}, content_type="application/json"
    )
    assert bad_rating.status_code == 422
    assert not Risk.objects.exists()
