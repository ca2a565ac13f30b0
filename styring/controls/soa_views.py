from __future__ import annotations

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styring.core.exceptions import ConflictError
from styring.core.exports import csv_response, xlsx_response
from styring.core.forms import ScopedForm
from styring.core.permissions import Perm, can
from styring.core.views import OrganisationPage, TenantUpdateView

from . import soa
from .models import SoAEntry, SoAVersion

SECTION = "controls:soa"


class SoAView(OrganisationPage):
    permission_required = Perm.RISK_VIEW
    template_name = "controls/soa.html"
    section = SECTION

    def get(self, request, *args, **kwargs):
        versions = list(soa.versions_of(self.organisation))
        wanted = request.GET.get("version", "")
        current = next((v for v in versions if wanted.isdigit() and v.number == int(wanted)), None)
        current = current or (versions[0] if versions else None)
        rows = soa.rows_with_warnings(current) if current else []
        export = request.GET.get("export")
        if current and export in ("csv", "xlsx"):
            table = SoATable(rows)
            name = str(current)
            return csv_response(table, name) if export == "csv" else xlsx_response(table, name, "SoA")
        context = self.get_context_data(
            title=_("Statement of Applicability"),
            versions=versions,
            soa=current,
            rows=rows,
            warnings=sum(1 for row in rows if row.warnings),
            included=sum(1 for row in rows if row.entry.applicable),
            excluded=sum(1 for row in rows if row.entry.applicable is False),
            can_edit=can(self.membership, Perm.RISK_CHANGE),
            can_approve=can(self.membership, Perm.SOA_APPROVE),
        )
        return self.render_to_response(context)


class SoATable(tables.Table):
    """The export: one row per control."""

    ref = tables.Column(verbose_name=gettext_lazy("Control"), accessor="entry__requirement__ref")
    title = tables.Column(verbose_name=gettext_lazy("Title"), accessor="entry__requirement__title")
    applicable = tables.Column(verbose_name=gettext_lazy("Applicable"), accessor="entry__applicable")
    reason = tables.Column(verbose_name=gettext_lazy("Reason"), accessor="entry")
    justification = tables.Column(verbose_name=gettext_lazy("Justification"), accessor="entry__justification")
    implementation = tables.Column(verbose_name=gettext_lazy("Implementation"), accessor="entry", empty_values=())
    controls = tables.Column(verbose_name=gettext_lazy("Applied controls"), accessor="entry", empty_values=())
    risks = tables.Column(verbose_name=gettext_lazy("Risks"), accessor="entry", empty_values=())
    evidence = tables.Column(verbose_name=gettext_lazy("Evidence"), accessor="entry", empty_values=())
    warnings = tables.Column(verbose_name=gettext_lazy("Warnings"), empty_values=())

    def value_title(self, record):
        return record.entry.requirement.display_title

    def value_applicable(self, value):
        return {True: _("Yes"), False: _("No")}.get(value, "")

    def value_reason(self, value):
        return value.get_justification_type_display()

    def value_implementation(self, value):
        return value.get_implementation_status_display()

    def value_controls(self, value):
        return "; ".join(str(control) for control in value.applied_controls.all())

    def value_risks(self, value):
        return "; ".join(str(risk) for risk in value.risks.all())

    def value_evidence(self, value):
        return "; ".join(str(item) for item in value.evidence.all())

    def value_warnings(self, value):
        return " ".join(value)


class SoAActionView(OrganisationPage):
    """Start a draft, submit it, approve it or return it (POST only)."""

    permission_required = Perm.RISK_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        versions = soa.versions_of(self.organisation)
        try:
            if action == "draft":
                draft = soa.soa_draft(organisation=self.organisation, actor=request.user)
                messages.success(request, _("Draft version %(n)s is open for changes.") % {"n": draft.number})
                return redirect(draft.get_absolute_url())
            version = versions.get(public_id=request.POST.get("soa"))
            if action == "submit":
                soa.soa_submit(soa=version, actor=request.user)
                messages.success(request, _("Submitted for approval."))
            elif action in ("approve", "return"):
                if not can(self.membership, Perm.SOA_APPROVE):
                    raise PermissionDenied
                soa.soa_decide(
                    soa=version, actor=request.user, approve=action == "approve", note=request.POST.get("note", "")
                )
                messages.success(request, _("Approved.") if action == "approve" else _("Returned to draft."))
            else:
                raise ValidationError(_("Unknown action."))
        except (ValidationError, ConflictError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return redirect("controls:soa", org=self.organisation.slug)
        except SoAVersion.DoesNotExist:
            messages.error(request, _("That version does not exist."))
            return redirect("controls:soa", org=self.organisation.slug)
        return redirect(version.get_absolute_url())


class SoAEntryForm(ScopedForm):
    applicable = forms.TypedChoiceField(
        label=gettext_lazy("Applicable"),
        choices=[("", "—"), ("true", gettext_lazy("Yes, included")), ("false", gettext_lazy("No, excluded"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = SoAEntry
        fields = list(soa.ENTRY_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["applicable"] = {True: "true", False: "false"}.get(self.instance.applicable, "")
        self.fields["applied_controls"].widget.attrs["size"] = 6
        self.fields["risks"].widget.attrs["size"] = 6


class SoAEntryEditView(TenantUpdateView):
    model = SoAEntry
    lookup_kwarg = "soaentry"
    permission_required = Perm.RISK_CHANGE
    form_class = SoAEntryForm
    section = SECTION

    def get_queryset(self):
        return SoAEntry.objects.select_related("soa", "requirement", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.get_object()
        context["title"] = f"{entry} · {entry.soa}"
        if not entry.soa.is_editable:
            context["form_notice"] = _(
                "This version is frozen. Start a new draft to change the Statement of Applicability."
            )
        return context

    def update(self, record, form, **common):
        return soa.soa_entry_update(entry=record, **common, **form.service_data())


class SoACompareView(OrganisationPage):
    permission_required = Perm.RISK_VIEW
    template_name = "controls/soa_compare.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = {version.number: version for version in soa.versions_of(self.organisation)}
        numbers = sorted(versions)
        try:
            first = versions[int(self.request.GET.get("a", numbers[-2] if len(numbers) > 1 else 0))]
            second = versions[int(self.request.GET.get("b", numbers[-1] if numbers else 0))]
        except (KeyError, ValueError):
            first = second = None
        rows = soa.compare(first, second) if first and second else []
        context.update(
            title=_("Compare versions of the Statement of Applicability"),
            numbers=numbers,
            first=first,
            second=second,
            rows=rows,
            differences=sum(1 for row in rows if row["changed"]),
        )
        return context
