"""The browser session authenticates API calls too (docs page, htmx helpers); writes then need the CSRF token."""

import pytest
from django.test import Client

from styring.inventory.models import AISystem

from .conftest import API, SYSTEMS, ApiCaller

NEW_SYSTEM = {"name": "Claims triage", "purpose": "Sort incoming claims"}


@pytest.fixture
def browser(personas):
    """A signed-in browser whose client enforces CSRF checks like a real one."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.manager, backend="django.contrib.auth.backends.ModelBackend")
    return ApiCaller(client=client)


def test_a_signed_in_session_can_read(personas, browser):
    response = browser.get(SYSTEMS)

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_a_session_write_without_the_csrf_token_is_refused(personas, browser):
    response = browser.post(SYSTEMS, NEW_SYSTEM)

    assert response.status_code == 403
    assert not AISystem.objects.exists()


def test_a_session_write_with_the_csrf_token_is_accepted(personas, browser):
    browser.get(f"{API}/docs")  # the docs page hands out the CSRF cookie, as Swagger UI uses it
    csrf_token = browser.client.cookies["csrftoken"].value

    response = browser.post(SYSTEMS, NEW_SYSTEM, headers={"X-CSRFToken": csrf_token})

    assert response.status_code == 201
    assert AISystem.objects.filter(name=NEW_SYSTEM["name"]).exists()


def test_a_session_of_someone_outside_the_organisation_gets_404(personas, login):
    response = login(personas.outsider).get(SYSTEMS)

    assert response.status_code == 404


def test_without_a_session_reads_get_401(anonymous, personas):
    assert anonymous.get(SYSTEMS).status_code == 401
    assert anonymous.get(f"{API}/organisations/").status_code == 401
