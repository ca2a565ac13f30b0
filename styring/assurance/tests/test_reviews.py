"""Management reviews: inputs compiled from live data, notes, the meeting, sign-off by top management that freezes
the review, actions that are also tasks, and the next review."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from styring.assurance.choices import FindingType, ReviewStatus
from styring.assurance.models import ManagementReview
from styring.assurance.services import (
    audit_report,
    audit_start,
    finding_create,
    review_action_add,
    review_action_update,
    review_compile_inputs,
    review_create,
    review_hold,
    review_notes_update,
    review_schedule_next,
    review_sign,
    review_update,
)
from styring.improvement.services import nonconformity_create
from styring.risks.services import opportunity_create, risk_accept, risk_create
from styring.tasks.models import Task

TODAY = datetime.date.today()


def _review(personas, **data):
    data.setdefault("planned_date", TODAY)
    return review_create(organisation=personas.org_a, actor=personas.manager, title="Annual review", **data)


def _held(personas, review=None, held_on=TODAY):
    review = review or _review(personas)
    review = review_compile_inputs(review=review, actor=personas.manager)
    review = review_update(review, actor=personas.manager, decisions="Keep the AIMS; add a data quality objective.")
    return review_hold(review=review, actor=personas.manager, held_on=held_on)


def test_compiled_inputs_count_the_seeded_risks_opportunities_nonconformities_and_audit_findings(personas, make_audit):
    high = risk_create(organisation=personas.org_a, actor=personas.manager, title="Biased scoring",
                       residual_likelihood=5, residual_impact=5)  # fmt: skip
    accepted = risk_create(organisation=personas.org_a, actor=personas.manager, title="Model drift",
                           residual_likelihood=5, residual_impact=4)  # fmt: skip
    risk_accept(risk=accepted, actor=personas.owner, rationale="Monitored weekly")
    risk_create(organisation=personas.org_a, actor=personas.manager, title="Overdue review", residual_likelihood=1,
                residual_impact=1, review_date=TODAY - datetime.timedelta(days=3))  # fmt: skip
    risk_create(organisation=personas.org_b, actor=personas.beta_manager, title="Beta risk", residual_likelihood=5,
                residual_impact=5)  # fmt: skip
    opportunity_create(organisation=personas.org_a, actor=personas.manager, title="Faster claims")
    opportunity_create(organisation=personas.org_a, actor=personas.manager, title="Better triage", status="realised")
    nonconformity_create(organisation=personas.org_a, actor=personas.manager, title="Missed training", source="other")
    audit = audit_start(audit=make_audit(), actor=personas.auditor)
    finding_create(audit=audit, actor=personas.auditor, finding_type=FindingType.MINOR, statement="No criteria")
    finding_create(audit=audit, actor=personas.auditor, finding_type=FindingType.OPPORTUNITY, statement="Automate")
    audit_report(audit=audit, actor=personas.auditor, conclusion="Mostly effective")

    review = review_compile_inputs(review=_review(personas), actor=personas.manager)
    inputs = review.inputs
    assert review.status == ReviewStatus.INPUTS_COMPILED and review.inputs_compiled_at
    risks = inputs["risks"]["counts"]
    assert risks["total"] == 3 and risks["unaccepted_high"] == 1 and risks["overdue_reviews"] == 1
    assert sum(risks["by_residual_level"].values()) == 3
    assert [item["label"].split(" · ")[0] for item in inputs["risks"]["items"]] == [str(high)]
    assert inputs["opportunities"]["counts"] == {"total": 2, "by_status": {"identified": 1, "realised": 1}}
    assert inputs["nonconformities"]["counts"]["open"] == 2  # one by hand, one from the minor finding
    assert inputs["audits"]["counts"]["audits"] == 1 and inputs["audits"]["counts"]["findings"] == 2
    assert inputs["audits"]["counts"]["minor"] == 1 and inputs["audits"]["counts"]["opportunity"] == 1
    assert inputs["previous_actions"]["counts"]["total"] == 0
    assert set(inputs) >= {"context_changes", "monitoring", "objectives", "feedback", "_meta"}


def test_changes_are_counted_since_the_previous_review_and_its_open_actions_are_listed(personas):
    month_ago = TODAY - datetime.timedelta(days=30)
    first = _held(personas, _review(personas, planned_date=month_ago), held_on=month_ago)
    action = review_action_add(review=first, actor=personas.manager, description="Train the data team",
                               due_date=TODAY - datetime.timedelta(days=1))  # fmt: skip
    second = review_schedule_next(review=first, actor=personas.manager, planned_date=TODAY)
    assert second.previous == first and second.status == ReviewStatus.PLANNED
    with pytest.raises(ValidationError):
        review_schedule_next(review=first, actor=personas.manager, planned_date=TODAY)  # only once
    second = review_compile_inputs(review=second, actor=personas.manager)
    previous = second.inputs["previous_actions"]
    assert previous["counts"]["open"] == 1 and previous["counts"]["overdue"] == 1
    assert previous["items"][0]["label"].startswith(str(action))
    assert second.inputs["_meta"]["since"] == (TODAY - datetime.timedelta(days=30)).isoformat()


def test_notes_are_kept_per_input_and_unknown_inputs_are_refused(personas):
    review = review_compile_inputs(review=_review(personas), actor=personas.manager)
    review = review_notes_update(review=review, actor=personas.manager, notes={"risks": "Discuss R-001 first"})
    assert review.input_notes == {"risks": "Discuss R-001 first"}
    with pytest.raises(ValidationError):
        review_notes_update(review=review, actor=personas.manager, notes={"weather": "sunny"})


def test_a_manager_cannot_sign_the_minutes_and_an_owner_can_after_which_the_review_is_frozen(personas):
    review = _held(personas)
    with pytest.raises(PermissionDenied):
        review_sign(review=review, actor=personas.manager)
    assert ManagementReview.objects.get(pk=review.pk).status == ReviewStatus.HELD
    review = review_sign(review=review, actor=personas.owner)
    assert review.status == ReviewStatus.SIGNED and review.signed_by == personas.owner and review.signed_at
    for change in (
        lambda: review_update(review, actor=personas.owner, decisions="Changed afterwards"),
        lambda: review_compile_inputs(review=review, actor=personas.owner),
        lambda: review_action_add(review=review, actor=personas.owner, description="Late action"),
    ):
        with pytest.raises(ValidationError):
            change()
    assert ManagementReview.objects.get(pk=review.pk).decisions.startswith("Keep the AIMS")


def test_the_minutes_are_signed_only_after_the_meeting_with_its_decisions(personas):
    review = review_compile_inputs(review=_review(personas), actor=personas.manager)
    with pytest.raises(ValidationError):
        review_sign(review=review, actor=personas.owner)  # not held yet
    review = review_hold(review=review, actor=personas.manager, held_on=TODAY)
    with pytest.raises(ValidationError):
        review_sign(review=review, actor=personas.owner)  # no decisions recorded


def test_review_actions_are_tasks_and_their_status_follows_even_on_a_signed_review(personas):
    review = _held(personas)
    manager = personas.membership(personas.manager)
    action = review_action_add(review=review, actor=personas.manager, description="Hire a data steward",
                               owner=manager, due_date=TODAY)  # fmt: skip
    task = Task.objects.get(pk=action.task_id)
    assert task.owner == manager and task.subject_id == str(action.public_id)
    review_sign(review=review, actor=personas.owner)
    action = review_action_update(action, actor=personas.manager, status="done")
    assert Task.objects.get(pk=task.pk).status == "done"
    with pytest.raises(ValidationError):
        review_action_update(action, actor=personas.manager, description="Rewritten")
