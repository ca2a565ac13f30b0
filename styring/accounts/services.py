"""Writes for accounts: personal API tokens. Token events go to the change log of the token's organisation."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from styring.core.audit import record_event
from styring.core.models import AuditAction
from styring.core.permissions import Perm, can

from .models import ApiToken, hash_token


def api_token_create(*, membership, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token for the member and return it with its secret, which is not stored and shown only once."""
    if not can(membership, Perm.API_TOKENS_USE):
        raise PermissionDenied
    prefix = secrets.token_hex(6)
    secret = f"{settings.API_TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken(
            membership=membership,
            name=name,
            prefix=prefix,
            token_hash=hash_token(secret),
            expires_at=expires_at,
        )
        token.full_clean()
        token.save()
        record_event(
            organisation=membership.organisation,
            actor=membership.user,
            action=AuditAction.CREATE,
            target=token,
            changes={
                "name": [None, name],
                "expires_at": [None, expires_at],
                "member": [None, membership.user.email],
            },
        )
    return token, secret


def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record_event(
                organisation=token.membership.organisation,
                actor=actor,
                action=AuditAction.UPDATE,
                target=token,
                changes={"revoked_at": [None, token.revoked_at]},
            )
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The active token matching `secret`, with membership, user and organisation loaded; None otherwise."""
    parts = secret.split("_", 2)  # the random part may itself contain "_"
    # A NUL would reach the prefix lookup, which PostgreSQL refuses with an error instead of finding nothing.
    if len(parts) != 3 or parts[0] != settings.API_TOKEN_PREFIX or "\x00" in secret:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("membership__user", "membership__organisation")
        .filter(prefix=parts[1])
        .first()
    )
    if token is None or not secrets.compare_digest(token.token_hash, hash_token(secret)):
        return None
    if not token.membership.user.is_active:
        return None
    now = timezone.now()
    # Recording every use would turn each API read into a write; minute precision is enough to spot unused tokens.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def remember_last_organisation(*, user, organisation) -> None:
    """Where `/` takes the user next time. A personal preference, not governance data: no change-log event."""
    if user.last_organisation_id != organisation.pk:
        get_user_model()._default_manager.filter(pk=user.pk).update(last_organisation=organisation)
        user.last_organisation_id = organisation.pk
