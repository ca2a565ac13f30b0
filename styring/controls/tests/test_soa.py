"""The Statement of Applicability: generated per Annex A control, warnings, approval that freezes, new drafts,
comparison and export."""

import pytest
from django.core.exceptions import ValidationError

from styring.controls.applied import applied_control_create
from styring.controls.models import SoAEntry, SoAVersion
from styring.controls.soa import (
    annex_a_controls,
    rows_with_warnings,
    soa_decide,
    soa_draft,
    soa_entry_update,
    soa_submit,
)
from styring.risks.services import risk_create


def _decide_all(soa, actor, applicable=True):
    for entry in SoAEntry.objects.filter(soa=soa):
        soa_entry_update(entry=entry, actor=actor, applicable=applicable, justification_type="risk_treatment",
                         justification="Needed to treat our AI risks")  # fmt: skip


def test_the_first_draft_has_one_row_per_annex_a_control_prefilled_with_applied_controls(personas):
    control = applied_control_create(
        organisation=personas.org_a, actor=personas.manager, name="Model testing",
        requirements=list(annex_a_controls().filter(ref="A.6.2.4")),
    )  # fmt: skip
    soa = soa_draft(organisation=personas.org_a, actor=personas.manager)
    entries = SoAEntry.objects.filter(soa=soa)
    assert entries.count() == 38 and soa.number == 1
    assert list(entries.get(requirement__ref="A.6.2.4").applied_controls.all()) == [control]
    assert soa_draft(organisation=personas.org_a, actor=personas.manager) == soa  # one draft at a time


def test_warnings_name_included_controls_without_implementation_and_excluded_controls_risks_rely_on(personas):
    risk = risk_create(organisation=personas.org_a, actor=personas.manager, title="Drift")
    applied_control_create(
        organisation=personas.org_a, actor=personas.manager, name="Drift monitoring",
        requirements=list(annex_a_controls().filter(ref="A.6.2.6")), risks=[risk],
    )  # fmt: skip
    soa = soa_draft(organisation=personas.org_a, actor=personas.manager)
    monitoring = SoAEntry.objects.get(soa=soa, requirement__ref="A.6.2.6")
    soa_entry_update(entry=monitoring, actor=personas.manager, applicable=False, justification="Not needed")
    policy = SoAEntry.objects.get(soa=soa, requirement__ref="A.2.2")
    soa_entry_update(entry=policy, actor=personas.manager, applicable=True, justification="Required")
    warnings = {row.entry.requirement.ref: row.warnings for row in rows_with_warnings(soa)}
    assert warnings["A.6.2.6"] == ["Excluded, while risks rely on it: R-001"]
    assert warnings["A.2.2"] == ["Included, but no applied control implements it."]
    assert warnings["A.3.2"] == ["Not decided yet."]


def test_a_version_is_submitted_approved_and_frozen_and_later_changes_start_a_new_draft(personas, login):
    soa = soa_draft(organisation=personas.org_a, actor=personas.manager)
    with pytest.raises(ValidationError):
        soa_submit(soa=soa, actor=personas.contributor)  # nothing decided yet
    _decide_all(soa, personas.contributor)
    client = login(personas.contributor)
    client.post("/o/acme/soa/actions/", {"action": "submit", "soa": str(soa.public_id)})
    soa.refresh_from_db()
    assert soa.status == "submitted"
    assert client.post("/o/acme/soa/actions/", {"action": "approve", "soa": str(soa.public_id)}).status_code == 403
    entry = SoAEntry.objects.filter(soa=soa).first()
    with pytest.raises(ValidationError):
        soa_entry_update(entry=entry, actor=personas.manager, justification="Changed after submission")
    login(personas.manager).post("/o/acme/soa/actions/", {"action": "approve", "soa": str(soa.public_id),
                                                          "note": "Reviewed with the AIMS owner"})  # fmt: skip
    soa.refresh_from_db()
    assert soa.status == "approved" and soa.approved_by == personas.manager
    second = soa_draft(organisation=personas.org_a, actor=personas.contributor)
    assert second.number == 2 and SoAEntry.objects.filter(soa=second, applicable=True).count() == 38
    changed = SoAEntry.objects.get(soa=second, requirement__ref="A.10.4")
    soa_entry_update(entry=changed, actor=personas.contributor, applicable=False, justification="No customers")
    _submit_and_approve(second, personas)
    soa.refresh_from_db()
    assert soa.status == "superseded"
    page = login(personas.viewer).get("/o/acme/soa/compare/?a=1&b=2").content.decode()
    assert "1 control differs." in page
    old = login(personas.viewer).get("/o/acme/soa/?version=1").content.decode()
    assert "Superseded" in old and "Edit" not in old


