def test_the_timeline_lists_the_application_dates_with_the_systems_they_concern(personas, login, aisystem_factory):
    aisystem_factory(name="CV screening", ai_act_class="high_risk")
    aisystem_factory(name="Chatbot", ai_act_class="transparency")
    aisystem_factory(name="Retired", ai_act_class="high_risk", lifecycle_stage="decommissioned")
    page = login(personas.viewer).get("/o/acme/eu-ai-act/").content.decode()
    assert "2027-12-02" in page and "2028-08-02" in page
    annex_iii = page.split("2027-12-02")[1].split("2028-08-02")[0]
    assert "CV screening" in annex_iii and "Chatbot" not in annex_iii and "Retired" not in annex_iii
    general = page.split("2026-08-02")[1].split("</li>")[0]
    assert "Chatbot" in general


def test_the_timeline_uses_the_dates_of_the_catalog(personas, login, db):
    from styring.catalog.models import RegulatoryDate

    RegulatoryDate.objects.filter(key__endswith=":high-risk-annex-iii-apply").update(date="2029-01-31")
    assert "2029-01-31" in login(personas.viewer).get("/o/acme/eu-ai-act/").content.decode()
