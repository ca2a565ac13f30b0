"""Readiness of the documented information in step 3: an approved AI policy, documents approved and reviewed on
time, acknowledgements given."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core import readiness

from .choices import DocumentState, DocumentType
from .models import Acknowledgement, Document


@readiness.check(3)
def documents_readiness(organisation):
    today = timezone.localdate()
    url = reverse("documents:document-list", kwargs={"org": organisation.slug})
    counts = (
        Document.objects.for_organisation(organisation)
        .exclude(state=DocumentState.RETIRED)
        .aggregate(
            total=Count("id"),
            approved=Count("id", filter=Q(state=DocumentState.APPROVED)),
            policy=Count("id", filter=Q(state=DocumentState.APPROVED, doc_type=DocumentType.POLICY)),
            overdue=Count("id", filter=Q(state=DocumentState.APPROVED, next_review__lt=today)),
        )
    )
    acknowledgements = Acknowledgement.objects.for_organisation(organisation).aggregate(
        total=Count("id"),
        overdue=Count("id", filter=Q(acknowledged_at__isnull=True, publication__due_date__lt=today)),
    )
    gaps = []
    if not counts["policy"]:
        gaps.append(readiness.Gap(_("No approved AI policy."), f"{url}?doc_type={DocumentType.POLICY}"))
    if counts["total"] - counts["approved"]:
        gaps.append(readiness.Gap(
            _("%(n)s documents are not approved yet.") % {"n": counts["total"] - counts["approved"]},
            f"{url}?state={DocumentState.DRAFT}",
        ))  # fmt: skip
    if counts["overdue"]:
        gaps.append(readiness.Gap(
            _("%(n)s documents are overdue for review.") % {"n": counts["overdue"]}, f"{url}?review_overdue=true"
        ))  # fmt: skip
    if acknowledgements["overdue"]:
        gaps.append(readiness.Gap(
            _("%(n)s acknowledgements of documents are overdue.") % {"n": acknowledgements["overdue"]}, url
        ))  # fmt: skip
    parts = [
        (1.0 if counts["policy"] else 0.0, 3),
        (readiness.ratio(counts["approved"], counts["total"]), 2),
        (readiness.ratio(counts["approved"] - counts["overdue"], counts["approved"]), 1),
        (1.0 - readiness.ratio(acknowledgements["overdue"], acknowledgements["total"]), 1),
    ]
    achieved = sum(value * weight for value, weight in parts) / sum(weight for _value, weight in parts)
    return readiness.Finding(_("AI policy and documents"), achieved, 3, tuple(gaps))
