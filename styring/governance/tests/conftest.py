import pytest


@pytest.fixture
def role_factory(personas):
    from styring.governance.services import role_create

    counter = {"n": 0}

    def make(organisation=None, **fields):
        counter["n"] += 1
        fields.setdefault("name", f"Role {counter['n']}")
        return role_create(organisation=organisation or personas.org_a, actor=personas.owner, **fields)

    return make


@pytest.fixture
def assign(personas):
    from styring.governance.services import assignment_create

    def make(role, user=None, **fields):
        if user is not None:
            fields["member"] = personas.membership(user, role.organisation)
        return assignment_create(organisation=role.organisation, actor=personas.owner, role=role, **fields)

    return make


@pytest.fixture
def enable_anonymous(personas):
    from styring.governance.services import settings_update

    def enable(organisation=None):
        return settings_update(
            organisation=organisation or personas.org_a, actor=personas.owner, anonymous_concerns_enabled=True
        )

    return enable
