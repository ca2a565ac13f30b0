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
