from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from styring.core.exceptions import ConflictError
from styring.core.permissions import Perm, can
from styring.core.views import (
    OrganisationListView,
    OrganisationPage,
    ServiceFormView,
    TenantDeleteView,
    TenantDetailView,
    TenantObjectMixin,
    TenantUpdateView,
)
from styring.tasks.selectors import tasks_of

from . import selectors, services
from .filtersets import RiskFilterSet
from .forms import AcceptForm, MethodForm, RiskForm, TreatmentActionForm
from .heatmap import heatmap
from .library import library, library_copy
from .method import SIZES, default_method, localized
from .models import Risk
from .tables import RiskTable

SECTION = "risks:risk-list"


class RiskListView(OrganisationListView):
    permission_required = Perm.RISK_VIEW
    create_url_name = "risks:risk-create"
    create_permission = Perm.RISK_CHANGE
    table_class = RiskTable
    filterset_class = RiskFilterSet
    title = gettext_lazy("AI risks")
    template_name = "risks/risk_list.html"
    export_name = "risks"
    section = SECTION
    empty_title = gettext_lazy("No risks recorded yet")
    empty_text = gettext_lazy("Record a risk, or copy typical AI risks from the starter library and adapt them.")

    def get_queryset(self):
        return selectors.risks_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        method = selectors.current_method(self.organisation)
        risks = self.filterset.qs
        base = {key: value for key, value in self.request.GET.items() if key not in ("page", "export")}
        context.update(
            method=method,
            heatmaps=[
                (
                    _("Inherent risk"),
                    heatmap(method, risks, "inherent", {k: v for k, v in base.items() if k != "inherent"},
                            self.request.GET.get("inherent", "")),
                ),
                (
                    _("Residual risk"),
                    heatmap(method, risks, "residual", {k: v for k, v in base.items() if k != "residual"},
                            self.request.GET.get("residual", "")),
                ),
            ],
            other_methods=risks.exclude(method=method).count() if method.pk else 0,
        )  # fmt: skip
        return context


class RiskFormMixin:
    model = Risk
    form_class = RiskForm
    section = SECTION

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["method"] = selectors.current_method(self.organisation)
        return kwargs


class RiskCreateView(RiskFormMixin, ServiceFormView):
    permission_required = Perm.RISK_CHANGE
    title = gettext_lazy("New risk")
    submit_label = gettext_lazy("Record risk")
    success_message = gettext_lazy("Risk recorded.")

    def get_initial(self):
        initial = super().get_initial()
        system = self.request.GET.get("system")
        if system:
            initial["system"] = system
        return initial

    def perform(self, form):
        return services.risk_create(organisation=self.organisation, actor=self.request.user, **form.service_data())


class RiskUpdateView(RiskFormMixin, TenantUpdateView):
    lookup_kwarg = "risk"
    permission_required = Perm.RISK_CHANGE

    def get_queryset(self):
        return selectors.risks_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        risk = self.get_object()
        if risk.method_id != selectors.current_method(self.organisation).pk:
            context["form_notice"] = _(
                "This risk was rated with method version %(number)s. Rate it again on the current method."
            ) % {"number": risk.method.number}
        return context

    def update(self, record, form, **common):
        return services.risk_update(risk=record, **common, **form.service_data())


class RiskDetailView(TenantDetailView):
    model = Risk
    lookup_kwarg = "risk"
    permission_required = Perm.RISK_VIEW
    template_name = "risks/risk_detail.html"
    section = SECTION

    def get_queryset(self):
        return selectors.risks_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        risk = context["object"]
        current = selectors.current_method(self.organisation)
        context.update(
            method=risk.method,
            outdated_method=current.pk is not None and risk.method_id != current.pk,
            ratings=[_rating(risk, "inherent", _("Inherent risk")), _rating(risk, "residual", _("Residual risk"))],
            actions=list(tasks_of(self.organisation).filter(subject_type="risks.risk", subject_id=str(risk.public_id))),
            controls=list(risk.applied_controls.select_related("organisation")),
            accept_form=AcceptForm(initial={"version": risk.version}),
            action_form=TreatmentActionForm(organisation=self.organisation),
            can_accept=can(self.membership, Perm.RISK_ACCEPT),
        )
        return context


def _rating(risk: Risk, stage: str, title: str) -> dict:
    method, level = risk.method, getattr(risk, f"{stage}_level")
    return {
        "title": title,
        "level": level,
        "label": method.level_label(level),
        "colour": method.level_colour(level),
        "likelihood": method.likelihood_label(getattr(risk, f"{stage}_likelihood")),
        "impact": method.impact_label(getattr(risk, f"{stage}_impact")),
        "above_appetite": stage == "residual" and bool(level) and not method.is_acceptable(level),
    }


class RiskDeleteView(TenantDeleteView):
    model = Risk
    lookup_kwarg = "risk"
    permission_required = Perm.RISK_DELETE
    success_url_name = SECTION
    section = SECTION

    def perform_delete(self, obj, *, reason, expected_version):
        services.risk_delete(risk=obj, actor=self.request.user, reason=reason, expected_version=expected_version)


