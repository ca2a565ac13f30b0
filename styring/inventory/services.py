"""Writes for the AI inventory. Every function validates, saves and records the change-log event in one transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from styring.core.services import tenant_create, tenant_delete, tenant_update

from .models import AIModel, AISystem, Dataset, LifecycleChange, Supplier

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
    "ai_models",
    "datasets",
    "suppliers",
)
LINKS = ("ai_models", "datasets", "suppliers")


def _editable(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(AISYSTEM_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def _record_stage(system: AISystem, actor, note: str = "") -> None:
    LifecycleChange.objects.create(
        organisation=system.organisation,
        system=system,
        stage=system.lifecycle_stage,
        changed_on=timezone.localdate(),
        changed_by=actor,
        note=note[:500],
    )


def aisystem_create(*, organisation, actor, reason: str = "", **data: Any) -> AISystem:
    data = _editable(data)
    links = {name: data.pop(name) for name in LINKS if name in data}
    with transaction.atomic():
        system = tenant_create(
            instance=AISystem(organisation=organisation, **data), actor=actor, reason=reason, links=links
        )
        _record_stage(system, actor, reason)
    return system


def aisystem_update(
    *, system: AISystem, actor, expected_version: int | None = None, reason: str = "", **data: Any
) -> AISystem:
    """Change a system; a new lifecycle stage is also recorded in its dated lifecycle history."""
    with transaction.atomic():
        before = AISystem.objects.values_list("lifecycle_stage", flat=True).get(pk=system.pk)
        updated = tenant_update(
            instance=system, actor=actor, data=_editable(data), expected_version=expected_version, reason=reason
        )
        if updated.lifecycle_stage != before:
            _record_stage(updated, actor, reason)
    return updated


def aisystem_delete(*, system: AISystem, actor, expected_version: int | None = None, reason: str = "") -> None:
    tenant_delete(instance=system, actor=actor, expected_version=expected_version, reason=reason)


SUPPLIER_FIELDS = (
    "name",
    "website",
    "country",
    "contact",
    "services",
    "owner",
    "due_diligence_status",
    "due_diligence_date",
    "due_diligence_answers",
    "notes",
    "review_date",
)
AIMODEL_FIELDS = (
    "name",
    "model_version",
    "approach",
    "task",
    "architecture",
    "description",
    "supplier",
    "licence",
    "limitations",
    "evaluation",
    "owner",
    "bom_ref",
    "training_datasets",
)
DATASET_FIELDS = (
    "name",
    "description",
    "source",
    "provenance",
    "personal_data",
    "special_category_data",
    "quality_checks",
    "licence",
    "supplier",
    "owner",
    "bom_ref",
)


def _only(allowed: tuple[str, ...], data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


def supplier_create(*, organisation, actor, reason: str = "", **data: Any) -> Supplier:
    return tenant_create(
        instance=Supplier(organisation=organisation, **_only(SUPPLIER_FIELDS, data)), actor=actor, reason=reason
    )


def supplier_update(
    *, supplier: Supplier, actor, expected_version: int | None = None, reason: str = "", **data: Any
) -> Supplier:
    return tenant_update(
        instance=supplier,
        actor=actor,
        data=_only(SUPPLIER_FIELDS, data),
        expected_version=expected_version,
        reason=reason,
    )


def aimodel_create(*, organisation, actor, reason: str = "", **data: Any) -> AIModel:
    data = dict(_only(AIMODEL_FIELDS, data))
    links = {"training_datasets": data.pop("training_datasets")} if "training_datasets" in data else {}
    return tenant_create(instance=AIModel(organisation=organisation, **data), actor=actor, reason=reason, links=links)


def aimodel_update(
    *, aimodel: AIModel, actor, expected_version: int | None = None, reason: str = "", **data: Any
) -> AIModel:
    return tenant_update(
        instance=aimodel,
        actor=actor,
        data=_only(AIMODEL_FIELDS, data),
        expected_version=expected_version,
        reason=reason,
    )


def dataset_create(*, organisation, actor, reason: str = "", **data: Any) -> Dataset:
    return tenant_create(
        instance=Dataset(organisation=organisation, **_only(DATASET_FIELDS, data)), actor=actor, reason=reason
    )


def dataset_update(
    *, dataset: Dataset, actor, expected_version: int | None = None, reason: str = "", **data: Any
) -> Dataset:
    return tenant_update(
        instance=dataset,
        actor=actor,
        data=_only(DATASET_FIELDS, data),
        expected_version=expected_version,
        reason=reason,
    )


def record_delete(*, record, actor, expected_version: int | None = None, reason: str = "") -> None:
    """Delete a supplier, model or dataset; links from AI systems disappear with it (and are in the log)."""
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)
