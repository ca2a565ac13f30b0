"""Reported concerns (A.3.3): who receives them, who may see them, and anonymity that holds against every role."""

import datetime
import json
import zoneinfo

import pytest
from django.urls import reverse

from styring.core.models import AuditEvent
from styring.core.roles import Role
from styring.governance.choices import ConcernStatus
from styring.governance.models import Concern
from styring.governance.services import concern_report
from styring.tasks.models import Task

SECRET_TEXT = "The claims model refuses older applicants more often"


def _url(name, org="acme", **kwargs):
    return reverse(f"governance:{name}", kwargs={"org": org, **kwargs})


def _traces(personas, user):
    """Everything that would point at the sender."""
    membership = personas.membership(user)
    return [user.email, user.get_full_name(), str(user.public_id), str(membership.public_id)]


def _midnight(concern):
    zone = zoneinfo.ZoneInfo(concern.organisation.time_zone)
    return datetime.datetime.combine(concern.received_on, datetime.time.min, tzinfo=zone)


@pytest.fixture
def officer(personas, role_factory, assign):
    """The contributor holds the role that receives concerns."""
    role = role_factory(name="AI compliance officer", receives_concerns=True)
    assign(role, personas.contributor)
    return personas.contributor


def test_any_member_even_a_viewer_can_report_a_concern(personas, login, officer):
    client = login(personas.viewer)
    assert client.get(_url("concern-report")).status_code == 200
    response = client.post(_url("concern-report"), {"category": "fairness", "description": SECRET_TEXT})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.reporter == personas.membership(personas.viewer)
    assert not concern.anonymous
    assert concern.reference == "CON-001"
    assert concern.status == ConcernStatus.RECEIVED


def test_a_report_gives_each_holder_of_a_receiving_role_a_neutral_task(personas, officer):
    concern = concern_report(
        organisation=personas.org_a, membership=personas.membership(personas.viewer), category="ethics",
        description=SECRET_TEXT,
    )  # fmt: skip
    tasks = list(Task.objects.filter(subject_id=str(concern.public_id)))
    assert [task.owner for task in tasks] == [personas.membership(officer)]
    assert SECRET_TEXT not in tasks[0].title + tasks[0].description
    assert personas.viewer.get_full_name() not in tasks[0].title + tasks[0].description + tasks[0].subject_label


def test_without_holders_of_a_receiving_role_the_owners_get_the_task(personas):
    concern = concern_report(
        organisation=personas.org_a, membership=personas.membership(personas.viewer), category="ethics",
        description=SECRET_TEXT,
    )  # fmt: skip
    owners = {task.owner for task in Task.objects.filter(subject_id=str(concern.public_id))}
    assert owners == {personas.membership(personas.owner)}


def test_an_ended_assignment_no_longer_receives_concerns(personas, role_factory, assign):
    role = role_factory(name="Ombud", receives_concerns=True)
    assign(role, personas.contributor, ends_on=datetime.date(2020, 1, 1))
    concern = concern_report(
        organisation=personas.org_a, membership=personas.membership(personas.viewer), category="ethics",
        description=SECRET_TEXT,
    )  # fmt: skip
    owners = {task.owner for task in Task.objects.filter(subject_id=str(concern.public_id))}
    assert owners == {personas.membership(personas.owner)}


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MANAGER, Role.AUDITOR, Role.VIEWER])
def test_members_who_do_not_receive_concerns_get_403_on_the_list_detail_and_api(role, personas, login, officer):
    concern = concern_report(
        organisation=personas.org_a, membership=personas.membership(personas.viewer), category="ethics",
        description=SECRET_TEXT,
    )  # fmt: skip
    client = login(getattr(personas, str(role)))
    assert client.get(_url("concern-list")).status_code == 403
    assert client.get(_url("concern-list") + "?export=csv").status_code == 403
    assert client.get(_url("concern-detail", concern=concern.public_id)).status_code == 403
    assert client.post(_url("concern-detail", concern=concern.public_id), {"status": "resolved"}).status_code == 403
    assert client.get(f"/api/v1/organisations/acme/concerns/{concern.public_id}").status_code == 403
    assert client.get("/api/v1/organisations/acme/concerns").status_code == 403
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RECEIVED


