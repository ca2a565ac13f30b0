"""Every write to the register of issues and interested parties, each in one transaction with its change-log event.
The scope has its own module (`scope.py`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from styring.core.services import lock_organisation, next_reference, tenant_create, tenant_delete, tenant_update

from .models import ContextIssue, InterestedParty

ISSUE_FIELDS = (
    "title",
    "kind",
    "category",
    "description",
    "effect_on_aims",
    "owner",
    "status",
    "review_date",
    "systems",
    "risks",
)
ISSUE_LINKS = ("systems", "risks")
PARTY_FIELDS = (
    "name",
    "party_type",
    "needs",
    "requirements",
    "addressed_by_aims",
    "how_addressed",
    "influence",
    "owner",
    "review_date",
    "catalog_requirements",
)
PARTY_LINKS = ("catalog_requirements",)


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def _split(data: dict[str, Any], links: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, list]]:
    return (
        {key: value for key, value in data.items() if key not in links},
        {key: list(value) for key, value in data.items() if key in links and value is not None},
    )


def issue_create(*, organisation, actor, reason: str = "", **data: Any) -> ContextIssue:
    values, links = _split(_only(data, ISSUE_FIELDS), ISSUE_LINKS)
    with transaction.atomic():
        lock_organisation(organisation)
        issue = ContextIssue(
            organisation=organisation, reference=next_reference(ContextIssue, organisation, "I-"), **values
        )
        return tenant_create(instance=issue, actor=actor, reason=reason, links=links)


def issue_update(record: ContextIssue, *, actor, expected_version=None, reason: str = "", **data) -> ContextIssue:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, ISSUE_FIELDS), expected_version=expected_version, reason=reason
    )


def issue_delete(*, record: ContextIssue, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def party_create(*, organisation, actor, reason: str = "", **data: Any) -> InterestedParty:
    values, links = _split(_only(data, PARTY_FIELDS), PARTY_LINKS)
    return tenant_create(instance=InterestedParty(organisation=organisation, **values), actor=actor, reason=reason,
                         links=links)  # fmt: skip


def party_update(record: InterestedParty, *, actor, expected_version=None, reason: str = "", **data) -> InterestedParty:
    return tenant_update(
        instance=record, actor=actor, data=_only(data, PARTY_FIELDS), expected_version=expected_version, reason=reason
    )


def party_delete(*, record: InterestedParty, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)
