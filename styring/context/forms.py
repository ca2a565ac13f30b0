from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styring.catalog.models import Requirement
from styring.core.forms import ScopedForm
from styring.core.views import VersionedFormMixin

from .models import ContextIssue, InterestedParty
from .scope import TEXT_FIELDS
from .services import ISSUE_FIELDS, PARTY_FIELDS

MULTI_HELP = _("Hold Ctrl (⌘ on a Mac) to choose several.")


def linkable_requirements():
    """Catalog requirements a party's requirements can relate to: the assessable ones of every framework."""
    return (
        Requirement.objects.filter(assessable=True)
        .select_related("version__framework")
        .order_by("version__key", "position")
    )


class IssueForm(ScopedForm):
    class Meta:
        model = ContextIssue
        fields = list(ISSUE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("systems", "risks"):
            self.fields[name].widget.attrs["size"] = 6
            self.fields[name].help_text = MULTI_HELP
        self.fields["risks"].label_from_instance = str


class PartyForm(ScopedForm):
    catalog_requirements = forms.ModelMultipleChoiceField(
        label=_("Related catalog requirements"),
        queryset=Requirement.objects.none(),
        required=False,
        to_field_name="key",
        help_text=MULTI_HELP,
    )

    class Meta:
        model = InterestedParty
        fields = list(PARTY_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["catalog_requirements"]
        field.queryset = linkable_requirements()
        field.label_from_instance = lambda r: f"{r.version.framework.name} {r.ref} {r.display_title}"
        field.widget.attrs["size"] = 10


PLACEMENT_CHOICES = [
    ("", _("Not placed yet")),
    ("in", _("In scope")),
    ("out", _("Out of scope")),
]


class ScopeForm(VersionedFormMixin):
    """The texts of a draft, and one in/out choice with a reason per AI system of the inventory."""

    statement = forms.CharField(
        label=_("Scope statement"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the AI management system covers, in a few sentences a reader outside the team understands."),
    )  # fmt: skip
    boundaries = forms.CharField(
        label=_("Boundaries"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Organisational units, locations and processes covered."),
    )  # fmt: skip
    interfaces = forms.CharField(
        label=_("Interfaces and dependencies"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the AIMS meets activities of others: suppliers, group functions, customers."),
    )  # fmt: skip
    exclusions = forms.CharField(
        label=_("Exclusions and their reasons"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason for the change (recorded in the change log)"), required=False, max_length=1000
    )

    def __init__(self, *args, version=None, systems=(), rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        rows = rows or {}
        self.systems = list(systems)
        for name in TEXT_FIELDS:
            self.initial.setdefault(name, getattr(version, name))
        self.initial.setdefault("version", version.version)
        for system in self.systems:
            row = rows.get(system.pk)
            key = str(system.public_id)
            self.fields[f"place-{key}"] = forms.ChoiceField(
                label=system.name, choices=PLACEMENT_CHOICES, required=False
            )
            self.fields[f"reason-{key}"] = forms.CharField(
                label=_("Reason"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 1})
            )
            if row is not None:
                self.initial.setdefault(f"place-{key}", "in" if row.in_scope else "out")
                self.initial.setdefault(f"reason-{key}", row.reason)

    def system_rows(self):
        """(system, placement field, reason field) for the template."""
        return [(s, self[f"place-{s.public_id}"], self[f"reason-{s.public_id}"]) for s in self.systems]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in TEXT_FIELDS}
        data["systems"] = [
            {
                "system": system,
                "in_scope": {"in": True, "out": False}.get(self.cleaned_data[f"place-{system.public_id}"]),
                "reason": self.cleaned_data[f"reason-{system.public_id}"],
            }
            for system in self.systems
        ]
        return data
