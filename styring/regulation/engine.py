"""Evaluates the EU AI Act rules (see rules.py) against a set of answers.

Pure functions without database access: the caller passes the application dates from the catalog, so the engine can
be tested exhaustively and an amendment stays a data change. Answers to questions that are not shown (because an
earlier answer made them irrelevant) are dropped before anything is decided, so a stale answer never counts.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from .rules import Condition, Question, Rules, direct_question_refs, load_rules


@dataclass
class Evaluation:
    rules: Rules
    answers: dict[str, Any]  # only the answers to questions that are shown, valid ones
    shown: list[Question]
    errors: dict[str, str]
    facts: dict[str, bool] = field(default_factory=dict)
    ai_act_class: str | None = None
    class_rule: Any = None

    @property
    def missing(self) -> list[str]:
        return [question.key for question in self.shown if question.key not in self.answers]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.errors

    @property
    def fria_required(self) -> bool:
        return bool(self.facts.get("fria_required"))


class _Context:
    """Answers plus memoised facts for one pass."""

    def __init__(self, rules: Rules, answers: dict[str, Any]):
        self.rules, self.answers, self.facts = rules, answers, {}

    def fact(self, key: str) -> bool:
        if key not in self.facts:
            self.facts[key] = False  # guards against a (checked-out) cycle
            self.facts[key] = self.holds(self.rules.fact(key).when)
        return self.facts[key]

    def holds(self, condition: Condition) -> bool:
        if condition is True:
            return True
        if "all" in condition:
            return all(self.holds(part) for part in condition["all"])
        if "any" in condition:
            return any(self.holds(part) for part in condition["any"])
        if "not" in condition:
            return not self.holds(condition["not"])
        if "fact" in condition:
            return self.fact(condition["fact"])
        answer = self.answers.get(condition["q"])
        if answer is None:
            return False
        if "is" in condition:
            return answer == condition["is"]
        if "in" in condition:
            return answer in condition["in"]
        if "has" in condition:
            return condition["has"] in answer
        return any(value in answer for value in condition["has_any"])


def _validate(question: Question, raw: Any) -> tuple[Any, str | None]:
    """The answer in its canonical form, or an error message."""
    if question.type == "multi":
        values = [raw] if isinstance(raw, str) else raw
        if not isinstance(values, list | tuple) or not values:
            return None, None
        allowed = question.values()
        unknown = [value for value in values if value not in allowed]
        if unknown:
            return None, _("Not an answer to this question: %(values)s") % {"values": ", ".join(map(str, unknown))}
        chosen = [value for value in allowed if value in values]  # the file's order, no duplicates
        exclusive = {option.value for option in question.options if option.none}
        if len(chosen) > 1 and exclusive.intersection(chosen):
            return None, _("“None of these” cannot be combined with other answers.")
        return chosen, None
    if raw in (None, ""):
        return None, None
    if raw not in question.values():
        return None, _("Not an answer to this question: %(values)s") % {"values": raw}
    return raw, None


def evaluate(answers: dict[str, Any], rules: Rules | None = None) -> Evaluation:
    rules = rules or load_rules()
    kept: dict[str, Any] = {}
    shown: list[Question] = []
    errors: dict[str, str] = {}
    for question in rules.questions:
        # show_if only depends on earlier questions (checked on load), so `kept` is final for it
        if not _Context(rules, kept).holds(question.show_if):
            continue
        shown.append(question)
        value, error = _validate(question, answers.get(question.key))
        if error:
            errors[question.key] = error
        elif value is not None:
            kept[question.key] = value
    context = _Context(rules, kept)
    for fact in rules.facts:
        context.fact(fact.key)
    evaluation = Evaluation(rules=rules, answers=kept, shown=shown, errors=errors, facts=dict(context.facts))
    if evaluation.complete:
        for rule in rules.classes:
            if context.holds(rule.when):
                evaluation.ai_act_class, evaluation.class_rule = rule.ai_act_class, rule
                break
    return evaluation


def answer_label(question: Question, value: Any) -> str:
    if question.type == "yes_no":
        return _("Yes") if value == "yes" else _("No")
    labels = {option.value: option.localized("label") for option in question.options}
    if question.type == "multi":
        return "; ".join(labels[item] for item in value)
    return labels[value]


def reasons(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Why: the class rule, then every explained fact that holds, each with the answers its condition looked at."""
    if evaluation.ai_act_class is None:
        return []
    rules, answers = evaluation.rules, evaluation.answers
    rule = evaluation.class_rule
    items = [{"key": f"class:{rule.ai_act_class}", "explanation": rule.localized("explain"), "cites": list(rule.cites)}]
    for fact in rules.facts:
        if not fact.explain or not evaluation.facts.get(fact.key):
            continue
        mattered = [key for key in direct_question_refs(fact.when) if key in answers]
        items.append(
            {
                "key": fact.key,
                "explanation": fact.localized("explain"),
                "cites": list(fact.cites),
                "answers": [
                    {
                        "question": key,
                        "text": rules.question(key).localized("text"),
                        "answer": answers[key],
                        "label": answer_label(rules.question(key), answers[key]),
                    }
                    for key in mattered
                ],
            }
        )
    return items


