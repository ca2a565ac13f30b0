"""Organisation-scoped lookups: the one place a request's organisation and membership are resolved."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import TenantModel


def resolve_membership(user, organisation_slug: str):
    """The user's membership in the organisation, or 404 when the organisation does not exist for them.

    Outsiders get the same answer as for a missing organisation, so slugs cannot be probed.
    """
    from styring.organisations.models import Membership

    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(organisation__slug=organisation_slug, user=user)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_for_organisation(queryset_or_model, organisation, **lookup) -> TenantModel:
    """Fetch one tenant record of `organisation`, or 404. Records of other organisations are invisible."""
    queryset = getattr(queryset_or_model, "objects", queryset_or_model)
    return get_object_or_404(queryset.for_organisation(organisation), **lookup)


def member_reference(organisation, member_id):
    """A membership given by id in API input: must be of the same organisation, else 404; None stays None."""
    if member_id is None:
        return None
    from styring.organisations.models import Membership

    return get_for_organisation(Membership, organisation, public_id=member_id)
