"""Finding AI SDKs and services in dependency manifests, to propose AI systems for the inventory.

`scan_manifest(filename, content)` reads one uploaded manifest and returns a `ScanResult`: one `Candidate` per known
AI SDK or service found (see `data/ai_sdks.yaml`), plus warnings about lines it could not use.

Supported files, told apart by their file name:
- requirements files (`requirements.txt`, `requirements-dev.txt`, `dev-requirements.in`, `requirements/base.txt`)
- `pyproject.toml`: PEP 621 `[project]` dependencies and optional dependencies, PEP 735 `[dependency-groups]`,
  Poetry (`[tool.poetry.dependencies]`, groups, legacy dev-dependencies), uv and PDM dev dependencies
- `package.json`: dependencies, devDependencies, peerDependencies, optionalDependencies (npm aliases resolved)
- `pom.xml` (or `*.pom`): every `<dependency>`, with `${property}` versions filled in from `<properties>`
- `go.mod`: `require` lines and blocks

Safety: nothing is executed or fetched. Files over 2 MB, non-UTF-8 or binary content, and XML with a DOCTYPE or
entity declaration are refused with a `ManifestError` (a ValueError) that names the file and the reason. No other
exception escapes `scan_manifest` (a property-based test feeds it random input).

Pure Python: no Django import.
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
import xml.etree.ElementTree as ET
import xml.parsers.expat
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from .sdk_catalog import CATEGORY_LABELS, SdkCatalog, SdkEntry, load_sdk_catalog, normalize_pypi

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
MAX_WARNINGS = 50
MANIFEST_TYPES = {
    "requirements": "pypi",
    "pyproject": "pypi",
    "package_json": "npm",
    "pom": "maven",
    "go_mod": "go",
}
SUPPORTED_FILES = "requirements*.txt, pyproject.toml, package.json, pom.xml, go.mod"
# Names of dependency groups, extras and scopes that usually hold tooling rather than the product itself.
DEV_GROUP_NAMES = frozenset(
    {"dev", "develop", "development", "test", "tests", "testing", "lint", "linting", "docs", "doc", "typing",
     "types", "mypy", "ci", "qa", "style", "format", "check", "checks", "coverage", "benchmark", "bench"}
)  # fmt: skip


class ManifestError(ValueError):
    """The manifest cannot be read; the message names the file and the reason (safe to show to the user)."""

    def __init__(self, filename: str, reason: str):
        self.filename, self.reason = filename, reason
        super().__init__(f"{filename}: {reason}")


# --- Results ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dependency:
    """One declared dependency, as written in the manifest."""

    ecosystem: str  # pypi, npm, maven or go
    name: str  # the real package (for an npm alias, the aliased package)
    version: str = ""  # the version constraint as written ("" when none)
    line: int | None = None  # 1-based, when known
    section: str = ""  # where it was declared, e.g. "project.optional-dependencies.ml", "devDependencies"
    extras: tuple[str, ...] = ()
    marker: str = ""  # PEP 508 environment marker, kept as written (not evaluated)
    dev: bool = False  # declared for development or tests only
    alias: str = ""  # npm: the name the project imports it under


@dataclass(frozen=True)
class PackageMatch:
    ecosystem: str
    name: str
    version: str
    line: int | None
    section: str
    dev: bool
    pattern: str  # the identifier in data/ai_sdks.yaml that matched


@dataclass(frozen=True)
class Candidate:
    """A proposed AI-system record: one AI SDK or service found in one manifest."""

    sdk_id: str
    name: str
    vendor: str
    category: str
    category_label: str
    description: str
    hosted: bool
    signal: str  # "strong", or "weak" when the package is often used without AI
    packages: tuple[PackageMatch, ...]
    manifest: str
    line: int | None
    dev_only: bool
    suggested_name: str
    suggested_purpose: str
    suggested_sourcing: str
    suggested_supplier: str
    suggested_iso_roles: tuple[str, ...]
    suggested_ai_act_roles: tuple[str, ...]
    roles_hint: str

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["source"] = "manifest"
        data["key"] = self.sdk_id
        data["packages"] = [asdict(match) for match in self.packages]
        data["suggested_iso_roles"] = list(self.suggested_iso_roles)
        data["suggested_ai_act_roles"] = list(self.suggested_ai_act_roles)
        return data


@dataclass
class ScanResult:
    filename: str
    manifest_type: str  # requirements, pyproject, package_json, pom or go_mod
    ecosystem: str
    project_name: str = ""
    dependencies: list[Dependency] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "manifest_type": self.manifest_type,
            "ecosystem": self.ecosystem,
            "project_name": self.project_name,
            "dependency_count": len(self.dependencies),
            "candidates": [candidate.to_dict() for candidate in self.candidates],
            "warnings": list(self.warnings),
        }


@dataclass
class ParsedManifest:
    manifest_type: str
    project_name: str = ""
    dependencies: list[Dependency] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- Entry points -----------------------------------------------------------------------------------------------------


def scan_manifest(filename: str, content: bytes, *, catalog: SdkCatalog | None = None) -> ScanResult:
    """Parse one manifest and propose an AI-system candidate per known AI SDK or service it depends on."""
    parsed = parse_manifest(filename, content)
    catalog = catalog or load_sdk_catalog()
    shown = _display_name(filename)
    return ScanResult(
        filename=shown,
        manifest_type=parsed.manifest_type,
        ecosystem=MANIFEST_TYPES[parsed.manifest_type],
        project_name=parsed.project_name,
        dependencies=parsed.dependencies,
        candidates=match_dependencies(parsed.dependencies, shown, parsed.project_name, catalog),
        warnings=_capped(parsed.warnings),
    )


def parse_manifest(filename: str, content: bytes) -> ParsedManifest:
    """The dependencies declared in one manifest, without matching them. Raises only ManifestError."""
    shown = _display_name(filename)
    manifest_type = detect_manifest_type(filename)
    text = _decode(shown, content)
    parser = _PARSERS[manifest_type]
    try:
        result = parser(shown, text)
    except ManifestError:
        raise
    except RecursionError as exc:
        raise ManifestError(shown, "is nested too deeply to read") from exc
    except Exception as exc:  # a last resort: an unforeseen input must not become a server error
        logger.exception("Unexpected error while parsing manifest %r", shown)
        reason = f"unexpected parser error ({type(exc).__name__}); the file could not be read"
        raise ManifestError(shown, reason) from exc
    result.manifest_type = manifest_type
    return result


def detect_manifest_type(filename: str) -> str:
    """The manifest type, from the file name alone; ManifestError for a name we do not read."""
    shown = _display_name(filename)
    if not isinstance(filename, str) or not filename.strip():
        raise ManifestError(shown, "has no file name; name the file (for example requirements.txt)")
    parts = [part for part in re.split(r"[\\/]+", filename.strip()) if part]
    base = parts[-1].lower() if parts else ""
    parent = parts[-2].lower() if len(parts) > 1 else ""
    if base == "pyproject.toml":
        return "pyproject"
    if base == "package.json":
        return "package_json"
    if base == "pom.xml" or (base.endswith(".pom") and len(base) > 4):
        return "pom"
    if base == "go.mod":
        return "go_mod"
    if re.fullmatch(r"(?:.*[-_.])?requirements(?:[-_.].*)?\.(?:txt|in)", base) or (
        parent == "requirements" and base.endswith((".txt", ".in"))
    ):
        return "requirements"
    raise ManifestError(shown, f"is not a supported manifest (supported: {SUPPORTED_FILES})")


def _display_name(filename: object) -> str:
    """The file name as shown in messages: printable, at most 200 characters."""
    if not isinstance(filename, str):
        return "(unnamed file)"
    cleaned = "".join(char if char.isprintable() else "?" for char in filename.strip())
    if len(cleaned) > 200:
        cleaned = cleaned[:197] + "..."
    return cleaned or "(unnamed file)"


def _decode(shown: str, content: object) -> str:
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    if isinstance(content, memoryview | bytearray):
        content = bytes(content)
    if not isinstance(content, bytes):
        raise ManifestError(shown, "the content must be bytes")
    if len(content) > MAX_BYTES:
        size = len(content) / (1024 * 1024)
        raise ManifestError(shown, f"is too large ({size:.1f} MB); the limit is {MAX_BYTES // (1024 * 1024)} MB")
    if b"\x00" in content:
        raise ManifestError(shown, "looks like a binary file (it contains NUL bytes), not a text manifest")
    try:
        return content.decode("utf-8-sig")  # accepts and drops a UTF-8 byte-order mark
    except UnicodeDecodeError as exc:
        raise ManifestError(
            shown, f"is not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8 and upload it again"
        ) from exc


def _capped(warnings: list[str]) -> list[str]:
    if len(warnings) <= MAX_WARNINGS:
        return list(warnings)
    return [*warnings[:MAX_WARNINGS], f"{len(warnings) - MAX_WARNINGS} more warnings not shown."]


# --- PEP 508 requirements (requirements files and pyproject.toml) -----------------------------------------------------

_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_NAME_FULL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
_VERSION_CLAUSE = r"\s*(?:===|==|!=|~=|<=|>=|<|>)\s*[A-Za-z0-9*+!._-]+\s*"
_SPECIFIER = re.compile(rf"^{_VERSION_CLAUSE}(?:,{_VERSION_CLAUSE})*$")


class _RequirementError(ValueError):
    pass


@dataclass(frozen=True)
class _Requirement:
    name: str
    extras: tuple[str, ...]
    version: str
    marker: str
    url: str
    note: str = ""  # a problem worth a warning, although the name could be read


def parse_requirement(text: str) -> _Requirement:
    """A PEP 508 requirement string, read leniently; _RequirementError when no package name can be read."""
    text = text.strip()
    match = _NAME.match(text)
    if not match:
        raise _RequirementError("does not start with a package name")
    name, rest = match.group(0), text[match.end() :].lstrip()
    extras: tuple[str, ...] = ()
    if rest.startswith("["):
        close = rest.find("]")
        if close == -1:
            raise _RequirementError(f"{name}: the list of extras is not closed with ']'")
        extras = tuple(extra.strip() for extra in rest[1:close].split(",") if extra.strip())
        if not all(_NAME_FULL.match(extra) for extra in extras):
            raise _RequirementError(f"{name}: an extra is not a valid name")
        rest = rest[close + 1 :].lstrip()
    if rest.startswith("@"):  # a direct reference: name @ url ; marker (the marker needs a space before ";")
        body = rest[1:]
        split = re.search(r"\s;", body)
        url, marker = (body[: split.start()], body[split.end() :]) if split else (body, "")
        url = url.strip()
        return _Requirement(name, extras, f"@ {url}"[:200] if url else "", marker.strip(), url)
    spec, _, marker = rest.partition(";")
    spec = spec.strip()
    if spec.startswith("(") and spec.endswith(")"):
        spec = spec[1:-1].strip()
    note = ""
    if spec and not _SPECIFIER.match(spec):
        note = f"{name}: unusual version constraint {spec[:60]!r}"
    return _Requirement(name, extras, spec, marker.strip(), "", note)


def _name_from_url(url: str) -> str:
    """A package name from `#egg=name`, a wheel or a source-archive file name; "" when none."""
    egg = re.search(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)", url)
    if egg:
        return egg.group(1)
    path = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    base = path.rsplit("/", 1)[-1]
    wheel = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._]*)-[^-]+(?:-[^-]+)?-[^-]+-[^-]+-[^-]+\.whl", base)
    if wheel:
        return wheel.group(1)
    sdist = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*?)-v?\d[^/]*\.(?:tar\.gz|tgz|zip|tar\.bz2)", base)
    if sdist:
        return sdist.group(1)
    return ""


def _lines(text: str) -> list[str]:
    """Physical lines as editors number them (str.splitlines also breaks at form feeds and other separators)."""
    return re.split(r"\r\n|\r|\n", text)


def _is_dev_group(name: str) -> bool:
    return normalize_pypi(name) in DEV_GROUP_NAMES


# --- requirements.txt -------------------------------------------------------------------------------------------------

_IGNORED_OPTIONS = re.compile(
    r"^(?:-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-index|--pre|--prefer-binary|"
    r"--no-binary|--only-binary|--require-hashes|--use-feature|--use-pep517|--no-build-isolation|--progress-bar)"
    r"(?:[\s=]|$)"
)
_INCLUDE_OPTION = re.compile(r"^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s-]))(?P<target>\S*)")
_EDITABLE_OPTION = re.compile(r"^(?:-e|--editable)(?:\s*=\s*|\s+)(?P<target>\S+)")
_PER_REQUIREMENT_OPTION = re.compile(r"\s(?:--hash|--global-option|--install-option|--config-settings|-C)(?:[\s=]|$)")
_URL_START = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|git\+|hg\+|svn\+|bzr\+|file:)")


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Lines with backslash continuations joined, each with the number of the line it starts on."""
    result: list[tuple[int, str]] = []
    buffer: list[str] = []
    start = 0
    for number, line in enumerate(_lines(text), start=1):
        if not buffer:
            start = number
        if line.endswith("\\") and not line.lstrip().startswith("#"):
            buffer.append(line[:-1])
            continue
        buffer.append(line)
        result.append((start, " ".join(buffer)))
        buffer = []
    if buffer:
        result.append((start, " ".join(buffer)))
    return result


