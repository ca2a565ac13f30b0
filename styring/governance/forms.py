from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.forms import ScopedForm
from styring.core.views import VersionedFormMixin
from styring.inventory.models import AISystem

from .choices import ConcernCategory, ConcernStatus
from .models import AIRole, CommunicationItem, Objective, PlannedChange, RoleAssignment
from .services import CHANGE_FIELDS, COMMUNICATION_FIELDS, OBJECTIVE_FIELDS, ROLE_FIELDS


class RoleForm(ScopedForm):
    class Meta:
        model = AIRole
        fields = list(ROLE_FIELDS)


class AssignmentForm(ScopedForm):
    """Who holds the role: a member, or a named person who does not use Styring."""

    class Meta:
        model = RoleAssignment
        fields = ["member", "person_name", "person_email", "system", "starts_on", "ends_on", "note"]

    def __init__(self, *args, role=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.role = role
        self.fields["member"].empty_label = _("— someone outside Styring —")
        self.fields["system"].empty_label = _("All AI systems")

    def service_data(self) -> dict:
        return {**super().service_data(), "role": self.instance.role}


class ObjectiveForm(ScopedForm):
    class Meta:
        model = Objective
        fields = list(OBJECTIVE_FIELDS)


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(
        label=_("Measured on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    value = forms.FloatField(label=_("Value"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class PlannedChangeForm(ScopedForm):
    class Meta:
        model = PlannedChange
        fields = list(CHANGE_FIELDS)
        widgets = {"systems": forms.CheckboxSelectMultiple}


class CommunicationItemForm(ScopedForm):
    class Meta:
        model = CommunicationItem
        fields = list(COMMUNICATION_FIELDS)


class CommunicationRecordForm(VersionedFormMixin):
    communicated_on = forms.DateField(
        label=_("Communicated on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)


class ConcernReportForm(forms.Form):
    category = forms.ChoiceField(label=_("What is the concern about?"), choices=ConcernCategory.choices)
    description = forms.CharField(
        label=_("Describe the concern"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened or could happen, and which AI use it concerns. Leave out names you do not need."),
    )
    system = forms.ModelChoiceField(
        label=_("AI system (if it concerns one)"),
        queryset=AISystem.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("Not a particular system"),
    )
    anonymous = forms.BooleanField(
        label=_("Report anonymously"),
        required=False,
        help_text=_(
            "Your name is not stored with the report, the change log does not record who sent it, and only the "
            "date is kept, not the time. You will not see the report under “My reports”."
        ),
    )

    def __init__(self, *args, membership=None, allow_anonymous=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = AISystem.objects.for_organisation(membership.organisation).order_by("name")
        if not allow_anonymous:
            self.fields.pop("anonymous")

    def clean_description(self):
        value = self.cleaned_data["description"]
        if "\x00" in value:
            raise forms.ValidationError(_("Text must not contain NUL characters."))
        return value


class ConcernHandleForm(VersionedFormMixin):
    status = forms.ChoiceField(label=_("Status"), choices=ConcernStatus.choices)
    response = forms.CharField(
        label=_("Response"), max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class SettingsForm(forms.Form):
    anonymous_concerns_enabled = forms.BooleanField(
        label=_("Allow members to report concerns anonymously"),
        required=False,
        help_text=_(
            "Anonymous reports store no reporter and only the date they were received; nobody, owners included, "
            "can see who sent them."
        ),
    )
