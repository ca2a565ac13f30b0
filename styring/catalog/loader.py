"""Loads the reviewed catalog data files into the database (`styring sync-catalog`).

- Idempotent: a file whose checksum matches what was loaded is skipped.
- A new framework version is loaded beside the old one; tenant records keep pointing at the version they used.
- A changed file for an already loaded version may correct texts and add requirements, but may not remove one
  (tenant records may link to it): publish a new version instead.
- A file that is malformed or inconsistent is refused whole, with file, path and reason; nothing from it is loaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from pydantic import ValidationError

from .models import Crosswalk, Framework, FrameworkVersion, Mapping, RegulatoryDate, Requirement
from .schema import CrosswalkFile, FrameworkFile, Node

DATA_DIR = Path(__file__).resolve().parent / "data"
ASSESSABLE_LEAF_KINDS = {"clause", "control", "subcategory"}


class CatalogError(Exception):
    def __init__(self, file_name: str, path: str, reason: str):
        self.file_name, self.path, self.reason = file_name, path, reason
        super().__init__(f"{file_name}: {path}: {reason}")


@dataclass
class SyncReport:
    loaded: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[CatalogError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _checksum(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def parse_file(path: Path) -> tuple[FrameworkFile | CrosswalkFile, str]:
    raw = path.read_bytes()
    try:
        document = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(document)"
        raise CatalogError(path.name, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(document, dict):
        raise CatalogError(path.name, "(document)", "the file must contain a mapping at the top level")
    kind = document.get("type")
    model = {"framework": FrameworkFile, "crosswalk": CrosswalkFile}.get(kind)
    if model is None:
        raise CatalogError(path.name, "type", "must be 'framework' or 'crosswalk'")
    try:
        return model.model_validate(document), _checksum(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        location = ".".join(str(part) for part in error["loc"]) or "(document)"
        message = error["msg"]
        if message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        raise CatalogError(path.name, _readable_path(location), message) from exc


def _readable_path(location: str) -> str:
    # pydantic reports list indexes as separate parts ("nodes.0.children.2"); print them as nodes[0].children[2].
    parts = []
    for part in location.split("."):
        if part.isdigit() and parts:
            parts[-1] = f"{parts[-1]}[{part}]"
        else:
            parts.append(part)
    return ".".join(parts)


def data_files(data_dir: Path = DATA_DIR) -> tuple[list[Path], list[Path]]:
    return sorted((data_dir / "frameworks").glob("*.yaml")), sorted((data_dir / "crosswalks").glob("*.yaml"))


def sync_catalog(data_dir: Path = DATA_DIR) -> SyncReport:
    report = SyncReport()
    framework_files, crosswalk_files = data_files(data_dir)
    for path in framework_files + crosswalk_files:
        try:
            document, checksum = parse_file(path)
            with transaction.atomic():
                if isinstance(document, FrameworkFile):
                    outcome = _sync_framework(path.name, document, checksum)
                else:
                    outcome = _sync_crosswalk(path.name, document, checksum)
        except CatalogError as error:
            report.errors.append(error)
            continue
        getattr(report, outcome).append(path.name)
    return report


def _search_text(node: Node) -> str:
    parts = [node.ref, node.title, node.description]
    for translation in node.translations.values():
        parts += [translation.title or "", translation.description or ""]
    return " ".join(part for part in parts if part).lower()


def _translations(translations) -> dict:
    return {lang: value.model_dump(exclude_none=True) for lang, value in translations.items()}


def _sync_framework(file_name: str, document: FrameworkFile, checksum: str) -> str:
    info, version_info = document.framework, document.version
    key = f"{info.code}:{version_info.version}"
    existing = FrameworkVersion.objects.filter(key=key).first()
    if existing and existing.checksum == checksum:
        return "unchanged"
    framework, _created = Framework.objects.update_or_create(
        code=info.code,
        defaults={
            "name": info.name,
            "publisher": info.publisher,
            "kind": info.kind,
            "description": info.description,
            "translations": _translations(info.translations),
        },
    )
    version, created = FrameworkVersion.objects.update_or_create(
        key=key,
        defaults={
            "framework": framework,
            "version": version_info.version,
            "title": version_info.title,
            "published_on": version_info.published,
            "status": version_info.status,
            "source": version_info.source,
            "notes": version_info.notes,
            "file_name": file_name,
            "checksum": checksum,
        },
    )
    current = {req.key: req for req in Requirement.objects.filter(version=version)}
    in_file = set()
    position = 0

    def save(nodes: list[Node], parent: Requirement | None, depth: int, path: str) -> None:
        nonlocal position
        for index, node in enumerate(nodes):
            node_path = f"{path}[{index}]"
            position += 1
            node_key = f"{key}:{node.ref}"
            in_file.add(node_key)
            assessable = node.assessable
            if assessable is None:
                assessable = node.kind in ASSESSABLE_LEAF_KINDS and not node.children
            values = {
                "version": version,
                "parent": parent,
                "ref": node.ref,
                "kind": node.kind,
                "depth": depth,
                "position": position,
                "title": node.title,
                "description": node.description,
                "evidence": node.evidence,
                "documented_information": node.documented_information,
                "assessable": assessable,
                "attributes": dict(node.attributes),
                "translations": _translations(node.translations),
                "search_text": _search_text(node),
            }
            requirement = current.get(node_key)
            if requirement is None:
                requirement = Requirement.objects.create(key=node_key, **values)
            else:
                for name, value in values.items():
                    setattr(requirement, name, value)
                requirement.save()
            save(node.children, requirement, depth + 1, f"{node_path}.children")

    save(document.nodes, None, 0, "nodes")
    removed = sorted(set(current) - in_file)
    if removed:
        raise CatalogError(
            file_name,
            "nodes",
            f"requirement(s) {', '.join(removed[:5])} of the loaded version {key} are missing; records may link to "
            f"them, so publish a new version (a new file with a new version) instead of removing them",
        )
    RegulatoryDate.objects.filter(version=version).delete()
    RegulatoryDate.objects.bulk_create(
        RegulatoryDate(
            version=version,
            key=f"{key}:{entry.key}",
            date=entry.date,
            title=entry.title,
            description=entry.description,
            applies_to=list(entry.applies_to),
            source=entry.source,
            translations=_translations(entry.translations),
        )
        for entry in document.dates
    )
    return "loaded" if created else "updated"


def _sync_crosswalk(file_name: str, document: CrosswalkFile, checksum: str) -> str:
    existing = Crosswalk.objects.filter(key=document.key).first()
    if existing and existing.checksum == checksum:
        return "unchanged"
    versions = {}
    for attribute in ("source_version", "target_version"):
        version_key = getattr(document, attribute)
        version = FrameworkVersion.objects.filter(key=version_key).first()
        if version is None:
            raise CatalogError(
                file_name,
                "from" if attribute == "source_version" else "to",
                f"framework version {version_key!r} is not loaded",
            )
        versions[attribute] = version
    requirements = {
        (req.version_id, req.ref): req
        for req in Requirement.objects.filter(version__in=versions.values()).only("id", "version_id", "ref")
    }
    mappings = []
    for index, entry in enumerate(document.mappings):
        source = requirements.get((versions["source_version"].pk, entry.source))
        target = requirements.get((versions["target_version"].pk, entry.target))
        if source is None:
            raise CatalogError(
                file_name, f"mappings[{index}].from", f"no requirement {entry.source!r} in {document.source_version}"
            )
        if target is None:
            raise CatalogError(
                file_name, f"mappings[{index}].to", f"no requirement {entry.target!r} in {document.target_version}"
            )
        mappings.append((source, target, entry))
    crosswalk, created = Crosswalk.objects.update_or_create(
        key=document.key,
        defaults={
            "title": document.title,
            "source": document.source,
            "from_version": versions["source_version"],
            "to_version": versions["target_version"],
            "file_name": file_name,
            "checksum": checksum,
        },
    )
    # Mappings are catalog data only (tenant records never link to them), so they are replaced as a whole.
    crosswalk.mappings.all().delete()
    Mapping.objects.bulk_create(
        Mapping(
            crosswalk=crosswalk,
            source=source,
            target=target,
            relationship=entry.relationship,
            rationale=entry.rationale,
        )
        for source, target, entry in mappings
    )
    return "loaded" if created else "updated"
