"""Members without the right get 403 on every organisation route, enumerated from the URL configuration: each view
declares `permission_required`, and every role that lacks it is refused."""

import pytest
from django.urls import resolve

from styring.core.permissions import can
from styring.core.roles import Role
from tests.test_isolation import fill, organisation_routes


def _required_permission(url):
    view = resolve(url).func
    view_class = getattr(view, "view_class", None)
    return getattr(view_class, "permission_required", None)


def test_every_organisation_view_declares_the_permission_it_needs(personas):
    missing = [route for route in organisation_routes() if not _required_permission(fill(route, personas, {}))]
    assert missing == []


@pytest.mark.parametrize("route", organisation_routes())
def test_every_role_without_the_permission_is_refused_with_403(route, personas, client):
    url = fill(route, personas, {})
    permission = _required_permission(url)
    for role in Role:
        user = getattr(personas, str(role))
        if can(personas.membership(user), permission):
            continue
        client.force_login(user)
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url, {"reason": "x"})
        assert response.status_code == 403, f"{role} reached {url} without {permission}"
