"""Pages of nonconformities and corrective actions; the improvement register comes from `registers.py`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from styring.core.exceptions import ConflictError
from styring.core.permissions import Perm, can
from styring.core.views import (
    OrganisationListView,
    ServiceFormView,
    TenantDeleteView,
    TenantDetailView,
    TenantObjectMixin,
    TenantUpdateView,
)

from . import selectors, services
from .choices import AnalysisMethod, FishboneCategory, NonconformityStatus
from .filtersets import NonconformityFilterSet
from .forms import (
    CancelForm,
    ContainmentForm,
    CorrectiveActionEditForm,
    CorrectiveActionForm,
    EffectivenessForm,
    NonconformityForm,
    RootCauseForm,
)
from .models import CorrectiveAction, Nonconformity
from .tables import NonconformityTable

SECTION = "improvement:nonconformity-list"


class NonconformityListView(OrganisationListView):
    permission_required = Perm.OPERATIONS_VIEW
    create_url_name = "improvement:nonconformity-create"
    create_permission = Perm.OPERATIONS_CHANGE
    table_class = NonconformityTable
    filterset_class = NonconformityFilterSet
    title = gettext_lazy("Nonconformities")
    export_name = "nonconformities"
    section = SECTION
    empty_title = gettext_lazy("No nonconformities recorded")
    empty_text = gettext_lazy(
        "Nonconformities raised from audits, incidents and monitoring appear here. Record others by hand: complaints, "
        "findings of an external audit, anything that did not meet a requirement."
    )

    def get_queryset(self):
        return selectors.nonconformities_of(self.organisation)


class NonconformityCreateView(ServiceFormView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = NonconformityForm
    title = gettext_lazy("New nonconformity")
    section = SECTION

    def perform(self, form):
        return services.nonconformity_create(
            organisation=self.organisation, actor=self.request.user, **form.service_data()
        )


class NonconformityMixin:
    model = Nonconformity
    lookup_kwarg = "nonconformity"
    section = SECTION

    def get_queryset(self):
        return selectors.nonconformities_of(self.organisation)


class NonconformityDetailView(NonconformityMixin, TenantDetailView):
    permission_required = Perm.OPERATIONS_VIEW
    template_name = "improvement/nonconformity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = context["object"]
        actions = list(selectors.actions_of(self.organisation).filter(nonconformity=record))
        categories = dict(FishboneCategory.choices)
        context.update(
            actions=actions,
            recurrences=selectors.recurrences_around(record),
            improvements=list(record.improvements.select_related("organisation")),
            fishbone=[(categories.get(key, key), causes) for key, causes in (record.fishbone or {}).items()],
            show_whys=record.analysis_method == AnalysisMethod.FIVE_WHYS,
            closure_problems=services.closure_problems(record) if record.is_active else [],
            check_problems=services.check_problems(record) if record.is_active else [],
            can_change=record.is_active and can(self.membership, Perm.OPERATIONS_CHANGE),
            can_decide=record.is_active and can(self.membership, Perm.AIMS_APPROVE),
            can_delete=record.status == NonconformityStatus.OPEN and can(self.membership, Perm.OPERATIONS_DELETE),
            steps=_steps(record),
        )
        return context


def _steps(record):
    """The path to closure as (label, done, current) for the progress strip."""
    order = [
        NonconformityStatus.OPEN,
        NonconformityStatus.CONTAINED,
        NonconformityStatus.ANALYSED,
        NonconformityStatus.ACTION_PLANNED,
        NonconformityStatus.VERIFYING,
        NonconformityStatus.CLOSED,
    ]
    position = order.index(record.status) if record.status in order else -1
    return [(status.label, index < position, index == position) for index, status in enumerate(order)]


class NonconformityUpdateView(NonconformityMixin, TenantUpdateView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = NonconformityForm

    def update(self, record, form, **common):
        return services.nonconformity_update(record, **common, **form.service_data())


class NonconformityDeleteView(NonconformityMixin, TenantDeleteView):
    permission_required = Perm.OPERATIONS_DELETE
    success_url_name = SECTION

    def perform_delete(self, obj, *, reason, expected_version):
        services.nonconformity_delete(record=obj, actor=self.request.user, expected_version=expected_version,
                                      reason=reason)  # fmt: skip


class NonconformityStepView(NonconformityMixin, TenantObjectMixin, ServiceFormView):
    """A step of the nonconformity's handling on its own form page (containment, root cause, check, cancel)."""

    def get_initial(self):
        return {"version": self.get_object().version}

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.title}: {self.get_object().reference}"
        return context


