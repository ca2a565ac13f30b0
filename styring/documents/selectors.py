from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from .choices import WORKING_STATUSES
from .models import Acknowledgement, Document, DocumentVersion, Publication


def documents_of(organisation):
    return Document.objects.for_organisation(organisation).select_related(
        "organisation", "owner__user", "approved_version"
    )


def versions_of(document):
    return (
        DocumentVersion.objects.filter(document=document)
        .select_related("organisation", "document", "author", "approved_by")
        .order_by("-number")
    )


def working_version(document) -> DocumentVersion | None:
    return DocumentVersion.objects.filter(document=document, status__in=WORKING_STATUSES).first()


def publications_of(document):
    """Publications of the document's versions with their acknowledgement coverage, in one query."""
    today = timezone.localdate()
    return (
        Publication.objects.filter(version__document=document)
        .select_related("version", "published_by")
        .annotate(
            total=Count("acknowledgements"),
            acknowledged=Count("acknowledgements", filter=Q(acknowledgements__acknowledged_at__isnull=False)),
            overdue=Count(
                "acknowledgements",
                filter=Q(acknowledgements__acknowledged_at__isnull=True, due_date__lt=today),
            ),
        )
        .order_by("-created_at")
    )


def acknowledgements_of(publication):
    return (
        Acknowledgement.objects.filter(publication=publication)
        .select_related("member__user")
        .order_by("acknowledged_at", "member__user__email")
    )


def to_read(membership):
    """The member's acknowledgements still to give, oldest deadline first."""
    return (
        Acknowledgement.objects.for_organisation(membership.organisation)
        .filter(member=membership, acknowledged_at__isnull=True)
        .select_related("publication__version__document", "publication__published_by")
        .order_by("publication__due_date", "created_at")
    )


def coverage_by_document(organisation) -> dict[int, tuple[int, int, int]]:
    """(acknowledged, total, overdue) per document id over all its publications, in one query."""
    today = timezone.localdate()
    rows = (
        Acknowledgement.objects.for_organisation(organisation)
        .values("publication__version__document_id")
        .annotate(
            total=Count("id"),
            acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
            overdue=Count("id", filter=Q(acknowledged_at__isnull=True, publication__due_date__lt=today)),
        )
    )
    return {
        row["publication__version__document_id"]: (row["acknowledged"], row["total"], row["overdue"]) for row in rows
    }
