from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styring.catalog.models import Requirement
from styring.core.forms import ScopedForm
from styring.core.views import VersionedFormMixin

from .choices import ActionStatus, AnalysisMethod, FishboneCategory
from .models import MAX_WHYS, CorrectiveAction, Improvement, Nonconformity
from .services import IMPROVEMENT_FIELDS, NONCONFORMITY_FIELDS

ISO42001 = "iso42001:2023"


class NonconformityForm(ScopedForm):
    """Recording a nonconformity by hand (a complaint, an external audit …) or changing its description."""

    class Meta:
        model = Nonconformity
        fields = list(NONCONFORMITY_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        requirement = self.fields["requirement"]
        requirement.queryset = Requirement.objects.filter(version__key=ISO42001, kind__in=("clause", "control"))
        requirement.to_field_name = "key"
        requirement.label_from_instance = lambda r: f"{r.ref} {r.display_title}"
        requirement.required = False
        requirement.empty_label = _("Not named")
        recurrence = self.fields["recurrence_of"]
        recurrence.empty_label = _("Not a recurrence")
        recurrence.help_text = _("An earlier nonconformity of the same kind that has happened again.")
        if self.instance.pk:
            recurrence.queryset = recurrence.queryset.exclude(pk=self.instance.pk)


class ContainmentForm(VersionedFormMixin):
    containment = forms.CharField(
        label=_("What was done at once to contain it and deal with its consequences?"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contained_by = forms.ModelChoiceField(label=_("Contained by"), queryset=None, required=False,
                                          to_field_name="public_id")  # fmt: skip
    contained_on = forms.DateField(
        label=_("Contained on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        from styring.organisations.models import Membership

        field = self.fields["contained_by"]
        field.queryset = Membership.objects.for_organisation(membership.organisation).select_related("user")
        field.label_from_instance = lambda member: member.user.get_full_name()


class RootCauseForm(VersionedFormMixin):
    """The analysis: up to five why/because pairs, or causes per fishbone category (one per line)."""

    analysis_method = forms.ChoiceField(label=_("Method"), choices=AnalysisMethod.choices)
    root_cause = forms.CharField(
        label=_("Root cause"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The underlying cause that, once removed, stops the nonconformity from happening again."),
    )  # fmt: skip
    could_occur_elsewhere = forms.BooleanField(label=_("It could occur elsewhere too"), required=False)
    elsewhere_note = forms.CharField(
        label=_("Where else could it occur?"), max_length=10_000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, MAX_WHYS + 1):
            self.fields[f"why_{number}"] = forms.CharField(
                label=_("Why? (%(number)s)") % {"number": number}, max_length=1000, required=False
            )
            self.fields[f"because_{number}"] = forms.CharField(
                label=_("Because … (%(number)s)") % {"number": number}, max_length=1000, required=False
            )
        for category in FishboneCategory:
            self.fields[f"fishbone_{category.value}"] = forms.CharField(
                label=category.label, max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One cause per line."),
            )  # fmt: skip

    @classmethod
    def initial_for(cls, record: Nonconformity) -> dict:
        initial = {
            "version": record.version,
            "analysis_method": record.analysis_method or AnalysisMethod.FIVE_WHYS,
            "root_cause": record.root_cause,
            "could_occur_elsewhere": record.could_occur_elsewhere,
            "elsewhere_note": record.elsewhere_note,
        }
        for number, step in enumerate(record.five_whys or [], start=1):
            initial[f"why_{number}"], initial[f"because_{number}"] = step.get("why", ""), step.get("because", "")
        for category, causes in (record.fishbone or {}).items():
            initial[f"fishbone_{category}"] = "\n".join(causes)
        return initial

    def clean(self):
        data = super().clean()
        steps = []
        for number in range(1, MAX_WHYS + 1):
            why = (data.get(f"why_{number}") or "").strip()
            because = (data.get(f"because_{number}") or "").strip()
            if why and because:
                steps.append({"why": why, "because": because})
            elif why or because:
                self.add_error(f"why_{number}", _("Give both the question and its answer, or neither."))
        fishbone = {}
        for category in FishboneCategory:
            causes = [line.strip() for line in (data.get(f"fishbone_{category.value}") or "").splitlines()]
            if causes := [cause for cause in causes if cause]:
                fishbone[category.value] = causes
        method = data.get("analysis_method")
        data["five_whys"] = steps if method == AnalysisMethod.FIVE_WHYS else []
        data["fishbone"] = fishbone if method == AnalysisMethod.FISHBONE else {}
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("analysis_method", "five_whys", "fishbone", "root_cause", "could_occur_elsewhere",
                         "elsewhere_note")
        }  # fmt: skip


class CorrectiveActionForm(ScopedForm):
    class Meta:
        model = CorrectiveAction
        fields = ["description", "owner", "due_date"]


class CorrectiveActionEditForm(ScopedForm):
    class Meta:
        model = CorrectiveAction
        fields = ["description", "owner", "due_date", "status", "completed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ActionStatus.choices
        self.fields["completed_on"].help_text = _("Left empty, marking the action done records today.")


class EffectivenessForm(VersionedFormMixin):
    effective = forms.TypedChoiceField(
        label=_("Did the corrective actions work?"),
        choices=[("yes", _("Yes, effective")), ("no", _("No, not effective"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label=_("Evidence"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you looked at: records, measurements, a follow-up audit, a period without recurrence."),
    )  # fmt: skip
    close = forms.BooleanField(label=_("Close the nonconformity if effective"), required=False, initial=True)

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)


class CancelForm(VersionedFormMixin):
    reason = forms.CharField(
        label=_("Why is it cancelled?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: raised in error, a duplicate of another nonconformity."),
    )  # fmt: skip

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)


class ImprovementForm(ScopedForm):
    class Meta:
        model = Improvement
        fields = list(IMPROVEMENT_FIELDS)