class RiskAcceptView(TenantObjectMixin, FormView):
    """Acceptance of the residual risk by a person with the authority to accept risks."""

    model = Risk
    lookup_kwarg = "risk"
    permission_required = Perm.RISK_ACCEPT
    form_class = AcceptForm
    http_method_names = ["post"]

    def form_valid(self, form):
        risk = self.get_object()
        try:
            services.risk_accept(
                risk=risk,
                actor=self.request.user,
                rationale=form.cleaned_data["rationale"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as exc:
            messages.error(self.request, exc.message)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
        else:
            messages.success(self.request, _("Risk accepted."))
        return HttpResponseRedirect(risk.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, _("Say why the remaining risk is acceptable."))
        return HttpResponseRedirect(self.get_object().get_absolute_url())


class TreatmentActionAddView(TenantObjectMixin, FormView):
    model = Risk
    lookup_kwarg = "risk"
    permission_required = Perm.RISK_CHANGE
    form_class = TreatmentActionForm
    http_method_names = ["post"]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisation"] = self.organisation
        return kwargs

    def form_valid(self, form):
        risk = self.get_object()
        services.treatment_action_add(risk=risk, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Treatment action added to the task list."))
        return HttpResponseRedirect(risk.get_absolute_url() + "#actions")

    def form_invalid(self, form):
        messages.error(self.request, _("Describe the action."))
        return HttpResponseRedirect(self.get_object().get_absolute_url() + "#actions")


class LibraryView(OrganisationPage):
    """The starter library; members who may change risks copy entries into the register."""

    permission_required = Perm.RISK_VIEW
    template_name = "risks/library.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Starter library of AI risks"),
            entries=library(),
            can_copy=can(self.membership, Perm.RISK_CHANGE),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not can(self.membership, Perm.RISK_CHANGE):
            raise PermissionDenied
        try:
            created = library_copy(organisation=self.organisation, actor=request.user, keys=request.POST.getlist("key"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("risks:library", org=self.organisation.slug)
        messages.success(
            request, _("%(n)s risks copied into the register. Adapt them to your situation.") % {"n": len(created)}
        )
        return redirect(SECTION, org=self.organisation.slug)


class MethodView(OrganisationPage):
    permission_required = Perm.RISK_VIEW
    template_name = "risks/method.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(selectors.methods_of(self.organisation))
        method = selectors.current_method(self.organisation)
        wanted = self.request.GET.get("version", "")
        if wanted.isdigit():
            method = next((item for item in versions if item.number == int(wanted)), method)
        context.update(
            title=_("Risk method"),
            method=method,
            versions=versions,
            rows=_matrix_rows(method),
            acceptance_label=method.level_label(method.acceptance_level),
            scales=[
                (_(heading), [(localized(step["labels"]), localized(step.get("descriptions"))) for step in scale])
                for heading, scale in (("Likelihood", method.likelihood), ("Impact", method.impact))
            ],
            can_change=can(self.membership, Perm.RISK_METHOD_CHANGE),
        )
        return context


def _matrix_rows(method) -> list[dict]:
    """Matrix rows from most to least likely, each cell with its level label and colour."""
    rows = []
    for likelihood in range(len(method.likelihood), 0, -1):
        rows.append(
            {
                "label": method.likelihood_label(likelihood),
                "value": likelihood,
                "cells": [
                    {
                        "label": method.level_label(method.level_of(likelihood, impact)),
                        "colour": method.level_colour(method.level_of(likelihood, impact)),
                        "acceptable": method.is_acceptable(method.level_of(likelihood, impact)),
                    }
                    for impact in range(1, len(method.impact) + 1)
                ],
            }
        )
    return rows


class MethodEditView(OrganisationPage):
    """Publishes a new version of the method. Changing the number of steps starts from the default wording and
    matrix for that size."""

    permission_required = Perm.RISK_METHOD_CHANGE
    template_name = "risks/method_edit.html"
    section = SECTION

    def method_data(self) -> dict:
        current = selectors.current_method(self.organisation)
        sizes = (len(current.likelihood), len(current.impact))
        wanted = tuple(self.request.GET.get(kind, "") for kind in ("likelihood", "impact"))
        if all(value.isdigit() and int(value) in SIZES for value in wanted):
            wanted = tuple(int(value) for value in wanted)
            if wanted != sizes:
                return {**default_method(*wanted), "acceptance_level": current.acceptance_level,
                        "review_interval_months": current.review_interval_months}  # fmt: skip
        return {name: getattr(current, name) for name in services.METHOD_FIELDS}

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.method_data()
        form = form or MethodForm(method_data=data)
        context.update(
            title=_("Change the risk method"),
            form=form,
            sizes=SIZES,
            likelihood_size=len(data["likelihood"]),
            impact_size=len(data["impact"]),
            step_groups=[
                (
                    heading,
                    [
                        (value, form[f"{kind}_{value}_label"], form[f"{kind}_{value}_description"])
                        for value in (step["value"] for step in data[kind])
                    ],
                )
                for heading, kind in ((_("Likelihood"), "likelihood"), (_("Impact"), "impact"))
            ],
            level_fields=[form[f"level_{item['key']}_label"] for item in data["levels"]],
            matrix_rows=[
                (localized(data["likelihood"][row - 1]["labels"]),
                 [form[f"cell_{row}_{column}"] for column in range(1, len(data["impact"]) + 1)])
                for row in range(len(data["likelihood"]), 0, -1)
            ],
            impact_labels=[localized(step["labels"]) for step in data["impact"]],
        )  # fmt: skip
        return context

    def post(self, request, *args, **kwargs):
        form = MethodForm(request.POST, method_data=self.method_data())
        if form.is_valid():
            try:
                method = services.risk_method_publish(
                    organisation=self.organisation,
                    actor=request.user,
                    data=form.method(translation.get_language() or "en"),
                    change_summary=form.cleaned_data["change_summary"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Risk method version %(n)s is now in use.") % {"n": method.number})
                return redirect("risks:method", org=self.organisation.slug)
        return self.render_to_response(self.get_context_data(form=form), status=422)
