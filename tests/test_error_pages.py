import pytest
from django.test import Client, override_settings


def test_an_unknown_page_shows_the_friendly_404(personas, login):
    response = login(personas.viewer).get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_forbidden_action_shows_the_friendly_403(personas, login):
    response = login(personas.viewer).get("/o/acme/settings/")
    assert response.status_code == 403
    assert "You do not have permission to do this" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_server_error_shows_the_friendly_500_without_leaking_details(personas, monkeypatch):
    from styring.organisations import views

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views.DashboardView, "get", explode)
    client = Client(raise_request_exception=False)
    client.force_login(personas.viewer)
    response = client.get("/o/acme/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "secret internals" not in body


def test_the_health_check_answers_while_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/o/acme/", "/o/acme/ai-systems/", "/o/acme/members/"])
def test_pages_have_a_skip_link_a_main_landmark_and_labelled_switchers(personas, login, path):
    body = login(personas.owner).get(path).content.decode()
    assert 'class="skip-link" href="#main"' in body
    assert '<main id="main"' in body
    assert 'for="language-switcher"' in body and 'for="org-switcher"' in body


def test_the_navigation_follows_the_seven_steps_of_the_journey(personas, login):
    body = login(personas.owner).get("/o/acme/").content.decode()
    steps = [
        "Map AI use",
        "Gap analysis",
        "Establish",
        "Controls &amp; risks",
        "Operate &amp; monitor",
        "Audit &amp; review",
        "Improve",
    ]
    positions = [body.index(step) for step in steps]
    assert positions == sorted(positions)


def test_the_language_switcher_changes_the_language(personas, login):
    client = login(personas.owner)
    response = client.post("/i18n/setlang/", {"language": "nb", "next": "/o/acme/"})
    assert response.status_code == 302
    assert 'lang="nb"' in client.get("/o/acme/").content.decode()


def test_an_organisations_time_zone_does_not_leak_into_the_next_request(personas, login):
    from django.utils import timezone

    from styring.organisations.services import organisation_update

    organisation_update(organisation=personas.org_a, actor=personas.owner, data={"time_zone": "Asia/Shanghai"})
    client = login(personas.owner)
    client.get("/o/acme/")
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"  # active after an organisation page …
    client.get("/organisations/")
    assert timezone.get_current_timezone_name() == "Europe/Oslo"  # … but not carried into the next request
