"""Audits: independence of the audit team, the checklist built from the selected requirements with the
organisation's own evidence, findings that raise nonconformities once, and the report."""

import pytest
from django.core.exceptions import ValidationError

from styring.assurance.choices import AuditStatus, ChecklistResult, FindingType
from styring.assurance.models import Audit, AuditFinding, ChecklistItem
from styring.assurance.selectors import checklist_with_links
from styring.assurance.services import (
    audit_close,
    audit_create,
    audit_report,
    audit_start,
    audit_update,
    checklist_generate,
    checklist_item_update,
    finding_create,
    finding_raise_nonconformity,
    finding_update,
)
from styring.controls.applied import applied_control_create
from styring.core.models import AuditEvent
from styring.improvement.models import Nonconformity


def test_an_audit_gets_the_next_reference_and_logs_its_creation(personas, make_audit):
    first, second = make_audit(), make_audit()
    assert (first.reference, second.reference) == ("AUD-001", "AUD-002")
    assert first.requirements.count() == 2 and first.status == AuditStatus.PLANNED
    assert AuditEvent.objects.filter(object_id=str(first.public_id), action="create").exists()


def test_an_auditor_who_is_also_an_auditee_is_refused_by_name(personas, make_audit):
    auditor = personas.membership(personas.auditor)
    with pytest.raises(ValidationError) as error:
        make_audit(auditees=[auditor])
    assert "Auditor Person" in str(error.value)
    assert not Audit.objects.exists()