def _submit_and_approve(soa, personas):
    soa_submit(soa=soa, actor=personas.contributor)
    soa_decide(soa=soa, actor=personas.manager, approve=True)


def test_a_returned_version_can_be_edited_again(personas):
    soa = soa_draft(organisation=personas.org_a, actor=personas.manager)
    _decide_all(soa, personas.manager)
    soa_submit(soa=soa, actor=personas.manager)
    soa_decide(soa=soa, actor=personas.owner, approve=False, note="Justify A.5 better")
    soa.refresh_from_db()
    assert soa.status == "draft" and soa.decision_note == "Justify A.5 better"


def test_the_soa_page_and_export_take_a_constant_number_of_queries(personas, login, django_assert_max_num_queries):
    risks = [risk_create(organisation=personas.org_a, actor=personas.manager, title=f"Risk {n}") for n in range(5)]
    for number in range(5):
        applied_control_create(organisation=personas.org_a, actor=personas.manager, name=f"Control {number}",
                               requirements=list(annex_a_controls()[:20]), risks=risks)  # fmt: skip
    soa = soa_draft(organisation=personas.org_a, actor=personas.manager)
    client = login(personas.viewer)
    with django_assert_max_num_queries(18):
        page = client.get("/o/acme/soa/").content.decode()
    assert "C-005" in page
    export = client.get(f"/o/acme/soa/?version={soa.number}&export=csv")
    assert b"A.10.4" in b"".join(export.streaming_content)
    assert SoAVersion.objects.count() == 1


def test_entries_of_a_draft_are_edited_through_the_form(personas, login):
    soa = soa_draft(organisation=personas.org_a, actor=personas.manager)
    entry = SoAEntry.objects.get(soa=soa, requirement__ref="A.4.2")
    client = login(personas.contributor)
    url = f"/o/acme/soa/entries/{entry.public_id}/edit/"
    data = {"applicable": "true", "justification_type": "legal", "version": entry.version,
            "justification": "EU AI Act documentation duties", "implementation_status": "planned"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.applicable is True and entry.justification_type == "legal"


def test_the_soa_with_5000_risks_behind_its_controls_takes_a_constant_number_of_queries(
    personas, login, django_assert_max_num_queries
):
    from styring.controls.evidence import evidence_create
    from styring.risks.models import Risk
    from styring.risks.services import risk_method_ensure

    method = risk_method_ensure(organisation=personas.org_a, actor=personas.manager)
    Risk.objects.bulk_create(
        Risk(organisation=personas.org_a, method=method, reference=f"R-{n:05d}", title=f"Risk {n}") for n in range(5000)
    )
    risks = list(Risk.objects.for_organisation(personas.org_a)[:5000])
    control = applied_control_create(organisation=personas.org_a, actor=personas.manager, name="Monitoring",
                                     requirements=list(annex_a_controls()), risks=risks)  # fmt: skip
    soa = soa_draft(organisation=personas.org_a, actor=personas.manager)
    entry = SoAEntry.objects.get(soa=soa, requirement__ref="A.6.2.6")
    soa_entry_update(entry=entry, actor=personas.manager, applicable=False, justification="x", risks=risks[:50])
    evidence_create(organisation=personas.org_a, actor=personas.manager, title="Dashboard",
                    url="https://example.com/d", soa_entries=[entry], applied_controls=[control])  # fmt: skip
    client = login(personas.viewer)
    with django_assert_max_num_queries(20):
        page = client.get("/o/acme/soa/").content.decode()
    assert "Dashboard" in page and "Excluded, while risks rely on it" in page
