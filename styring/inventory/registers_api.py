"""API for the inventory registers: suppliers, AI models, datasets."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Router, Schema

from styring.core.api import StrictSchema, patch_schema_for
from styring.core.api_crud import add_crud_routes
from styring.core.permissions import Perm
from styring.core.scoping import get_for_organisation, member_reference

from . import selectors, services
from .choices import DueDiligenceStatus, ModelApproach
from .models import Supplier

router = Router(tags=["inventory registers"])
DueDiligence = Literal[tuple(DueDiligenceStatus.values)]
Approach = Literal[tuple(ModelApproach.values)]


def _resolve(organisation, data: dict) -> dict:
    """Owner and supplier ids in the input must be of the same organisation (404 otherwise)."""
    if "owner" in data:
        data["owner"] = member_reference(organisation, data["owner"])
    if "supplier" in data:
        supplier_id = data["supplier"]
        data["supplier"] = (
            None if supplier_id is None else get_for_organisation(Supplier, organisation, public_id=supplier_id)
        )
    return {
        key: ("" if value is None and key not in ("owner", "supplier") and not key.endswith("date") else value)
        for key, value in data.items()
    }


class _Out(Schema):
    id: UUID
    version: int
    name: str
    owner: UUID | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(record):
        return record.public_id

    @staticmethod
    def resolve_owner(record):
        return record.owner.public_id if record.owner_id else None


class SupplierOut(_Out):
    website: str
    country: str
    contact: str
    services: str
    due_diligence_status: str
    due_diligence_date: date | None
    notes: str
    review_date: date | None


class SupplierWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    website: str = Field("", max_length=200)
    country: str = Field("", max_length=100)
    contact: str = Field("", max_length=200)
    services: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    due_diligence_status: DueDiligence = DueDiligenceStatus.NOT_STARTED.value
    due_diligence_date: date | None = Field(None, strict=False)
    notes: str = Field("", max_length=10_000)
    review_date: date | None = Field(None, strict=False)
    reason: str = Field("", max_length=1000)


SupplierPatch = patch_schema_for(SupplierWrite, "SupplierPatch")


class _SupplierLink(Schema):
    supplier: UUID | None

    @staticmethod
    def resolve_supplier(record):
        return record.supplier.public_id if record.supplier_id else None


class AIModelOut(_Out, _SupplierLink):
    model_version: str
    approach: str
    task: str
    architecture: str
    description: str
    licence: str
    limitations: str
    evaluation: str
    bom_ref: str


class AIModelWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    model_version: str = Field("", max_length=100)
    approach: Approach = ModelApproach.SUPERVISED.value
    task: str = Field("", max_length=200)
    architecture: str = Field("", max_length=200)
    description: str = Field("", max_length=10_000)
    supplier: UUID | None = Field(None, strict=False)
    licence: str = Field("", max_length=200)
    limitations: str = Field("", max_length=10_000)
    evaluation: str = Field("", max_length=10_000)
    owner: UUID | None = Field(None, strict=False)
    bom_ref: str = Field("", max_length=300)
    reason: str = Field("", max_length=1000)


AIModelPatch = patch_schema_for(AIModelWrite, "AIModelPatch")


class DatasetOut(_Out, _SupplierLink):
    description: str
    source: str
    provenance: str
    personal_data: bool
    special_category_data: bool
    quality_checks: str
    licence: str
    bom_ref: str


class DatasetWrite(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    source: str = Field("", max_length=300)
    provenance: str = Field("", max_length=10_000)
    personal_data: bool = False
    special_category_data: bool = False
    quality_checks: str = Field("", max_length=10_000)
    licence: str = Field("", max_length=200)
    supplier: UUID | None = Field(None, strict=False)
    owner: UUID | None = Field(None, strict=False)
    bom_ref: str = Field("", max_length=300)
    reason: str = Field("", max_length=1000)


DatasetPatch = patch_schema_for(DatasetWrite, "DatasetPatch")


_PERMS = {
    "view_permission": Perm.INVENTORY_VIEW,
    "change_permission": Perm.INVENTORY_CHANGE,
    "delete_permission": Perm.INVENTORY_DELETE,
}

add_crud_routes(
    router,
    path="suppliers",
    model_name="supplier",
    tag_name="suppliers",
    out_schema=SupplierOut,
    write_schema=SupplierWrite,
    patch_schema=SupplierPatch,
    selector=selectors.suppliers_of,
    create=services.supplier_create,
    update=lambda record, **kw: services.supplier_update(supplier=record, **kw),
    delete=services.record_delete,
    resolve=_resolve,
    **_PERMS,
)
add_crud_routes(
    router,
    path="ai-models",
    model_name="aimodel",
    tag_name="AI models",
    out_schema=AIModelOut,
    write_schema=AIModelWrite,
    patch_schema=AIModelPatch,
    selector=selectors.aimodels_of,
    create=services.aimodel_create,
    update=lambda record, **kw: services.aimodel_update(aimodel=record, **kw),
    delete=services.record_delete,
    resolve=_resolve,
    **_PERMS,
)
add_crud_routes(
    router,
    path="datasets",
    model_name="dataset",
    tag_name="datasets",
    out_schema=DatasetOut,
    write_schema=DatasetWrite,
    patch_schema=DatasetPatch,
    selector=selectors.datasets_of,
    create=services.dataset_create,
    update=lambda record, **kw: services.dataset_update(dataset=record, **kw),
    delete=services.record_delete,
    resolve=_resolve,
    **_PERMS,
)
