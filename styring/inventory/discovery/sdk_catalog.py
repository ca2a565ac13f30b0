"""The curated list of AI SDKs and services (`data/ai_sdks.yaml`) and matching package names against it.

The data file is checked by strict pydantic models when it is loaded: unknown keys, non-canonical package names,
duplicate ids and unintended overlaps between entries are refused with file, path and reason. See the comment at
the top of the data file for the package-identifier grammar.

Pure Python: no Django import, so this can be used by a command-line scan as well as by the web app.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from .datafiles import DATA_DIR, StrictModel, load_model

SDK_FILE = DATA_DIR / "ai_sdks.yaml"

ECOSYSTEMS = ("pypi", "npm", "maven", "go")
Ecosystem = Literal["pypi", "npm", "maven", "go"]

Category = Literal[
    "llm_api",
    "llm_framework",
    "ml_framework",
    "ml_platform",
    "mlops",
    "model_serving",
    "model_hub",
    "vector_db",
    "nlp",
    "cv",
    "speech",
]
CATEGORY_LABELS: dict[str, str] = {
    "llm_api": "Hosted language-model or generative AI API",
    "llm_framework": "Framework for language-model applications",
    "ml_framework": "Machine-learning framework",
    "ml_platform": "Machine-learning platform",
    "mlops": "Experiment tracking and model management",
    "model_serving": "Running models on own infrastructure",
    "model_hub": "Pre-trained models and model hub",
    "vector_db": "Vector database or embedding search",
    "nlp": "Natural-language processing",
    "cv": "Computer vision",
    "speech": "Speech recognition",
}
# The values of inventory.choices.Sourcing (repeated here to stay free of Django; a test keeps them in step).
Sourcing = Literal["in_house", "third_party", "embedded", "general_purpose"]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


# --- Normalising package names ----------------------------------------------------------------------------------------


def normalize_pypi(name: str) -> str:
    """PEP 503: lowercase, with every run of "-", "_" and "." written as a single "-"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def normalize_name(ecosystem: str, name: str) -> str:
    """The form used for matching. npm, Maven and Go names are compared case-insensitively."""
    name = name.strip()
    if ecosystem == "pypi":
        return normalize_pypi(name)
    return name.lower()


# --- Package patterns -------------------------------------------------------------------------------------------------

_PYPI_NAME = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_PYPI_PATTERN = re.compile(rf"^(?P<name>{_PYPI_NAME})(?P<star>-?\*)?(?:\[(?P<extra>{_PYPI_NAME})\])?$")
_NPM_PATTERN = re.compile(r"^(?P<scope>@[a-z0-9][a-z0-9._-]*/)?(?P<name>[a-z0-9][a-z0-9._-]*)?(?P<star>\*)?$")
_MAVEN_PART = re.compile(r"^(?P<name>[a-z0-9][a-z0-9._-]*)?(?P<star>\*)?$")
_GO_PATTERN = re.compile(r"^(?P<path>[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~+-]+)*)(?P<star>\*)?$")


@dataclass(frozen=True)
class _Part:
    """One string test: exact, plain prefix, or (Go) the path itself and every path below it."""

    value: str
    kind: Literal["exact", "prefix", "subpath"]

    def matches(self, text: str) -> bool:
        if self.kind == "exact":
            return text == self.value
        if self.kind == "prefix":
            return text.startswith(self.value)
        return text == self.value or text.startswith(self.value + "/")

    def overlaps(self, other: _Part) -> bool:
        """True when some string matches both."""
        a, b = sorted((self, other), key=lambda part: ("exact", "subpath", "prefix").index(part.kind))
        if a.kind == "exact":
            return b.matches(a.value)
        if a.kind == "subpath" and b.kind == "subpath":
            return a.matches(b.value) or b.matches(a.value)
        if a.kind == "subpath":  # b is a prefix
            return a.value.startswith(b.value) or b.value.startswith(a.value + "/")
        return a.value.startswith(b.value) or b.value.startswith(a.value)  # two prefixes