def _parse_requirements(shown: str, text: str) -> ParsedManifest:
    result = ParsedManifest("requirements")
    base = re.split(r"[\\/]", shown.lower())[-1]
    dev = bool(re.search(r"(?:^|[-_.])(?:dev|test|tests|testing|docs|lint)(?:[-_.]|$)", base))
    for number, raw in _logical_lines(text):
        line = re.sub(r"(?:^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        where = f"line {number}"
        include = _INCLUDE_OPTION.match(line)
        if include:
            target = include["target"] or "another file"
            result.warnings.append(
                f"{where}: '{line[:80]}' refers to {target}, which was not read; upload it separately."
            )
            continue
        editable = _EDITABLE_OPTION.match(line)
        if editable:
            line = editable["target"]
        elif line.startswith("-"):
            if not _IGNORED_OPTIONS.match(line):
                result.warnings.append(f"{where}: option '{line.split()[0][:40]}' ignored.")
            continue
        option = _PER_REQUIREMENT_OPTION.search(line)
        if option:
            line = line[: option.start()].strip()
        url = ""
        if _URL_START.match(line) or line.startswith((".", "/", "~")) or re.match(r"^[A-Za-z]:[\\/]", line):
            url = line.split(";", 1)[0].strip()
            name = _name_from_url(url)
            if not name:
                result.warnings.append(f"{where}: cannot tell the package name of '{url[:80]}'; it was skipped.")
                continue
            requirement = _Requirement(name, (), f"@ {url}"[:200], "", url)
        else:
            try:
                requirement = parse_requirement(line)
            except _RequirementError as exc:
                result.warnings.append(f"{where}: not a valid requirement ({exc}); it was skipped.")
                continue
        if requirement.note:
            result.warnings.append(f"{where}: {requirement.note}.")
        result.dependencies.append(
            Dependency(
                ecosystem="pypi",
                name=requirement.name,
                version=requirement.version,
                line=number,
                section="requirements",
                extras=requirement.extras,
                marker=requirement.marker,
                dev=dev,
            )
        )
    return result


# --- pyproject.toml ---------------------------------------------------------------------------------------------------


class _TomlLocator:
    """Finds the line of a dependency in TOML text (tomllib reports no positions), by table and by quoted text."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_\"'-][^\],]*?)\s*\]\]?\s*(?:#.*)?$")

    def __init__(self, text: str):
        self.lines = _lines(text)
        self.tables: list[str] = []
        current = ""
        for line in self.lines:
            header = self._HEADER.match(line)
            if header:
                current = ".".join(part.strip().strip("\"'") for part in header.group(1).split("."))
            self.tables.append(current)

    def find(self, table: str, needles: list[str]) -> int | None:
        for restrict in (True, False):
            for index, line in enumerate(self.lines):
                if restrict and not self.tables[index].startswith(table):
                    continue
                if any(needle in line for needle in needles):
                    return index + 1
        return None

    def find_string(self, table: str, value: str) -> int | None:
        return self.find(table, [f'"{value}"', f"'{value}'"])

    def find_key(self, table: str, key: str) -> int | None:
        for restrict in (True, False):
            for index, line in enumerate(self.lines):
                if restrict and self.tables[index] != table:
                    continue
                if re.match(rf"""^\s*(?:[\w.-]+\.)?["']?{re.escape(key)}["']?\s*=""", line):
                    return index + 1
        return None


def _parse_pyproject(shown: str, text: str) -> ParsedManifest:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(shown, f"is not valid TOML: {exc}") from exc
    result = ParsedManifest("pyproject")
    locate = _TomlLocator(text)
    warn = result.warnings.append

    def add_pep508(items: object, table: str, section: str, dev: bool) -> None:
        if not isinstance(items, list):
            warn(f"{section}: expected a list of requirement strings; it was skipped.")
            return
        for item in items:
            if isinstance(item, dict) and set(item) == {"include-group"}:
                continue  # PEP 735 include: the included group is read by itself
            if not isinstance(item, str):
                warn(f"{section}: {str(item)[:60]!r} is not a requirement string; it was skipped.")
                continue
            try:
                requirement = parse_requirement(item)
            except _RequirementError as exc:
                warn(f"{section}: {item[:80]!r} is not a valid requirement ({exc}); it was skipped.")
                continue
            if requirement.note:
                warn(f"{section}: {requirement.note}.")
            result.dependencies.append(
                Dependency(
                    ecosystem="pypi",
                    name=requirement.name,
                    version=requirement.version,
                    line=locate.find_string(table, item),
                    section=section,
                    extras=requirement.extras,
                    marker=requirement.marker,
                    dev=dev,
                )
            )

    def add_poetry(table_value: object, table: str, dev: bool) -> None:
        if not isinstance(table_value, dict):
            warn(f"{table}: expected a table of dependencies; it was skipped.")
            return
        for name, spec in table_value.items():
            if name.lower() == "python":
                continue
            if not _NAME_FULL.match(name):
                warn(f"{table}: {name[:60]!r} is not a valid package name; it was skipped.")
                continue
            version, extras, optional_dev = _poetry_spec(spec)
            if version is None:
                warn(f"{table}: {name} has a dependency value that could not be read; its version is unknown.")
                version = ""
            result.dependencies.append(
                Dependency(
                    ecosystem="pypi",
                    name=name,
                    version=version,
                    line=locate.find_key(table, name),
                    section=table,
                    extras=extras,
                    dev=dev or optional_dev,
                )
            )

    project = document.get("project")
    if isinstance(project, dict):
        if isinstance(project.get("name"), str):
            result.project_name = project["name"][:200]
        if "dependencies" in project:
            add_pep508(project["dependencies"], "project", "project.dependencies", False)
        elif isinstance(project.get("dynamic"), list) and "dependencies" in project["dynamic"]:
            warn(
                "project.dependencies is declared dynamic (read from another file, such as setup.py or a "
                "requirements file); upload that file to scan it."
            )
        optional = project.get("optional-dependencies", {})
        if isinstance(optional, dict):
            for extra, items in optional.items():
                section = f"project.optional-dependencies.{extra}"
                add_pep508(items, "project", section, _is_dev_group(extra))
        else:
            warn("project.optional-dependencies: expected a table; it was skipped.")
    elif project is not None:
        warn("[project] is not a table; it was skipped.")

    groups = document.get("dependency-groups")
    if isinstance(groups, dict):
        for group, items in groups.items():
            add_pep508(items, "dependency-groups", f"dependency-groups.{group}", _is_dev_group(group))
    elif groups is not None:
        warn("[dependency-groups] is not a table; it was skipped.")

    tool = document.get("tool") if isinstance(document.get("tool"), dict) else {}
    poetry = tool.get("poetry")
    if isinstance(poetry, dict):
        if not result.project_name and isinstance(poetry.get("name"), str):
            result.project_name = poetry["name"][:200]
        if "dependencies" in poetry:
            add_poetry(poetry["dependencies"], "tool.poetry.dependencies", False)
        if "dev-dependencies" in poetry:
            add_poetry(poetry["dev-dependencies"], "tool.poetry.dev-dependencies", True)
        poetry_groups = poetry.get("group", {})
        if isinstance(poetry_groups, dict):
            for group, body in poetry_groups.items():
                if isinstance(body, dict) and "dependencies" in body:
                    add_poetry(body["dependencies"], f"tool.poetry.group.{group}.dependencies", _is_dev_group(group))
    uv = tool.get("uv")
    if isinstance(uv, dict) and "dev-dependencies" in uv:
        add_pep508(uv["dev-dependencies"], "tool.uv", "tool.uv.dev-dependencies", True)
    pdm = tool.get("pdm")
    if isinstance(pdm, dict) and isinstance(pdm.get("dev-dependencies"), dict):
        for group, items in pdm["dev-dependencies"].items():
            add_pep508(items, "tool.pdm.dev-dependencies", f"tool.pdm.dev-dependencies.{group}", True)
    return result


def _poetry_spec(spec: object) -> tuple[str | None, tuple[str, ...], bool]:
    """(version, extras, optional) from a Poetry dependency value; version None when it cannot be read."""
    if isinstance(spec, str):
        return spec.strip(), (), False
    if isinstance(spec, dict):
        extras = spec.get("extras", [])
        extras_tuple = tuple(str(extra) for extra in extras) if isinstance(extras, list) else ()
        for key in ("version", "git", "url", "path"):
            value = spec.get(key)
            if isinstance(value, str):
                version = value.strip() if key == "version" else f"{key}: {value.strip()}"
                return version[:200], extras_tuple, False
        return "", extras_tuple, False
    if isinstance(spec, list):  # several constraints, one per Python version or platform
        versions, extras_all = [], []
        for item in spec:
            version, extras, _ = _poetry_spec(item)
            if version is None:
                return None, (), False
            versions.append(version)
            extras_all += extras
        return " | ".join(version for version in versions if version), tuple(dict.fromkeys(extras_all)), False
    return None, (), False


# --- package.json -----------------------------------------------------------------------------------------------------

_NPM_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
_NPM_NAME = re.compile(r"^(?:@[a-z0-9~][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*$", re.IGNORECASE)


def _parse_package_json(shown: str, text: str) -> ParsedManifest:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(shown, f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
    if not isinstance(document, dict):
        raise ManifestError(shown, "is not a package.json: the top level must be a JSON object")
    result = ParsedManifest("package_json")
    if isinstance(document.get("name"), str):
        result.project_name = document["name"][:200]
    lines = _lines(text)
    for section in _NPM_SECTIONS:
        body = document.get(section)
        if body is None:
            continue
        if not isinstance(body, dict):
            result.warnings.append(f"{section}: expected an object of package names and versions; it was skipped.")
            continue
        section_line = _json_key_line(lines, section, 0)
        for name, spec in body.items():
            if not _NPM_NAME.match(name):
                result.warnings.append(f"{section}: {name[:60]!r} is not a valid package name; it was skipped.")
                continue
            version = spec.strip() if isinstance(spec, str) else ""
            if not isinstance(spec, str):
                result.warnings.append(f"{section}: {name} has a version that is not a string.")
            real, alias = name, ""
            aliased = re.match(r"^npm:((?:@[^/@\s]+/)?[^@\s]+)(?:@(.*))?$", version)
            if aliased and _NPM_NAME.match(aliased.group(1)):
                real, alias, version = aliased.group(1), name, (aliased.group(2) or "").strip()
            line = _json_key_line(lines, name, (section_line or 1) - 1) if section_line else None
            result.dependencies.append(
                Dependency(
                    ecosystem="npm",
                    name=real,
                    version=version[:200],
                    line=line,
                    section=section,
                    dev=section == "devDependencies",
                    alias=alias,
                )
            )
    return result


def _json_key_line(lines: list[str], key: str, start: int) -> int | None:
    needle = re.compile(rf'"{re.escape(key)}"\s*:')
    for index in range(start, len(lines)):
        if needle.search(lines[index]):
            return index + 1
    return None


# --- pom.xml ----------------------------------------------------------------------------------------------------------

_DTD_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse(reason: str) -> Callable[..., None]:
    def handler(*_args: object) -> None:
        raise _XmlRefused(reason)

    return handler


class _XmlRefused(Exception):
    pass


def _parse_xml(shown: str, text: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse XML with expat, refusing DTDs and entities (no XXE, no entity expansion), recording element lines."""
    if _DTD_DECLARATION.search(text):
        raise ManifestError(
            shown, "contains a DOCTYPE or ENTITY declaration, which is refused for safety (XML entity attacks)"
        )
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = builder.start("{" + tag if "}" in tag else tag, attributes)
        lines[element] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end("{" + tag if "}" in tag else tag)
    parser.CharacterDataHandler = builder.data
    # Defence in depth behind the text check above.
    parser.StartDoctypeDeclHandler = _refuse("a DOCTYPE declaration")
    parser.EntityDeclHandler = _refuse("an entity declaration")
    parser.UnparsedEntityDeclHandler = _refuse("an unparsed entity declaration")
    parser.ExternalEntityRefHandler = _refuse("an external entity reference")
    try:
        parser.Parse(text, True)
    except _XmlRefused as exc:
        raise ManifestError(shown, f"contains {exc}, which is refused for safety (XML entity attacks)") from exc
    except xml.parsers.expat.ExpatError as exc:
        reason = xml.parsers.expat.ErrorString(exc.code) if exc.code else str(exc)
        raise ManifestError(shown, f"is not well-formed XML: {reason} (line {exc.lineno})") from exc
    root = builder.close()
    return root, lines


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: ET.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _parse_pom(shown: str, text: str) -> ParsedManifest:
    root, lines = _parse_xml(shown, text)
    if _local(root.tag) != "project":
        raise ManifestError(shown, f"is not a Maven POM: the root element is <{_local(root.tag)[:40]}>, not <project>")
    result = ParsedManifest("pom")
    result.project_name = (_child_text(root, "name") or _child_text(root, "artifactId"))[:200]
    properties: dict[str, str] = {}
    for child in root:
        if _local(child.tag) == "properties":
            properties.update({_local(prop.tag): (prop.text or "").strip() for prop in child})
    for key in ("version", "groupId", "artifactId"):
        properties.setdefault(f"project.{key}", _child_text(root, key))

    def resolve(value: str) -> str:
        for _ in range(5):  # properties may refer to properties; stop after a few rounds (and on cycles)
            replaced = re.sub(r"\$\{([^}]+)\}", lambda found: properties.get(found.group(1), found.group(0)), value)
            if replaced == value:
                break
            value = replaced[:200]
        return value

    parents: dict[ET.Element, ET.Element] = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        if _local(element.tag) != "dependency":
            continue
        group, artifact = _child_text(element, "groupId"), _child_text(element, "artifactId")
        line = lines.get(element)
        if not group or not artifact:
            result.warnings.append(f"line {line}: a <dependency> without groupId or artifactId was skipped.")
            continue
        group, artifact = resolve(group), resolve(artifact)
        scope = _child_text(element, "scope")
        ancestry, node = [], parents.get(element)
        while node is not None and node is not root:
            ancestry.append(_local(node.tag))
            node = parents.get(node)
        section = ".".join(reversed(ancestry[1:])) if len(ancestry) > 1 else "dependencies"
        if scope:
            section += f" (scope {scope})"
        result.dependencies.append(
            Dependency(
                ecosystem="maven",
                name=f"{group}:{artifact}",
                version=resolve(_child_text(element, "version")),
                line=line,
                section=section,
                dev=scope == "test",
            )
        )
    return result


# --- go.mod -----------------------------------------------------------------------------------------------------------

_GO_PATH = re.compile(r"^[A-Za-z0-9._~+-]+(?:/[A-Za-z0-9._~+-]+)*$")


def _go_token(token: str) -> str:
    if len(token) >= 2 and token[0] == token[-1] and token[0] in '"`':
        return token[1:-1]
    return token


def _parse_go_mod(shown: str, text: str) -> ParsedManifest:
    result = ParsedManifest("go_mod")
    block: str | None = None
    block_start = 0
    for number, raw in enumerate(_lines(text), start=1):
        code, _, comment = raw.partition("//")
        tokens = code.split()
        if not tokens:
            continue
        if block is not None:
            if tokens == [")"]:
                block = None
                continue
            if block == "require":
                _go_require(result, tokens, number, "indirect" in comment)
            continue
        verb = tokens[0]
        glued = len(tokens) == 1 and verb.endswith("(") and verb != "("  # "require(" is read like "require ("
        opens_block = (len(tokens) == 2 and tokens[1] == "(") or glued
        if opens_block:
            block, block_start = verb.removesuffix("("), number
            continue
        if verb == "module" and len(tokens) >= 2:
            result.project_name = _go_token(tokens[1])[:200]
        elif verb == "require":
            _go_require(result, tokens[1:], number, "indirect" in comment)
        elif verb not in {"go", "toolchain", "replace", "exclude", "retract", "tool", "godebug", "ignore", ")"}:
            result.warnings.append(f"line {number}: unknown directive '{verb[:40]}' ignored.")
    if block is not None:
        result.warnings.append(f"line {block_start}: the '{block[:40]} (' block is not closed with ')'.")
    return result


def _go_require(result: ParsedManifest, tokens: list[str], number: int, indirect: bool) -> None:
    if len(tokens) != 2 or not _GO_PATH.match(_go_token(tokens[0])):
        result.warnings.append(f"line {number}: a require line that could not be read was skipped.")
        return
    result.dependencies.append(
        Dependency(
            ecosystem="go",
            name=_go_token(tokens[0]),
            version=_go_token(tokens[1])[:200],
            line=number,
            section="require (indirect)" if indirect else "require",
        )
    )


_PARSERS: dict[str, Callable[[str, str], ParsedManifest]] = {
    "requirements": _parse_requirements,
    "pyproject": _parse_pyproject,
    "package_json": _parse_package_json,
    "pom": _parse_pom,
    "go_mod": _parse_go_mod,
}


# --- From dependencies to candidates ----------------------------------------------------------------------------------

_PURPOSES = {
    "llm_api": "{where} calls hosted AI models from {vendor} (via {name}). Describe what the system uses them for, "
    "who relies on the output, and what data is sent to {vendor}.",
    "llm_framework": "{where} is built with {name}, a framework for applications on large language models (such as "
    "chat assistants, question answering over documents, or agents). Describe what the application does and which "
    "models it calls.",
    "ml_framework": "{where} uses {name} to train or run machine-learning models. Describe what the models predict, "
    "recommend or decide, from which data, and who uses the results.",
    "ml_platform": "{where} uses {name}, a platform for training and serving models. Describe which models run there "
    "and what they are used for.",
    "mlops": "{where} uses {name} to track experiments or manage models, which suggests models are being developed. "
    "Record the AI systems those models belong to and what they are for.",
    "model_serving": "{where} runs AI models on its own infrastructure with {name}. Describe which models are run, "
    "for whom, and for what purpose.",
    "model_hub": "{where} uses {name} to download, adapt or run pre-trained models. Describe which models are used "
    "and for what task.",
    "vector_db": "{where} stores and searches embeddings with {name}, typically to give a language model relevant "
    "documents (retrieval-augmented generation). Describe the application and which documents it indexes.",
    "nlp": "{where} uses {name} for natural-language processing (such as finding names or classifying text). "
    "Describe what text is analysed and what the results are used for.",
    "cv": "{where} uses {name} for image or video processing. It is AI only if trained models detect, recognise or "
    "classify what is in the images: confirm this, and describe what is analysed and why.",
    "speech": "{where} turns speech into text with {name}. Describe whose speech is transcribed and what the text is "
    "used for.",
}
_ROLES_HINT = (
    "Software your organisation builds makes it the provider of the AI system under the EU AI Act (also when it is "
    "used only internally), and its deployer when it uses the system itself. Record a hosted AI service's vendor as a "
    "supplier."
)


def match_dependencies(
    dependencies: list[Dependency], manifest: str, project_name: str, catalog: SdkCatalog
) -> list[Candidate]:
    """One candidate per matched SDK, in the order the SDKs first appear in the manifest."""
    found: dict[str, tuple[SdkEntry, list[PackageMatch]]] = {}
    for dependency in dependencies:
        for match in catalog.match(dependency.ecosystem, dependency.name, dependency.extras):
            _, matches = found.setdefault(match.sdk.id, (match.sdk, []))
            matches.append(
                PackageMatch(
                    ecosystem=dependency.ecosystem,
                    name=dependency.name,
                    version=dependency.version,
                    line=dependency.line,
                    section=dependency.section,
                    dev=dependency.dev,
                    pattern=match.pattern,
                )
            )
    return [_candidate(entry, matches, manifest, project_name) for entry, matches in found.values()]


def _candidate(entry: SdkEntry, matches: list[PackageMatch], manifest: str, project_name: str) -> Candidate:
    lines = [match.line for match in matches if match.line is not None]
    dev_only = all(match.dev for match in matches)
    where = f"The project '{project_name}'" if project_name else f"The software described by {manifest}"
    purpose = _PURPOSES[entry.category].format(where=where, name=entry.name, vendor=entry.vendor)
    if dev_only:
        purpose += (
            f" {entry.name} appears only among development or test dependencies, so it may be a tool rather than "
            "part of the product."
        )
    iso_roles = ("producer", "customer") if entry.hosted else ("producer",)
    return Candidate(
        sdk_id=entry.id,
        name=entry.name,
        vendor=entry.vendor,
        category=entry.category,
        category_label=CATEGORY_LABELS[entry.category],
        description=entry.description,
        hosted=entry.hosted,
        signal=entry.signal,
        packages=tuple(matches),
        manifest=manifest,
        line=min(lines) if lines else None,
        dev_only=dev_only,
        suggested_name=f"{project_name} ({entry.name})"[:200] if project_name else f"{entry.name} in {manifest}"[:200],
        suggested_purpose=purpose,
        suggested_sourcing=entry.sourcing,
        suggested_supplier=entry.vendor if entry.hosted else "",
        suggested_iso_roles=iso_roles,
        suggested_ai_act_roles=("provider", "deployer"),
        roles_hint=_ROLES_HINT,
    )
