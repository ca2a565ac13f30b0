"""Review reminders (7.5.2): a task for the owner of each approved document whose review is due within 30 days."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.tasks.jobs import register

from .choices import DocumentState
from .models import Document

REMIND_DAYS_BEFORE = 30


@register("document-review-reminders")
def review_reminders(today=None) -> str:
    from styring.tasks.selectors import open_tasks_about
    from styring.tasks.services import task_create

    today = today or timezone.localdate()
    due = Document.objects.filter(
        state=DocumentState.APPROVED, next_review__isnull=False, next_review__lte=today + timedelta(REMIND_DAYS_BEFORE)
    ).select_related("organisation", "owner__user")
    by_organisation: dict = {}
    for document in due:
        by_organisation.setdefault(document.organisation, []).append(document)
    created = 0
    for organisation, documents in by_organisation.items():
        existing = open_tasks_about(organisation, "documents.document", [document.public_id for document in documents])
        with transaction.atomic():
            for document in documents:
                if str(document.public_id) in existing:
                    continue
                task_create(
                    organisation=organisation,
                    actor=None,
                    title=_("Review document: %(document)s") % {"document": document},
                    owner=document.owner,
                    due_date=document.next_review,
                    subject=document,
                    subject_url=document.get_absolute_url(),
                )
                created += 1
    return f"{created} document review tasks created"
