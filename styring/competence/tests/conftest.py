from datetime import date

import pytest

from styring.competence.services import competence_create, person_competence_create
from styring.governance.models import AIRole, RoleAssignment

TODAY = date(2026, 3, 15)


@pytest.fixture
def make_competence(personas):
    def make(name="Model evaluation", organisation=None, **fields):
        return competence_create(
            organisation=organisation or personas.org_a, actor=personas.manager, name=name, **fields
        )

    return make


@pytest.fixture
def make_role(personas):
    """An AI role (the governance app's model) with holders: memberships or names of outside persons."""

    def make(name="Model developer", holders=(), organisation=None, **assignment):
        role = AIRole.objects.create(organisation=organisation or personas.org_a, name=name)
        for holder in holders:
            person = {"person_name": holder} if isinstance(holder, str) else {"member": holder}
            RoleAssignment.objects.create(organisation=role.organisation, role=role, **person, **assignment)
        return role

    return make


@pytest.fixture
def hold(personas):
    def make(person, competence, level="practitioner", **fields):
        who = {"person_name": person} if isinstance(person, str) else {"member": person}
        return person_competence_create(
            organisation=competence.organisation, actor=personas.manager, competence=competence, level=level,
            **who, **fields,
        )  # fmt: skip

    return make
