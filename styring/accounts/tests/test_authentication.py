import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail

from conftest import PASSWORD

LOGIN = "/accounts/login/"


@pytest.fixture
def argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def test_passwords_are_stored_with_argon2(argon2, make_user):
    user = make_user("hash@acme.example")
    assert user.password.startswith("argon2$")


def test_a_member_signs_in_with_e_mail_and_password_and_lands_in_their_organisation(personas, client):
    response = client.post(LOGIN, {"login": "viewer@acme.example", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/o/acme/"


def test_a_wrong_password_is_refused_without_saying_whether_the_account_exists(personas, client):
    wrong = client.post(LOGIN, {"login": "viewer@acme.example", "password": "nope"}).content.decode()
    unknown = client.post(LOGIN, {"login": "nobody@acme.example", "password": "nope"}).content.decode()
    assert "not correct" in wrong and "not correct" in unknown


def test_repeated_failed_sign_ins_lock_the_account_for_that_address(personas, client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"login": "viewer@acme.example", "password": "wrong"}, REMOTE_ADDR="10.1.2.3")
    response = client.post(LOGIN, {"login": "viewer@acme.example", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_up_is_closed_unless_the_operator_opens_it(client, db):
    response = client.get("/accounts/signup/")
    assert "closed" in response.content.decode().lower()


def test_a_user_with_totp_must_give_a_code_after_the_password(personas, client):
    secret = generate_totp_secret()
    TOTP.activate(personas.manager, secret)
    response = client.post(LOGIN, {"login": "manager@acme.example", "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200
    assert "_auth_user_id" not in client.session
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.manager.pk)


def test_the_two_factor_settings_page_is_reachable_for_signed_in_users(personas, login):
    page = login(personas.viewer).get("/accounts/2fa/")
    assert page.status_code == 200
    assert "Authenticator" in page.content.decode()


def test_password_reset_sends_a_link_by_e_mail(personas, client):
    client.post("/accounts/password/reset/", {"email": "viewer@acme.example"})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_signing_out_ends_the_session(personas, login):
    client = login(personas.viewer)
    client.post("/accounts/logout/")
    assert client.get("/o/acme/").status_code == 302


def test_the_profile_sets_the_preferred_language(personas, login):
    client = login(personas.viewer)
    response = client.post("/profile/", {"full_name": "Vera Viewer", "language": "nb"})
    assert response.status_code == 302
    personas.viewer.refresh_from_db()
    assert personas.viewer.language == "nb"
    assert response.cookies["django_language"].value == "nb"
