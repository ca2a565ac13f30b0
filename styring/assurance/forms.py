from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.forms import ScopedForm
from styring.core.views import VersionedFormMixin
from styring.organisations.models import Membership

from .models import Audit, AuditFinding, AuditProgramme, ChecklistItem, ManagementReview, ReviewAction, process_choices
from .services import AUDIT_FIELDS, FINDING_FIELDS, ITEM_FIELDS, PROGRAMME_FIELDS, REVIEW_FIELDS, auditable_requirements


def _requirement_label(requirement) -> str:
    return f"{requirement.ref} {requirement.display_title}"


class ProgrammeForm(ScopedForm):
    class Meta:
        model = AuditProgramme
        fields = list(PROGRAMME_FIELDS)


class AuditForm(ScopedForm):
    processes = forms.MultipleChoiceField(
        label=_("Processes in scope"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    class Meta:
        model = Audit
        fields = list(AUDIT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["processes"].choices = process_choices()
        requirements = self.fields["requirements"]
        requirements.queryset = auditable_requirements()
        requirements.to_field_name = "key"
        requirements.label_from_instance = _requirement_label
        requirements.widget.attrs["size"] = 14
        requirements.help_text = _("Clauses 4–10 and Annex A controls; the checklist asks one question for each.")
        self.fields["auditors"].help_text = _("An auditor may not audit a process, control or document they own.")


class ChecklistItemForm(ScopedForm):
    class Meta:
        model = ChecklistItem
        fields = list(ITEM_FIELDS)


class FindingForm(ScopedForm):
    class Meta:
        model = AuditFinding
        fields = list(FINDING_FIELDS)

    def __init__(self, *args, audit=None, **kwargs):
        super().__init__(*args, **kwargs)
        audit = audit or self.instance.audit
        requirement = self.fields["requirement"]
        requirement.queryset = audit.requirements.order_by("position")
        requirement.to_field_name = "key"
        requirement.label_from_instance = _requirement_label
        item = self.fields["checklist_item"]
        item.queryset = item.queryset.filter(audit=audit).select_related("requirement")
        item.label_from_instance = lambda record: record.requirement.ref
        self.fields["evidence_records"].queryset = self.fields["evidence_records"].queryset.order_by("title")
        self.fields["finding_type"].help_text = _(
            "A major or minor nonconformity raises a nonconformity in the register at once."
        )


class ReviewForm(ScopedForm):
    class Meta:
        model = ManagementReview
        fields = list(REVIEW_FIELDS)


class ReviewActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=Membership.objects.none(), required=False, to_field_name="public_id"
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Membership.objects.for_organisation(membership.organisation).select_related(
            "user"
        )
        self.fields["owner"].label_from_instance = lambda member: member.user.get_full_name()


class ReviewActionEditForm(ScopedForm):
    class Meta:
        model = ReviewAction
        fields = ["description", "owner", "due_date", "status"]


class ConfirmForm(VersionedFormMixin):
    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)


class ReportForm(ConfirmForm):
    conclusion = forms.CharField(label=_("Conclusion"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5}))


class HoldForm(ConfirmForm):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))


class NextReviewForm(ConfirmForm):
    planned_date = forms.DateField(label=_("Planned date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class InputNotesForm(ConfirmForm):
    """One note per compiled input."""

    def __init__(self, *args, review=None, titles=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key in review.inputs:
            if key.startswith("_"):
                continue
            self.fields[f"note_{key}"] = forms.CharField(
                label=titles.get(key, key), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.initial.setdefault(f"note_{key}", (review.input_notes or {}).get(key, ""))

    def notes(self) -> dict[str, str]:
        return {
            name.removeprefix("note_"): value for name, value in self.cleaned_data.items() if name.startswith("note_")
        }
