from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.views import VersionedFormMixin
from styring.organisations.models import Membership

from .choices import AiActRole, IsoRole
from .models import AIModel, AISystem, Dataset, Supplier
from .services import AISYSTEM_EDITABLE_FIELDS


class AISystemForm(VersionedFormMixin, forms.ModelForm):
    iso_roles = forms.MultipleChoiceField(
        label=_("AI roles (ISO/IEC 22989)"),
        choices=IsoRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    ai_act_roles = forms.MultipleChoiceField(
        label=_("Roles under the EU AI Act"),
        choices=AiActRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    reason = forms.CharField(
        label=_("Reason for the change (recorded in the change log)"), required=False, max_length=1000
    )

    class Meta:
        model = AISystem
        fields = list(AISYSTEM_EDITABLE_FIELDS)
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "models_used": forms.Textarea(attrs={"rows": 2}),
            "datasets_used": forms.Textarea(attrs={"rows": 2}),
            "deployment_context": forms.Textarea(attrs={"rows": 2}),
            "affected_persons": forms.Textarea(attrs={"rows": 2}),
            "human_oversight": forms.Textarea(attrs={"rows": 2}),
            "review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Owners can only be members of the same organisation: the choice list is scoped, and so is validation.
        self.fields["owner"].queryset = Membership.objects.for_organisation(membership.organisation).select_related(
            "user"
        )
        self.fields["owner"].label_from_instance = lambda m: m.user.get_full_name()
        self.fields["owner"].to_field_name = "public_id"
        self.fields["owner"].empty_label = _("No owner yet")
        organisation = membership.organisation
        for name, model in (("ai_models", AIModel), ("datasets", Dataset), ("suppliers", Supplier)):
            self.fields[name].queryset = model.objects.for_organisation(organisation)
            self.fields[name].widget.attrs["size"] = 4
            self.fields[name].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")
        if self.instance.pk is None:
            self.fields.pop("reason")
            self.instance.organisation = membership.organisation

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in AISYSTEM_EDITABLE_FIELDS}
