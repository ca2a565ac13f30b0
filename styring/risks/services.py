"""Every write to risks, opportunities and the risk method, each in one transaction with its change-log event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.services import tenant_create, tenant_delete, tenant_update
from styring.organisations.models import Organisation
from styring.tasks.services import task_create

from .choices import RiskStatus
from .method import check_method, default_method
from .models import Opportunity, Risk, RiskMethod

METHOD_FIELDS = ("likelihood", "impact", "levels", "matrix", "acceptance_level", "review_interval_months")
RISK_FIELDS = (
    "title",
    "description",
    "system",
    "risk_source",
    "own_risk_source",
    "consequences_organisation",
    "consequences_individuals",
    "consequences_society",
    "inherent_likelihood",
    "inherent_impact",
    "treatment_option",
    "treatment_plan",
    "residual_likelihood",
    "residual_impact",
    "owner",
    "status",
    "review_date",
)
RATING_FIELDS = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")
OPPORTUNITY_FIELDS = ("title", "description", "system", "benefit", "actions", "owner", "status", "review_date")


def _lock(organisation) -> None:
    """Serialise numbering within one organisation (PostgreSQL row lock; SQLite serialises writes anyway)."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


def _next_reference(model, organisation, prefix: str) -> str:
    numbers = [
        int(reference.removeprefix(prefix))
        for reference in model.objects.for_organisation(organisation).values_list("reference", flat=True)
        if reference.removeprefix(prefix).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


# --- risk method -------------------------------------------------------------------------------------------------


def risk_method_ensure(*, organisation, actor) -> RiskMethod:
    """The current method, created from the defaults (5 × 5) the first time the organisation needs one."""
    current = RiskMethod.objects.for_organisation(organisation).filter(is_current=True).first()
    if current is not None:
        return current
    with transaction.atomic():
        _lock(organisation)
        current = RiskMethod.objects.for_organisation(organisation).filter(is_current=True).first()
        if current is None:
            current = tenant_create(
                instance=RiskMethod(
                    organisation=organisation,
                    number=1,
                    change_summary=_("Default method (5 × 5)"),
                    **default_method(),
                ),
                actor=actor,
            )
    return current


def risk_method_publish(*, organisation, actor, data: dict[str, Any], change_summary: str = "") -> RiskMethod:
    """A new version of the method becomes current; risks keep the version they were rated with."""
    data = {name: data[name] for name in METHOD_FIELDS if name in data}
    check_method(data)
    with transaction.atomic():
        _lock(organisation)
        previous = risk_method_ensure(organisation=organisation, actor=actor)
        tenant_update(instance=previous, actor=actor, data={"is_current": False}, reason=change_summary)
        return tenant_create(
            instance=RiskMethod(
                organisation=organisation,
                number=previous.number + 1,
                is_current=True,
                change_summary=change_summary[:500],
                **{**{name: getattr(previous, name) for name in METHOD_FIELDS}, **data},
            ),
            actor=actor,
            reason=change_summary,
        )


# --- risks -------------------------------------------------------------------------------------------------------


def risk_create(*, organisation, actor, reason: str = "", **data: Any) -> Risk:
    data = _only(data, RISK_FIELDS)
    with transaction.atomic():
        _lock(organisation)
        method = risk_method_ensure(organisation=organisation, actor=actor)
        risk = Risk(
            organisation=organisation,
            method=method,
            reference=_next_reference(Risk, organisation, "R-"),
            **data,
        )
        return tenant_create(instance=risk, actor=actor, reason=reason)


def risk_update(*, risk: Risk, actor, expected_version: int | None = None, reason: str = "", **data: Any) -> Risk:
    """Change a risk. New ratings are made on the current method; a changed residual rating withdraws an earlier
    acceptance, because the acceptance was given for that rating."""
    data = _only(data, RISK_FIELDS)
    rerated = any(name in data and data[name] != getattr(risk, name) for name in RATING_FIELDS)
    with transaction.atomic():
        if rerated:
            current = risk_method_ensure(organisation=risk.organisation, actor=actor)
            if current.pk != risk.method_id:
                data["method"] = current
        residual_changed = any(
            name in data and data[name] != getattr(risk, name) for name in ("residual_likelihood", "residual_impact")
        )
        if residual_changed and risk.accepted_at:
            data.update(accepted_by=None, accepted_at=None, acceptance_rationale="")
            if data.get("status", risk.status) == RiskStatus.ACCEPTED:
                data["status"] = RiskStatus.ASSESSED
            reason = reason or _("New residual rating; the earlier acceptance no longer applies.")
        return tenant_update(instance=risk, actor=actor, data=data, expected_version=expected_version, reason=reason)


def risk_accept(*, risk: Risk, actor, rationale: str, expected_version: int | None = None) -> Risk:
    """Record that a person with the authority accepts the residual risk (who, when, why). The caller checks the
    permission (`risk.accept`)."""
    rationale = (rationale or "").strip()
    errors = {}
    if not risk.residual_level:
        errors["residual_likelihood"] = _("Rate the residual risk before accepting it.")
    if not rationale:
        errors["acceptance_rationale"] = _("Say why the remaining risk is acceptable.")
    if errors:
        raise ValidationError(errors)
    return tenant_update(
        instance=risk,
        actor=actor,
        data={
            "accepted_by": actor,
            "accepted_at": timezone.now(),
            "acceptance_rationale": rationale,
            "status": RiskStatus.ACCEPTED,
        },
        expected_version=expected_version,
        reason=_("Risk accepted: %(rationale)s") % {"rationale": rationale[:300]},
    )


def risk_delete(*, risk: Risk, actor, expected_version: int | None = None, reason: str = "") -> None:
    tenant_delete(instance=risk, actor=actor, expected_version=expected_version, reason=reason)


def treatment_action_add(*, risk: Risk, actor, title: str, owner=None, due_date=None, description: str = ""):
    """A treatment action is a task about the risk, so it shows in everyone's task list with its reminders."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Describe the action.")})
    return task_create(
        organisation=risk.organisation,
        actor=actor,
        title=title,
        owner=owner,
        due_date=due_date,
        description=description,
        subject=risk,
        subject_url=risk.get_absolute_url(),
    )


# --- opportunities -----------------------------------------------------------------------------------------------


def opportunity_create(*, organisation, actor, reason: str = "", **data: Any) -> Opportunity:
    data = _only(data, OPPORTUNITY_FIELDS)
    with transaction.atomic():
        _lock(organisation)
        opportunity = Opportunity(
            organisation=organisation, reference=_next_reference(Opportunity, organisation, "O-"), **data
        )
        return tenant_create(instance=opportunity, actor=actor, reason=reason)


def opportunity_update(record: Opportunity, *, actor, expected_version=None, reason: str = "", **data) -> Opportunity:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, OPPORTUNITY_FIELDS), expected_version=expected_version,
        reason=reason,
    )  # fmt: skip


def opportunity_delete(*, record: Opportunity, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)
