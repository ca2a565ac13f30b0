"""What each role may do, as an explicit table: changing the mapping must be a deliberate change to this test."""

import pytest

from styring.core.permissions import ALL_PERMISSIONS, can, can_all, can_assign_role, can_manage_member
from styring.core.roles import Role
from styring.organisations.models import Membership

ROLES = ["owner", "admin", "manager", "contributor", "auditor", "viewer"]

# One row per permission, one column per role (in the order of ROLES). "x" = allowed, "." = refused.
MATRIX = """
                        owner admin manager contributor auditor viewer
organisation.view         x     x      x         x         x      x
organisation.change       x     x      .         .         .      .
organisation.delete       x     .      .         .         .      .
members.view              x     x      x         x         x      x
members.manage            x     x      .         .         .      .
activity.view             x     x      x         .         x      .
api_tokens.use            x     x      x         x         x      x
inventory.view            x     x      x         x         x      x
inventory.change          x     x      x         x         .      .
inventory.delete          x     x      x         .         .      .
gap.view                  x     x      x         x         x      x
gap.change                x     x      x         x         .      .
risk.view                 x     x      x         x         x      x
risk.change               x     x      x         x         .      .
risk.delete               x     x      x         .         .      .
risk.accept               x     x      x         .         .      .
risk.method_change        x     x      x         .         .      .
soa.approve               x     x      x         .         .      .
aims.view                 x     x      x         x         x      x
aims.change               x     x      x         x         .      .
aims.delete               x     x      x         .         .      .
aims.approve              x     x      x         .         .      .
operations.view           x     x      x         x         x      x
operations.change         x     x      x         x         .      .
operations.delete         x     x      x         .         .      .
audit.conduct             x     x      x         .         x      .
review.sign               x     x      .         .         .      .
"""


def _parse(matrix: str) -> dict[tuple[str, str], bool]:
    header, *rows = [line.split() for line in matrix.strip().splitlines()]
    assert header == ROLES
    table = {}
    for permission, *marks in rows:
        assert len(marks) == len(ROLES) and set(marks) <= {"x", "."}, permission
        table.update({(role, permission): mark == "x" for role, mark in zip(ROLES, marks, strict=True)})
    return table


EXPECTED = _parse(MATRIX)
TABLE_PERMISSIONS = sorted({permission for _, permission in EXPECTED})


def member(role: str) -> Membership:
    return Membership(role=role)


def test_the_table_covers_every_role_and_every_permission():
    assert set(ROLES) == set(Role.values)
    assert set(TABLE_PERMISSIONS) == set(ALL_PERMISSIONS)


@pytest.mark.parametrize("permission", sorted(ALL_PERMISSIONS))
@pytest.mark.parametrize("role", Role.values)
def test_each_role_has_exactly_the_permissions_of_the_table(role, permission):
    assert can(member(role), permission) is EXPECTED[(role, permission)]


@pytest.mark.parametrize("permission", sorted(ALL_PERMISSIONS))
def test_no_membership_means_no_permission(permission):
    assert can(None, permission) is False


def test_a_membership_with_a_role_that_no_longer_exists_has_no_permissions():
    assert not any(can(member("superuser"), permission) for permission in ALL_PERMISSIONS)


@pytest.mark.parametrize("membership", [member("owner"), None])
def test_an_unknown_permission_is_a_programming_error(membership):
    with pytest.raises(ValueError, match=r"Unknown permission 'inventory\.fly'"):
        can(membership, "inventory.fly")


def test_can_all_needs_every_permission():
    assert can_all(member("manager"), ["inventory.change", "inventory.delete"])
    assert not can_all(member("contributor"), ["inventory.change", "inventory.delete"])


# Who may grant which role: owners any, administrators any but owner, everyone else none.
GRANTABLE = {
    "owner": set(ROLES),
    "admin": set(ROLES) - {"owner"},
    "manager": set(),
    "contributor": set(),
    "auditor": set(),
    "viewer": set(),
}


@pytest.mark.parametrize("granted", ROLES)
@pytest.mark.parametrize("granter", ROLES)
def test_only_owners_grant_the_owner_role_and_only_administrators_grant_roles(granter, granted):
    assert can_assign_role(member(granter), granted) is (granted in GRANTABLE[granter])


@pytest.mark.parametrize("role", ROLES)
def test_without_a_membership_no_role_can_be_granted(role):
    assert can_assign_role(None, role) is False


@pytest.mark.parametrize("target", ROLES)
@pytest.mark.parametrize("manager", ROLES)
def test_administrators_manage_every_member_except_owners_and_only_owners_manage_owners(manager, target):
    # The same table as granting: whom you may manage is whom you could have appointed.
    assert can_manage_member(member(manager), member(target)) is (target in GRANTABLE[manager])


@pytest.mark.parametrize("target", ROLES)
def test_without_a_membership_no_member_can_be_managed(target):
    assert can_manage_member(None, member(target)) is False
