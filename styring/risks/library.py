"""The starter library of typical AI risks (`data/risk-library.yaml`): read, and copied into a register."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field

from styring.core.data_i18n import translate

LIBRARY_FILE = Path(__file__).resolve().parent / "data" / "risk-library.yaml"
# Translations of the texts of the library and of the impact-assessment questions.
TRANSLATIONS_DIR = LIBRARY_FILE.parent / "translations"
ISO42001 = "iso42001:2023"


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    title: str
    description: str
    risk_source: str
    consequences_organisation: str = ""
    consequences_individuals: str = ""
    consequences_society: str = ""
    treatment: str = ""
    controls: tuple[str, ...] = ()
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)

    def localized(self, field: str) -> str:
        return translate(TRANSLATIONS_DIR, getattr(self, field))


class Library(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_: Literal[1] = Field(alias="schema")
    risks: tuple[Entry, ...]


@cache
def library() -> tuple[Entry, ...]:
    return Library.model_validate(yaml.safe_load(LIBRARY_FILE.read_text(encoding="utf-8"))).risks


def rescale(value: int, size: int) -> int:
    """A typical rating on a 5-step scale mapped to a scale of `size` steps."""
    return max(1, min(size, round(value * size / 5)))


def library_copy(*, organisation, actor, keys: list[str]) -> list:
    """Copy the chosen entries into the register as new risks, all or none. Ratings are suggestions on the current
    method; the treatment text becomes the treatment plan."""
    from styring.catalog.models import Requirement

    from .services import risk_create, risk_method_ensure

    entries = {entry.key: entry for entry in library()}
    unknown = [key for key in keys if key not in entries]
    if unknown or not keys:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(_("Choose risks from the library."))
    sources = {
        requirement.ref: requirement
        for requirement in Requirement.objects.filter(version__key=ISO42001, kind="risk_source")
    }
    created = []
    with transaction.atomic():
        method = risk_method_ensure(organisation=organisation, actor=actor)
        for key in dict.fromkeys(keys):
            entry = entries[key]
            created.append(
                risk_create(
                    organisation=organisation,
                    actor=actor,
                    reason=f"Copied from the starter library ({entry.key})",
                    title=entry.localized("title")[:300],
                    description=entry.localized("description"),
                    risk_source=sources.get(entry.risk_source),
                    consequences_organisation=entry.localized("consequences_organisation"),
                    consequences_individuals=entry.localized("consequences_individuals"),
                    consequences_society=entry.localized("consequences_society"),
                    treatment_plan=entry.localized("treatment"),
                    inherent_likelihood=rescale(entry.likelihood, len(method.likelihood)),
                    inherent_impact=rescale(entry.impact, len(method.impact)),
                )
            )
    return created
