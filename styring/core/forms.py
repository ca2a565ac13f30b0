"""Base form for tenant records edited through a service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TenantModel
from .views import VersionedFormMixin


class ScopedForm(VersionedFormMixin, forms.ModelForm):
    """Every choice of another tenant record (owner, supplier, AI system …) lists the member's organisation only and
    is submitted by public id; owners are shown by name. On edit, a reason for the change log is asked."""

    reason = forms.CharField(
        label=_("Reason for the change (recorded in the change log)"), required=False, max_length=1000
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        from styring.organisations.models import Membership

        organisation = membership.organisation
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is Membership:
                field.queryset = Membership.objects.for_organisation(organisation).select_related("user")
                field.label_from_instance = lambda member: member.user.get_full_name()
                if name == "owner" or name.endswith("_owner"):
                    field.empty_label = _("No owner yet")
            elif model is not None and issubclass(model, TenantModel):
                field.queryset = model.objects.for_organisation(organisation)
            else:
                continue
            field.to_field_name = "public_id"
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
        if self.instance.pk is None:
            self.fields.pop("reason")
        self.instance.organisation = organisation

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
