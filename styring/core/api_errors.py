"""Exception handlers that turn domain errors into declared API responses."""

from django.core.exceptions import PermissionDenied, ValidationError

from .exceptions import ConflictError


def install_error_handlers(api) -> None:
    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return api.create_response(request, {"detail": "You do not have permission to do this."}, status=403)

    @api.exception_handler(ConflictError)
    def conflict(request, exc):
        return api.create_response(request, {"detail": str(exc.message)}, status=409)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, {"detail": detail}, status=422)
