"""Applied controls: writes (each with its change-log event) and the register's list, form and pages."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.catalog.models import Requirement
from styring.core.crud import Crud
from styring.core.forms import ScopedForm
from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable, ScopedFilterSet
from styring.core.permissions import Perm
from styring.core.services import tenant_create, tenant_delete, tenant_update
from styring.organisations.models import Membership

from .choices import ImplementationStatus
from .models import AppliedControl

FIELDS = (
    "name",
    "description",
    "owner",
    "implementation_status",
    "frequency",
    "requirements",
    "risks",
    "evidence_note",
    "review_date",
)
LINKS = ("requirements", "risks")


def applied_controls_of(organisation):
    return AppliedControl.objects.for_organisation(organisation).select_related("organisation", "owner__user")


def _split(data: dict[str, Any]) -> tuple[dict, dict]:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return {k: v for k, v in data.items() if k not in LINKS}, {k: v for k, v in data.items() if k in LINKS}


def applied_control_create(*, organisation, actor, reason: str = "", **data: Any) -> AppliedControl:
    from styring.risks.services import _lock, _next_reference

    values, links = _split(data)
    with transaction.atomic():
        _lock(organisation)
        control = AppliedControl(
            organisation=organisation, reference=_next_reference(AppliedControl, organisation, "C-"), **values
        )
        return tenant_create(instance=control, actor=actor, reason=reason, links=links)


def applied_control_update(record, *, actor, expected_version=None, reason: str = "", **data) -> AppliedControl:
    _split(data)
    return tenant_update(instance=record, actor=actor, data=data, expected_version=expected_version, reason=reason)


def applied_control_delete(*, record, actor, expected_version=None, reason: str = "") -> None:
    tenant_delete(instance=record, actor=actor, expected_version=expected_version, reason=reason)


def addressable_requirements():
    """Requirements a control can address: the assessable ones of every framework in the catalog."""
    return (
        Requirement.objects.filter(assessable=True)
        .select_related("version__framework")
        .order_by("version__key", "position")
    )


class AppliedControlForm(ScopedForm):
    requirements = forms.ModelMultipleChoiceField(
        label=_("Requirements addressed"),
        queryset=Requirement.objects.none(),
        required=False,
        to_field_name="key",
        help_text=_("Annex A controls and requirements of other frameworks. Hold Ctrl (⌘ on a Mac) to choose several."),
    )

    class Meta:
        model = AppliedControl
        fields = list(FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirements"].queryset = addressable_requirements()
        self.fields["requirements"].label_from_instance = lambda r: (
            f"{r.version.framework.name} {r.ref} {r.display_title}"
        )
        self.fields["requirements"].widget.attrs["size"] = 10
        self.fields["risks"].label_from_instance = str
        self.fields["risks"].widget.attrs["size"] = 6


class AppliedControlTable(OrganisationTable):
    reference = tables.Column(verbose_name=_("Ref."))
    name = LinkedNameColumn(verbose_name=_("Control"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    implementation_status = tables.Column(verbose_name=_("Implementation"))
    frequency = tables.Column(verbose_name=_("Frequency"))
    review_date = tables.DateColumn(verbose_name=_("Next review"), short=True)

    class Meta:
        model = AppliedControl
        fields = ("reference", "name", "owner", "implementation_status", "frequency", "review_date")
        attrs = TABLE_ATTRS
        order_by = ("reference",)


class AppliedControlFilterSet(ScopedFilterSet):
    search_fields = ("reference", "name", "description")
    implementation_status = django_filters.ChoiceFilter(label=_("Implementation"), choices=ImplementationStatus.choices)
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )
    requirement = django_filters.CharFilter(label=_("Addresses requirement"), field_name="requirements__key")

    class Meta:
        model = AppliedControl
        fields: list[str] = []


def _related(control: AppliedControl) -> list:
    """Requirements linked directly, those their crosswalks map to, and the risks the control treats."""
    from styring.catalog.selectors import related_requirements

    direct = list(control.requirements.select_related("version__framework").order_by("version__key", "position"))
    mapped = {}
    for requirement in direct:
        for related in related_requirements(requirement):
            if related.requirement not in direct:
                mapped.setdefault(related.requirement.pk, related.requirement)
    return [
        (_("Requirements addressed"), [_Linked(control, requirement) for requirement in direct]),
        (_("Also related through crosswalks"), [_Linked(control, requirement) for requirement in mapped.values()]),
        (_("Risks treated"), list(control.risks.all())),
    ]


class _Linked:
    """A catalog requirement shown with a link to its page in the organisation's catalog."""

    def __init__(self, control, requirement):
        self.control, self.requirement = control, requirement

    def __str__(self) -> str:
        return f"{self.requirement.version.framework.name} {self.requirement.ref} {self.requirement.display_title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "catalog:requirement", kwargs={"org": self.control.organisation.slug, "requirement": self.requirement.key}
        )


APPLIED_CONTROLS = Crud(
    model=AppliedControl,
    url_prefix="controls",
    list_title=_("Applied controls"),
    create_title=_("New applied control"),
    selector=applied_controls_of,
    create=applied_control_create,
    update=applied_control_update,
    delete=applied_control_delete,
    form_class=AppliedControlForm,
    table_class=AppliedControlTable,
    filterset_class=AppliedControlFilterSet,
    view_permission=Perm.RISK_VIEW,
    change_permission=Perm.RISK_CHANGE,
    delete_permission=Perm.RISK_DELETE,
    detail_fields=("reference", "description", "owner", "implementation_status", "frequency", "evidence_note",
                   "review_date"),
    empty_text=_("Record the controls your organisation operates and link them to the requirements and risks they "
                 "address."),
    export_name="applied-controls",
    related=_related,
)  # fmt: skip
