"""Review reminders: a task for the owner when an AI system or supplier is due for review."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.tasks.jobs import register
from styring.tasks.selectors import open_tasks_about
from styring.tasks.services import task_create

from .models import AISystem, Supplier

REMIND_DAYS_BEFORE = 14


@register("inventory-review-reminders")
def review_reminders(today=None) -> str:
    """Create one open task per AI system or supplier whose review is due within two weeks (or overdue)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMIND_DAYS_BEFORE)
    created = 0
    for model, title in ((AISystem, _("Review AI system: %(name)s")), (Supplier, _("Review supplier: %(name)s"))):
        due = (
            model.objects.filter(review_date__isnull=False, review_date__lte=horizon)
            .exclude(**({"lifecycle_stage": "decommissioned"} if model is AISystem else {}))
            .select_related("organisation", "owner__user")
        )
        by_organisation: dict = {}
        for record in due:
            by_organisation.setdefault(record.organisation, []).append(record)
        for organisation, records in by_organisation.items():
            subject_type = model._meta.label_lower
            existing = open_tasks_about(organisation, subject_type, [record.public_id for record in records])
            with transaction.atomic():
                for record in records:
                    if str(record.public_id) in existing:
                        continue
                    task_create(
                        organisation=organisation,
                        actor=None,
                        title=title % {"name": record.name},
                        owner=record.owner,
                        due_date=record.review_date,
                        subject=record,
                        subject_url=record.get_absolute_url(),
                    )
                    created += 1
    return f"{created} review task(s) created"