def obligations(evaluation: Evaluation, dates: dict[str, date]) -> list[dict[str, Any]]:
    """What applies to this organisation for this system, with the date each applies (None when the catalog does
    not know the date key), sorted by date."""
    if evaluation.ai_act_class is None:
        return []
    context = _Context(evaluation.rules, evaluation.answers)
    items = []
    for obligation in evaluation.rules.obligations:
        if not context.holds(obligation.when):
            continue
        date_key = next(rule.key for rule in obligation.date_rules() if context.holds(rule.when))
        applies_on = dates.get(date_key)
        items.append(
            {
                "key": obligation.key,
                "ref": obligation.ref,
                "who": list(obligation.who),
                "title": obligation.localized("title"),
                "text": obligation.localized("text"),
                "date_key": date_key,
                "date": applies_on.isoformat() if applies_on else None,
            }
        )
    return sorted(items, key=lambda item: (item["date"] or "9999", item["ref"]))


def outcome(evaluation: Evaluation, dates: dict[str, date]) -> dict[str, Any]:
    """The stored form of a completed evaluation. Texts are stored in English as evaluated, so an old assessment
    stays readable after the rules change; `localize_outcome` shows them in the reader's language."""
    with translation.override("en"):
        return {
            "class": evaluation.ai_act_class,
            "fria_required": evaluation.fria_required,
            "basis": evaluation.rules.basis,
            "facts": sorted(key for key, value in evaluation.facts.items() if value),
            "reasons": reasons(evaluation),
            "obligations": obligations(evaluation, dates),
        }


def localize_outcome(stored: dict[str, Any], rules: Rules | None = None) -> dict[str, Any]:
    """A stored outcome with its texts in the active language, where the current rules still know the item."""
    rules = rules or load_rules()
    facts = {fact.key: fact for fact in rules.facts}
    classes = {f"class:{rule.ai_act_class}": rule for rule in rules.classes}
    known_obligations = {obligation.key: obligation for obligation in rules.obligations}
    questions = {question.key: question for question in rules.questions}
    localized = dict(stored)
    localized["reasons"] = []
    for reason in stored.get("reasons", []):
        item = dict(reason)
        source = facts.get(item.get("key")) or classes.get(item.get("key"))
        if source is not None and source.explain == reason.get("explanation"):
            item["explanation"] = source.localized("explain")
        item["answers"] = []
        for answer in reason.get("answers", []):
            answer = dict(answer)
            question = questions.get(answer.get("question"))
            if question is not None and question.text == answer.get("text"):
                answer["text"] = question.localized("text")
                with suppress(KeyError):  # an option that no longer exists keeps its stored label
                    answer["label"] = answer_label(question, answer["answer"])
            item["answers"].append(answer)
        localized["reasons"].append(item)
    localized["obligations"] = []
    for obligation in stored.get("obligations", []):
        item = dict(obligation)
        source = known_obligations.get(item.get("key"))
        if source is not None and source.title == obligation.get("title"):
            item["title"], item["text"] = source.localized("title"), source.localized("text")
        localized["obligations"].append(item)
    return localized
