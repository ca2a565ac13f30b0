from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styring.catalog.models import Requirement
from styring.controls.applied import addressable_requirements
from styring.core.forms import ScopedForm
from styring.core.roles import Role
from styring.organisations.models import Membership

from .models import Document, DocumentVersion
from .services import DOCUMENT_FIELDS


class RequirementsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, requirement):
        return f"{requirement.version.framework.name} {requirement.ref} {requirement.display_title}"


class DocumentForm(ScopedForm):
    """The document's identity and rules; on creation also the first version's text or file."""

    requirements = RequirementsField(
        label=_("Requirements addressed"),
        queryset=Requirement.objects.none(),
        required=False,
        to_field_name="key",
        help_text=_("Clauses and controls this document addresses. Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    body = forms.CharField(
        label=_("Text (Markdown)"), required=False, max_length=500_000, widget=forms.Textarea(attrs={"rows": 14})
    )
    upload = forms.FileField(label=_("Or upload the document"), required=False)

    class Meta:
        model = Document
        fields = list(DOCUMENT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirements"].queryset = addressable_requirements()
        self.fields["requirements"].widget.attrs["size"] = 8
        if self.instance.pk:  # content is edited on the version, not here
            self.fields.pop("body")
            self.fields.pop("upload")
        else:
            self.fields["body"].widget.attrs["rows"] = 14

    def service_data(self) -> dict:
        data = super().service_data()
        if "body" in self.fields:
            data["body"] = self.cleaned_data["body"]
            data["upload"] = self.cleaned_data["upload"]
        return data


class VersionForm(ScopedForm):
    upload = forms.FileField(label=_("Replace with an uploaded file"), required=False)
    remove_file = forms.BooleanField(label=_("Remove the uploaded file"), required=False)

    class Meta:
        model = DocumentVersion
        fields = ["body", "change_summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["rows"] = 20
        self.fields["change_summary"].widget.attrs["rows"] = 2
        if not self.instance.is_file:
            self.fields.pop("remove_file")

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["upload"] = self.cleaned_data.get("upload")
        data["remove_file"] = self.cleaned_data.get("remove_file", False)
        return data


class PublishForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Members with the role"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    ai_roles = forms.ModelMultipleChoiceField(
        label=_("Holders of the AI role"),
        queryset=None,
        required=False,
        to_field_name="public_id",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Named members"), queryset=None, required=False, to_field_name="public_id"
    )
    due_date = forms.DateField(
        label=_("Acknowledge by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    message = forms.CharField(
        label=_("Message"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from styring.governance.models import AIRole

        self.fields["ai_roles"].queryset = AIRole.objects.for_organisation(organisation)
        self.fields["members"].queryset = Membership.objects.for_organisation(organisation).select_related("user")
        self.fields["members"].label_from_instance = lambda member: member.user.get_full_name() or member.user.email
        self.fields["members"].widget.attrs["size"] = 6

    def clean(self):
        data = super().clean()
        if not (data.get("roles") or data.get("ai_roles") or data.get("members")):
            raise forms.ValidationError(_("Choose at least one group or member."))
        return data
