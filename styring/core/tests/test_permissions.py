"""What each role may do, as an explicit table: changing the mapping must be a deliberate change to this test."""

import pytest

from styring.core.permissions import ALL_PERMISSIONS, can, can_assign_role, can_manage_member
from styring.core.roles import Role

O, A, M, C, AU, V = "owner", "admin", "manager", "contributor", "auditor", "viewer"  # noqa: E741 - one-letter role names keep the table readable
EXPECTED = {
    "organisation.view": {O, A, M, C, AU, V},
    "organisation.change": {O, A},
    "organisation.delete": {O},
    "members.view": {O, A, M, C, AU, V},
    "members.manage": {O, A},
    "activity.view": {O, A, M, AU},
    "api_tokens.use": {O, A, M, C, AU, V},
    "inventory.view": {O, A, M, C, AU, V},
    "inventory.change": {O, A, M, C},
    "inventory.delete": {O, A, M},
}


class Member:
    def __init__(self, role):
        self.role = role


def test_the_table_covers_every_permission():
    assert set(EXPECTED) == set(ALL_PERMISSIONS)


@pytest.mark.parametrize("permission", sorted(EXPECTED))
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_has_exactly_the_permissions_of_the_table(role, permission):
    assert can(Member(role), permission) is (role in EXPECTED[permission])


def test_no_membership_means_no_permission():
    assert not any(can(None, permission) for permission in ALL_PERMISSIONS)


def test_an_unknown_permission_is_a_programming_error():
    with pytest.raises(ValueError):
        can(Member(O), "inventory.fly")


def test_only_owners_grant_the_owner_role_and_only_administrators_grant_any():
    assert can_assign_role(Member(O), O)
    assert not can_assign_role(Member(A), O)
    assert can_assign_role(Member(A), M)
    assert not can_assign_role(Member(M), V)


def test_administrators_cannot_manage_owners():
    assert not can_manage_member(Member(A), Member(O))
    assert can_manage_member(Member(A), Member(M))
    assert can_manage_member(Member(O), Member(O))
    assert not can_manage_member(Member(M), Member(V))
