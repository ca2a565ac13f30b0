"""Health check and error pages."""

from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader


def health(request):
    """For load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors: the failure may be in them or in the database.
    return HttpResponseServerError(loader.get_template("errors/500.html").render({}))


def preview_error_page(request, code: int):  # pragma: no cover - a DEBUG helper for designers
    return render(request, f"errors/{code}.html", status=code)
