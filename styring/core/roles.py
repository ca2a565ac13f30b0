"""Membership roles. Kept in core because the permission decision (core.permissions) is defined in terms of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Administrator")
    MANAGER = "manager", _("Manager")
    CONTRIBUTOR = "contributor", _("Contributor")
    AUDITOR = "auditor", _("Auditor")
    VIEWER = "viewer", _("Viewer")


ROLE_DESCRIPTIONS = {
    Role.OWNER: _("Full control, including deleting the organisation and appointing other owners."),
    Role.ADMIN: _("Manages members, settings and all records; cannot appoint or remove owners."),
    Role.MANAGER: _("Creates, edits, deletes and approves governance records."),
    Role.CONTRIBUTOR: _("Creates and edits records such as AI systems and evidence; cannot approve or delete."),
    Role.AUDITOR: _("Reads everything, including the change log, to audit the management system."),
    Role.VIEWER: _("Reads governance records."),
}
