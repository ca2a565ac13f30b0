import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from styring.core.models import AuditEvent
from styring.core.roles import Role
from styring.organisations.models import Invitation, Membership

MEMBERS = "/o/acme/members/"


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Post the invitation form; the e-mail goes out after the transaction commits, so run those callbacks."""

    def post(client, email="new.person@acme.example", role="contributor"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"{MEMBERS}invite/", {"email": email, "role": role})

    return post


def _link_from_last_mail():
    return re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)


def test_an_admin_invites_a_newcomer_who_creates_an_account_and_joins_with_the_role(personas, login, client, invite):
    response = invite(login(personas.admin))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Acme AS" in mail.outbox[0].subject
    link = _link_from_last_mail()
    invitation = Invitation.objects.get(email="new.person@acme.example")
    assert invitation.token_hash not in link  # only the hash is stored; the link carries the secret
    client.logout()
    page = client.get(link)
    assert "Create your account" in page.content.decode()
    response = client.post(
        link, {"full_name": "New Person", "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="new.person@acme.example")
    assert membership.role == Role.CONTRIBUTOR
    assert client.get("/o/acme/ai-systems/").status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert client.get(link).status_code == 404  # a used link cannot be used again


def test_an_existing_user_accepts_an_invitation_and_then_belongs_to_two_organisations(personas, login, invite):
    invite(login(personas.owner), email="manager@beta.example", role="viewer")
    link = _link_from_last_mail()
    client = login(personas.beta_manager)
    assert "Accept invitation" in client.get(link).content.decode()
    client.post(link)
    switcher = client.get("/o/beta/").content.decode()
    assert "Acme AS" in switcher and "Beta Ltd" in switcher
    assert client.get("/o/acme/").status_code == 200


def test_an_invitation_cannot_be_accepted_by_someone_signed_in_with_another_address(personas, login, invite):
    invite(login(personas.owner), email="someone.else@acme.example")
    link = _link_from_last_mail()
    client = login(personas.outsider)
    assert "Sign out and sign in with that address" in client.get(link).content.decode()
    client.post(link)
    assert not Membership.objects.filter(user=personas.outsider).exists()


def test_expired_and_revoked_invitations_are_refused(personas, login, client, invite):
    owner_client = login(personas.owner)
    invite(owner_client, email="late@acme.example")
    late_link = _link_from_last_mail()
    Invitation.objects.filter(email="late@acme.example").update(expires_at=timezone.now() - timedelta(minutes=1))
    invite(owner_client, email="revoked@acme.example")
    revoked_link = _link_from_last_mail()
    revoked = Invitation.objects.get(email="revoked@acme.example")
    owner_client.post(f"/o/acme/invitations/{revoked.public_id}/revoke/")
    owner_client.logout()
    assert client.get(late_link).status_code == 404
    assert client.get(revoked_link).status_code == 404


def test_inviting_an_existing_member_is_refused(personas, login, invite):
    response = invite(login(personas.owner), email="viewer@acme.example")
    assert response.status_code == 200
    assert "already a member" in response.content.decode()


def test_an_admin_cannot_invite_an_owner_and_a_manager_cannot_invite_at_all(personas, login, invite):
    response = invite(login(personas.admin), role="owner")
    assert response.status_code == 200  # "owner" is not a choice for admins
    assert not Invitation.objects.exists()
    assert invite(login(personas.manager)).status_code == 403


def test_an_owner_changes_a_role_and_the_change_log_records_the_reason(personas, login):
    target = personas.membership(personas.viewer)
    response = login(personas.owner).post(
        f"{MEMBERS}{target.public_id}/role/", {"role": "manager", "version": target.version, "reason": "Promoted"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == Role.MANAGER
    event = AuditEvent.objects.filter(object_id=str(target.public_id), action="update").get()
    assert event.changes == {"role": ["viewer", "manager"]}
    assert event.reason == "Promoted"


def test_an_admin_cannot_change_or_remove_an_owner(personas, login):
    owner_membership = personas.membership(personas.owner)
    client = login(personas.admin)
    assert client.get(f"{MEMBERS}{owner_membership.public_id}/role/").status_code == 403
    assert client.post(f"{MEMBERS}{owner_membership.public_id}/role/", {"role": "viewer"}).status_code == 403
    assert client.post(f"{MEMBERS}{owner_membership.public_id}/remove/").status_code == 403
    owner_membership.refresh_from_db()
    assert owner_membership.role == Role.OWNER


def test_the_last_owner_can_neither_be_demoted_nor_leave(personas, login):
    own = personas.membership(personas.owner)
    client = login(personas.owner)
    response = client.post(f"{MEMBERS}{own.public_id}/role/", {"role": "viewer", "version": own.version})
    assert "at least one owner" in response.content.decode()
    response = client.post(f"{MEMBERS}{own.public_id}/remove/", follow=True)
    assert "at least one owner" in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.OWNER


def test_a_member_can_leave_and_loses_access(personas, login):
    own = personas.membership(personas.viewer)
    client = login(personas.viewer)
    response = client.post(f"{MEMBERS}{own.public_id}/remove/")
    assert response.status_code == 302
    assert client.get("/o/acme/").status_code == 404


def test_removing_a_member_invalidates_their_api_tokens(personas, login):
    from styring.accounts.services import api_token_authenticate, api_token_create

    target = personas.membership(personas.contributor)
    _token, secret = api_token_create(membership=target, name="pipeline")
    assert api_token_authenticate(secret) is not None
    login(personas.owner).post(f"{MEMBERS}{target.public_id}/remove/")
    assert api_token_authenticate(secret) is None


def test_the_member_list_is_searchable_and_exportable(personas, login):
    client = login(personas.viewer)
    page = client.get(MEMBERS, {"q": "auditor"}).content.decode()
    assert "auditor@acme.example" in page and "viewer@acme.example" not in page
    csv_body = b"".join(client.get(MEMBERS, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "owner@acme.example" in csv_body
    assert "Change role" not in csv_body


@pytest.mark.parametrize("role", ["viewer", "auditor", "contributor", "manager"])
def test_members_who_do_not_manage_members_see_no_management_buttons(personas, login, role):
    page = login(getattr(personas, role)).get(MEMBERS).content.decode()
    assert "Invite a member" not in page
    assert "Change role" not in page
