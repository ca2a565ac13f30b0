"""CycloneDX 1.5 / 1.6 JSON ML-BOMs: machine-learning models and datasets (with their model cards) and the
application that uses them become candidates for the review queue. The model card is read here directly, because the
common CycloneDX library drops it."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from .spreadsheet import MAX_BYTES, ImportError_

SUPPORTED_VERSIONS = ("1.5", "1.6")
MAX_COMPONENTS = 5000
_APPROACH = {
    "supervised": "supervised",
    "unsupervised": "unsupervised",
    "reinforcement-learning": "reinforcement",
    "semi-supervised": "supervised",
    "self-supervised": "unsupervised",
}


def _text(value: Any, limit: int) -> str:
    return ("" if value is None else str(value)).replace("\x00", "").strip()[:limit]


def _licences(component: dict) -> str:
    names = []
    for entry in component.get("licenses") or []:
        if not isinstance(entry, dict):
            continue
        licence = entry.get("license") or {}
        names.append(licence.get("id") or licence.get("name") or entry.get("expression") or "")
    return ", ".join(name for name in names if name)[:200]


def _walk(components: list, found: list) -> None:
    for component in components or []:
        if not isinstance(component, dict):
            continue
        found.append(component)
        if len(found) > MAX_COMPONENTS:
            raise ImportError_(_("The BOM lists more than %(n)s components.") % {"n": MAX_COMPONENTS})
        _walk(component.get("components") or [], found)


def _model(component: dict) -> dict:
    card = component.get("modelCard") or {}
    parameters = card.get("modelParameters") or {}
    approach = (parameters.get("approach") or {}).get("type", "")
    family, detail = _text(parameters.get("architectureFamily"), 100), _text(parameters.get("modelArchitecture"), 100)
    architecture = " ".join(part for part in (family, detail) if part)
    metrics = ((card.get("quantitativeAnalysis") or {}).get("performanceMetrics")) or []
    evaluation = "; ".join(
        " ".join(_text(metric.get(key), 100) for key in ("type", "value", "slice") if metric.get(key))
        for metric in metrics
        if isinstance(metric, dict)
    )
    considerations = card.get("considerations") or {}
    limitations = [
        _text(item, 1000) for key in ("technicalLimitations", "ethicalConsiderations", "performanceTradeoffs")
        for item in (considerations.get(key) or []) if isinstance(item, str)
    ]  # fmt: skip
    for item in considerations.get("ethicalConsiderations") or []:
        if isinstance(item, dict):
            mitigation = _text(item.get("mitigationStrategy"), 700)
            limitations.append(_text(item.get("name"), 300) + (f": {mitigation}" if mitigation else ""))
    datasets = [
        entry.get("ref") for entry in parameters.get("datasets") or [] if isinstance(entry, dict) and entry.get("ref")
    ]
    proposed = {
        "model_version": _text(component.get("version"), 100),
        "approach": _APPROACH.get(approach, "other" if approach else ""),
        "task": _text(parameters.get("task"), 200),
        "architecture": architecture[:200],
        "description": _text(component.get("description"), 10_000),
        "licence": _licences(component),
        "limitations": "\n".join(item for item in limitations if item)[:10_000],
        "evaluation": evaluation[:10_000],
        "bom_ref": _text(component.get("bom-ref"), 300),
    }
    if datasets:
        proposed["links"] = {"datasets": datasets}
    return {key: value for key, value in proposed.items() if value}


def _dataset(component: dict) -> dict:
    data = [entry for entry in component.get("data") or [] if isinstance(entry, dict)]
    sensitive = [item for entry in data for item in (entry.get("sensitiveData") or []) if item]
    classifications = {str(entry.get("classification", "")).lower() for entry in data}
    governance = [entry.get("governance") or {} for entry in data]
    owners = [
        _text((party.get("organization") or {}).get("name") or party.get("contact", {}).get("name"), 200)
        for gov in governance for role in ("owners", "custodians", "stewards") for party in gov.get(role) or []
        if isinstance(party, dict)
    ]  # fmt: skip
    contents = [entry.get("contents") or {} for entry in data]
    urls = [_text(content.get("url"), 300) for content in contents if content.get("url")]
    proposed = {
        "description": _text(component.get("description"), 10_000)
        or "; ".join(_text(entry.get("description"), 1000) for entry in data if entry.get("description")),
        "source": (urls[0] if urls else _text(component.get("publisher"), 300))[:300],
        "provenance": "; ".join(owner for owner in owners if owner)[:10_000],
        "personal_data": bool(sensitive) or bool(classifications & {"personal", "pii", "personal data"}),
        "licence": _licences(component),
        "bom_ref": _text(component.get("bom-ref"), 300),
    }
    if sensitive:
        proposed["description"] = (proposed["description"] + "\n" + _("Sensitive data: %(items)s") % {
            "items": ", ".join(_text(item, 100) for item in sensitive)}).strip()  # fmt: skip
    return {key: value for key, value in proposed.items() if value not in ("", None)}


def _ref(item: dict) -> str:
    return item["proposed"].get("bom_ref", "")


def parse_bom(content: bytes) -> list[dict]:
    """Candidates from a CycloneDX ML-BOM; the whole file is refused when it is not one we can read."""
    if not content:
        raise ImportError_(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise ImportError_(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportError_(_("This is not a JSON file.")) from exc
    if not isinstance(document, dict) or document.get("bomFormat") != "CycloneDX":
        raise ImportError_(_("This is not a CycloneDX BOM (bomFormat must be “CycloneDX”)."))
    if str(document.get("specVersion")) not in SUPPORTED_VERSIONS:
        raise ImportError_(
            _("CycloneDX version %(version)s is not supported; export version 1.5 or 1.6.")
            % {"version": document.get("specVersion")}
        )
    components: list[dict] = []
    _walk(document.get("components") or [], components)
    items = []
    for component in components:
        kind = component.get("type")
        name = _text(component.get("name"), 200)
        if kind not in ("machine-learning-model", "data") or not name:
            continue
        if kind == "machine-learning-model":
            items.append({"kind": "aimodel", "name": name, "proposed": _model(component)})
        else:
            items.append({"kind": "dataset", "name": name, "proposed": _dataset(component)})
    if not items:
        raise ImportError_(_("The BOM lists no machine-learning models or datasets."))
    application = (document.get("metadata") or {}).get("component") or {}
    if application.get("type") == "application" and application.get("name"):
        refs = {item["proposed"].get("bom_ref") for item in items} - {None, ""}
        used = set()
        for dependency in document.get("dependencies") or []:
            if isinstance(dependency, dict) and dependency.get("ref") == application.get("bom-ref"):
                used |= set(dependency.get("dependsOn") or [])
        used = (used & refs) or refs  # without a dependency graph the application uses everything listed
        models = [_ref(item) for item in items if item["kind"] == "aimodel" and _ref(item) in used]
        datasets = [_ref(item) for item in items if item["kind"] == "dataset" and _ref(item) in used]
        items.insert(
            0,
            {
                "kind": "aisystem",
                "name": _text(application.get("name"), 200),
                "proposed": {
                    "purpose": _text(application.get("description"), 10_000),
                    "sourcing": "in_house",
                    "links": {"ai_models": models, "datasets": datasets},
                },
            },
        )
    for item in items:
        item["evidence"] = _("CycloneDX %(version)s BOM, component %(ref)s") % {
            "version": document.get("specVersion"),
            "ref": item["proposed"].get("bom_ref") or item["name"],
        }
    return items
