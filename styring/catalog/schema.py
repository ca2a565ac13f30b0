"""The format of catalog data files, as strict pydantic models. See docs/catalog-format.md.

A file that does not match is refused whole, with the file, the path inside it and the reason.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .choices import FrameworkKind, NodeKind, Relationship

SCHEMA_VERSION = 1
LANGUAGES = ("nb", "da", "zh-hans")
CODE_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .()\-/]*$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Limits match the database columns, so a too-long value is refused by the loader on SQLite too (PostgreSQL enforces
# column lengths, SQLite does not).
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Translation(_Strict):
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)] | None = None
    description: LongText | None = None
    name: Name | None = None


Translations = dict[Literal["nb", "da", "zh-hans"], Translation]


class FrameworkInfo(_Strict):
    code: Annotated[str, StringConstraints(pattern=CODE_PATTERN, max_length=60)]
    name: Name
    publisher: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    kind: Literal[tuple(FrameworkKind.values)]
    description: LongText = ""
    translations: Translations = Field(default_factory=dict)


class VersionInfo(_Strict):
    version: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$", max_length=40)]
    title: Title
    published: datetime.date | None = None
    status: LongText = ""
    source: Text
    notes: LongText = ""


AttributeValue = str | int | bool | list[str]


class Node(_Strict):
    ref: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    kind: Literal[tuple(NodeKind.values)]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
    description: LongText = ""
    evidence: LongText = ""
    documented_information: bool = False
    assessable: bool | None = None
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)
    translations: Translations = Field(default_factory=dict)
    children: list[Node] = Field(default_factory=list)

    @field_validator("ref")
    @classmethod
    def ref_is_plain(cls, value: str) -> str:
        if not REF_PATTERN.match(value):
            raise ValueError("a ref may contain letters, digits, spaces, dots, hyphens, slashes and parentheses")
        return value


class DateEntry(_Strict):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
    date: datetime.date
    title: Title
    description: LongText = ""
    applies_to: list[str] = Field(default_factory=list)
    source: Text
    translations: Translations = Field(default_factory=dict)


class FrameworkFile(_Strict):
    schema_version: Literal[1] = Field(alias="schema")
    type: Literal["framework"]
    framework: FrameworkInfo
    version: VersionInfo
    nodes: list[Node] = Field(min_length=1)
    dates: list[DateEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def refs_are_unique(self) -> FrameworkFile:
        seen: set[str] = set()
        for path, node in walk(self.nodes):
            if node.ref in seen:
                raise ValueError(f"{path}: duplicate ref {node.ref!r}")
            seen.add(node.ref)
        date_keys = [entry.key for entry in self.dates]
        duplicates = {key for key in date_keys if date_keys.count(key) > 1}
        if duplicates:
            raise ValueError(f"dates: duplicate key(s) {', '.join(sorted(duplicates))}")
        for index, entry in enumerate(self.dates):
            for ref in entry.applies_to:
                if ref not in seen:
                    raise ValueError(f"dates[{index}].applies_to: unknown ref {ref!r}")
        return self


class MappingEntry(_Strict):
    source: Text = Field(alias="from")
    target: Text = Field(alias="to")
    relationship: Literal[tuple(Relationship.values)]
    rationale: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class CrosswalkFile(_Strict):
    schema_version: Literal[1] = Field(alias="schema")
    type: Literal["crosswalk"]
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.\-_]*$", max_length=200)]
    title: Title
    source: Text
    source_version: Text = Field(alias="from")
    target_version: Text = Field(alias="to")
    mappings: list[MappingEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def pairs_are_unique(self) -> CrosswalkFile:
        seen: set[tuple[str, str]] = set()
        for index, mapping in enumerate(self.mappings):
            pair = (mapping.source, mapping.target)
            if pair in seen:
                raise ValueError(f"mappings[{index}]: duplicate pair {mapping.source} → {mapping.target}")
            seen.add(pair)
        return self


def walk(nodes: list[Node], prefix: str = "nodes"):
    """(path, node) for every node, depth first in document order."""
    for index, node in enumerate(nodes):
        path = f"{prefix}[{index}]"
        yield path, node
        yield from walk(node.children, f"{path}.children")
