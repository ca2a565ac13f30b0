"""Abstract bases for tenant data and the hash-chained change log. Core holds no domain models."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class TenantQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        """The only way tenant rows are read: everything is filtered to one organisation."""
        return self.filter(organisation=organisation)


class TenantModel(models.Model):
    """A record owned by one organisation, addressed by a UUID, with a version for optimistic concurrency."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    # Fields left out of the change-log diff (bookkeeping, not content).
    audit_exclude: tuple[str, ...] = (
        "id",
        "public_id",
        "organisation",
        "version",
        "created_at",
        "updated_at",
    )

    class Meta:
        abstract = True

    def clean(self):
        """A record may only point at records of its own organisation (owners, linked systems, …)."""
        super().clean()
        errors = {}
        for field in self._meta.concrete_fields:
            related_model = field.related_model if field.is_relation else None
            if related_model is None or not issubclass(related_model, TenantModel):
                continue
            if getattr(self, field.attname) is None:
                continue
            if getattr(self, field.name).organisation_id != self.organisation_id:
                errors[field.name] = _("Choose a record of this organisation.")
        if errors:
            raise ValidationError(errors)


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    DECISION = "decision", _("Decision")


class AuditEvent(models.Model):
    """One entry in an organisation's change log.

    Events of one organisation form a chain: each stores the hash of the one before it and a hash over its own
    content, and the organisation row keeps the newest hash. Changing, removing or inserting a row breaks the chain,
    which `styring verify-audit` detects. The hash covers snapshots (actor label, object repr), not foreign keys,
    so deleting a user or a record later does not break the chain.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="audit_events"
    )
    sequence = models.PositiveBigIntegerField(_("sequence"))
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_ref = models.CharField(max_length=64, blank=True)
    actor_label = models.CharField(_("actor"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "sequence"], name="audit_event_unique_sequence"),
        ]
        indexes = [
            models.Index(fields=["organisation", "object_type", "object_id"], name="audit_event_object"),
            models.Index(fields=["organisation", "created_at"], name="audit_event_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type} {self.object_repr}"
