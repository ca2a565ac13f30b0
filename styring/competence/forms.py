from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styring.controls.models import Evidence
from styring.core.forms import ScopedForm
from styring.core.views import VersionedFormMixin

from .choices import CompetenceLevel, EvidenceType
from .models import Competence, PersonCompetence, RoleCompetence, TrainingItem
from .services import COMPETENCE_FIELDS, PERSON_COMPETENCE_FIELDS, TRAINING_FIELDS


class CompetenceForm(ScopedForm):
    class Meta:
        model = Competence
        fields = list(COMPETENCE_FIELDS)


class _PersonForm(ScopedForm):
    """The person is a member or someone outside Styring; the member list says so."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].empty_label = _("Not a member (name the person below)")
        self.fields["person_name"].help_text = _("Only for someone who does not use Styring.")


class PersonCompetenceForm(_PersonForm):
    class Meta:
        model = PersonCompetence
        fields = list(PERSON_COMPETENCE_FIELDS)


class TrainingItemForm(_PersonForm):
    class Meta:
        model = TrainingItem
        fields = list(TRAINING_FIELDS)


class RoleCompetenceForm(ScopedForm):
    """Adds a requirement to the role shown on the page (the role is not chosen here)."""

    class Meta:
        model = RoleCompetence
        fields = ["competence", "level"]


class TrainingCompleteForm(VersionedFormMixin):
    completed_on = forms.DateField(
        label=_("Completed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    record_competence = forms.BooleanField(
        label=_("Record the competence this training gave the person"), required=False, initial=True
    )
    level = forms.ChoiceField(label=_("Level held now"), choices=CompetenceLevel.choices)
    evidence_type = forms.ChoiceField(label=_("Evidence type"), choices=EvidenceType.choices)
    evidence_reference = forms.CharField(
        label=_("Evidence (description or reference)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    evidence = forms.ModelChoiceField(
        label=_("Evidence record"), queryset=Evidence.objects.none(), required=False, to_field_name="public_id"
    )

    def __init__(self, *args, membership=None, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Evidence.objects.for_organisation(membership.organisation)
        self.initial.setdefault("completed_on", timezone.localdate())
        self.initial.setdefault("level", CompetenceLevel.PRACTITIONER)
        self.initial.setdefault("evidence_type", EvidenceType.TRAINING)
        if item is not None:
            provider = f" ({item.provider})" if item.provider else ""
            self.initial.setdefault("evidence_reference", f"{item.title}{provider}")
            self.initial.setdefault("version", item.version)
