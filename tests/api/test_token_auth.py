"""Personal API tokens: `Authorization: Bearer <secret>`, bound to one membership, acting with its current role."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from styring.accounts.models import ApiToken
from styring.accounts.services import api_token_revoke
from styring.core.models import AuditEvent
from styring.core.roles import Role
from styring.inventory.models import AISystem
from styring.organisations.models import Membership
from styring.organisations.services import membership_add

from .conftest import ACME, API, SYSTEMS, ApiCaller

NEW_SYSTEM = {"name": "Claims triage", "purpose": "Sort incoming claims"}


def bearer(secret: str) -> ApiCaller:
    return ApiCaller({"Authorization": f"Bearer {secret}"})


@pytest.fixture
def manager_in_both(personas):
    """The Acme manager also joins Beta as a manager, so only the token (not membership) can keep Beta out."""
    membership_add(organisation=personas.org_b, user=personas.manager, role=Role.MANAGER, actor=personas.beta_owner)
    return personas.manager


def test_a_token_authenticates_with_the_bearer_header(personas, make_token):
    _, secret = make_token(personas.manager)

    response = bearer(secret).get(f"{ACME}/")

    assert response.status_code == 200
    assert response.json()["slug"] == "acme"
    assert response.json()["my_role"] == Role.MANAGER


def test_only_the_sha256_hash_of_the_secret_is_stored(personas, make_token):
    token, secret = make_token(personas.manager)

    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert row["token_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    random_part = secret.split("_", 2)[2]
    assert [key for key, value in row.items() if random_part in str(value)] == []
    events = AuditEvent.objects.filter(object_id__in=[str(token.pk), str(token.public_id)])
    assert events.exists()
    assert all(random_part not in str(event.changes) for event in events)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_wrong_secret_is_refused_with_401(personas, make_token, method):
    _, secret = make_token(personas.manager)
    wrong = secret[:-1] + ("A" if secret[-1] != "A" else "B")

    response = getattr(bearer(wrong), method)(SYSTEMS, NEW_SYSTEM if method == "post" else None)

    assert response.status_code == 401
    assert not AISystem.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_call_without_credentials_is_refused_with_401_not_a_csrf_error(anonymous, personas, method):
    response = getattr(anonymous, method)(SYSTEMS, NEW_SYSTEM if method == "post" else None)

    assert response.status_code == 401


def test_a_revoked_token_is_refused_with_401(personas, make_token):
    token, secret = make_token(personas.manager)
    assert bearer(secret).get(SYSTEMS).status_code == 200

    api_token_revoke(token=token, actor=personas.manager)

    assert bearer(secret).get(SYSTEMS).status_code == 401
    assert bearer(secret).post(SYSTEMS, NEW_SYSTEM).status_code == 401


def test_an_expired_token_is_refused_with_401(personas, make_token):
    token, secret = make_token(personas.manager, expires_at=timezone.now() + timedelta(days=1))
    assert bearer(secret).get(SYSTEMS).status_code == 200

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert bearer(secret).get(SYSTEMS).status_code == 401


def test_a_token_of_a_deactivated_user_is_refused_with_401(personas, make_token):
    _, secret = make_token(personas.manager)
    assert bearer(secret).get(SYSTEMS).status_code == 200

    personas.manager.is_active = False
    personas.manager.save(update_fields=["is_active"])

    assert bearer(secret).get(SYSTEMS).status_code == 401


def test_a_token_with_a_nul_character_is_refused_with_401_not_a_server_error(personas, make_token):
    _, secret = make_token(personas.manager)
    prefix = secret.split("_")[1]

    response = bearer(secret.replace(prefix, prefix[:4] + "\x00" + prefix[4:])).get(SYSTEMS)

    assert response.status_code == 401


def test_a_token_does_not_reach_another_organisation_even_when_its_user_is_a_member_there(
    personas, make_token, manager_in_both
):
    _, secret = make_token(manager_in_both)  # bound to the Acme membership
    caller = bearer(secret)

    assert caller.get(f"{API}/organisations/beta/").status_code == 404
    assert caller.get(f"{API}/organisations/beta/ai-systems/").status_code == 404
    assert caller.post(f"{API}/organisations/beta/ai-systems/", NEW_SYSTEM).status_code == 404
    assert not AISystem.objects.exists()


def test_a_token_gets_404_not_403_for_an_organisation_it_does_not_belong_to(personas, make_token):
    _, secret = make_token(personas.manager)

    assert bearer(secret).get(f"{API}/organisations/beta/members/").status_code == 404
    assert bearer(secret).get(f"{API}/organisations/no-such-org/").status_code == 404


def test_with_a_token_the_organisation_list_shows_only_the_tokens_organisation(personas, make_token, manager_in_both):
    _, secret = make_token(manager_in_both)

    response = bearer(secret).get(f"{API}/organisations/")

    assert response.status_code == 200
    assert [org["slug"] for org in response.json()] == ["acme"]


def test_with_a_session_the_organisation_list_shows_all_the_users_organisations(personas, login, manager_in_both):
    response = login(manager_in_both).get(f"{API}/organisations/")

    assert response.status_code == 200
    assert sorted(org["slug"] for org in response.json()) == ["acme", "beta"]


def test_a_token_acts_with_the_members_current_role(personas, make_token):
    _, secret = make_token(personas.contributor)
    caller = bearer(secret)
    assert caller.post(SYSTEMS, NEW_SYSTEM).status_code == 201

    Membership.objects.filter(pk=personas.membership(personas.contributor).pk).update(role=Role.VIEWER)

    response = caller.post(SYSTEMS, {**NEW_SYSTEM, "name": "Second system"})
    assert response.status_code == 403
    assert not AISystem.objects.filter(name="Second system").exists()
    assert caller.get(f"{ACME}/").json()["my_role"] == Role.VIEWER


def test_a_token_writes_without_a_csrf_token(personas, make_token):
    _, secret = make_token(personas.manager)

    response = bearer(secret).post(SYSTEMS, NEW_SYSTEM)  # the caller's client enforces CSRF checks

    assert response.status_code == 201


def test_last_used_at_is_set_when_a_token_is_used(personas, make_token):
    token, secret = make_token(personas.manager)
    assert token.last_used_at is None

    before = timezone.now()
    assert bearer(secret).get(SYSTEMS).status_code == 200

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.last_used_at >= before
