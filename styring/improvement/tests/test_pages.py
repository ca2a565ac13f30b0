"""The nonconformity pages: who may do what, the list with filters, its query count and export, the improvement
register and the overdue-action reminders."""

import datetime

from styring.improvement import services
from styring.improvement.models import Improvement, Nonconformity
from styring.improvement.reminders import corrective_action_reminders
from styring.tasks.jobs import all_jobs
from styring.tasks.models import Task

WHYS = [{"why": "Why?", "because": "Because"}]


def _ready_for_check(record, actor):
    record = services.root_cause_record(record=record, actor=actor, analysis_method="five_whys", five_whys=WHYS,
                                        root_cause="No owner")  # fmt: skip
    action = services.corrective_action_create(organisation=record.organisation, actor=actor, nonconformity=record,
                                               description="Name an owner")  # fmt: skip
    services.corrective_action_update(action, actor=actor, status="done")
    record.refresh_from_db()
    return record


def test_a_contributor_records_a_complaint_by_hand_and_works_through_containment_and_root_cause(personas, login):
    client = login(personas.contributor)
    response = client.post("/o/acme/nonconformities/new/", {
        "title": "Customer says the chatbot refused a refund unfairly", "source": "complaint", "severity": "major",
        "requirement": "iso42001:2023:10.2", "detected_on": "2026-11-01",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Nonconformity.objects.get()
    assert record.requirement.key == "iso42001:2023:10.2" and record.severity == "major"
    base = f"/o/acme/nonconformities/{record.public_id}/"
    assert client.post(f"{base}containment/", {"containment": "Refund paid by hand", "version": 1,
                                               "contained_on": "2026-11-02"}).status_code == 302  # fmt: skip
    page = client.get(f"{base}root-cause/")
    assert page.status_code == 200 and "Why? (1)" in page.content.decode()
    half = client.post(f"{base}root-cause/", {"version": 2, "analysis_method": "five_whys", "why_1": "Why refused?",
                                              "root_cause": "Rule too strict"})  # fmt: skip
    assert half.status_code == 200 and "Give both the question and its answer" in half.content.decode()
    done = client.post(f"{base}root-cause/", {"version": 2, "analysis_method": "five_whys", "why_1": "Why refused?",
                                              "because_1": "Threshold set for fraud", "root_cause": "Rule too strict",
                                              "could_occur_elsewhere": "on", "elsewhere_note": "Claims"})  # fmt: skip
    assert done.status_code == 302
    record.refresh_from_db()
    assert record.status == "analysed" and record.five_whys == [{"why": "Why refused?",
                                                                 "because": "Threshold set for fraud"}]  # fmt: skip
    assert client.post(f"{base}actions/new/", {"description": "Review the refund rule"}).status_code == 302
    page = client.get(base).content.decode()
    assert "Review the refund rule" in page and "Rule too strict" in page and "Refund paid by hand" in page
    assert "Record the check" not in page  # a contributor does not verify


def test_a_contributor_cannot_verify_effectiveness_close_or_cancel_but_a_manager_can(personas, login, make_nc):
    record = _ready_for_check(make_nc(), personas.contributor)
    base = f"/o/acme/nonconformities/{record.public_id}/"
    contributor = login(personas.contributor)
    check = {"effective": "yes", "evidence": "Looked at it", "close": "on", "version": record.version}
    assert contributor.get(f"{base}effectiveness/").status_code == 403
    assert contributor.post(f"{base}effectiveness/", check).status_code == 403
    assert contributor.post(f"{base}close/", {}).status_code == 403
    assert contributor.post(f"{base}cancel/", {"reason": "x"}).status_code == 403
    record.refresh_from_db()
    assert record.effective is None and record.status == "verifying"
    manager = login(personas.manager)
    assert "Record the check" in manager.get(base).content.decode()
    assert manager.post(f"{base}effectiveness/", check).status_code == 302
    record.refresh_from_db()
    assert record.status == "closed" and record.effective is True


def test_the_close_button_refuses_when_rules_are_not_met_and_says_why(personas, login, make_nc):
    record = make_nc()
    client = login(personas.manager)
    response = client.post(f"/o/acme/nonconformities/{record.public_id}/close/", {}, follow=True)
    assert "Record the root cause." in response.content.decode()
    record.refresh_from_db()
    assert record.status == "open"


def test_only_managers_delete_and_only_while_open(personas, login, make_nc):
    record = make_nc()
    url = f"/o/acme/nonconformities/{record.public_id}/delete/"
    assert login(personas.contributor).post(url, {"version": 1}).status_code == 403
    services.containment_record(record=record, actor=personas.contributor, containment="Stopped")
    refused = login(personas.manager).post(url, {"version": 2})
    assert refused.status_code == 400 and Nonconformity.objects.filter(pk=record.pk).exists()
    fresh = make_nc(title="Typo")
    assert login(personas.manager).post(f"/o/acme/nonconformities/{fresh.public_id}/delete/",
                                        {"version": 1}).status_code == 302  # fmt: skip
    assert not Nonconformity.objects.filter(pk=fresh.pk).exists()


def test_the_detail_page_lists_recurrences_both_ways_and_warns(personas, login, make_nc):
    first = make_nc(title="Drift unnoticed")
    second = make_nc(title="Drift unnoticed again", recurrence_of=first)
    client = login(personas.viewer)
    first_page = client.get(first.get_absolute_url()).content.decode()
    assert "Repeated nonconformity." in first_page and second.reference in first_page
    second_page = client.get(second.get_absolute_url()).content.decode()
    assert "Repeated nonconformity." in second_page and first.reference in second_page
    alone = make_nc(title="Once")
    assert "Repeated nonconformity." not in client.get(alone.get_absolute_url()).content.decode()


def test_the_source_record_shows_as_a_link(personas, login, make_nc, aisystem_factory):
    system = aisystem_factory(name="Claims triage")
    record = make_nc(source="monitoring", source_record=system, source_url=system.get_absolute_url())
    page = login(personas.viewer).get(record.get_absolute_url()).content.decode()
    assert f'<a href="{system.get_absolute_url()}">Claims triage</a>' in page


def test_the_list_filters_by_status_source_severity_and_overdue_actions(personas, login, make_nc):
    late = make_nc(title="Late actions", severity="major")
    services.corrective_action_create(organisation=personas.org_a, actor=personas.contributor, nonconformity=late,
                                      description="Overdue", due_date=datetime.date(2020, 1, 1))  # fmt: skip
    make_nc(title="Complaint one", source="complaint")
    client = login(personas.viewer)

    def titles(query):
        page = client.get(f"/o/acme/nonconformities/?{query}").content.decode()
        return {title for title in ("Late actions", "Complaint one") if title in page}

    assert titles("") == {"Late actions", "Complaint one"}
    assert titles("overdue=true") == {"Late actions"}
    assert titles("source=complaint") == {"Complaint one"}
    assert titles("severity=major") == {"Late actions"}
    assert titles("status=action_planned") == {"Late actions"}


def test_the_list_takes_a_constant_number_of_queries_and_exports_csv(personas, login, make_nc, aisystem_factory,
                                                                      django_assert_max_num_queries):  # fmt: skip
    system = aisystem_factory(name="Pricing")
    owner = personas.membership(personas.viewer)

    def add(count):
        for number in range(count):
            record = make_nc(title=f"Finding {number}", system=system, owner=owner, requirement_id=None)
            services.corrective_action_create(organisation=personas.org_a, actor=personas.contributor,
                                              nonconformity=record, description="Fix", owner=owner,
                                              due_date=datetime.date(2020, 1, 1))  # fmt: skip

    client = login(personas.viewer)
    add(3)
    with django_assert_max_num_queries(14) as few:
        assert client.get("/o/acme/nonconformities/?per_page=100").status_code == 200
    add(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/o/acme/nonconformities/?per_page=100").status_code == 200
    export = client.get("/o/acme/nonconformities/?export=csv&overdue=true")
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    assert content.splitlines()[0].startswith("Ref.,Nonconformity,Source,Severity,Status")
    assert "NC-033,Finding 29,Internal audit,Minor,Action planned,Pricing" in content
    assert content.count("\n") == 34


def test_the_improvement_register_numbers_entries_and_links_a_nonconformity(personas, login, make_nc):
    record = make_nc()
    client = login(personas.contributor)
    response = client.post("/o/acme/improvements/new/", {
        "title": "Automate model card checks", "source": "nonconformity", "nonconformity": str(record.public_id),
        "status": "proposed", "benefit": "Fewer documentation gaps",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:1500]
    improvement = Improvement.objects.get()
    assert improvement.reference == "IMP-001" and improvement.nonconformity == record
    assert "Automate model card checks" in client.get("/o/acme/improvements/").content.decode()
    assert "IMP-001" in client.get(record.get_absolute_url()).content.decode()
    export = client.get("/o/acme/improvements/?export=csv")
    assert "IMP-001" in b"".join(export.streaming_content).decode("utf-8-sig")
    assert login(personas.viewer).post("/o/acme/improvements/new/", {"title": "x"}).status_code == 403


def test_the_reminder_job_creates_tasks_for_overdue_actions_once(personas, make_nc):
    today = datetime.date(2027, 6, 1)
    owner = personas.membership(personas.manager)
    record = make_nc(owner=owner)
    late = services.corrective_action_create(organisation=personas.org_a, actor=personas.contributor,
                                             nonconformity=record, description="Late one",
                                             due_date=datetime.date(2027, 5, 1))  # fmt: skip
    services.corrective_action_create(organisation=personas.org_a, actor=personas.contributor, nonconformity=record,
                                      description="Not yet due", due_date=datetime.date(2027, 7, 1))  # fmt: skip
    # The action's own task was closed outside the action (e.g. by mistake): the job gives it a task again.
    Task.objects.filter(pk=late.task_id).update(status="done")
    assert corrective_action_reminders(today=today) == "2 corrective action reminder task(s) created"
    follow_up = Task.objects.get(subject_type="improvement.nonconformity", subject_id=str(record.public_id))
    assert follow_up.owner == owner and follow_up.due_date == today and record.reference in follow_up.title
    late.refresh_from_db()
    assert late.task.status == "open" and late.task.title.startswith("Overdue corrective action")
    assert corrective_action_reminders(today=today) == "0 corrective action reminder task(s) created"
    assert corrective_action_reminders(today=today + datetime.timedelta(days=1)).startswith("0 ")
    assert "corrective-action-reminders" in {job.name for job in all_jobs()}
