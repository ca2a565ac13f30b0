"""Writes for the AI inventory. Every function validates, saves and records the change-log event in one transaction."""

from __future__ import annotations

from typing import Any

from styring.core.services import tenant_create, tenant_delete, tenant_update

from .models import AISystem

AISYSTEM_EDITABLE_FIELDS = (
    "name",
    "purpose",
    "description",
    "owner",
    "business_unit",
    "lifecycle_stage",
    "sourcing",
    "supplier",
    "iso_roles",
    "ai_act_roles",
    "models_used",
    "datasets_used",
    "deployment_context",
    "affected_persons",
    "processes_personal_data",
    "automation_level",
    "human_oversight",
    "ai_act_class",
    "criticality",
    "review_date",
)


def _editable(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(AISYSTEM_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def aisystem_create(*, organisation, actor, reason: str = "", **data: Any) -> AISystem:
    system = AISystem(organisation=organisation, **_editable(data))
    return tenant_create(instance=system, actor=actor, reason=reason)


def aisystem_update(
    *, system: AISystem, actor, expected_version: int | None = None, reason: str = "", **data: Any
) -> AISystem:
    return tenant_update(
        instance=system, actor=actor, data=_editable(data), expected_version=expected_version, reason=reason
    )


def aisystem_delete(*, system: AISystem, actor, expected_version: int | None = None, reason: str = "") -> None:
    tenant_delete(instance=system, actor=actor, expected_version=expected_version, reason=reason)
