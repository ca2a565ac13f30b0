"""The EU AI Act classification rules as data: loading and checking `rules/eu-ai-act.yaml`.

The file is refused whole, with the path and the reason, when it is inconsistent: an unknown question or fact in a
condition, an answer value a question cannot take, a question shown on the strength of a later question, duplicate
keys. The checks run once per process (the rules are cached) and in the test suite.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from styring.core.data_i18n import catalog, translate

RULES_FILE = Path(__file__).resolve().parent / "rules" / "eu-ai-act.yaml"
LANGUAGES = ("nb", "da", "zh-hans")
YES_NO = ("yes", "no")
Role = Literal["provider", "deployer", "importer", "distributor", "authorised_representative", "product_manufacturer"]
Condition = Any  # a nested mapping (see the file's header) or `true`


class RulesError(Exception):
    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{RULES_FILE.name}: {path}: {reason}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


TRANSLATIONS_DIR = RULES_FILE.parent / "translations"
TEXT_FIELDS = ("title", "intro", "text", "help", "label", "group", "explain")


def translations(language: str) -> dict[str, str]:
    return catalog(TRANSLATIONS_DIR, language)


class Translated(_Strict):
    """An item whose texts are written in English and shown in the reader's language where translated."""

    def localized(self, field: str) -> str:
        return translate(TRANSLATIONS_DIR, getattr(self, field))


class Section(Translated):
    key: str
    title: str
    intro: str = ""


class Option(Translated):
    value: str
    label: str
    group: str = ""
    none: bool = False


class Question(Translated):
    key: str
    section: str
    type: Literal["yes_no", "choice", "multi"]
    text: str
    help: str = ""
    cites: tuple[str, ...] = ()
    show_if: Condition = True
    options: tuple[Option, ...] = ()

    def values(self) -> tuple[str, ...]:
        return YES_NO if self.type == "yes_no" else tuple(option.value for option in self.options)


class Fact(Translated):
    key: str
    when: Condition
    explain: str = ""
    cites: tuple[str, ...] = ()


class ClassRule(Translated):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    ai_act_class: Literal["out_of_scope", "prohibited", "high_risk", "transparency", "minimal"] = Field(alias="class")
    when: Condition
    explain: str
    cites: tuple[str, ...] = ()


class DatedKey(_Strict):
    key: str
    when: Condition = True


class Obligation(Translated):
    key: str
    ref: str
    who: tuple[Role, ...]
    when: Condition
    date: str | tuple[DatedKey, ...]
    title: str
    text: str

    def date_rules(self) -> tuple[DatedKey, ...]:
        return (DatedKey(key=self.date),) if isinstance(self.date, str) else self.date


class Rules(_Strict):
    schema_: Literal[1] = Field(alias="schema")
    version: str
    framework: str
    basis: str
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    facts: tuple[Fact, ...]
    classes: tuple[ClassRule, ...]
    obligations: tuple[Obligation, ...]

    def question(self, key: str) -> Question:
        return self._questions[key]

    def fact(self, key: str) -> Fact:
        return self._facts[key]

    _questions: dict[str, Question] = PrivateAttr(default_factory=dict)
    _facts: dict[str, Fact] = PrivateAttr(default_factory=dict)

    def model_post_init(self, _context) -> None:
        self._questions = {question.key: question for question in self.questions}
        self._facts = {fact.key: fact for fact in self.facts}

    def all_dates(self) -> set[str]:
        return {rule.key for obligation in self.obligations for rule in obligation.date_rules()}

    def texts(self) -> list[str]:
        """Every text a reader sees, once each, in file order (what the translation files must cover)."""
        found: dict[str, None] = {}
        items = [*self.sections, *self.questions, *self.facts, *self.classes, *self.obligations]
        items += [option for question in self.questions for option in question.options]
        for item in items:
            for name in TEXT_FIELDS:
                text = getattr(item, name, "")
                if text:
                    found.setdefault(" ".join(text.split()))
        return list(found)

    def all_cites(self) -> set[str]:
        refs = {obligation.ref for obligation in self.obligations}
        for items in (self.questions, self.facts, self.classes):
            for item in items:
                refs.update(item.cites)
        for question in self.questions:
            refs.update(option.value for option in question.options if not option.none and " " in option.value)
        return refs


# --- consistency checks ------------------------------------------------------------------------------------------


def _check_unique(items, what: str) -> None:
    seen = set()
    for index, item in enumerate(items):
        if item.key in seen:
            raise RulesError(f"{what}[{index}]", f"duplicate key {item.key!r}")
        seen.add(item.key)


