"""Listing is a fixed number of queries however many systems (and owners) there are: no N+1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import SYSTEMS, ApiCaller


def _queries_for(caller: ApiCaller) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = caller.get(SYSTEMS, {"limit": 50})
    assert response.status_code == 200
    return len(captured), response.json()


@pytest.mark.parametrize("auth", ["token", "session"])
def test_listing_5_or_60_systems_issues_the_same_number_of_queries(personas, api_as, login, aisystem_factory, auth):
    owners = [personas.membership(getattr(personas, role)) for role in ("manager", "contributor", "viewer")]
    caller = api_as(personas.manager) if auth == "token" else ApiCaller(client=login(personas.manager))
    for n in range(5):
        aisystem_factory(name=f"System {n:02d}", owner=owners[n % len(owners)])
    caller.get(SYSTEMS)  # the token's first use records last_used_at; measure steady state only

    few, page = _queries_for(caller)
    assert len(page["items"]) == 5
    for n in range(5, 60):
        aisystem_factory(name=f"System {n:02d}", owner=owners[n % len(owners)])
    many, page = _queries_for(caller)

    assert len(page["items"]) == 50
    assert page["count"] == 60
    assert {item["owner_name"] for item in page["items"]} == {owner.user.get_full_name() for owner in owners}
    assert many == few
