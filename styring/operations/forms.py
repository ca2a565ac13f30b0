from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styring.core.forms import ScopedForm

from .calculators import MAX_UPLOAD_BYTES
from .models import Metric
from .services import METRIC_FIELDS


class MetricForm(ScopedForm):
    class Meta:
        model = Metric
        fields = list(METRIC_FIELDS)


class MeasurementForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=24, decimal_places=8)
    measured_at = forms.DateTimeField(
        label=_("Measured at"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)


class UploadField(forms.FileField):
    def validate(self, value):
        super().validate(value)
        if value and value.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20}
            )


class MeasurementImportForm(forms.Form):
    file = UploadField(
        label=_("CSV file"),
        help_text=_("Columns measured_at,value,note (UTF-8, header row). Times without a zone are read in the "
                    "organisation's time zone."),
    )  # fmt: skip

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)


class CalculatorForm(forms.Form):
    CALCULATIONS = (
        ("psi", _("Drift: population stability index (two samples)")),
        ("ks", _("Drift: Kolmogorov–Smirnov test (two samples)")),
        ("fairness", _("Fairness: parity, equal opportunity, disparate impact (one sample)")),
    )
    calculation = forms.ChoiceField(label=_("Calculation"), choices=CALCULATIONS)
    reference = UploadField(
        label=_("Reference sample (CSV)"),
        required=False,
        help_text=_("Drift: the baseline, e.g. the training or validation data."),
    )
    current = UploadField(
        label=_("Current sample (CSV)"),
        help_text=_("Drift: recent production data. Fairness: rows with columns group, prediction and optionally "
                    "label (0 or 1)."),
    )  # fmt: skip
    column = forms.CharField(label=_("Column with the values (drift)"), max_length=100, initial="value", required=False)
    bins = forms.IntegerField(label=_("Buckets (PSI)"), min_value=2, max_value=100, initial=10, required=False)

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("calculation") in ("psi", "ks") and not data.get("reference"):
            self.add_error("reference", _("Drift compares two samples: upload the reference sample too."))
        return data


class SaveResultForm(forms.Form):
    metric = forms.ModelChoiceField(label=_("Save as a measurement of"), queryset=Metric.objects.none(),
                                    to_field_name="public_id")  # fmt: skip
    value = forms.DecimalField(max_digits=24, decimal_places=8, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = Metric.objects.for_organisation(organisation).filter(active=True)


class LogSettingsForm(forms.Form):
    retention_days = forms.IntegerField(label=_("Keep events for (days)"), min_value=1, max_value=36500)
    reason = forms.CharField(label=_("Reason for the change (recorded in the change log)"), max_length=1000,
                             required=False)  # fmt: skip
