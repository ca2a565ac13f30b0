"""The AI due-diligence questionnaire for suppliers: questions are data (data/supplier_due_diligence.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field

from .choices import DueDiligenceStatus

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "supplier_due_diligence.yaml"
ANSWERS = [
    ("yes", _("Yes")),
    ("partly", _("Partly")),
    ("no", _("No")),
    ("not_applicable", _("Not applicable")),
    ("unknown", _("Unknown")),
]


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    topic: str
    text: str


class Questionnaire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int
    questions: list[Question] = Field(min_length=1)


@cache
def questionnaire() -> Questionnaire:
    data = Questionnaire.model_validate(yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8")))
    ids = [question.id for question in data.questions]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{QUESTIONS_FILE.name}: duplicate question ids")
    return data


class DueDiligenceForm(forms.Form):
    """One answer and note per question, plus the overall conclusion."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    due_diligence_status = forms.ChoiceField(label=_("Conclusion"), choices=DueDiligenceStatus.choices)
    due_diligence_date = forms.DateField(
        label=_("Completed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questionnaire().questions:
            self.fields[f"answer__{question.id}"] = forms.ChoiceField(
                label=question.text,
                choices=[("", "—"), *ANSWERS],
                required=False,
                help_text=question.topic,
            )
            self.fields[f"note__{question.id}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=2000,
                widget=forms.TextInput,
            )

    @staticmethod
    def initial_from(supplier) -> dict:
        initial = {
            "version": supplier.version,
            "due_diligence_status": supplier.due_diligence_status,
            "due_diligence_date": supplier.due_diligence_date,
        }
        for question_id, entry in (supplier.due_diligence_answers.get("answers") or {}).items():
            initial[f"answer__{question_id}"] = entry.get("answer", "")
            initial[f"note__{question_id}"] = entry.get("note", "")
        return initial

    def service_data(self) -> dict:
        answers = {}
        for question in questionnaire().questions:
            answer = self.cleaned_data[f"answer__{question.id}"]
            note = self.cleaned_data[f"note__{question.id}"]
            if answer or note:
                answers[question.id] = {"answer": answer, "note": note}
        return {
            "due_diligence_answers": {"questionnaire_version": questionnaire().version, "answers": answers},
            "due_diligence_status": self.cleaned_data["due_diligence_status"],
            "due_diligence_date": self.cleaned_data["due_diligence_date"],
        }


def summary(supplier) -> dict:
    """Counts of answers for the supplier page."""
    answers = (supplier.due_diligence_answers or {}).get("answers") or {}
    counts = {value: 0 for value, _label in ANSWERS}
    for entry in answers.values():
        if entry.get("answer") in counts:
            counts[entry["answer"]] += 1
    return {
        "answered": sum(counts.values()),
        "total": len(questionnaire().questions),
        "counts": [(label, counts[value]) for value, label in ANSWERS],
    }
