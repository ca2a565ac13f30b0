from __future__ import annotations

from .models import Invitation, Membership


def memberships_of(user):
    """The organisations a user belongs to (for the switcher), one query."""
    return list(Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name"))


def members_of(organisation):
    return (
        Membership.objects.for_organisation(organisation).select_related("user", "organisation").order_by("user__email")
    )


def pending_invitations_of(organisation):
    return Invitation.objects.for_organisation(organisation).pending().select_related("invited_by")
