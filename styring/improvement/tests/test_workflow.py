"""The life of a nonconformity: containment, root cause, corrective actions (as tasks), the effectiveness check that
must pass before closure, cancelling and deleting."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from styring.core.models import AuditEvent
from styring.improvement import services
from styring.improvement.models import CorrectiveAction, Nonconformity
from styring.tasks.models import Task

WHYS = [{"why": "Why was the card missing?", "because": "Nobody owned model documentation"}]


def _analysed(record, actor):
    return services.root_cause_record(
        record=record, actor=actor, analysis_method="five_whys", five_whys=WHYS, root_cause="No documentation owner"
    )


def _action(record, actor, **fields):
    fields.setdefault("description", "Name a documentation owner per model")
    return services.corrective_action_create(
        organisation=record.organisation, actor=actor, nonconformity=record, **fields
    )


def _finish(action, actor):
    return services.corrective_action_update(action, actor=actor, status="done")


def test_a_nonconformity_moves_from_open_through_every_step_to_closed(personas, make_nc):
    record = make_nc()
    assert record.reference == "NC-001" and record.status == "open" and record.severity == "minor"
    record = services.containment_record(
        record=record, actor=personas.contributor, containment="Paused automated decisions",
        contained_by=personas.membership(personas.contributor),
    )  # fmt: skip
    assert record.status == "contained" and record.contained_on is not None
    record = _analysed(record, personas.contributor)
    assert record.status == "analysed"
    action = _action(record, personas.contributor)
    record.refresh_from_db()
    assert record.status == "action_planned"
    _finish(action, personas.contributor)
    record.refresh_from_db()
    assert record.status == "verifying"
    record = services.effectiveness_check_record(
        record=record, actor=personas.manager, effective=True, evidence="Three model cards reviewed", close=True
    )
    assert record.status == "closed" and record.closed_at and record.effectiveness_verified_by == personas.manager
    reasons = list(AuditEvent.objects.filter(object_id=str(record.public_id)).values_list("reason", flat=True))
    assert "Effectiveness check: effective." in reasons and "Closed after an effective check." in reasons


def test_closing_is_refused_without_root_cause_finished_actions_and_an_effective_check(personas, make_nc):
    record = make_nc()
    with pytest.raises(ValidationError) as error:
        services.nonconformity_close(record=record, actor=personas.manager)
    assert "Record the root cause." in error.value.messages
    record = _analysed(record, personas.contributor)
    action = _action(record, personas.contributor)
    record.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.nonconformity_close(record=record, actor=personas.manager)
    assert "Finish or cancel every corrective action." in error.value.messages
    with pytest.raises(ValidationError):  # no check while an action is unfinished
        services.effectiveness_check_record(record=record, actor=personas.manager, effective=True, evidence="x")
    _finish(action, personas.contributor)
    record.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.nonconformity_close(record=record, actor=personas.manager)
    assert error.value.messages == ["Record an effectiveness check that finds the actions effective."]
    record.refresh_from_db()
    assert record.status == "verifying" and record.closed_at is None


def test_a_check_that_finds_the_actions_not_effective_reopens_and_requires_a_new_action(personas, make_nc):
    record = _analysed(make_nc(), personas.contributor)
    _finish(_action(record, personas.contributor), personas.contributor)
    record.refresh_from_db()
    record = services.effectiveness_check_record(
        record=record, actor=personas.manager, effective=False, evidence="Two cards still missing", close=True
    )
    assert record.status == "action_planned" and record.effective is False and record.closed_at is None
    with pytest.raises(ValidationError) as error:
        services.effectiveness_check_record(record=record, actor=personas.manager, effective=True, evidence="x")
    assert "add a new corrective action first" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.nonconformity_close(record=record, actor=personas.manager)
    second = _action(record, personas.contributor, description="Block releases without a model card")
    record.refresh_from_db()
    assert record.effective is None and record.status == "action_planned"
    _finish(second, personas.contributor)
    record.refresh_from_db()
    assert record.status == "verifying"
    record = services.effectiveness_check_record(
        record=record, actor=personas.manager, effective=True, evidence="Release gate works"
    )
    record = services.nonconformity_close(record=record, actor=personas.manager)
    assert record.status == "closed"


def test_a_closed_nonconformity_can_no_longer_be_changed(personas, make_nc):
    record = _analysed(make_nc(), personas.contributor)
    record = services.effectiveness_check_record(
        record=record, actor=personas.manager, effective=True, evidence="Correction sufficed", close=True
    )
    assert record.status == "closed"
    with pytest.raises(ValidationError):
        services.nonconformity_update(record, actor=personas.manager, title="New")
    with pytest.raises(ValidationError):
        _action(record, personas.contributor)


def test_corrective_actions_are_tasks_kept_in_step(personas, make_nc):
    record = make_nc()
    viewer = personas.membership(personas.viewer)
    action = _action(record, personas.contributor, owner=viewer, due_date=datetime.date(2027, 3, 1))
    task = Task.objects.get(subject_type="improvement.correctiveaction", subject_id=str(action.public_id))
    assert action.task == task and task.owner == viewer and task.status == "open"
    assert task.title.startswith("Corrective action NC-001: Name a documentation owner")
    assert task.subject_url.endswith(f"#action-{action.public_id}")
    action = services.corrective_action_update(action, actor=personas.contributor, status="in_progress",
                                               due_date=datetime.date(2027, 4, 1))  # fmt: skip
    task.refresh_from_db()
    assert task.status == "in_progress" and task.due_date == datetime.date(2027, 4, 1)
    action = _finish(action, personas.contributor)
    task.refresh_from_db()
    assert task.status == "done" and action.completed_on is not None
    other = _action(record, personas.contributor, description="Second")
    services.corrective_action_update(other, actor=personas.contributor, status="cancelled")
    other.task.refresh_from_db()
    assert other.task.status == "cancelled"


def test_cancelling_needs_a_reason_and_cancels_unfinished_actions(personas, make_nc):
    record = make_nc()
    action = _action(record, personas.contributor)
    record.refresh_from_db()
    with pytest.raises(ValidationError):
        services.nonconformity_cancel(record=record, actor=personas.manager, reason=" ")
    record = services.nonconformity_cancel(record=record, actor=personas.manager, reason="Duplicate of NC-002")
    action.refresh_from_db()
    assert record.status == "cancelled" and record.cancel_reason == "Duplicate of NC-002"
    assert action.status == "cancelled" and Task.objects.get(pk=action.task_id).status == "cancelled"


def test_only_an_open_nonconformity_can_be_deleted(personas, make_nc):
    record = make_nc()
    action = _action(record, personas.contributor)
    record.refresh_from_db()
    with pytest.raises(ValidationError):  # action planned
        services.nonconformity_delete(record=record, actor=personas.manager)
    fresh = make_nc(title="Raised by mistake")
    services.nonconformity_delete(record=fresh, actor=personas.manager, reason="Mistake")
    assert not Nonconformity.objects.filter(pk=fresh.pk).exists()
    assert CorrectiveAction.objects.filter(pk=action.pk).exists()


def test_the_five_whys_and_the_fishbone_are_validated_and_a_bad_analysis_changes_nothing(personas, make_nc):
    record = make_nc()
    bad_whys = [
        [{"why": "a", "because": "b"}] * 6,
        [{"why": "a"}],
        [{"why": "a", "because": "b", "extra": "c"}],
        [{"why": "a", "because": " "}],
        [{"why": "a" * 1001, "because": "b"}],
        "not a list",
    ]
    for whys in bad_whys:
        with pytest.raises(ValidationError):
            services.root_cause_record(
                record=record, actor=personas.contributor, analysis_method="five_whys", five_whys=whys,
                root_cause="Cause",
            )  # fmt: skip
    bad_fishbones = [{"weather": ["x"]}, {"data": "not a list"}, {"data": [""]}, {"data": ["x"] * 21}, ["data"]]
    for fishbone in bad_fishbones:
        with pytest.raises(ValidationError):
            services.root_cause_record(
                record=record, actor=personas.contributor, analysis_method="fishbone", fishbone=fishbone,
                root_cause="Cause",
            )  # fmt: skip
    with pytest.raises(ValidationError):  # the method needs its working
        services.root_cause_record(record=record, actor=personas.contributor, analysis_method="fishbone",
                                   fishbone={}, root_cause="Cause")  # fmt: skip
    with pytest.raises(ValidationError):  # and a root cause
        services.root_cause_record(record=record, actor=personas.contributor, analysis_method="five_whys",
                                   five_whys=WHYS, root_cause="")  # fmt: skip
    record.refresh_from_db()
    assert record.version == 1 and record.status == "open" and record.five_whys == [] and record.fishbone == {}
    record = services.root_cause_record(
        record=record, actor=personas.contributor, analysis_method="fishbone",
        fishbone={"data": ["Labels from one region only"], "process": ["No data review"], "people": []},
        root_cause="Training data was never reviewed for coverage",
    )  # fmt: skip
    assert record.fishbone == {"data": ["Labels from one region only"], "process": ["No data review"]}


def test_a_recurrence_links_to_a_nonconformity_of_the_same_organisation_only(personas, make_nc):
    first = make_nc()
    foreign = make_nc(organisation=personas.org_b, actor=personas.beta_manager)
    with pytest.raises(ValidationError) as error:
        make_nc(title="Again", recurrence_of=foreign)
    assert "recurrence_of" in error.value.message_dict
    assert Nonconformity.objects.for_organisation(personas.org_a).count() == 1
    second = make_nc(title="Again", recurrence_of=first)
    with pytest.raises(ValidationError):
        services.nonconformity_update(first, actor=personas.manager, recurrence_of=second)  # a circle
    with pytest.raises(ValidationError):
        services.nonconformity_update(first, actor=personas.manager, recurrence_of=first)
    assert second.recurrence_of == first


def test_nonconformity_create_still_names_the_record_it_came_from(personas, make_nc, aisystem_factory):
    system = aisystem_factory(name="Claims triage")
    record = make_nc(source="incident", source_record=system, source_url=system.get_absolute_url(), system=system)
    assert record.source_type == "inventory.aisystem" and record.source_label == "Claims triage"
    assert record.status == "open" and record.detected_on is not None