def test_an_auditor_who_owns_a_control_for_a_selected_requirement_is_refused(personas, make_audit, requirement):
    manager = personas.membership(personas.manager)
    applied_control_create(
        organisation=personas.org_a, actor=personas.manager, name="Risk assessment procedure", owner=manager,
        requirements=[requirement("6.1.2")],
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        make_audit(auditors=[manager])
    assert "Manager Person" in str(error.value) and "Risk assessment procedure" in str(error.value)
    # auditing another area is fine
    audit = make_audit(refs=("7.2",), auditors=[manager])
    # …but not when the area is widened to the control's requirement later
    with pytest.raises(ValidationError):
        audit_update(audit, actor=personas.auditor, requirements=[requirement("6.1.2")])
    assert list(audit.requirements.values_list("ref", flat=True)) == ["7.2"]


def test_an_auditor_who_owns_a_document_for_a_selected_requirement_is_refused(personas, make_audit, requirement):
    from styring.documents.services import document_create

    contributor = personas.membership(personas.contributor)
    document_create(organisation=personas.org_a, actor=personas.manager, title="AI policy", owner=contributor,
                    requirements=[requirement("5.2")])  # fmt: skip
    with pytest.raises(ValidationError) as error:
        make_audit(refs=("5.2",), auditors=[contributor])
    assert "Contributor Person" in str(error.value)


def test_only_iso42001_clauses_annex_a_controls_and_known_processes_can_be_selected(personas, make_audit):
    from styring.catalog.models import Requirement

    risk_source = Requirement.objects.filter(version__key="iso42001:2023", kind="risk_source").first()
    with pytest.raises(ValidationError):
        audit_create(organisation=personas.org_a, actor=personas.auditor, title="Odd", requirements=[risk_source])
    with pytest.raises(ValidationError):
        make_audit(processes=["no-such-process"])
    assert make_audit(processes=["risk_assessment"]).process_labels == ["Risk assessment"]


def test_starting_an_audit_builds_one_checklist_question_per_requirement_in_our_own_words(personas, make_audit):
    audit = make_audit()
    audit = audit_start(audit=audit, actor=personas.auditor)
    items = list(ChecklistItem.objects.filter(audit=audit).select_related("requirement"))
    assert audit.status == AuditStatus.IN_PROGRESS
    assert [item.requirement.ref for item in items] == ["6.1.2", "A.6.2.4"]
    assert items[0].question.startswith("How is 6.1.2 ") and items[0].question.endswith("and what shows it?")
    assert all(item.result == ChecklistResult.NOT_AUDITED for item in items)
    assert checklist_generate(audit=audit, actor=personas.auditor) == 0  # idempotent


def test_the_checklist_shows_the_organisations_own_controls_evidence_and_documents(personas, make_audit, requirement):
    from styring.controls.models import Evidence

    control = applied_control_create(
        organisation=personas.org_a, actor=personas.manager, name="Model testing",
        requirements=[requirement("A.6.2.4")],
    )  # fmt: skip
    via_control = Evidence.objects.create(organisation=personas.org_a, title="Test report Q1")
    via_control.applied_controls.add(control)
    direct = Evidence.objects.create(organisation=personas.org_a, title="Risk register export")
    direct.requirements.add(requirement("6.1.2"))
    Evidence.objects.create(organisation=personas.org_b, title="Beta evidence").requirements.add(requirement("6.1.2"))
    audit = audit_start(audit=make_audit(), actor=personas.auditor)
    links = {item.requirement.ref: linked for item, linked in checklist_with_links(audit)}
    assert links["A.6.2.4"].controls == [control]
    assert [e.title for e in links["A.6.2.4"].evidence] == ["Test report Q1"]
    assert [e.title for e in links["6.1.2"].evidence] == ["Risk register export"]


def test_the_checklist_is_read_in_the_same_number_of_queries_for_few_or_many_items(
    personas, make_audit, django_assert_max_num_queries
):
    from styring.assurance.services import auditable_requirements
    from styring.controls.models import Evidence

    small = audit_start(audit=make_audit(refs=("6.1.2",)), actor=personas.auditor)
    refs = list(auditable_requirements().values_list("ref", flat=True)[:30])
    large = audit_start(audit=make_audit(refs=refs), actor=personas.auditor)
    for item in ChecklistItem.objects.filter(audit=large).select_related("requirement"):
        applied_control_create(organisation=personas.org_a, actor=personas.manager, name=f"C {item.requirement.ref}",
                               requirements=[item.requirement])  # fmt: skip
        Evidence.objects.create(organisation=personas.org_a, title=f"E {item.requirement.ref}").requirements.add(
            item.requirement
        )
    with django_assert_max_num_queries(6) as small_count:
        checklist_with_links(small)
    with django_assert_max_num_queries(len(small_count.captured_queries)):
        rows = checklist_with_links(large)
    assert len(rows) == 30 and all(linked.controls and linked.evidence for _item, linked in rows)


def test_a_major_finding_raises_one_nonconformity_linked_both_ways(personas, make_audit, requirement):
    audit = audit_start(audit=make_audit(), actor=personas.auditor)
    item = audit.checklist.get(requirement__ref="6.1.2")
    checklist_item_update(item, actor=personas.auditor, result=ChecklistResult.NONCONFORMING, notes="No criteria")
    finding = finding_create(
        audit=audit, actor=personas.auditor, checklist_item=item, finding_type=FindingType.MAJOR,
        statement="Risk criteria are not defined", evidence="Interview with the risk owner",
    )  # fmt: skip
    nonconformity = finding.nonconformity
    assert finding.requirement == requirement("6.1.2") and finding.number == 1
    assert nonconformity.source == "audit" and nonconformity.severity == "major"
    assert nonconformity.source_id == str(finding.public_id) and audit.get_absolute_url() in nonconformity.source_url
    assert nonconformity.requirement == requirement("6.1.2")
    assert finding_raise_nonconformity(finding=finding, actor=personas.auditor) == nonconformity
    finding_update(finding, actor=personas.auditor, finding_type=FindingType.MINOR)
    assert Nonconformity.objects.count() == 1


def test_an_observation_raises_nothing_until_it_becomes_a_nonconformity(personas, make_audit):
    audit = make_audit()
    finding = finding_create(audit=audit, actor=personas.auditor, finding_type=FindingType.OBSERVATION,
                             statement="Training records are scattered")  # fmt: skip
    assert finding.nonconformity is None and not Nonconformity.objects.exists()
    with pytest.raises(ValidationError):
        finding_raise_nonconformity(finding=finding, actor=personas.auditor)
    finding = finding_update(finding, actor=personas.auditor, finding_type=FindingType.MINOR)
    assert finding.nonconformity is not None and Nonconformity.objects.count() == 1
    with pytest.raises(ValidationError):  # not downgraded once it raised a nonconformity
        finding_update(finding, actor=personas.auditor, finding_type=FindingType.OBSERVATION)


def test_reporting_needs_a_conclusion_and_closing_needs_a_report(personas, make_audit):
    audit = audit_start(audit=make_audit(), actor=personas.auditor)
    with pytest.raises(ValidationError):
        audit_report(audit=audit, actor=personas.auditor)
    with pytest.raises(ValidationError):
        audit_close(audit=audit, actor=personas.auditor)
    audit = audit_report(audit=audit, actor=personas.auditor, conclusion="The risk process works, with one gap.")
    assert audit.status == AuditStatus.REPORTED and audit.reported_by == personas.auditor and audit.reported_at
    with pytest.raises(ValidationError):
        checklist_item_update(audit.checklist.first(), actor=personas.auditor, result=ChecklistResult.CONFORMING)
    assert audit_close(audit=audit, actor=personas.auditor).status == AuditStatus.CLOSED
    assert AuditFinding.objects.count() == 0
