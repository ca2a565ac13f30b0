"""Creates the demo organisation through the ordinary services, so its change log is real and verifiable."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from styring.accounts.models import User
from styring.catalog.models import Requirement
from styring.controls.services import gap_answer_save
from styring.inventory.services import aisystem_create, aisystem_update, supplier_create
from styring.organisations.models import Membership, Organisation
from styring.organisations.services import membership_add, organisation_create
from styring.regulation.examples import NOTHING_APPLIES
from styring.regulation.services import assessment_from_answers

from . import data, operate

DEMO_PASSWORD = "nordlys-demo-2026"  # noqa: S105 - printed on purpose: the demo login
DEMO_EMAIL = data.OWNER_EMAIL


def load_demo(stdout: TextIO | None = None) -> tuple[Organisation, bool]:
    """Create the demo organisation unless its slug is taken. Returns (organisation, created)."""
    existing = Organisation.objects.filter(slug=data.ORGANISATION["slug"]).first()
    if existing is not None:
        return existing, False

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    with transaction.atomic():
        users: dict[str, User] = {}
        new_users = 0
        for email, full_name, _role in data.PEOPLE:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
                new_users += 1
            users[email] = user
        say(f"People: {new_users} created, {len(users) - new_users} already existed.")

        owner = users[data.OWNER_EMAIL]
        organisation = organisation_create(owner=owner, **data.ORGANISATION)
        memberships: dict[str, Membership] = {
            data.OWNER_EMAIL: Membership.objects.for_organisation(organisation).get(user=owner)
        }
        for email, _full_name, role in data.PEOPLE:
            if email != data.OWNER_EMAIL:
                memberships[email] = membership_add(
                    organisation=organisation, user=users[email], role=role, actor=owner
                )
        say(f"Organisation: {organisation.name} with {len(memberships)} members.")

        systems = {}
        for entry in data.AI_SYSTEMS:
            fields = dict(entry)
            actor = users[fields.pop("created_by")]
            fields["owner"] = memberships[fields["owner"]]
            systems[fields["name"]] = aisystem_create(organisation=organisation, actor=actor, **fields)
        for name, editor, reason, changes in data.EDITS:
            systems[name] = aisystem_update(system=systems[name], actor=users[editor], reason=reason, **changes)
        say(f"AI systems: {len(systems)} registered, {len(data.EDITS)} edited afterwards.")
        linked = _load_suppliers(organisation, owner, memberships, systems)
        say(f"Suppliers: {len(data.SUPPLIERS)} recorded, linked to {linked} AI systems.")
        answered = _load_gap_answers(organisation, memberships)
        say(f"Gap analysis: {answered} ISO/IEC 42001 requirements assessed.")
        for name, assessor, changes, note in data.AI_ACT_ASSESSMENTS:
            systems[name] = assessment_from_answers(
                system=systems[name], actor=users[assessor], answers={**NOTHING_APPLIES, **changes}, note=note
            ).system
        say(f"EU AI Act: {len(data.AI_ACT_ASSESSMENTS)} AI systems assessed with the questionnaire.")
        risks = _load_risks(organisation, owner, systems, users)
        say(f"Risks: {len(risks)} in the register, {len(data.APPLIED_CONTROLS)} applied controls, an SoA draft.")
        context = _load_context(organisation, users, memberships, systems)
        say(f"Context: {context} issues and interested parties, an approved AIMS scope.")
        documents = _load_documents(organisation, users, memberships)
        say(f"Documents: {documents} adopted from the starters; the AI policy approved and sent to staff to read.")
        _load_nonconformities(organisation, users, memberships, systems)
        say(f"Nonconformities: {len(data.NONCONFORMITIES)} with containment and a corrective action.")
        roles = operate.load_governance(organisation, users, memberships, systems)
        operate.load_competence(organisation, users, memberships, roles)
        say(f"Governance: {len(roles)} AI roles with holders, {len(data.OBJECTIVES)} objectives, competences.")
        measurements = operate.load_monitoring(organisation, users, memberships, systems)
        say(f"Monitoring: {len(data.METRICS)} metrics with {measurements} values; a week of triage decisions.")
        operate.load_incident(organisation, users, memberships, systems)
        operate.load_assurance(organisation, users, memberships)
        say("Assurance: an incident notified in time, an internal audit reported, a management review signed.")
    return organisation, True


def _load_suppliers(organisation, actor, memberships, systems) -> int:
    """Supplier records with their due diligence, linked to the systems that name them."""
    suppliers = {}
    for name, country, services, status, owner in data.SUPPLIERS:
        suppliers[name] = supplier_create(
            organisation=organisation,
            actor=actor,
            name=name,
            country=country,
            services=services,
            due_diligence_status=status,
            owner=memberships[owner],
        )
    linked = 0
    for system in systems.values():
        supplier = next((s for name, s in suppliers.items() if system.supplier.startswith(name)), None)
        if supplier is not None:
            aisystem_update(system=system, actor=actor, suppliers=[supplier], reason="Supplier record linked")
            linked += 1
    return linked


def _load_gap_answers(organisation, memberships) -> int:
    """Answers on ISO/IEC 42001, if the catalog is loaded (migrate loads it)."""
    requirements = {
        requirement.ref: requirement
        for requirement in Requirement.objects.filter(version__key="iso42001:2023", assessable=True)
    }
    count = 0
    for ref, status, maturity, owner, target, note in data.GAP_ANSWERS:
        if ref in requirements:
            gap_answer_save(
                organisation=organisation,
                actor=memberships[owner].user,
                requirement=requirements[ref],
                status=status,
                maturity=maturity,
                owner=memberships[owner],
                target_date=target,
                note=note,
            )
            count += 1
    return count


def _load_risks(organisation, owner, systems, users) -> dict:
    from styring.controls.applied import applied_control_create
    from styring.controls.soa import annex_a_controls, soa_draft
    from styring.risks.library import library_copy
    from styring.risks.services import risk_accept, risk_update

    keys = [key for key, *_rest in data.RISKS]
    copied = dict(zip(keys, library_copy(organisation=organisation, actor=owner, keys=keys), strict=True))
    for key, system_name, residual, accepted_by in data.RISKS:
        changes = {"system": systems[system_name] if system_name else None, "treatment_option": "modify"}
        if residual:
            changes.update(residual_likelihood=residual[0], residual_impact=residual[1], status="assessed")
        copied[key] = risk_update(risk=copied[key], actor=owner, **changes)
        if accepted_by:
            copied[key] = risk_accept(
                risk=copied[key], actor=users[accepted_by], rationale="Within appetite after monthly monitoring"
            )
    controls = {control.ref: control for control in annex_a_controls()}
    for name, refs, risk_keys, status in data.APPLIED_CONTROLS:
        applied_control_create(
            organisation=organisation,
            actor=owner,
            name=name,
            implementation_status=status,
            requirements=[controls[ref] for ref in refs],
            risks=[copied[key] for key in risk_keys],
        )
    soa_draft(organisation=organisation, actor=owner)
    return copied


def _load_documents(organisation, users, memberships) -> int:
    """The starter policy and procedures adopted by the compliance officer; the AI policy and the risk procedure
    approved by the Chief Risk Officer; the policy sent to everyone, and some have acknowledged it."""
    import datetime

    from django.utils import timezone

    from styring.documents.services import (
        acknowledgement_confirm,
        publication_create,
        version_decide,
        version_submit,
        version_update,
    )
    from styring.documents.starters import adopt, starters

    compliance = data.COMPLIANCE_EMAIL
    documents = adopt(
        organisation=organisation, actor=users[compliance], keys=list(starters()), owner=memberships[compliance]
    )
    approver = users[data.OWNER_EMAIL]
    for document in documents:
        if document.starter_key not in ("ai-policy", "procedure-ai-risk-assessment"):
            continue
        version = document.versions.get()
        version = version_update(
            version,
            actor=users[compliance],
            body=version.body.replace("[to be completed: effective date]", "1 February 2026"),
            reason="Effective date agreed with the board",
        )
        version_submit(version=version, actor=users[compliance])
        version = version_decide(version=version, actor=approver, approve=True, note="Approved by the board")
        if document.starter_key == "ai-policy":
            publication = publication_create(
                version=version,
                actor=users[compliance],
                roles=["owner", "admin", "manager", "contributor"],
                due_date=timezone.localdate() + datetime.timedelta(days=14),
                message="Please read our AI policy and confirm you have.",
            )
            for acknowledgement in publication.acknowledgements.select_related("member__user")[:6]:
                acknowledgement_confirm(acknowledgement=acknowledgement, actor=acknowledgement.member.user)
    return len(documents)


def _load_context(organisation, users, memberships, systems) -> int:
    from styring.context.scope import scope_decide, scope_draft, scope_submit, scope_update
    from styring.context.services import issue_create, party_create

    actor = users[data.COMPLIANCE_EMAIL]
    for entry in data.CONTEXT_ISSUES:
        fields = dict(entry)
        fields["owner"] = memberships[fields["owner"]]
        fields["systems"] = [systems[name] for name in fields["systems"]]
        issue_create(organisation=organisation, actor=actor, **fields)
    for entry in data.INTERESTED_PARTIES:
        party_create(organisation=organisation, actor=actor, **{**entry, "owner": memberships[entry["owner"]]})
    draft = scope_draft(organisation=organisation, actor=actor)
    draft = scope_update(
        version=draft,
        actor=actor,
        statement=data.SCOPE_STATEMENT,
        boundaries="Head office (Bergen) and Oslo branch; claims, pricing, customer service, marketing, IT.",
        exclusions="Group functions run by the parent company.",
        systems=[
            {"system": systems[name], "in_scope": False, "reason": reason} for name, reason in data.SCOPE_OUT.items()
        ],
    )
    scope_submit(version=draft, actor=actor)
    scope_decide(version=draft, actor=users[data.OWNER_EMAIL], approve=True, note="Approved by the board")
    return len(data.CONTEXT_ISSUES) + len(data.INTERESTED_PARTIES)


def _load_nonconformities(organisation, users, memberships, systems) -> None:
    import datetime

    from django.utils import timezone

    from styring.improvement.services import containment_record, corrective_action_create, nonconformity_create

    actor = users[data.COMPLIANCE_EMAIL]
    for entry in data.NONCONFORMITIES:
        record = nonconformity_create(
            organisation=organisation,
            actor=actor,
            title=entry["title"],
            source=entry["source"],
            description=entry["description"],
            owner=memberships[entry["owner"]],
            system=systems[entry["system"]],
            severity=entry["severity"],
        )
        record = containment_record(
            record=record,
            actor=actor,
            containment="Disclosure restored and checked the same day.",
            contained_by=memberships[entry["owner"]],
        )
        corrective_action_create(
            organisation=organisation,
            nonconformity=record,
            actor=actor,
            description="Add an automated check of the disclosure text to the chatbot release pipeline.",
            owner=memberships["jonas.moen@nordlys.example"],
            due_date=timezone.localdate() + datetime.timedelta(days=21),
        )
