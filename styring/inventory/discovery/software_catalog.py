"""Business software with embedded AI (`data/business_software.yaml`), offered as a checklist to propose AI systems.

`load_software_catalog()` returns the validated products (read once per process); `candidates_from_selection(ids)`
turns the products a person ticked into candidate dicts for the review queue, with the same `suggested_*` keys as
`manifests.Candidate.to_dict()`.

Pure Python: no Django import.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from .datafiles import DATA_DIR, StrictModel, load_model
from .sdk_catalog import ID_PATTERN, Sourcing

SOFTWARE_FILE = DATA_DIR / "business_software.yaml"

Category = Literal[
    "productivity",
    "crm",
    "hr",
    "itsm",
    "erp",
    "marketing",
    "support",
    "design",
    "collaboration",
    "development",
    "general_assistant",
]
CATEGORY_LABELS: dict[str, str] = {
    "productivity": "Office and productivity",
    "crm": "Customer relationship management",
    "hr": "HR and recruiting",
    "itsm": "IT service management",
    "erp": "Enterprise resource planning",
    "marketing": "Marketing",
    "support": "Customer support",
    "design": "Design and content",
    "collaboration": "Collaboration",
    "development": "Software development and AI platforms",
    "general_assistant": "General-purpose AI assistant",
}
Likelihood = Literal["likely", "possible", "unlikely"]
# Values of inventory.choices (IsoRole, AiActRole, LifecycleStage, AiActClass); a test keeps them in step.
IsoRole = Literal["provider", "producer", "customer", "partner", "subject"]
AiActRole = Literal[
    "provider", "deployer", "importer", "distributor", "authorised_representative", "product_manufacturer"
]
LifecycleStage = Literal[
    "planning", "development", "testing", "deployment", "operation", "monitoring", "decommissioned"
]
AiActClass = Literal["minimal", "transparency", "high_risk"]

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
AnnexPoint = Annotated[str, StringConstraints(pattern=r"^[1-8]\([a-e]\)$")]


class AiFeature(StrictModel):
    name: Name
    description: Text


class DataProcessed(StrictModel):
    description: Text
    personal_data: Likelihood
    special_category_data: Likelihood


class AiActHint(StrictModel):
    likely_class: AiActClass
    annex_iii: list[AnnexPoint] = Field(default_factory=list)
    note: Text

    @model_validator(mode="after")
    def _high_risk_names_annex_point(self) -> AiActHint:
        if self.likely_class == "high_risk" and not self.annex_iii:
            raise ValueError("a likely high-risk product must name the Annex III points (annex_iii)")
        return self


class Product(StrictModel):
    id: Id
    product: Name
    vendor: Name
    category: Category
    sourcing: Sourcing
    summary: Text
    ai_features: list[AiFeature] = Field(min_length=1)
    data: DataProcessed
    ai_act: AiActHint
    iso_roles: list[IsoRole] = Field(default_factory=lambda: ["customer"], min_length=1)
    ai_act_roles: list[AiActRole] = Field(default_factory=lambda: ["deployer"], min_length=1)
    lifecycle_stage: LifecycleStage = "operation"

    @model_validator(mode="after")
    def _distinct(self) -> Product:
        for field_name in ("iso_roles", "ai_act_roles"):
            values = getattr(self, field_name)
            if len(set(values)) != len(values):
                raise ValueError(f"{field_name} lists a role twice")
        names = [feature.name.lower() for feature in self.ai_features]
        if len(set(names)) != len(names):
            raise ValueError("two AI features have the same name")
        return self

    def to_candidate(self) -> dict[str, Any]:
        """A candidate dict for the review queue (keys shared with manifest candidates where they mean the same)."""
        features = "; ".join(feature.name for feature in self.ai_features)
        purpose = (
            f"{self.summary} AI features that may be in use: {features}. "
            "Keep the features your organisation has switched on and describe what staff use them for."
        )
        return {
            "source": "software_catalog",
            "key": self.id,
            "name": self.product,
            "vendor": self.vendor,
            "category": self.category,
            "category_label": CATEGORY_LABELS[self.category],
            "description": self.summary,
            "ai_features": [feature.model_dump() for feature in self.ai_features],
            "data": self.data.model_dump(),
            "ai_act_likely_class": self.ai_act.likely_class,
            "ai_act_annex_iii": list(self.ai_act.annex_iii),
            "ai_act_hint": self.ai_act.note,
            "suggested_name": self.product,
            "suggested_purpose": purpose,
            "suggested_sourcing": self.sourcing,
            "suggested_supplier": self.vendor,
            "suggested_iso_roles": list(self.iso_roles),
            "suggested_ai_act_roles": list(self.ai_act_roles),
            "suggested_lifecycle_stage": self.lifecycle_stage,
            "suggested_processes_personal_data": self.data.personal_data != "unlikely",
        }


class SoftwareCatalogFile(StrictModel):
    schema_version: Literal[1]
    products: list[Product] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> SoftwareCatalogFile:
        for label, values in (
            ("ids", [product.id for product in self.products]),
            ("product names", [product.product.lower() for product in self.products]),
        ):
            duplicates = sorted({value for value in values if values.count(value) > 1})
            if duplicates:
                raise ValueError(f"duplicate {label}: {', '.join(duplicates)}")
        return self


def read_software_catalog(path: Path = SOFTWARE_FILE) -> tuple[Product, ...]:
    """Read and validate a data file (uncached; raises DataFileError)."""
    return tuple(load_model(path, SoftwareCatalogFile).products)


@functools.cache
def load_software_catalog() -> tuple[Product, ...]:
    """The shipped products, validated, read once per process."""
    return read_software_catalog(SOFTWARE_FILE)


def candidates_from_selection(ids: Iterable[str]) -> list[dict[str, Any]]:
    """Candidate dicts for the selected product ids, in the order given (repeats ignored).

    Raises ValueError naming every unknown id, before producing anything.
    """
    if isinstance(ids, str | bytes):
        raise TypeError("ids must be a list of product ids, not a single string")
    products = {product.id: product for product in load_software_catalog()}
    selected = list(dict.fromkeys(ids))
    unknown = [
        repr(product_id) for product_id in selected if not isinstance(product_id, str) or product_id not in products
    ]
    if unknown:
        raise ValueError(f"unknown business software id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}")
    return [products[product_id].to_candidate() for product_id in selected]
