from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import User


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “MLOps pipeline”.")
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a token that does not expire."),
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value and value <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date in the future."))
        return value


class ProfileForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[("", _("Browser default")), *settings.LANGUAGES],
        required=False,
    )

    class Meta:
        model = User
        fields = ["full_name", "language"]
