"""Pages of the incident register: list, detail with clocks and notifications, the serious-incident test, status
changes (closing needs the approve permission), notifications and raising a nonconformity."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
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
from .choices import IncidentStatus, NotificationKind
from .deadlines import CLOCK_LABELS, QUESTIONS
from .filtersets import IncidentFilterSet
from .forms import AssessmentForm, IncidentForm, NotificationForm, StatusForm
from .models import Incident
from .tables import IncidentTable

SECTION = "incidents:incident-list"


class IncidentListView(OrganisationListView):
    permission_required = Perm.OPERATIONS_VIEW
    create_url_name = "incidents:incident-create"
    create_permission = Perm.OPERATIONS_CHANGE
    table_class = IncidentTable
    filterset_class = IncidentFilterSet
    title = gettext_lazy("AI incidents")
    export_name = "incidents"
    section = SECTION
    empty_title = gettext_lazy("No incidents recorded")
    empty_text = gettext_lazy(
        "Record every event where an AI system caused or could have caused harm. Answer the serious-incident test "
        "to see the reporting deadlines under the EU AI Act and the GDPR."
    )

    def get_queryset(self):
        return selectors.incidents_of(self.organisation)


class IncidentCreateView(ServiceFormView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = IncidentForm
    title = gettext_lazy("New incident")
    section = SECTION

    def get_initial(self):
        return {"aware_at": timezone.localtime().replace(second=0, microsecond=0), "reported_by": self.membership}

    def perform(self, form):
        return services.incident_create(organisation=self.organisation, actor=self.request.user, **form.service_data())


class IncidentMixin:
    model = Incident
    lookup_kwarg = "incident"
    section = SECTION

    def get_queryset(self):
        return selectors.incidents_of(self.organisation)


class IncidentDetailView(IncidentMixin, TenantDetailView):
    permission_required = Perm.OPERATIONS_VIEW
    template_name = "incidents/incident_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = context["object"]
        answers = record.answers()
        is_open = record.is_open
        context.update(
            clocks=record.clocks(),
            notifications=list(record.notifications.all()),
            questions=[
                (str(Incident._meta.get_field(name).verbose_name).capitalize(), getattr(record, name), answers[name])
                for name in QUESTIONS
            ],
            derived_operator=record.high_risk_operator is None,
            closure_problems=services.closure_problems(record) if is_open else [],
            can_change=is_open and can(self.membership, Perm.OPERATIONS_CHANGE),
            can_status=can(self.membership, Perm.OPERATIONS_CHANGE)
            and (is_open or can(self.membership, Perm.AIMS_APPROVE)),
            can_delete=can(self.membership, Perm.OPERATIONS_DELETE),
            can_raise=record.nonconformity_id is None and can(self.membership, Perm.OPERATIONS_CHANGE),
            steps=[
                (status.label, index < _position(record), index == _position(record))
                for index, status in enumerate(IncidentStatus)
            ],
        )
        return context


def _position(record) -> int:
    return list(IncidentStatus).index(record.status)


class IncidentUpdateView(IncidentMixin, TenantUpdateView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = IncidentForm

    def update(self, record, form, **common):
        return services.incident_update(record, **common, **form.service_data())


class IncidentDeleteView(IncidentMixin, TenantDeleteView):
    permission_required = Perm.OPERATIONS_DELETE
    success_url_name = SECTION

    def perform_delete(self, obj, *, reason, expected_version):
        services.incident_delete(record=obj, actor=self.request.user, expected_version=expected_version, reason=reason)


class IncidentStepView(IncidentMixin, TenantObjectMixin, ServiceFormView):
    def get_initial(self):
        return {"version": self.get_object().version}

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.title}: {self.get_object().reference}"
        return context


class AssessmentView(IncidentStepView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = AssessmentForm
    title = gettext_lazy("Serious-incident test")
    success_message = gettext_lazy("Assessment saved; the reporting deadlines are updated.")

    def get_initial(self):
        record = self.get_object()
        return {"version": record.version, **{name: getattr(record, name) for name in QUESTIONS}}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.get_object()
        derived = record.system_is_high_risk_operator()
        notice = _(
            "A serious incident (EU AI Act Art. 3(49)) is one that led, or may have led, to a death or serious harm "
            "to health, a serious and irreversible disruption of critical infrastructure, an infringement of "
            "obligations under Union law protecting fundamental rights, or serious harm to property or the "
            "environment. Providers of high-risk AI systems report it to the market-surveillance authority "
            "(Art. 73); deployers inform the provider first (Art. 26(5))."
        )
        if derived is not None:
            notice += " " + (
                _("From the AI system's record, the organisation is a provider or deployer of this high-risk system.")
                if derived
                else _(
                    "From the AI system's record, this is not a high-risk system the organisation provides or deploys."
                )
            )
        context["form_notice"] = notice
        return context

    def perform(self, form):
        return services.incident_assess(
            self.get_object(), actor=self.request.user, expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"], **form.service_data(),
        )  # fmt: skip


class StatusView(IncidentStepView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = StatusForm
    title = gettext_lazy("Change status")
    success_message = gettext_lazy("Status changed.")

    def get_initial(self):
        record = self.get_object()
        return {"version": record.version, "status": record.status}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problems = services.closure_problems(self.get_object())
        if problems and self.get_object().is_open:
            context["form_notice"] = " ".join([_("Before the incident can be closed:"), *problems])
        return context

    def perform(self, form):
        record = self.get_object()
        status = form.cleaned_data["status"]
        deciding = (status == IncidentStatus.CLOSED or not record.is_open) and status != record.status
        if deciding and not can(self.membership, Perm.AIMS_APPROVE):
            raise ValidationError(_("Only managers, administrators and owners may close or reopen an incident."))
        return services.incident_set_status(
            record, actor=self.request.user, status=status, expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )  # fmt: skip


class NotificationCreateView(IncidentStepView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = NotificationForm
    title = gettext_lazy("Record a notification")
    success_message = gettext_lazy("Notification recorded.")

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {
            "kind": kind if kind in NotificationKind.values else NotificationKind.MARKET_SURVEILLANCE,
            "sent_at": timezone.localtime().replace(second=0, microsecond=0),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form_notice"] = _(
            "A notification of the right kind meets its clock: %(clocks)s. Under Art. 73(5) an initial, incomplete "
            "report may be sent first and completed later. Communication to the affected people is recorded as a "
            "notification to affected persons, with the message sent."
        ) % {"clocks": "; ".join(str(label) for label in CLOCK_LABELS.values())}
        return context

    def perform(self, form):
        services.notification_create(incident=self.get_object(), actor=self.request.user, **form.service_data())
        return self.get_object()


class RaiseNonconformityView(IncidentMixin, TenantObjectMixin, View):
    """POST: raise a nonconformity from the incident and link it."""

    permission_required = Perm.OPERATIONS_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        try:
            nonconformity = services.incident_raise_nonconformity(record, actor=request.user)
        except (ValidationError, ConflictError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return HttpResponseRedirect(record.get_absolute_url())
        messages.success(request, _("Nonconformity %(ref)s raised.") % {"ref": nonconformity.reference})
        return HttpResponseRedirect(record.get_absolute_url())


__all__ = [
    "AssessmentView",
    "IncidentCreateView",
    "IncidentDeleteView",
    "IncidentDetailView",
    "IncidentListView",
    "IncidentUpdateView",
    "NotificationCreateView",
    "RaiseNonconformityView",
    "StatusView",
]
