"""Translations of texts that live in data files (rules, questionnaires, libraries): `<folder>/<language>.yaml` maps
each English text to its translation, like a message catalog. A changed English text shows in English until it is
translated again; the tests of each data file check how much is covered."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

LANGUAGES = ("nb", "da", "zh-hans")


def _key(text: str) -> str:
    return " ".join(text.split())


@cache
def catalog(folder: Path, language: str) -> dict[str, str]:
    path = folder / f"{language}.yaml"
    if not path.exists():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {_key(source): target for source, target in entries.items() if target}


def translate(folder: Path, text: str) -> str:
    """`text` in the active language when the folder's catalog has it, else as written."""
    language = (get_language() or "en").lower()
    if not text or language not in LANGUAGES:
        return text
    return catalog(folder, language).get(_key(text), text)