class ContainmentView(NonconformityStepView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = ContainmentForm
    title = gettext_lazy("Containment")
    success_message = gettext_lazy("Containment recorded.")

    def get_initial(self):
        record = self.get_object()
        return {
            "version": record.version,
            "containment": record.containment,
            "contained_by": record.contained_by.public_id if record.contained_by_id else self.membership.public_id,
            "contained_on": record.contained_on,
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.containment_record(
            record=self.get_object(), actor=self.request.user, containment=data["containment"],
            contained_by=data["contained_by"], contained_on=data["contained_on"], expected_version=data["version"],
        )  # fmt: skip


class RootCauseView(NonconformityStepView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = RootCauseForm
    template_name = "improvement/root_cause_form.html"
    title = gettext_lazy("Root-cause analysis")
    success_message = gettext_lazy("Root-cause analysis saved.")

    def get_initial(self):
        return RootCauseForm.initial_for(self.get_object())

    def perform(self, form):
        return services.root_cause_record(
            record=self.get_object(), actor=self.request.user, expected_version=form.cleaned_data["version"],
            **form.service_data(),
        )  # fmt: skip

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["whys"] = [(form[f"why_{n}"], form[f"because_{n}"]) for n in range(1, 6)]
        context["fishbone_fields"] = [form[f"fishbone_{category.value}"] for category in FishboneCategory]
        return context


class EffectivenessView(NonconformityStepView):
    permission_required = Perm.AIMS_APPROVE
    form_class = EffectivenessForm
    title = gettext_lazy("Effectiveness check")
    success_message = gettext_lazy("Effectiveness check recorded.")

    def perform(self, form):
        data = form.cleaned_data
        return services.effectiveness_check_record(
            record=self.get_object(), actor=self.request.user, effective=data["effective"], evidence=data["evidence"],
            close=data["close"], expected_version=data["version"],
        )  # fmt: skip

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problems = services.check_problems(self.get_object())
        if problems:
            context["form_notice"] = " ".join([_("Not ready for a check yet:"), *problems])
        return context


class CancelView(NonconformityStepView):
    permission_required = Perm.AIMS_APPROVE
    form_class = CancelForm
    title = gettext_lazy("Cancel nonconformity")
    submit_label = gettext_lazy("Cancel the nonconformity")
    success_message = gettext_lazy("Nonconformity cancelled.")

    def perform(self, form):
        return services.nonconformity_cancel(
            record=self.get_object(), actor=self.request.user, reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )  # fmt: skip


class CloseView(NonconformityMixin, TenantObjectMixin, View):
    """Close a nonconformity whose effectiveness check found the actions effective (POST only)."""

    permission_required = Perm.AIMS_APPROVE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        try:
            version = int(request.POST.get("version", "")) if request.POST.get("version") else None
            services.nonconformity_close(record=record, actor=request.user, expected_version=version)
        except ConflictError as exc:
            messages.error(request, exc.message)
        except (ValidationError, ValueError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Nonconformity closed."))
        return HttpResponseRedirect(record.get_absolute_url())


class ActionCreateView(NonconformityStepView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = CorrectiveActionForm
    title = gettext_lazy("New corrective action")
    success_message = gettext_lazy("Corrective action added; it is also in the task list.")

    def get_initial(self):
        return {}

    def perform(self, form):
        return services.corrective_action_create(
            organisation=self.organisation, actor=self.request.user, nonconformity=self.get_object(),
            **form.service_data(),
        )  # fmt: skip


class ActionUpdateView(TenantUpdateView):
    model = CorrectiveAction
    lookup_kwarg = "correctiveaction"
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = CorrectiveActionEditForm
    section = SECTION

    def get_queryset(self):
        return selectors.actions_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Corrective action of %(nonconformity)s") % {
            "nonconformity": self.get_object().nonconformity.reference
        }
        return context

    def update(self, record, form, **common):
        return services.corrective_action_update(record, **common, **form.service_data())
