"""Writes for organisations, memberships and invitations. Each runs in one transaction with its change-log event."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.audit import diff, record_event, snapshot
from styring.core.models import AuditAction
from styring.core.permissions import can_assign_role, can_manage_member
from styring.core.roles import Role
from styring.core.services import tenant_create, tenant_delete, tenant_update

from .models import Invitation, Membership, Organisation

INVITATION_LIFETIME = timedelta(days=14)


def organisation_create(
    *, name: str, slug: str, owner, default_language: str = "en", time_zone: str = "Europe/Oslo"
) -> Organisation:
    """Create an organisation with `owner` as its first owner. The first change-log events are these two."""
    with transaction.atomic():
        organisation = Organisation(name=name, slug=slug, default_language=default_language, time_zone=time_zone)
        organisation.full_clean()
        organisation.save(force_insert=True)
        record_event(
            organisation=organisation,
            actor=owner,
            action=AuditAction.CREATE,
            target=organisation,
            changes=diff({}, snapshot(organisation)),
        )
        tenant_create(instance=Membership(organisation=organisation, user=owner, role=Role.OWNER), actor=owner)
    return organisation


def organisation_update(
    *, organisation: Organisation, actor, data: dict, expected_version: int | None = None, reason: str = ""
) -> Organisation:
    return tenant_update(
        instance=organisation, actor=actor, data=data, expected_version=expected_version, reason=reason
    )


def membership_add(*, organisation: Organisation, user, role: str, actor) -> Membership:
    return tenant_create(instance=Membership(organisation=organisation, user=user, role=role), actor=actor)


def _owner_count(organisation: Organisation) -> int:
    return Membership.objects.for_organisation(organisation).filter(role=Role.OWNER).count()


def membership_change_role(
    *,
    membership: Membership,
    role: str,
    actor_membership: Membership,
    expected_version: int | None = None,
    reason: str = "",
) -> Membership:
    if not can_manage_member(actor_membership, membership) or not can_assign_role(actor_membership, role):
        raise PermissionDenied
    with transaction.atomic():
        if membership.role == Role.OWNER and role != Role.OWNER and _owner_count(membership.organisation) <= 1:
            raise ValidationError({"role": _("An organisation needs at least one owner. Appoint another first.")})
        return tenant_update(
            instance=membership,
            actor=actor_membership.user,
            data={"role": role},
            expected_version=expected_version,
            reason=reason,
        )


def membership_remove(*, membership: Membership, actor_membership: Membership, reason: str = "") -> None:
    is_self = membership.pk == actor_membership.pk
    if not is_self and not can_manage_member(actor_membership, membership):
        raise PermissionDenied
    with transaction.atomic():
        if membership.role == Role.OWNER and _owner_count(membership.organisation) <= 1:
            raise ValidationError(_("An organisation needs at least one owner. Appoint another first."))
        # The member's API tokens are deleted with the membership (cascade), so they stop working at once.
        tenant_delete(instance=membership, actor=actor_membership.user, reason=reason)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_create(
    *, organisation: Organisation, email: str, role: str, actor_membership: Membership
) -> tuple[Invitation, str]:
    """Create an invitation and return it with the secret token for the e-mail link (never stored)."""
    if not can_assign_role(actor_membership, role):
        raise PermissionDenied
    email = email.strip().lower()
    if Membership.objects.for_organisation(organisation).filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # A new invitation to the same address replaces any pending one.
        for pending in Invitation.objects.for_organisation(organisation).pending().filter(email__iexact=email):
            invitation_revoke(invitation=pending, actor=actor_membership.user, reason="replaced by a new invitation")
        invitation = Invitation(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=_token_hash(token),
            invited_by=actor_membership.user,
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
        tenant_create(instance=invitation, actor=actor_membership.user)
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation", "invited_by").filter(token_hash=_token_hash(token)).first()


def invitation_revoke(*, invitation: Invitation, actor, reason: str = "") -> Invitation:
    with transaction.atomic():
        return tenant_update(instance=invitation, actor=actor, data={"revoked_at": timezone.now()}, reason=reason)


def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Turn a pending invitation into a membership for `user`, whose e-mail must match the invited address."""
    if invitation.status != "pending":
        raise ValidationError(_("This invitation is no longer valid. Ask for a new one."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    with transaction.atomic():
        existing = Membership.objects.for_organisation(invitation.organisation).filter(user=user).first()
        tenant_update(
            instance=invitation,
            actor=user,
            data={"accepted_at": timezone.now(), "accepted_by": user},
        )
        if existing:
            return existing
        return membership_add(organisation=invitation.organisation, user=user, role=invitation.role, actor=user)
