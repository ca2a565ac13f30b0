from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.views import VersionedFormMixin
from styring.organisations.models import Membership

from .choices import MATURITY_LEVELS, GapStatus


def _owner_field(membership, required=False):
    field = forms.ModelChoiceField(
        label=_("Owner"),
        required=required,
        to_field_name="public_id",
        queryset=Membership.objects.for_organisation(membership.organisation).select_related("user"),
    )
    field.label_from_instance = lambda m: m.user.get_full_name()
    field.empty_label = _("No owner")
    return field


class EvidenceLinksField(forms.CharField):
    """One web address per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


class GapAnswerForm(VersionedFormMixin):
    status = forms.ChoiceField(label=_("Status"), choices=GapStatus.choices)
    maturity = forms.TypedChoiceField(
        label=_("Maturity"), choices=[("", "—"), *MATURITY_LEVELS], coerce=int, empty_value=None, required=False
    )
    owner = forms.ModelChoiceField(queryset=Membership.objects.none(), required=False)
    target_date = forms.DateField(
        label=_("Target date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 4}))
    evidence_links = EvidenceLinksField(
        label=_("Evidence links"),
        required=False,
        max_length=20_000,
        help_text=_("One web address per line (documents, tickets, wiki pages)."),
    )
    reason = forms.CharField(
        label=_("Reason for the change (recorded in the change log)"), required=False, max_length=1000
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(membership)

    def service_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("status", "maturity", "owner", "target_date", "note", "evidence_links")
        }


class GapBulkForm(forms.Form):
    """Applied to the selected rows; empty fields are left as they are."""

    requirements = forms.CharField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(
        label=_("Set status"), choices=[("", _("(unchanged)")), *GapStatus.choices], required=False
    )
    maturity = forms.TypedChoiceField(
        label=_("Set maturity"),
        choices=[("", _("(unchanged)")), *MATURITY_LEVELS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    owner = forms.ModelChoiceField(queryset=Membership.objects.none(), required=False)
    target_date = forms.DateField(
        label=_("Set target date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(membership)
        self.fields["owner"].label = _("Set owner")
        self.fields["owner"].empty_label = _("(unchanged)")

    def changes(self) -> dict:
        return {
            name: value
            for name in ("status", "maturity", "owner", "target_date")
            if (value := self.cleaned_data.get(name)) not in (None, "")
        }


class GapTasksForm(forms.Form):
    due_date = forms.DateField(
        label=_("Due date for gaps without a target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    owner = forms.ModelChoiceField(queryset=Membership.objects.none(), required=False)

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(membership)
        self.fields["owner"].label = _("Owner for gaps without an owner")
        self.fields["owner"].empty_label = _("Nobody")


class GapImportForm(forms.Form):
    file = forms.FileField(
        label=_("Gap analysis workbook (.xlsx)"),
        help_text=_(
            "Use a workbook exported from this page; change the status, maturity, "
            "owner, target date, note or evidence columns."
        ),
    )
