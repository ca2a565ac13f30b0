"""The single permission decision of Styring.

Views, the API, forms and templates all ask `can(membership, permission)`. Roles map to permissions here and only
here, so that what a role may do is readable in one place and testable as a table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .roles import Role

if TYPE_CHECKING:
    from styring.organisations.models import Membership


class Perm:
    """Permission names: `<area>.<verb>`."""

    ORGANISATION_VIEW = "organisation.view"
    ORGANISATION_CHANGE = "organisation.change"
    ORGANISATION_DELETE = "organisation.delete"
    MEMBERS_VIEW = "members.view"
    MEMBERS_MANAGE = "members.manage"
    ACTIVITY_VIEW = "activity.view"
    API_TOKENS_USE = "api_tokens.use"
    INVENTORY_VIEW = "inventory.view"
    INVENTORY_CHANGE = "inventory.change"
    INVENTORY_DELETE = "inventory.delete"
    GAP_VIEW = "gap.view"
    GAP_CHANGE = "gap.change"
    RISK_VIEW = "risk.view"
    RISK_CHANGE = "risk.change"
    RISK_DELETE = "risk.delete"
    # Accepting a risk and changing the risk method are management decisions (6.1.2, 6.1.3).
    RISK_ACCEPT = "risk.accept"
    RISK_METHOD_CHANGE = "risk.method_change"
    SOA_APPROVE = "soa.approve"
    # Establishing the AIMS (clauses 4, 5, 6.2, 6.3, 7): context, scope, documents, roles, objectives, competence.
    AIMS_VIEW = "aims.view"
    AIMS_CHANGE = "aims.change"
    AIMS_DELETE = "aims.delete"
    # Approving the scope and documents is a management decision (5.1, 7.5.2).
    AIMS_APPROVE = "aims.approve"
    # Operating the AIMS (clauses 8–10): monitoring, event logs, incidents, nonconformities.
    OPERATIONS_VIEW = "operations.view"
    OPERATIONS_CHANGE = "operations.change"
    OPERATIONS_DELETE = "operations.delete"
    # Internal auditors plan audits and record findings (9.2); the auditor role exists for this.
    AUDIT_CONDUCT = "audit.conduct"
    # Management review minutes are signed off by top management (9.3): owners and administrators.
    REVIEW_SIGN = "review.sign"


_READ = {
    Perm.ORGANISATION_VIEW,
    Perm.MEMBERS_VIEW,
    Perm.API_TOKENS_USE,
    Perm.INVENTORY_VIEW,
    Perm.GAP_VIEW,
    Perm.RISK_VIEW,
    Perm.AIMS_VIEW,
    Perm.OPERATIONS_VIEW,
}
_CONTRIBUTE = _READ | {
    Perm.INVENTORY_CHANGE,
    Perm.GAP_CHANGE,
    Perm.RISK_CHANGE,
    Perm.AIMS_CHANGE,
    Perm.OPERATIONS_CHANGE,
}
_MANAGE = _CONTRIBUTE | {
    Perm.INVENTORY_DELETE,
    Perm.ACTIVITY_VIEW,
    Perm.RISK_DELETE,
    Perm.RISK_ACCEPT,
    Perm.RISK_METHOD_CHANGE,
    Perm.SOA_APPROVE,
    Perm.AIMS_DELETE,
    Perm.AIMS_APPROVE,
    Perm.OPERATIONS_DELETE,
    Perm.AUDIT_CONDUCT,
}
_ADMINISTER = _MANAGE | {Perm.ORGANISATION_CHANGE, Perm.MEMBERS_MANAGE, Perm.REVIEW_SIGN}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset(_ADMINISTER | {Perm.ORGANISATION_DELETE}),
    Role.ADMIN: frozenset(_ADMINISTER),
    Role.MANAGER: frozenset(_MANAGE),
    Role.CONTRIBUTOR: frozenset(_CONTRIBUTE),
    Role.AUDITOR: frozenset(_READ | {Perm.ACTIVITY_VIEW, Perm.AUDIT_CONDUCT}),
    Role.VIEWER: frozenset(_READ),
}

# Roles ordered from most to least powerful: used to decide who may grant which role.
ROLE_RANK = {
    role: rank
    for rank, role in enumerate([Role.OWNER, Role.ADMIN, Role.MANAGER, Role.CONTRIBUTOR, Role.AUDITOR, Role.VIEWER])
}


def permissions_for_role(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())


def can(membership: Membership | None, permission: str) -> bool:
    """Whether the member may do `permission` in their organisation. No membership means no permission."""
    if permission not in ALL_PERMISSIONS:
        raise ValueError(f"Unknown permission {permission!r}")
    if membership is None:
        return False
    return permission in permissions_for_role(membership.role)


def can_all(membership: Membership | None, permissions: Iterable[str]) -> bool:
    return all(can(membership, permission) for permission in permissions)


def can_assign_role(membership: Membership | None, role: str) -> bool:
    """Members who manage members may grant roles up to their own; only owners appoint owners."""
    if not can(membership, Perm.MEMBERS_MANAGE):
        return False
    if role == Role.OWNER:
        return membership.role == Role.OWNER
    return True


def can_manage_member(membership: Membership | None, target: Membership) -> bool:
    """Whether `membership` may change or remove `target`: administrators cannot touch owners."""
    if not can(membership, Perm.MEMBERS_MANAGE):
        return False
    return target.role != Role.OWNER or membership.role == Role.OWNER


ALL_PERMISSIONS = frozenset(value for name, value in vars(Perm).items() if name.isupper())
