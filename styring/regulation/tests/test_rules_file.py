"""The rules file is consistent with itself and with the catalog, and an inconsistent file is refused with a reason."""

from __future__ import annotations

import copy

import pytest
import yaml

from styring.catalog.loader import DATA_DIR
from styring.regulation.rules import RULES_FILE, RulesError, load_rules, parse

CATALOG = yaml.safe_load((DATA_DIR / "frameworks" / "eu-ai-act-2024-1689.yaml").read_text())


def _refs(nodes):
    for node in nodes:
        yield node["ref"]
        yield from _refs(node.get("children", []))


CATALOG_REFS = set(_refs(CATALOG["nodes"]))
CATALOG_DATES = {entry["key"] for entry in CATALOG["dates"]}


def document():
    return copy.deepcopy(yaml.safe_load(RULES_FILE.read_text()))


def test_every_provision_the_rules_cite_is_in_the_catalog():
    assert load_rules().all_cites() - CATALOG_REFS == set()


def test_every_date_the_obligations_use_is_a_dated_entry_of_the_catalog():
    assert load_rules().all_dates() - CATALOG_DATES == set()


def test_the_rules_file_names_the_catalog_version_it_belongs_to():
    rules = load_rules()
    assert rules.framework == f"{CATALOG['framework']['code']}:{CATALOG['version']['version']}"


def test_every_annex_iii_point_and_prohibited_practice_of_the_catalog_can_be_answered():
    rules = load_rules()
    points = {option.value for option in rules.question("annex_iii_points").options if not option.none}
    practices = {option.value for option in rules.question("practices").options if not option.none}
    assert points == {ref for ref in CATALOG_REFS if ref.startswith("Annex III(") and ref.count("(") == 2}
    assert practices == {ref for ref in CATALOG_REFS if ref.startswith("Art. 5(1)(")}
    assert len(points) == 25 and len(practices) == 10


BROKEN = {
    "unknown-question": (
        lambda d: d["questions"][1].update(show_if={"q": "nonexistent", "is": "yes"}),
        "questions[1].show_if",
        "unknown question",
    ),
    "later-question": (
        lambda d: d["questions"][0].update(show_if={"q": "military", "is": "yes"}),
        "questions[0].show_if",
        "not asked before",
    ),
    "bad-value": (
        lambda d: d["questions"][1].update(show_if={"q": "eu_link", "is": True}),
        "questions[1].show_if",
        "is not an answer",
    ),
    "wrong-operator": (
        lambda d: d["questions"][1].update(show_if={"q": "roles", "is": "provider"}),
        "questions[1].show_if",
        "does not fit",
    ),
    "fact-before-definition": (
        lambda d: d["facts"][0].update(when={"fact": "in_scope"}),
        "facts[0].when",
        "unknown fact",
    ),
    "duplicate-fact": (lambda d: d["facts"].append(dict(d["facts"][0])), "facts[", "duplicate key"),
    "no-default-class": (lambda d: d["classes"].pop(), "classes[", "when: true"),
    "conditional-last-date": (
        lambda d: d["obligations"][0].update(date=[{"key": "x", "when": {"fact": "in_scope"}}]),
        "obligations[0].date",
        "without a condition",
    ),
    "unknown-field": (lambda d: d["questions"][0].update(colour="blue"), "questions.0.colour", "Extra inputs"),
    "unknown-role": (lambda d: d["obligations"][0].update(who=["owner"]), "obligations.0.who.0", "Input should be"),
}


@pytest.mark.parametrize(("change", "path", "reason"), BROKEN.values(), ids=BROKEN.keys())
def test_an_inconsistent_rules_file_is_refused_with_the_place_and_the_reason(change, path, reason):
    broken = document()
    change(broken)
    with pytest.raises(RulesError) as raised:
        parse(broken)
    assert raised.value.path.startswith(path) and reason in raised.value.reason


@pytest.mark.parametrize("language", ["nb", "da", "zh-hans"])
def test_the_rules_texts_are_translated_into_every_language(language):
    from styring.regulation.rules import TRANSLATIONS_DIR, translations

    if not (TRANSLATIONS_DIR / f"{language}.yaml").exists():
        pytest.skip(f"no {language} catalog for the rules yet (the questionnaire shows English)")
    texts = load_rules().texts()
    translated = translations(language)
    missing = [text for text in texts if text not in translated]
    assert len(missing) <= len(texts) * 0.02, missing


def test_a_question_is_shown_in_the_readers_language():
    from django.utils import translation

    question = load_rules().question("eu_link")
    with translation.override("da"):
        assert question.localized("text") != question.text
    with translation.override("en"):
        assert question.localized("text") == question.text