def _check_condition(rules: Rules, condition: Condition, path: str, known_facts: set[str]) -> None:
    """Every reference in a condition exists and every compared value is one the question can take."""
    if condition is True:
        return
    if not isinstance(condition, dict) or len(condition) == 0:
        raise RulesError(path, "a condition is `true` or a mapping")
    if "all" in condition or "any" in condition:
        operator = "all" if "all" in condition else "any"
        parts = condition[operator]
        if set(condition) != {operator} or not isinstance(parts, list) or not parts:
            raise RulesError(path, f"`{operator}` takes a non-empty list and nothing else")
        for index, part in enumerate(parts):
            _check_condition(rules, part, f"{path}.{operator}[{index}]", known_facts)
        return
    if "not" in condition:
        if set(condition) != {"not"}:
            raise RulesError(path, "`not` stands alone")
        _check_condition(rules, condition["not"], f"{path}.not", known_facts)
        return
    if "fact" in condition:
        if set(condition) != {"fact"}:
            raise RulesError(path, "`fact` stands alone")
        if condition["fact"] not in known_facts:
            raise RulesError(path, f"unknown fact {condition['fact']!r} (facts must be defined before use)")
        return
    if "q" in condition:
        key = condition["q"]
        if key not in rules._questions:
            raise RulesError(path, f"unknown question {key!r}")
        question = rules.question(key)
        operators = set(condition) - {"q"}
        if len(operators) != 1:
            raise RulesError(path, "a question condition takes exactly one of is, in, has, has_any")
        operator = operators.pop()
        multi_ops, single_ops = {"has", "has_any"}, {"is", "in"}
        if operator not in multi_ops | single_ops:
            raise RulesError(path, f"unknown operator {operator!r}")
        if (question.type == "multi") != (operator in multi_ops):
            raise RulesError(path, f"{operator!r} does not fit a {question.type} question")
        value = condition[operator]
        values = value if operator in ("in", "has_any") else [value]
        if not isinstance(values, list) or not values:
            raise RulesError(path, f"{operator!r} takes {'a list' if operator in ('in', 'has_any') else 'a value'}")
        for item in values:
            if item not in question.values():
                raise RulesError(path, f"{item!r} is not an answer of question {key!r}")
        return
    raise RulesError(path, f"unknown condition {sorted(condition)}")


def question_refs(rules: Rules, condition: Condition, seen_facts: frozenset[str] = frozenset()) -> set[str]:
    """The questions a condition depends on, directly or through facts."""
    if condition is True:
        return set()
    refs: set[str] = set()
    for operator in ("all", "any"):
        for part in condition.get(operator, ()):
            refs |= question_refs(rules, part, seen_facts)
    if "not" in condition:
        refs |= question_refs(rules, condition["not"], seen_facts)
    if "q" in condition:
        refs.add(condition["q"])
    if "fact" in condition and condition["fact"] not in seen_facts:
        refs |= question_refs(rules, rules.fact(condition["fact"]).when, seen_facts | {condition["fact"]})
    return refs


def direct_question_refs(condition: Condition) -> list[str]:
    """The questions a condition names itself (not through facts), in order: the answers that mattered."""
    if condition is True:
        return []
    refs: list[str] = []
    for operator in ("all", "any"):
        for part in condition.get(operator, ()):
            refs += [key for key in direct_question_refs(part) if key not in refs]
    if "not" in condition:
        refs += [key for key in direct_question_refs(condition["not"]) if key not in refs]
    if "q" in condition and condition["q"] not in refs:
        refs.append(condition["q"])
    return refs


def check(rules: Rules) -> None:
    _check_unique(rules.sections, "sections")
    _check_unique(rules.questions, "questions")
    _check_unique(rules.facts, "facts")
    _check_unique(rules.obligations, "obligations")
    sections = {section.key for section in rules.sections}
    all_facts = {fact.key for fact in rules.facts}
    defined: set[str] = set()
    for index, fact in enumerate(rules.facts):
        _check_condition(rules, fact.when, f"facts[{index}].when", defined)
        defined.add(fact.key)
    order = {question.key: index for index, question in enumerate(rules.questions)}
    for index, question in enumerate(rules.questions):
        path = f"questions[{index}]"
        if question.section not in sections:
            raise RulesError(path, f"unknown section {question.section!r}")
        if question.type == "yes_no" and question.options:
            raise RulesError(path, "a yes_no question has no options")
        if question.type != "yes_no" and len(question.options) < 2:
            raise RulesError(path, f"a {question.type} question needs at least two options")
        if len({option.value for option in question.options}) != len(question.options):
            raise RulesError(path, "duplicate option values")
        if any(option.none for option in question.options) and question.type != "multi":
            raise RulesError(path, "only a multi question has a `none` option")
        _check_condition(rules, question.show_if, f"{path}.show_if", all_facts)
        later = [key for key in question_refs(rules, question.show_if) if order[key] >= index]
        if later:
            raise RulesError(f"{path}.show_if", f"depends on question(s) not asked before it: {', '.join(later)}")
    for index, rule in enumerate(rules.classes):
        _check_condition(rules, rule.when, f"classes[{index}].when", all_facts)
    if rules.classes[-1].when is not True:
        raise RulesError(f"classes[{len(rules.classes) - 1}]", "the last class must apply `when: true`")
    for index, obligation in enumerate(rules.obligations):
        _check_condition(rules, obligation.when, f"obligations[{index}].when", all_facts)
        dates = obligation.date_rules()
        for position, dated in enumerate(dates):
            _check_condition(rules, dated.when, f"obligations[{index}].date[{position}].when", all_facts)
        if dates[-1].when is not True:
            raise RulesError(f"obligations[{index}].date", "the last date must apply without a condition")


def parse(document: Any) -> Rules:
    if not isinstance(document, dict):
        raise RulesError("(document)", "the file must contain a mapping at the top level")
    try:
        rules = Rules.model_validate(document)
    except ValidationError as exc:
        error = exc.errors()[0]
        location = ".".join(str(part) for part in error["loc"]) or "(document)"
        raise RulesError(location, error["msg"]) from exc
    check(rules)
    return rules


@cache
def load_rules(path: Path = RULES_FILE) -> Rules:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RulesError("(document)", f"not valid YAML: {exc}") from exc
    return parse(document)
