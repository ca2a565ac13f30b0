from __future__ import annotations

from django.conf import settings

from .navigation import build_navigation


def shell(request):
    """What the base layout needs: the current organisation, the user's other organisations, navigation."""
    membership = getattr(request, "membership", None)
    context = {"languages": settings.LANGUAGES}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from styring.organisations.selectors import memberships_of

        context["my_memberships"] = memberships_of(user)
    if membership is not None:
        context["navigation"] = build_navigation(membership, request.path)
        context["current_membership"] = membership
        context["current_organisation"] = membership.organisation
        from styring.tasks.models import Notification

        context["unread_notifications"] = Notification.objects.filter(
            recipient=membership, read_at__isnull=True
        ).count()
    return context
