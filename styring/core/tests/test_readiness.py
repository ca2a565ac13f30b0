"""Readiness per step is computed from the records: gaps lower it, fixing them raises it, and every gap links to a
page that exists."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from styring.core.readiness import overall, readiness


def _step(organisation, number):
    return next(step for step in readiness(organisation) if step.number == number)


def _gap_texts(step):
    return " ".join(gap.text for gap in step.gaps)


def test_an_empty_organisation_scores_low_and_is_told_where_to_start(personas):
    steps = readiness(personas.org_a)
    assert [step.number for step in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert steps[0].score == 0 and "No AI systems recorded yet." in _gap_texts(steps[0])
    assert "No approved AI policy." in _gap_texts(steps[2])
    assert overall(steps) < 20


def test_assessing_and_owning_systems_raises_step_one(personas, aisystem_factory):
    system = aisystem_factory()
    before = _step(personas.org_a, 1)
    assert "1 AI systems not yet assessed under the EU AI Act." in _gap_texts(before)
    from styring.inventory.services import aisystem_update

    owner = personas.membership(personas.owner)
    aisystem_update(system=system, actor=personas.owner, ai_act_class="minimal", owner=owner)
    after = _step(personas.org_a, 1)
    assert after.score > before.score and "not yet assessed" not in _gap_texts(after)


def test_an_approved_ai_policy_raises_step_three(personas):
    from styring.documents.services import document_create, version_decide, version_submit

    before = _step(personas.org_a, 3).score or 0
    document = document_create(organisation=personas.org_a, actor=personas.manager, title="AI policy", body="# P\n",
                               owner=personas.membership(personas.manager))  # fmt: skip
    version = document.versions.get()
    version_submit(version=version, actor=personas.manager)
    version_decide(version=version, actor=personas.manager, approve=True)
    after = _step(personas.org_a, 3)
    assert after.score > before and "No approved AI policy." not in _gap_texts(after)


def test_expired_evidence_and_unaccepted_high_risks_lower_step_four(personas):
    from styring.controls.evidence import evidence_create
    from styring.risks.services import risk_create

    evidence_create(organisation=personas.org_a, actor=personas.manager, title="Test report",
                    url="https://example.com/report", valid_until=date(2030, 1, 1))  # fmt: skip
    fresh = _step(personas.org_a, 4).score
    old = {"collected_on": date(2020, 1, 1), "valid_until": date(2021, 1, 1)}
    evidence_create(
        organisation=personas.org_a, actor=personas.manager, title="Old", url="https://example.com/old", **old
    )
    stale = _step(personas.org_a, 4)
    assert stale.score < fresh and "1 pieces of evidence have expired." in _gap_texts(stale)
    risk_create(organisation=personas.org_a, actor=personas.manager, title="Bias", inherent_likelihood=5,
                inherent_impact=5, treatment_option="modify", residual_likelihood=5, residual_impact=5)  # fmt: skip
    assert "residual risks above the acceptance level are not accepted" in _gap_texts(_step(personas.org_a, 4))


def test_overdue_tasks_lower_step_seven(personas):
    from styring.tasks.services import task_create

    task_create(organisation=personas.org_a, actor=personas.manager, title="On time",
                due_date=timezone.localdate() + timedelta(days=5))  # fmt: skip
    assert _step(personas.org_a, 7).score == 100
    task_create(organisation=personas.org_a, actor=personas.manager, title="Late", due_date=date(2020, 1, 1))
    late = _step(personas.org_a, 7)
    assert late.score == 50 and "1 tasks are overdue." in _gap_texts(late)


def test_every_gap_links_to_a_page_the_member_can_open(personas, login, aisystem_factory):
    aisystem_factory()
    client = login(personas.owner)
    for step in readiness(personas.org_a):
        for gap in step.gaps:
            assert client.get(gap.url).status_code == 200, gap.url


def test_the_overview_and_the_readiness_page_show_the_steps_with_a_constant_query_count(
    personas, login, aisystem_factory, django_assert_max_num_queries
):
    client = login(personas.viewer)
    url = reverse("core:readiness", kwargs={"org": "acme"})
    aisystem_factory()
    page = client.get(url).content.decode()
    assert "Map AI use" in page and "Improve" in page
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for _ in range(20):
        aisystem_factory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    overview = client.get(reverse("organisations:dashboard", kwargs={"org": "acme"})).content.decode()
    assert "Overall readiness" in overview


def test_an_approved_scope_raises_step_three_and_unplaced_systems_are_named(personas, aisystem_factory):
    from styring.context.scope import scope_decide, scope_draft, scope_submit, scope_update

    aisystem_factory()
    before = _step(personas.org_a, 3)
    assert "The AIMS scope is not approved yet." in _gap_texts(before)
    draft = scope_draft(organisation=personas.org_a, actor=personas.manager)
    draft = scope_update(version=draft, actor=personas.manager, statement="All AI used in claims handling.")
    scope_submit(version=draft, actor=personas.manager)
    scope_decide(version=draft, actor=personas.manager, approve=True)
    aisystem_factory(name="Added later")
    after = _step(personas.org_a, 3)
    assert after.score > (before.score or 0)
    assert "1 AI systems are not placed in or out of the approved scope." in _gap_texts(after)


def test_overdue_corrective_actions_lower_step_seven(personas):
    from styring.improvement.services import corrective_action_create, nonconformity_create

    nonconformity = nonconformity_create(organisation=personas.org_a, actor=personas.manager, title="Model drift",
                                         source="monitoring")  # fmt: skip
    assert "have no root cause yet" in _gap_texts(_step(personas.org_a, 7))
    corrective_action_create(organisation=personas.org_a, nonconformity=nonconformity, actor=personas.manager,
                             description="Retrain",
                             due_date=date(2020, 1, 1))  # fmt: skip
    assert "1 corrective actions are overdue." in _gap_texts(_step(personas.org_a, 7))


def test_vacant_roles_unmeasured_objectives_and_late_communication_lower_step_three(personas):
    from styring.governance.services import (
        assignment_create,
        communication_item_create,
        measurement_add,
        objective_create,
        role_create,
    )

    org, manager = personas.org_a, personas.manager
    empty = _gap_texts(_step(org, 3))
    assert "No AI roles are defined yet." in empty and "No AI objectives are set yet." in empty
    role = role_create(organisation=org, actor=manager, name="Human overseer")
    assert "Nobody holds the role “Human overseer”." in _gap_texts(_step(org, 3))
    before = _step(org, 3).score
    assignment_create(organisation=org, actor=manager, role=role, member=personas.membership(manager))
    objective = objective_create(organisation=org, actor=manager, title="Fewer overrides", metric="Override rate",
                                 target_value=5,
                                 direction="decrease", due_date=timezone.localdate() + timedelta(days=90))  # fmt: skip
    assert "1 AI objectives have no measurement yet." in _gap_texts(_step(org, 3))
    measurement_add(objective=objective, actor=manager, measured_on=timezone.localdate(), value=4)
    communication_item_create(organisation=org, actor=manager, what="AI policy", audience="All staff",
                              communicator=personas.membership(manager), next_due_on=date(2020, 1, 1))  # fmt: skip
    after = _step(org, 3)
    assert after.score > before
    texts = _gap_texts(after)
    assert "Nobody holds" not in texts and "no measurement yet" not in texts
    assert "1 planned communications are overdue." in texts


def test_unmeasured_and_breached_metrics_and_late_incident_reports_lower_step_five(personas):
    from styring.incidents.services import incident_assess, incident_create
    from styring.operations.services import measurement_create, metric_create

    org, manager = personas.org_a, personas.manager
    assert "No monitoring metrics are defined yet." in _gap_texts(_step(org, 5))
    metric = metric_create(organisation=org, actor=manager, name="Accuracy", direction="higher",
                           breach_threshold="0.9", frequency="weekly")  # fmt: skip
    assert "1 metrics have not been measured as often as planned." in _gap_texts(_step(org, 5))
    measurement_create(metric=metric, actor=manager, value="0.95")
    assert _step(org, 5).score == 100
    measurement_create(metric=metric, actor=manager, value="0.5")
    assert f"{metric} is beyond its breach threshold." in _gap_texts(_step(org, 5))
    incident = incident_create(organisation=org, actor=manager, title="Wrong denials", personal_data=True,
                               aware_at=timezone.now() - timedelta(days=5))  # fmt: skip
    incident_assess(incident, actor=manager, personal_data_breach=True)
    assert "has passed a reporting deadline with no notification recorded" in _gap_texts(_step(org, 5))


def test_a_reported_audit_and_a_signed_review_with_the_next_one_planned_complete_step_six(personas):
    from styring.assurance.services import (
        audit_create,
        audit_report,
        programme_approve,
        programme_create,
        review_compile_inputs,
        review_create,
        review_hold,
        review_schedule_next,
        review_sign,
        review_update,
    )

    org, owner, today = personas.org_a, personas.owner, timezone.localdate()
    empty = _step(org, 6)
    assert empty.score == 0
    assert "No management review has been signed in the last twelve months." in _gap_texts(empty)
    programme = programme_create(organisation=org, actor=owner, title="2026 programme", period_start=date(2026, 1, 1),
                                 period_end=today + timedelta(days=365))  # fmt: skip
    programme_approve(record=programme, actor=owner)
    audit = audit_create(organisation=org, actor=owner, title="Clause 8", programme=programme,
                         lead_auditor=personas.membership(personas.auditor))  # fmt: skip
    audit_report(audit=audit, actor=personas.auditor, conclusion="Effective.")
    review = review_create(organisation=org, actor=owner, title="Annual review", planned_date=today)
    review = review_compile_inputs(review=review, actor=owner)
    review = review_hold(review=review, actor=owner)
    review = review_update(review, actor=owner, decisions="Keep the policy.")
    review_sign(review=review, actor=owner)
    assert "The next management review is not planned." in _gap_texts(_step(org, 6))
    review_schedule_next(review=review, actor=owner, planned_date=today + timedelta(days=365))
    done = _step(org, 6)
    assert done.score == 100 and not done.gaps
