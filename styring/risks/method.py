"""The organisation's risk method (ISO/IEC 42001 6.1.2): likelihood and impact scales of 3 to 5 steps with labels
and descriptions in each language, the risk level of every matrix cell, the level up to which a risk may be accepted,
and the review interval. Stored as data on `RiskMethod`; this module builds the defaults and checks an edited one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

LANGUAGES = ("en", "nb", "da", "zh-hans")
SIZES = (3, 4, 5)
LEVEL_KEYS = ("low", "medium", "high", "critical")
LEVEL_COLOURS = {"low": "#2e7d32", "medium": "#f9a825", "high": "#ef6c00", "critical": "#c62828"}

# Default wording (translated through the message catalog when a method is created).
_LIKELIHOOD = {
    "rare": (gettext_noop("Rare"), gettext_noop("Not expected to happen; would be exceptional.")),
    "unlikely": (gettext_noop("Unlikely"), gettext_noop("Could happen but is not expected within a year.")),
    "possible": (gettext_noop("Possible"), gettext_noop("Might well happen within a year.")),
    "likely": (gettext_noop("Likely"), gettext_noop("Expected to happen within a year.")),
    "almost_certain": (
        gettext_noop("Almost certain"),
        gettext_noop("Happens now or will happen several times a year."),
    ),
}
_IMPACT = {
    "negligible": (gettext_noop("Negligible"), gettext_noop("No noticeable effect on people or the organisation.")),
    "minor": (gettext_noop("Minor"), gettext_noop("Small, quickly reversed harm; no lasting effect on anyone.")),
    "moderate": (
        gettext_noop("Moderate"),
        gettext_noop("Noticeable harm to some people or the organisation, reversible with effort."),
    ),
    "major": (
        gettext_noop("Major"),
        gettext_noop("Serious harm to individuals or groups, legal consequences or lasting damage to trust."),
    ),
    "severe": (
        gettext_noop("Severe"),
        gettext_noop("Irreversible harm to health, safety or fundamental rights, or a threat to the organisation."),
    ),
}
_LEVELS = {
    "low": gettext_noop("Low"),
    "medium": gettext_noop("Medium"),
    "high": gettext_noop("High"),
    "critical": gettext_noop("Critical"),
}
_LIKELIHOOD_BY_SIZE = {
    3: ("unlikely", "possible", "likely"),
    4: ("rare", "unlikely", "likely", "almost_certain"),
    5: ("rare", "unlikely", "possible", "likely", "almost_certain"),
}
_IMPACT_BY_SIZE = {
    3: ("minor", "moderate", "severe"),
    4: ("minor", "moderate", "major", "severe"),
    5: ("negligible", "minor", "moderate", "major", "severe"),
}


def _in_every_language(message: str) -> dict[str, str]:
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = _(message)
    return texts


def localized(texts: dict[str, str] | str | None) -> str:
    """A label in the reader's language, else English, else any."""
    if not texts:
        return ""
    if isinstance(texts, str):
        return texts
    language = (translation.get_language() or "en").lower()
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


def default_scale(kind: str, size: int) -> list[dict[str, Any]]:
    words, order = (_LIKELIHOOD, _LIKELIHOOD_BY_SIZE) if kind == "likelihood" else (_IMPACT, _IMPACT_BY_SIZE)
    return [
        {
            "value": position,
            "labels": _in_every_language(words[key][0]),
            "descriptions": _in_every_language(words[key][1]),
        }
        for position, key in enumerate(order[size], start=1)
    ]


def default_levels() -> list[dict[str, Any]]:
    return [
        {"key": key, "labels": _in_every_language(_LEVELS[key]), "colour": LEVEL_COLOURS[key]} for key in LEVEL_KEYS
    ]


def default_matrix(likelihood_size: int, impact_size: int) -> list[list[str]]:
    """Level by cell from the normalised product of both scales: the same shape of appetite whatever the size."""
    matrix = []
    for likelihood in range(1, likelihood_size + 1):
        row = []
        for impact in range(1, impact_size + 1):
            # share of the largest product, compared in integers: ≤ 1/5 low, ≤ 2/5 medium, ≤ 16/25 high
            product, largest = likelihood * impact, likelihood_size * impact_size
            if 5 * product <= largest:
                row.append("low")
            elif 5 * product <= 2 * largest:
                row.append("medium")
            elif 25 * product <= 16 * largest:
                row.append("high")
            else:
                row.append("critical")
        matrix.append(row)
    return matrix


def default_method(likelihood_size: int = 5, impact_size: int = 5) -> dict[str, Any]:
    return {
        "likelihood": default_scale("likelihood", likelihood_size),
        "impact": default_scale("impact", impact_size),
        "levels": default_levels(),
        "matrix": default_matrix(likelihood_size, impact_size),
        "acceptance_level": "medium",
        "review_interval_months": 12,
    }


def check_method(data: dict[str, Any]) -> None:
    """Refuse an inconsistent method with a message per part; nothing is stored when this raises."""
    errors: dict[str, str] = {}
    for kind in ("likelihood", "impact"):
        scale = data.get(kind) or []
        if len(scale) not in SIZES:
            errors[kind] = _("A scale has 3, 4 or 5 steps.")
            continue
        for position, step in enumerate(scale, start=1):
            labels = step.get("labels") or {}
            if step.get("value") != position:
                errors[kind] = _("Steps are numbered 1 to %(n)s in order.") % {"n": len(scale)}
            elif not (labels.get("en") or "").strip() and not any((text or "").strip() for text in labels.values()):
                errors[kind] = _("Every step needs a label.")
            elif any(len(text or "") > 100 for text in labels.values()):
                errors[kind] = _("Labels are at most 100 characters.")
            elif any(len(text or "") > 500 for text in (step.get("descriptions") or {}).values()):
                errors[kind] = _("Descriptions are at most 500 characters.")
    levels = [level.get("key") for level in data.get("levels") or []]
    if levels != list(LEVEL_KEYS):
        errors["levels"] = _("The levels are low, medium, high and critical.")
    matrix = data.get("matrix") or []
    likelihood_size, impact_size = len(data.get("likelihood") or []), len(data.get("impact") or [])
    if len(matrix) != likelihood_size or any(len(row) != impact_size for row in matrix):
        errors["matrix"] = _("Give a level for every combination of likelihood and impact.")
    elif any(cell not in LEVEL_KEYS for row in matrix for cell in row):
        errors["matrix"] = _("Every cell takes one of the levels.")
    if data.get("acceptance_level") not in LEVEL_KEYS:
        errors["acceptance_level"] = _("Choose one of the levels.")
    months = data.get("review_interval_months")
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 36:
        errors["review_interval_months"] = _("Between 1 and 36 months.")
    if errors:
        raise ValidationError(errors)
