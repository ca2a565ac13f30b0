from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styring.catalog.models import Requirement
from styring.core.forms import ScopedForm
from styring.core.views import VersionedFormMixin
from styring.organisations.models import Membership

from .library import ISO42001
from .method import localized
from .models import Opportunity, Risk
from .services import OPPORTUNITY_FIELDS, RATING_FIELDS, RISK_FIELDS


def _scale_choices(scale) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(step["value"]), f"{step['value']} · {localized(step['labels'])}") for step in scale]


class RiskForm(ScopedForm):
    """Ratings are chosen on the current method's scales (labels in the reader's language)."""

    class Meta:
        model = Risk
        fields = list(RISK_FIELDS)

    def __init__(self, *args, method=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risk_source"].queryset = Requirement.objects.filter(
            version__key=ISO42001, kind="risk_source"
        ).order_by("position")
        self.fields["risk_source"].to_field_name = "key"
        self.fields["risk_source"].label_from_instance = lambda r: f"{r.ref} {r.display_title}"
        for name in RATING_FIELDS:
            scale = method.likelihood if name.endswith("likelihood") else method.impact
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=_scale_choices(scale),
                coerce=int,
                empty_value=None,
                required=False,
            )
            if self.instance.pk and self.instance.method_id != method.pk:
                self.initial.pop(name, None)  # rated on another method version: rate again on this one


class AcceptForm(VersionedFormMixin):
    rationale = forms.CharField(
        label=_("Why is the remaining risk acceptable?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TreatmentActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=Membership.objects.none(), required=False, to_field_name="public_id"
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Membership.objects.for_organisation(organisation).select_related("user")
        self.fields["owner"].label_from_instance = lambda member: member.user.get_full_name()


class OpportunityForm(ScopedForm):
    class Meta:
        model = Opportunity
        fields = list(OPPORTUNITY_FIELDS)


class MethodForm(forms.Form):
    """The method's scales, matrix, levels and appetite. Labels and descriptions are edited in the reader's
    language; the other languages keep their wording."""

    acceptance_level = forms.ChoiceField(label=_("Risks may be accepted up to level"))
    review_interval_months = forms.IntegerField(label=_("Review risks every (months)"), min_value=1, max_value=36)
    change_summary = forms.CharField(label=_("What changed and why"), max_length=500)

    def __init__(self, *args, method_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.method_data = method_data
        levels = [(item["key"], localized(item["labels"])) for item in method_data["levels"]]
        self.fields["acceptance_level"].choices = levels
        self.initial.setdefault("acceptance_level", method_data["acceptance_level"])
        self.initial.setdefault("review_interval_months", method_data["review_interval_months"])
        for kind in ("likelihood", "impact"):
            for step in method_data[kind]:
                prefix = f"{kind}_{step['value']}"
                self.fields[f"{prefix}_label"] = forms.CharField(max_length=100, label=_("Label"))
                self.fields[f"{prefix}_description"] = forms.CharField(
                    max_length=500, required=False, label=_("Description")
                )
                self.initial.setdefault(f"{prefix}_label", localized(step["labels"]))
                self.initial.setdefault(f"{prefix}_description", localized(step.get("descriptions")))
        for item in method_data["levels"]:
            self.fields[f"level_{item['key']}_label"] = forms.CharField(max_length=100, label=_("Label"))
            self.initial.setdefault(f"level_{item['key']}_label", localized(item["labels"]))
        for row, cells in enumerate(method_data["matrix"], start=1):
            for column, level in enumerate(cells, start=1):
                name = f"cell_{row}_{column}"
                self.fields[name] = forms.ChoiceField(choices=levels, label=_("Level"))
                self.initial.setdefault(name, level)

    def method(self, language: str) -> dict:
        """The edited method: the reader's language gets the new wording."""
        data = self.cleaned_data
        result = {
            "acceptance_level": data["acceptance_level"],
            "review_interval_months": data["review_interval_months"],
        }
        for kind in ("likelihood", "impact"):
            result[kind] = []
            for step in self.method_data[kind]:
                prefix = f"{kind}_{step['value']}"
                result[kind].append(
                    {
                        "value": step["value"],
                        "labels": {**step["labels"], language: data[f"{prefix}_label"]},
                        "descriptions": {**(step.get("descriptions") or {}), language: data[f"{prefix}_description"]},
                    }
                )
        result["levels"] = [
            {**item, "labels": {**item["labels"], language: data[f"level_{item['key']}_label"]}}
            for item in self.method_data["levels"]
        ]
        result["matrix"] = [
            [data[f"cell_{row}_{column}"] for column in range(1, len(cells) + 1)]
            for row, cells in enumerate(self.method_data["matrix"], start=1)
        ]
        return result
