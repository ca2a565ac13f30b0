"""The demo's running management system: roles and who holds them, objectives with their measurements, the
communication plan, competences, monitoring with a drift breach, decision logs, an incident with its legal clocks,
a reported internal audit and a signed management review. Everything goes through the ordinary services."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from . import data

D = datetime.date
UTC = datetime.UTC


def load_governance(organisation, users, memberships, systems) -> dict:
    """Starter roles with holders, a few RACI cells, objectives with measurements, a planned change and the
    communication plan. Returns the roles by key."""
    from styring.governance.models import AIRole
    from styring.governance.services import (
        assignment_create,
        communication_item_create,
        communication_record,
        measurement_add,
        objective_create,
        planned_change_create,
        raci_set,
        settings_update,
        starter_roles_add,
    )

    actor = users[data.COMPLIANCE_EMAIL]
    starter_roles_add(organisation=organisation, actor=actor)
    roles = {role.template_key: role for role in AIRole.objects.for_organisation(organisation)}
    for key, email, system_name in data.ROLE_HOLDERS:
        assignment_create(
            organisation=organisation,
            actor=actor,
            role=roles[key],
            member=memberships[email],
            system=systems[system_name] if system_name else None,
        )
    assignment_create(organisation=organisation, actor=actor, role=roles["human_overseer"],
                      person_name="Claims handlers (team of 24)", system=systems["Claims triage model"],
                      note="Every triage decision above the automatic limit is reviewed.")  # fmt: skip
    for key, subject, value in data.RACI:
        raci_set(organisation=organisation, actor=actor, role=roles[key], subject=subject, value=value)
    settings_update(organisation=organisation, actor=users[data.OWNER_EMAIL], anonymous_concerns_enabled=True)

    today = timezone.localdate()
    for entry in data.OBJECTIVES:
        fields = dict(entry)
        readings = fields.pop("readings")
        fields["owner"] = memberships[fields["owner"]]
        objective = objective_create(organisation=organisation, actor=actor, **fields)
        for days_ago, value in readings:
            measurement_add(objective=objective, actor=actor, measured_on=today - datetime.timedelta(days=days_ago),
                            value=value)  # fmt: skip
    planned_change_create(organisation=organisation, actor=actor, owner=memberships["ole.nilsen@nordlys.example"],
                          systems=[systems["Customer service chatbot"]], **data.PLANNED_CHANGE)  # fmt: skip
    for entry in data.COMMUNICATION_PLAN:
        fields = dict(entry)
        done_days_ago = fields.pop("done_days_ago")
        fields["communicator"] = memberships[fields["communicator"]]
        item = communication_item_create(organisation=organisation, actor=actor, **fields)
        if done_days_ago is not None:
            communication_record(item=item, actor=actor, membership=fields["communicator"],
                                 communicated_on=today - datetime.timedelta(days=done_days_ago))  # fmt: skip
    return roles


def load_competence(organisation, users, memberships, roles) -> None:
    from styring.competence.services import (
        competence_create,
        person_competence_create,
        role_competence_create,
        training_create,
    )

    actor = users[data.COMPLIANCE_EMAIL]
    competences = {}
    for name, category, renewal_months in data.COMPETENCES:
        competences[name] = competence_create(organisation=organisation, actor=actor, name=name, category=category,
                                              renewal_months=renewal_months)  # fmt: skip
    for key, name, level in data.ROLE_COMPETENCES:
        role_competence_create(organisation=organisation, actor=actor, role=roles[key], competence=competences[name],
                               level=level)  # fmt: skip
    for email, name, level, evidence_type, obtained in data.PERSON_COMPETENCES:
        person_competence_create(organisation=organisation, actor=actor, member=memberships[email],
                                 competence=competences[name], level=level, evidence_type=evidence_type,
                                 evidence_reference="HR learning record", obtained_on=obtained)  # fmt: skip
    for email, name, title, days_ahead in data.TRAINING:
        training_create(organisation=organisation, actor=actor, member=memberships[email],
                        competence=competences[name], title=title, provider="Nordlys Academy",
                        planned_on=timezone.localdate() + datetime.timedelta(days=days_ahead))  # fmt: skip


def load_monitoring(organisation, users, memberships, systems) -> int:
    """Metrics with a year of values (the churn model's drift crosses its threshold last month) and a week of
    decision events from the claims triage model. Returns the number of measurements."""
    from styring.operations.events import events_ingest
    from styring.operations.services import measurement_create, metric_create

    actor = users["henrik.bakke@nordlys.example"]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    count = 0
    for entry in data.METRICS:
        fields = dict(entry)
        values = fields.pop("values")
        fields["owner"] = memberships[fields["owner"]]
        fields["system"] = systems[fields["system"]] if fields["system"] else None
        metric = metric_create(organisation=organisation, actor=actor, **fields)
        for months_ago, value in enumerate(reversed(values)):
            measurement_create(metric=metric, actor=actor, value=value, source="api",
                               measured_at=now - datetime.timedelta(days=30 * months_ago + 1))  # fmt: skip
            count += 1
    generator = random.Random(42)  # noqa: S311 - demo data, the same every time
    events = []
    for hour in range(7 * 24, 0, -3):
        overridden = generator.random() < 0.08
        events.append({
            "occurred_at": now - datetime.timedelta(hours=hour),
            "input_reference": f"claim/2026-{40000 + hour}",
            "output_summary": generator.choice(["fast track", "standard handling", "refer to specialist"]),
            "confidence": round(generator.uniform(0.55, 0.99), 2),
            "reviewer": generator.choice(["A. Hansen", "B. Olsen", "C. Berg"]),
            "outcome": "overridden" if overridden else "accepted",
            "reason": "Policy exclusion the model does not see" if overridden else "",
        })  # fmt: skip
    events_ingest(system=systems["Claims triage model"], actor=actor, events=events)
    return count


def load_incident(organisation, users, memberships, systems) -> None:
    """The chatbot quoted another customer's claim number: personal data, so the GDPR clock runs; notified."""
    from styring.incidents.services import incident_assess, incident_create, notification_create

    actor = users["nora.solberg@nordlys.example"]
    aware = timezone.now() - datetime.timedelta(days=20)
    incident = incident_create(
        organisation=organisation,
        actor=actor,
        system=systems["Customer service chatbot"],
        owner=memberships["nora.solberg@nordlys.example"],
        severity="high",
        personal_data=True,
        occurred_at=aware - datetime.timedelta(hours=6),
        aware_at=aware,
        **data.INCIDENT,
    )
    incident = incident_assess(incident, actor=actor, death=False, health_harm=False, critical_infrastructure=False,
                               fundamental_rights=False, property_environment=False, widespread=False,
                               high_risk_operator=False, personal_data_breach=True,
                               high_risk_to_individuals=False)  # fmt: skip
    notification_create(incident=incident, actor=users["ida.eriksen@nordlys.example"], kind="data_protection",
                        recipient="Datatilsynet", sent_at=aware + datetime.timedelta(hours=40),
                        reference="DT-2026-1187", report_type="complete",
                        summary="One customer's claim number shown to another customer in a chat session.")  # fmt: skip


def load_assurance(organisation, users, memberships) -> None:
    """This year's audit programme, an internal audit of operation (clause 8) reported with findings, and last
    quarter's management review signed, with the next one planned."""
    from styring.assurance.services import (
        audit_create,
        audit_report,
        audit_start,
        auditable_requirements,
        checklist_item_update,
        finding_create,
        finding_raise_nonconformity,
        programme_approve,
        programme_create,
        review_action_add,
        review_compile_inputs,
        review_create,
        review_hold,
        review_schedule_next,
        review_sign,
        review_update,
    )

    owner, lead = users[data.OWNER_EMAIL], users["anne.strand@nordlys.example"]
    today = timezone.localdate()
    programme = programme_create(organisation=organisation, actor=lead, period_start=D(today.year, 1, 1),
                                 period_end=D(today.year, 12, 31), **data.AUDIT_PROGRAMME)  # fmt: skip
    programme_approve(record=programme, actor=owner)
    requirements = list(auditable_requirements().filter(ref__in=data.AUDIT_REQUIREMENTS))
    audit = audit_create(
        organisation=organisation,
        actor=lead,
        programme=programme,
        title="Operation of the AIMS (clause 8) in claims",
        scope="AI systems used in claims handling: triage, fraud detection, document extraction.",
        criteria="ISO/IEC 42001:2023 clause 8 and the selected Annex A controls; Nordlys AI policy.",
        requirements=requirements,
        processes=["risk_assessment", "impact_assessment", "monitoring"],
        lead_auditor=memberships["anne.strand@nordlys.example"],
        auditors=[memberships["thomas.vik@nordlys.example"]],
        auditees=[memberships["kari.johansen@nordlys.example"], memberships["henrik.bakke@nordlys.example"]],
        planned_start=today - datetime.timedelta(days=40),
        planned_end=today - datetime.timedelta(days=38),
        plan="Day 1: interviews with the claims and data science leads. Day 2: sampling of records and logs.",
    )
    audit = audit_start(audit=audit, actor=lead)
    items = list(audit.checklist.order_by("position"))
    for item in items:
        checklist_item_update(item, actor=lead, result="conforming",
                              evidence_seen="Risk register, impact assessments and monitoring dashboards.")  # fmt: skip
    nonconforming = items[-1]
    checklist_item_update(nonconforming, actor=lead, result="nonconforming",
                          notes="Two of five sampled model releases lacked a recorded verification.")  # fmt: skip
    finding = finding_create(audit=audit, actor=lead, requirement=nonconforming.requirement,
                             checklist_item=nonconforming, finding_type="minor",
                             statement="Release verification of the claims models is not always recorded.",
                             evidence="Releases 3.2 and 3.4 of the triage model.")  # fmt: skip
    finding_raise_nonconformity(finding=finding, actor=lead)
    finding_create(audit=audit, actor=lead, finding_type="opportunity",
                   statement="The override reasons in the decision log could feed the retraining backlog.")  # fmt: skip
    audit_report(audit=audit, actor=lead, conclusion=data.AUDIT_CONCLUSION)

    review = review_create(organisation=organisation, actor=owner, title="Management review Q3",
                           planned_date=today - datetime.timedelta(days=30))  # fmt: skip
    review = review_compile_inputs(review=review, actor=owner)
    review = review_hold(review=review, actor=owner, held_on=today - datetime.timedelta(days=30))
    review = review_update(review, actor=owner, attendees="Magnus Holm (CEO), Ingrid Berg (CRO), Silje Dahl "
                           "(AI governance lead), Anne Strand (Internal Audit)", **data.REVIEW_OUTPUTS)  # fmt: skip
    review_action_add(review=review, actor=owner, description="Add drift monitoring to every model in production.",
                      owner=memberships["henrik.bakke@nordlys.example"],
                      due_date=today + datetime.timedelta(days=60))  # fmt: skip
    review = review_sign(review=review, actor=users["magnus.holm@nordlys.example"])
    review_schedule_next(review=review, actor=owner, planned_date=today + datetime.timedelta(days=60),
                         title="Management review Q1")  # fmt: skip