@dataclass(frozen=True)
class PackagePattern:
    """A compiled package identifier from the data file."""

    ecosystem: str
    text: str
    parts: tuple[_Part, ...]  # one part; Maven has two (groupId, artifactId)
    extra: str | None = None  # PyPI only: the pattern needs this extra

    def matches(self, name: str, extras: frozenset[str] = frozenset()) -> bool:
        """`name` must already be normalised with normalize_name(); extras with normalize_pypi()."""
        if self.extra is not None and self.extra not in extras:
            return False
        if self.ecosystem == "maven":
            group, sep, artifact = name.partition(":")
            return bool(sep) and self.parts[0].matches(group) and self.parts[1].matches(artifact)
        return self.parts[0].matches(name)

    def overlaps(self, other: PackagePattern) -> bool:
        """True when one dependency could match both patterns (different extras of one package are distinct)."""
        if self.ecosystem != other.ecosystem:
            return False
        if self.extra is not None and other.extra is not None and self.extra != other.extra:
            return False
        return all(mine.overlaps(theirs) for mine, theirs in zip(self.parts, other.parts, strict=True))


def compile_pattern(ecosystem: str, text: str) -> PackagePattern:
    """Parse one package identifier of the data file; ValueError says why it is not valid."""
    if not isinstance(text, str) or not text or text != text.strip():
        raise ValueError(f"{ecosystem} identifier {text!r} must be a non-empty string without surrounding spaces")
    if ecosystem == "pypi":
        match = _PYPI_PATTERN.match(text)
        if not match or "--" in match["name"]:
            raise ValueError(
                f"pypi identifier {text!r} is not a canonical PEP 503 name (lowercase, single '-' between words), "
                "optionally followed by '*', '-*' or one [extra]"
            )
        if match["star"] and match["extra"]:
            raise ValueError(f"pypi identifier {text!r} cannot be both a prefix and an extra")
        name = match["name"] + ("-" if match["star"] == "-*" else "")
        part = _Part(name, "prefix" if match["star"] else "exact")
        return PackagePattern("pypi", text, (part,), match["extra"])
    if ecosystem == "npm":
        match = _NPM_PATTERN.match(text)
        if not match or not (match["name"] or (match["scope"] and match["star"])):
            raise ValueError(f"npm identifier {text!r} is not a lowercase package name, '@scope/name' or '@scope/*'")
        value = (match["scope"] or "") + (match["name"] or "")
        return PackagePattern("npm", text, (_Part(value, "prefix" if match["star"] else "exact"),))
    if ecosystem == "maven":
        group, sep, artifact = text.partition(":")
        parts = []
        for piece in (group, artifact):
            match = _MAVEN_PART.match(piece)
            if not sep or ":" in artifact or not match or not (match["name"] or match["star"]):
                raise ValueError(f"maven identifier {text!r} must be 'groupId:artifactId' (lowercase; '*' at the end)")
            parts.append(_Part(match["name"] or "", "prefix" if match["star"] else "exact"))
        if parts[0].kind == "prefix" and not parts[0].value:
            raise ValueError(f"maven identifier {text!r} must name a groupId")
        return PackagePattern("maven", text, tuple(parts))
    if ecosystem == "go":
        match = _GO_PATTERN.match(text)
        if not match or "." not in match["path"].split("/")[0] or "//" in text:
            raise ValueError(f"go identifier {text!r} is not a module path (a host name, then '/'-separated parts)")
        kind = "prefix" if match["star"] else "subpath"
        return PackagePattern("go", text, (_Part(match["path"].lower(), kind),))
    raise ValueError(f"unknown ecosystem {ecosystem!r}")


# --- The data file ----------------------------------------------------------------------------------------------------


class Packages(StrictModel):
    pypi: list[str] = Field(default_factory=list)
    npm: list[str] = Field(default_factory=list)
    maven: list[str] = Field(default_factory=list)
    go: list[str] = Field(default_factory=list)

    @field_validator("pypi", "npm", "maven", "go")
    @classmethod
    def _valid_identifiers(cls, value: list[str], info) -> list[str]:
        for text in value:
            compile_pattern(info.field_name, text)
        if len({text.lower() for text in value}) != len(value):
            raise ValueError(f"{info.field_name} lists an identifier twice")
        return value

    def patterns(self) -> list[PackagePattern]:
        return [compile_pattern(ecosystem, text) for ecosystem in ECOSYSTEMS for text in getattr(self, ecosystem)]


class SdkEntry(StrictModel):
    id: Id
    name: Name
    vendor: Name
    category: Category
    description: Text
    hosted: bool = False
    signal: Literal["strong", "weak"] = "strong"
    sourcing: Sourcing = "in_house"
    overlaps: list[Id] = Field(default_factory=list)
    packages: Packages

    @model_validator(mode="after")
    def _has_packages(self) -> SdkEntry:
        if not self.packages.patterns():
            raise ValueError("list at least one package identifier")
        if self.id in self.overlaps:
            raise ValueError("an entry cannot overlap with itself")
        return self


