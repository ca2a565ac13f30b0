"""Refuse API requests whose bodies are too large, or whose URL carries NUL characters, before anything reads them."""

from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _


class ApiRequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            # PostgreSQL cannot store or compare text with NUL characters: a NUL in a path or query parameter would
            # otherwise reach a query and fail with a server error.
            if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
                return JsonResponse({"detail": _("The URL must not contain NUL characters.")}, status=400)
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return JsonResponse({"detail": _("Invalid Content-Length header.")}, status=400)
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return JsonResponse(
                    {
                        "detail": _("Request body too large (limit %(limit)d bytes).")
                        % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
                    },
                    status=413,
                )
        return self.get_response(request)


class ResetTimezoneMiddleware:
    """Start every request in the default time zone: organisation pages activate their organisation's zone, and a
    worker thread must not carry it into the next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import timezone

        timezone.deactivate()
        return self.get_response(request)