def test_the_recipient_and_the_owner_see_and_handle_concerns(personas, login, officer):
    concern = concern_report(
        organisation=personas.org_a, membership=personas.membership(personas.viewer), category="ethics",
        description=SECRET_TEXT,
    )  # fmt: skip
    for user in (officer, personas.owner):
        client = login(user)
        assert SECRET_TEXT not in client.get(_url("concern-list")).content.decode()  # the list shows no description
        assert concern.reference in client.get(_url("concern-list")).content.decode()
        assert SECRET_TEXT in client.get(_url("concern-detail", concern=concern.public_id)).content.decode()
    client = login(officer)
    response = client.post(
        _url("concern-detail", concern=concern.public_id),
        {"status": "under_review", "response": "We are looking into it.", "version": concern.version},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.UNDER_REVIEW
    assert concern.handled_by == personas.membership(officer)
    event = AuditEvent.objects.filter(object_id=str(concern.public_id), action="update").get()
    assert event.actor == officer


def test_a_reporter_sees_their_own_named_reports_under_mine(personas, login, officer):
    concern_report(
        organisation=personas.org_a, membership=personas.membership(personas.viewer), category="ethics",
        description=SECRET_TEXT,
    )  # fmt: skip
    page = login(personas.viewer).get(_url("concern-mine")).content.decode()
    assert "CON-001" in page
    assert "CON-001" not in login(personas.auditor).get(_url("concern-mine")).content.decode()


def test_anonymous_reports_are_refused_unless_the_organisation_allows_them(personas, login, officer):
    client = login(personas.viewer)
    assert "anonymous" not in client.get(_url("concern-report")).context["form"].fields
    response = client.post(
        "/api/v1/organisations/acme/concerns",
        data={"category": "ethics", "description": SECRET_TEXT, "anonymous": True},
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    assert not Concern.objects.exists()
    assert not Task.objects.filter(subject_type="governance.concern").exists()


def test_only_members_who_approve_may_change_the_concern_settings(personas, login):
    assert login(personas.contributor).post(_url("settings"), {"anonymous_concerns_enabled": "on"}).status_code == 403
    assert login(personas.manager).post(_url("settings"), {"anonymous_concerns_enabled": "on"}).status_code == 302
    from styring.governance.selectors import settings_of

    assert settings_of(personas.org_a).anonymous_concerns_enabled
    assert AuditEvent.objects.filter(object_type="governance.governancesettings", actor=personas.manager).exists()


class TestAnonymity:
    """An anonymous report cannot be traced to its sender by anyone, owners included."""

    @pytest.fixture
    def anonymous_concern(self, personas, login, officer, enable_anonymous):
        enable_anonymous()
        self.first_event = AuditEvent.objects.filter(organisation=personas.org_a).count()
        client = login(personas.viewer)
        assert "anonymous" in client.get(_url("concern-report")).context["form"].fields
        response = client.post(
            _url("concern-report"), {"category": "fairness", "description": SECRET_TEXT, "anonymous": "on"}
        )
        assert response.status_code == 302
        assert "concerns/mine" not in response["Location"]
        client.logout()
        return Concern.objects.get()

    def test_the_record_keeps_no_reporter_and_no_time_of_day(self, anonymous_concern):
        assert anonymous_concern.anonymous
        assert anonymous_concern.reporter is None
        assert anonymous_concern.created_at == _midnight(anonymous_concern)
        assert anonymous_concern.updated_at == _midnight(anonymous_concern)

    def test_the_change_log_has_no_actor_and_no_trace_of_the_sender(self, personas, anonymous_concern):
        events = AuditEvent.objects.filter(organisation=personas.org_a).order_by("sequence")[self.first_event :]
        assert events, "the report is in the change log"
        traces = _traces(personas, personas.viewer)
        for event in events:
            assert event.actor is None
            assert event.actor_ref == ""
            assert event.created_at == _midnight(anonymous_concern), "the event's time of day could point at the sender"
            text = json.dumps(event.changes) + event.object_repr + event.reason + event.actor_label
            assert not any(trace in text for trace in traces), event

    def test_the_tasks_name_no_sender_and_keep_no_time_of_day(self, personas, anonymous_concern):
        tasks = list(Task.objects.filter(subject_id=str(anonymous_concern.public_id)))
        assert tasks
        for task in tasks:
            text = task.title + task.description + task.subject_label + task.subject_url
            assert not any(trace in text for trace in _traces(personas, personas.viewer))
            assert task.created_at == _midnight(anonymous_concern)

    @pytest.mark.parametrize("role", list(Role))
    def test_no_role_finds_the_sender_on_any_page_or_in_the_api(self, role, personas, login, officer, enable_anonymous):
        """Shared pages (activity log, tasks) name the sender exactly as often after the report as before it."""
        enable_anonymous()
        user = getattr(personas, str(role))
        traces = _traces(personas, personas.viewer)
        shared = [
            reverse("core:activity", kwargs={"org": "acme"}),
            reverse("core:activity", kwargs={"org": "acme"}) + "?export=csv",
            reverse("tasks:task-list", kwargs={"org": "acme"}),
            "/api/v1/organisations/acme/concerns",
        ]

        def mentions(url):
            response = login(user).get(url)
            if response.status_code != 200:
                assert response.status_code == 403, url
                return None
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8")
            return {trace: text.count(trace) for trace in traces}

        before = {url: mentions(url) for url in shared}
        response = login(personas.viewer).post(
            _url("concern-report"), {"category": "fairness", "description": SECRET_TEXT, "anonymous": "on"}
        )
        assert response.status_code == 302
        concern_id = Concern.objects.get().public_id
        for url in shared:
            assert mentions(url) == before[url], f"{role} finds the sender at {url}"
        for url in (
            _url("concern-list"),
            _url("concern-list") + "?export=csv",
            _url("concern-detail", concern=concern_id),
            _url("concern-detail", concern=concern_id) + "?tab=history",
            f"/api/v1/organisations/acme/concerns/{concern_id}",
        ):
            found = mentions(url)
            assert found is None or not any(found.values()), f"{role} finds {found} at {url}"

    def test_the_sender_does_not_see_it_under_mine(self, personas, login, anonymous_concern):
        assert anonymous_concern.reference not in login(personas.viewer).get(_url("concern-mine")).content.decode()

    def test_the_api_shows_no_reporter_and_no_time_stamps(self, personas, login, anonymous_concern):
        data = login(personas.owner).get(f"/api/v1/organisations/acme/concerns/{anonymous_concern.public_id}").json()
        assert data["reporter"] is None
        assert data["anonymous"] is True
        assert "created_at" not in data and "updated_at" not in data

    def test_the_history_tab_shows_dates_only(self, personas, login, anonymous_concern):
        page = login(personas.owner).get(_url("concern-detail", concern=anonymous_concern.public_id) + "?tab=history")
        assert page.status_code == 200
        events = page.context["history"]
        assert events
        text = page.content.decode()
        for event in events:
            assert event.created_at.strftime("%H:%M") not in text or event.created_at.strftime("%H:%M") == "00:00"


def test_an_anonymous_report_through_the_api_keeps_no_reporter(personas, login, officer, enable_anonymous):
    enable_anonymous()
    response = login(personas.auditor).post(
        "/api/v1/organisations/acme/concerns",
        data={"category": "privacy", "description": SECRET_TEXT, "anonymous": True},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json() == {"reference": "CON-001", "received_on": response.json()["received_on"], "anonymous": True}
    concern = Concern.objects.get()
    assert concern.reporter is None
    assert not AuditEvent.objects.filter(actor=personas.auditor).exists()