class SdkCatalogFile(StrictModel):
    schema_version: Literal[1]
    sdks: list[SdkEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> SdkCatalogFile:
        ids = [entry.id for entry in self.sdks]
        duplicates = sorted({sdk_id for sdk_id in ids if ids.count(sdk_id) > 1})
        if duplicates:
            raise ValueError(f"duplicate SDK ids: {', '.join(duplicates)}")
        for entry in self.sdks:
            unknown = sorted(set(entry.overlaps) - set(ids))
            if unknown:
                raise ValueError(f"{entry.id}: overlaps names unknown SDK ids: {', '.join(unknown)}")
        claims = find_overlaps(self.sdks)
        declared = {frozenset((entry.id, other)) for entry in self.sdks for other in entry.overlaps}
        for pair, examples in sorted(claims.items(), key=lambda item: sorted(item[0])):
            first, second = sorted(pair)
            same = [a for a, b in examples if a.text.lower() == b.text.lower() and a.extra == b.extra]
            if same:
                raise ValueError(f"{first} and {second} both claim {same[0].ecosystem} {same[0].text!r}; keep one")
            if pair not in declared:
                a, b = examples[0]
                raise ValueError(
                    f"{first} and {second} overlap ({a.ecosystem} {a.text!r} / {b.text!r}); "
                    f"if intended, list one under the other's `overlaps`"
                )
        stale = sorted(tuple(sorted(pair)) for pair in declared - set(claims))
        if stale:
            raise ValueError(f"{stale[0][0]} and {stale[0][1]} are declared to overlap but share no package")
        return self


def find_overlaps(entries: list[SdkEntry]) -> dict[frozenset[str], list[tuple[PackagePattern, PackagePattern]]]:
    """Pairs of entries that could both match one dependency, with the pairs of patterns responsible."""
    compiled = [(entry.id, entry.packages.patterns()) for entry in entries]
    found: dict[frozenset[str], list[tuple[PackagePattern, PackagePattern]]] = {}
    for (first_id, first), (second_id, second) in combinations(compiled, 2):
        for a in first:
            for b in second:
                if a.overlaps(b):
                    found.setdefault(frozenset((first_id, second_id)), []).append((a, b))
    return found


# --- Matching ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SdkMatch:
    sdk: SdkEntry
    pattern: str  # the data-file identifier that matched


class SdkCatalog:
    """The validated entries, indexed for matching dependencies."""

    def __init__(self, document: SdkCatalogFile):
        self.entries: tuple[SdkEntry, ...] = tuple(document.sdks)
        self.by_id: dict[str, SdkEntry] = {entry.id: entry for entry in self.entries}
        self._order = {entry.id: position for position, entry in enumerate(self.entries)}
        self._exact: dict[tuple[str, str], list[tuple[SdkEntry, PackagePattern]]] = {}
        self._other: dict[str, list[tuple[SdkEntry, PackagePattern]]] = {ecosystem: [] for ecosystem in ECOSYSTEMS}
        for entry in self.entries:
            for pattern in entry.packages.patterns():
                exact = pattern.extra is None and all(part.kind == "exact" for part in pattern.parts)
                if exact:
                    key = ":".join(part.value for part in pattern.parts)
                    self._exact.setdefault((pattern.ecosystem, key), []).append((entry, pattern))
                else:
                    self._other[pattern.ecosystem].append((entry, pattern))

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, ecosystem: str, name: str, extras: tuple[str, ...] | frozenset[str] = ()) -> list[SdkMatch]:
        """Every entry that claims this dependency (at most one match per entry), in data-file order."""
        if ecosystem not in self._other:
            return []
        key = normalize_name(ecosystem, name)
        wanted_extras = frozenset(normalize_pypi(extra) for extra in extras)
        hits = list(self._exact.get((ecosystem, key), ()))
        hits += [(entry, pattern) for entry, pattern in self._other[ecosystem] if pattern.matches(key, wanted_extras)]
        seen: dict[str, SdkMatch] = {}
        for entry, pattern in hits:
            seen.setdefault(entry.id, SdkMatch(entry, pattern.text))
        return sorted(seen.values(), key=lambda found: self._order[found.sdk.id])


def read_sdk_catalog(path: Path = SDK_FILE) -> SdkCatalog:
    """Read and validate a data file (uncached; raises DataFileError)."""
    return SdkCatalog(load_model(path, SdkCatalogFile))


@functools.cache
def load_sdk_catalog() -> SdkCatalog:
    """The shipped catalog, read once per process."""
    return read_sdk_catalog(SDK_FILE)
