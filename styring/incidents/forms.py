from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.forms import ScopedForm
from styring.core.views import VersionedFormMixin

from .choices import IncidentStatus
from .deadlines import QUESTIONS
from .models import Incident, IncidentNotification
from .services import INCIDENT_FIELDS, NOTIFICATION_FIELDS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
YES_NO_UNKNOWN = [("unknown", _("Not answered yet")), ("true", _("Yes")), ("false", _("No"))]


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class IncidentForm(ScopedForm):
    """Times are entered in the organisation's time zone (the page activates it)."""

    class Meta:
        model = Incident
        fields = list(INCIDENT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("occurred_at", "aware_at"):
            self.fields[name].widget = _datetime_widget()
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        self.fields["aware_at"].required = True


class AssessmentForm(VersionedFormMixin):
    """The serious-incident test: each question yes, no or not answered yet."""

    def __init__(self, *args, membership=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in QUESTIONS:
            field = Incident._meta.get_field(name)
            self.fields[name] = forms.NullBooleanField(
                label=str(field.verbose_name).capitalize(),
                help_text=field.help_text,
                required=False,
                widget=forms.Select(choices=YES_NO_UNKNOWN),
            )
        self.fields["reason"] = forms.CharField(label=_("Note for the change log"), required=False, max_length=1000)

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in QUESTIONS}


class StatusForm(VersionedFormMixin):
    status = forms.ChoiceField(label=_("Status"), choices=IncidentStatus.choices)
    reason = forms.CharField(
        label=_("Reason (recorded in the change log; required to reopen)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)


class NotificationForm(ScopedForm):
    class Meta:
        model = IncidentNotification
        fields = list(NOTIFICATION_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_at"].widget = _datetime_widget()
        self.fields["sent_at"].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
