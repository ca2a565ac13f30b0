"""EU AI Act assessments of an AI system (read; they are recorded through the assessment questionnaire)."""

from datetime import datetime
from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from styring.core.api import READ_ERRORS, api_membership, api_require, error_responses
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation
from styring.inventory.models import AISystem

from .models import Assessment

router = Router(tags=["EU AI Act"])


class AssessmentOut(Schema):
    id: UUID
    ai_act_class: str
    fria_required: bool
    rules_version: str
    assessed_at: datetime
    assessor: str | None
    answers: dict
    outcome: dict
    changed_since: list[str]

    @staticmethod
    def resolve_id(assessment):
        return assessment.public_id

    @staticmethod
    def resolve_assessor(assessment):
        return assessment.assessor.email if assessment.assessor_id else None

    @staticmethod
    def resolve_changed_since(assessment):
        return assessment.changed_since(assessment.system)


@router.get(
    "/{org}/ai-systems/{aisystem}/assessments/",
    response={200: list[AssessmentOut], **error_responses(*READ_ERRORS)},
    summary="EU AI Act assessments of an AI system, newest first",
)
@paginate(LimitOffsetPagination)
def list_assessments(request, org: str, aisystem: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_VIEW)
    system = get_for_organisation(AISystem, membership.organisation, public_id=aisystem)
    return (
        Assessment.objects.for_organisation(membership.organisation)
        .filter(system=system)
        .select_related("assessor", "system")
    )
