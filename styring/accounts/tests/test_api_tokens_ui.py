import re

from styring.accounts.models import ApiToken
from styring.core.models import AuditEvent

TOKENS = "/o/acme/api-tokens/"


def test_a_member_creates_a_token_and_sees_the_secret_only_once(personas, login):
    client = login(personas.viewer)
    response = client.post(f"{TOKENS}new/", {"name": "Monitoring pipeline"})
    body = response.content.decode()
    token = ApiToken.objects.get(name="Monitoring pipeline")
    assert response["Cache-Control"] == "no-store"
    assert f"sty_{token.prefix}_" in body
    secret = re.search(r'id="new-token"[^>]*value="([^"]+)"', body).group(1)
    assert secret not in token.token_hash and token.token_hash not in body
    listing = client.get(TOKENS).content.decode()
    assert "Monitoring pipeline" in listing and secret not in listing
    event = AuditEvent.objects.get(object_type="accounts.apitoken", action="create")
    assert event.actor == personas.viewer and secret not in str(event.changes)


def test_a_token_date_in_the_past_is_refused(personas, login):
    response = login(personas.viewer).post(f"{TOKENS}new/", {"name": "Old", "expires_on": "2001-01-01"})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


def test_a_member_revokes_their_token(personas, login):
    from styring.accounts.services import api_token_authenticate, api_token_create

    token, secret = api_token_create(membership=personas.membership(personas.viewer), name="ci")
    client = login(personas.viewer)
    client.post(f"{TOKENS}{token.public_id}/revoke/")
    assert api_token_authenticate(secret) is None
    assert "Revoked" in client.get(TOKENS).content.decode()


def test_members_see_and_revoke_only_their_own_tokens(personas, login):
    from styring.accounts.services import api_token_create

    token, _secret = api_token_create(membership=personas.membership(personas.owner), name="owner's token")
    client = login(personas.admin)
    assert "owner's token" not in client.get(TOKENS).content.decode()
    assert client.post(f"{TOKENS}{token.public_id}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
