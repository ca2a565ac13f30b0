from django.utils.translation import gettext_lazy as _


class ConflictError(Exception):
    """Someone else saved the record after the caller loaded it (optimistic concurrency)."""

    default_message = _(
        "This record was changed by someone else after you opened it. Reload it, check their changes and try again."
    )

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))
