"""EU AI Act assessments over the API: the questionnaire as data, a dry-run evaluation, recording an assessment,
and reading assessments. A recorded assessment is a dated record and is not edited: assess again to supersede it."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpResponse
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from styring.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    StrictSchema,
    api_membership,
    api_require,
    error_responses,
    parse_if_match,
)
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation
from styring.inventory.models import AISystem

from . import engine
from .models import Assessment
from .rules import load_rules
from .selectors import catalog_dates
from .services import assessment_delete, assessment_from_answers

router = Router(tags=["EU AI Act"])


class AssessmentOut(Schema):
    id: UUID
    system: UUID
    ai_act_class: str
    fria_required: bool
    rules_version: str
    assessed_at: datetime
    assessor: str | None
    note: str
    answers: dict
    outcome: dict
    changed_since: list[str]

    @staticmethod
    def resolve_id(assessment):
        return assessment.public_id

    @staticmethod
    def resolve_system(assessment):
        return assessment.system.public_id

    @staticmethod
    def resolve_assessor(assessment):
        return assessment.assessor.email if assessment.assessor_id else None

    @staticmethod
    def resolve_changed_since(assessment):
        return assessment.changed_since(assessment.system)


class AnswersIn(StrictSchema):
    answers: dict[str, str | list[str]] = Field(
        description='Question key → answer: "yes"/"no", an option value, or a list of option values.'
    )
    note: str = Field("", max_length=5000)


class EvaluationOut(Schema):
    complete: bool
    missing: list[str]
    errors: dict[str, str]
    shown: list[str]
    ai_act_class: str | None
    fria_required: bool
    reasons: list[dict[str, Any]]
    obligations: list[dict[str, Any]]


class OptionOut(Schema):
    value: str
    label: str
    group: str


class QuestionOut(Schema):
    key: str
    section: str
    type: str
    text: str
    help: str
    cites: list[str]
    show_if: Any
    options: list[OptionOut]


class QuestionnaireOut(Schema):
    version: str
    framework: str
    basis: str
    questions: list[QuestionOut]


@router.get(
    "/{org}/eu-ai-act/questionnaire",
    response={200: QuestionnaireOut, **error_responses(*READ_ERRORS)},
    summary="The EU AI Act questionnaire: questions, options and when each is shown (in the request's language)",
)
def questionnaire(request, org: str):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_VIEW)
    rules = load_rules()
    return {
        "version": rules.version,
        "framework": rules.framework,
        "basis": rules.basis,
        "questions": [
            {
                "key": question.key,
                "section": question.section,
                "type": question.type,
                "text": question.localized("text"),
                "help": question.localized("help"),
                "cites": list(question.cites),
                "show_if": question.show_if,
                "options": [
                    {"value": option.value, "label": option.localized("label"), "group": option.localized("group")}
                    for option in question.options
                ],
            }
            for question in rules.questions
        ],
    }


@router.post(
    "/{org}/eu-ai-act/evaluate",
    response={200: EvaluationOut, **error_responses(*WRITE_ERRORS)},
    summary="Evaluate answers without storing anything: which questions remain, and the outcome once complete",
)
def evaluate_answers(request, org: str, payload: AnswersIn):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_VIEW)
    rules = load_rules()
    evaluation = engine.evaluate(payload.answers, rules)
    return {
        "complete": evaluation.complete,
        "missing": evaluation.missing,
        "errors": evaluation.errors,
        "shown": [question.key for question in evaluation.shown],
        "ai_act_class": evaluation.ai_act_class,
        "fria_required": evaluation.fria_required,
        "reasons": engine.reasons(evaluation),
        "obligations": engine.obligations(evaluation, catalog_dates(rules.framework)),
    }


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


@router.post(
    "/{org}/ai-systems/{aisystem}/assessments/",
    response={201: AssessmentOut, **error_responses(*WRITE_ERRORS)},
    summary="Assess an AI system: the answers are evaluated, the outcome stored, and the system's class set",
)
def create_assessment(request, org: str, aisystem: UUID, payload: AnswersIn, response: HttpResponse):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_CHANGE)
    system = get_for_organisation(AISystem, membership.organisation, public_id=aisystem)
    assessment = assessment_from_answers(
        system=system, actor=membership.user, answers=payload.answers, note=payload.note
    )
    response["Location"] = assessment.get_absolute_url()
    return Status(201, assessment)


@router.get(
    "/{org}/eu-ai-act/assessments/{assessment}",
    response={200: AssessmentOut, **error_responses(*READ_ERRORS)},
    summary="One EU AI Act assessment",
)
def get_assessment(request, org: str, assessment: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_VIEW)
    return get_for_organisation(
        Assessment.objects.select_related("assessor", "system"), membership.organisation, public_id=assessment
    )


@router.delete(
    "/{org}/eu-ai-act/assessments/{assessment}",
    response={204: None, **error_responses(*WRITE_ERRORS)},
    summary="Delete an assessment recorded in error; the system's class falls back to its previous assessment",
)
def delete_assessment(request, org: str, assessment: UUID):
    membership = api_membership(request, org)
    api_require(membership, Perm.INVENTORY_DELETE)
    record = get_for_organisation(
        Assessment.objects.select_related("system"), membership.organisation, public_id=assessment
    )
    assessment_delete(assessment=record, actor=membership.user, expected_version=parse_if_match(request))
    return Status(204, None)
