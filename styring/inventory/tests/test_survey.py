from styring.inventory.models import AISystem, Candidate
from styring.inventory.survey import PER_SENDER_PER_HOUR, survey_enable

ANSWER = {
    "tool": "ChatGPT",
    "purpose": "Summarising long customer e-mails",
    "department": "Claims",
    "frequency": "daily",
    "data": "personal",
    "approved": "unknown",
    "contact": "",
}


def open_survey(personas):
    organisation = survey_enable(organisation=personas.org_a, actor=personas.admin)
    return f"/survey/{organisation.survey_token}/"


def test_staff_report_ai_tools_without_signing_in_and_answers_wait_for_review(personas, client):
    url = open_survey(personas)
    assert "Which AI tools do you use?" in client.get(url).content.decode()
    response = client.post(url, ANSWER)
    assert "Thank you" in response.content.decode()
    candidate = Candidate.objects.get(source="survey")
    assert candidate.name == "ChatGPT" and candidate.proposed["processes_personal_data"] is True
    assert candidate.origin_hash and "127.0.0.1" not in candidate.origin_hash
    assert not AISystem.objects.exists()


def test_a_closed_or_unknown_survey_link_shows_nothing(personas, client):
    assert client.get("/survey/not-a-token/").status_code == 404
    url = open_survey(personas)
    from styring.inventory.survey import survey_disable

    survey_disable(organisation=personas.org_a, actor=personas.admin)
    assert client.get(url).status_code == 404
    assert client.post(url, ANSWER).status_code == 404
    assert not Candidate.objects.exists()


def test_a_new_link_stops_the_old_one(personas, login, client):
    old = open_survey(personas)
    login(personas.admin).post("/o/acme/discovery/survey/", {"action": "new-link"})
    client.logout()
    assert client.get(old).status_code == 404


def test_one_sender_is_rate_limited(personas, client):
    url = open_survey(personas)
    for _attempt in range(PER_SENDER_PER_HOUR):
        client.post(url, ANSWER)
    response = client.post(url, ANSWER)
    assert "try again later" in response.content.decode()
    assert Candidate.objects.filter(source="survey").count() == PER_SENDER_PER_HOUR
    other_sender = client.post(url, ANSWER, REMOTE_ADDR="10.9.9.9")
    assert "Thank you" in other_sender.content.decode()


def test_oversized_and_bot_answers_are_not_stored(personas, client):
    url = open_survey(personas)
    client.post(url, {**ANSWER, "purpose": "x" * 2001})
    client.post(url, {**ANSWER, "tool": "nul\x00"})
    client.post(url, {**ANSWER, "website": "http://spam.example"})  # the hidden field only bots fill
    assert not Candidate.objects.exists()


def test_the_survey_shows_nothing_of_the_organisation_beyond_its_name(personas, client, aisystem_factory):
    aisystem_factory(name="Secret pricing model")
    page = client.get(open_survey(personas)).content.decode()
    assert "Acme AS" in page and "Secret pricing model" not in page and "/o/acme/" not in page


def test_only_administrators_open_the_survey(personas, login):
    assert login(personas.manager).post("/o/acme/discovery/survey/", {"action": "open"}).status_code == 403
    personas.org_a.refresh_from_db()
    assert not personas.org_a.survey_enabled
    login(personas.admin).post("/o/acme/discovery/survey/", {"action": "open"})
    personas.org_a.refresh_from_db()
    assert personas.org_a.survey_enabled
