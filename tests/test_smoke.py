def test_the_ai_system_list_renders_for_a_member(personas, login, aisystem_factory):
    aisystem_factory(name="Claims triage")
    response = login(personas.owner).get("/o/acme/ai-systems/")
    assert response.status_code == 200
    assert "Claims triage" in response.content.decode()
