"""Shared test fixtures: the personas of DESIGN.md.

Organisation A ("Acme") has an owner, an admin, a manager, a contributor, an auditor and a viewer; organisation B
("Beta") has a manager; `outsider` belongs to no organisation.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from styring.core.roles import Role

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test fixture


@pytest.fixture
def make_user(db):
    from styring.accounts.models import User

    def make(email: str, full_name: str = "", password: str = PASSWORD):
        return User.objects.create_user(email=email, password=password, full_name=full_name or email.split("@")[0])

    return make


@pytest.fixture
def personas(make_user):
    from styring.organisations.services import membership_add, organisation_create

    owner = make_user("owner@acme.example", "Olivia Owner")
    org_a = organisation_create(name="Acme AS", slug="acme", owner=owner)
    people = {"owner": owner}
    for role in (Role.ADMIN, Role.MANAGER, Role.CONTRIBUTOR, Role.AUDITOR, Role.VIEWER):
        user = make_user(f"{role}@acme.example", f"{role.label} Person")
        membership_add(organisation=org_a, user=user, role=role, actor=owner)
        people[str(role)] = user
    beta_manager = make_user("manager@beta.example", "Bea Beta")
    org_b = organisation_create(name="Beta Ltd", slug="beta", owner=beta_manager)
    from styring.organisations.models import Membership

    Membership.objects.filter(organisation=org_b, user=beta_manager).update(role=Role.MANAGER)
    beta_owner = make_user("owner@beta.example", "Bo Beta")
    membership_add(organisation=org_b, user=beta_owner, role=Role.OWNER, actor=beta_manager)
    outsider = make_user("outsider@example.com", "Otto Outsider")
    memberships = {
        (m.organisation.slug, m.user.email): m for m in Membership.objects.select_related("organisation", "user")
    }
    return SimpleNamespace(
        org_a=org_a,
        org_b=org_b,
        outsider=outsider,
        beta_manager=beta_manager,
        beta_owner=beta_owner,
        membership=lambda user, org=None: memberships[((org or org_a).slug, user.email)],
        **people,
    )


@pytest.fixture
def login(client):
    """`login(user)` returns the test client signed in as `user`."""

    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def aisystem_factory(personas):
    from styring.inventory.services import aisystem_create

    counter = {"n": 0}

    def make(organisation=None, actor=None, **fields):
        counter["n"] += 1
        fields.setdefault("name", f"System {counter['n']}")
        fields.setdefault("purpose", "Triage incoming insurance claims")
        return aisystem_create(organisation=organisation or personas.org_a, actor=actor or personas.owner, **fields)

    return make
