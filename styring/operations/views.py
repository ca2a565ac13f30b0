"""Pages of monitoring (metrics, measurements, calculators) and of the decision event log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Min
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from styring.core.permissions import Perm, can
from styring.core.scoping import get_for_organisation
from styring.core.views import OrganisationListView, OrganisationMixin, ServiceFormView, TenantDetailView
from styring.inventory.models import AISystem

from . import calculators, selectors, services
from .chart import line_chart
from .choices import MeasurementSource
from .events import effective_retention_days, log_settings_update, verify_event_chain
from .filtersets import EventFilterSet, MeasurementFilterSet, MetricFilterSet
from .forms import CalculatorForm, LogSettingsForm, MeasurementForm, MeasurementImportForm, SaveResultForm
from .models import DecisionEvent, EventLogSettings, Metric
from .registers import METRICS
from .tables import EventTable, MeasurementTable, MetricTable, status_badge

METRIC_SECTION = "operations:metric-list"
EVENT_SECTION = "operations:event-list"


class MetricMixin(OrganisationMixin):
    def get_metric(self) -> Metric:
        if not hasattr(self, "_metric"):
            self._metric = get_for_organisation(
                selectors.metrics_of(self.organisation), self.organisation, public_id=self.kwargs["metric"]
            )
        return self._metric


class MetricListView(OrganisationListView):
    permission_required = Perm.OPERATIONS_VIEW
    create_permission = Perm.OPERATIONS_CHANGE
    create_url_name = "operations:metric-create"
    table_class = MetricTable
    filterset_class = MetricFilterSet
    title = gettext_lazy("Monitoring")
    export_name = "metrics"
    section = METRIC_SECTION
    template_name = "operations/metric_list.html"
    empty_text = METRICS.empty_text

    def get_queryset(self):
        return selectors.metrics_of(self.organisation)


class MetricDetailView(TenantDetailView):
    model = Metric
    lookup_kwarg = "metric"
    permission_required = Perm.OPERATIONS_VIEW
    template_name = "operations/metric_detail.html"
    section = METRIC_SECTION

    def get_queryset(self):
        return selectors.metrics_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        metric = context["object"]
        points = selectors.chart_measurements(metric)
        context.update(
            chart=line_chart(metric, points),
            recent=list(reversed(points[-10:])),
            status=status_badge(metric.status_of(metric.latest_value)),
            measurement_form=MeasurementForm(),
            import_form=MeasurementImportForm(),
        )
        return context


class MeasurementListView(MetricMixin, OrganisationListView):
    permission_required = Perm.OPERATIONS_VIEW
    table_class = MeasurementTable
    filterset_class = MeasurementFilterSet
    section = METRIC_SECTION
    template_name = "operations/measurement_list.html"

    def get_queryset(self):
        return selectors.measurements_of(self.get_metric())

    @property
    def title(self):
        return _("Measurements of %(metric)s") % {"metric": self.get_metric()}

    @property
    def export_name(self):
        return f"{self.get_metric().reference}-measurements"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["metric"] = self.get_metric()
        return context


class MeasurementCreateView(MetricMixin, ServiceFormView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = MeasurementForm
    title = gettext_lazy("Add a measurement")
    section = METRIC_SECTION
    success_message = gettext_lazy("Measurement recorded.")

    def perform(self, form):
        measurement = services.measurement_create(
            metric=self.get_metric(),
            actor=self.request.user,
            value=form.cleaned_data["value"],
            measured_at=form.cleaned_data["measured_at"],
            note=form.cleaned_data["note"],
        )
        if measurement.opened_label:
            messages.warning(
                self.request, _("The value breaches the threshold: %(record)s was opened.") % {
                    "record": measurement.opened_label}
            )  # fmt: skip
        return measurement

    def get_success_url_for(self, result):
        return self.get_metric().get_absolute_url()

    def get_cancel_url(self):
        return self.get_metric().get_absolute_url()


class MeasurementImportView(MetricMixin, FormView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = MeasurementImportForm
    template_name = "operations/measurement_import.html"
    section = METRIC_SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["metric"] = self.get_metric()
        return context

    def form_valid(self, form):
        metric = self.get_metric()
        try:
            result = services.measurements_import(
                metric=metric, actor=self.request.user, content=form.cleaned_data["file"].read()
            )
        except services.ImportRejected as exc:
            return self.render_to_response(self.get_context_data(form=form, problems=exc.rows), status=400)
        messages.success(
            self.request,
            _("%(count)d measurements imported (%(breaches)d breaches).")
            % {"count": result.created, "breaches": result.breaches},
        )
        if result.opened is not None:
            messages.warning(self.request, _("The newest value breaches the threshold: %(record)s was opened.")
                             % {"record": result.opened})  # fmt: skip
        return HttpResponseRedirect(metric.get_absolute_url())


class CalculatorView(OrganisationMixin, FormView):
    """Upload one or two CSV samples, see the result explained, and (with the right) save it as a measurement."""

    permission_required = Perm.OPERATIONS_VIEW
    form_class = CalculatorForm
    template_name = "operations/calculators.html"
    section = METRIC_SECTION

    def get_initial(self):
        return {"calculation": self.request.GET.get("calculation", "psi"), "column": "value", "bins": 10}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = self.calculate(data)
        except calculators.CalculationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        save_form = None
        if can(self.membership, Perm.OPERATIONS_CHANGE):
            save_form = SaveResultForm(
                organisation=self.organisation, initial={"value": result["value"], "note": result["note"]}
            )
        return self.render_to_response(self.get_context_data(form=form, result=result, save_form=save_form))

    def calculate(self, data) -> dict:
        kind = data["calculation"]
        current_rows = calculators.read_csv_upload(data["current"])
        if kind in ("psi", "ks"):
            column = (data.get("column") or "value").strip().lower()
            reference = calculators.numeric_column(
                calculators.read_csv_upload(data["reference"]), column, _("The reference sample")
            )
            current = calculators.numeric_column(current_rows, column, _("The current sample"))
            if kind == "psi":
                psi = calculators.population_stability_index(reference, current, bins=data.get("bins") or 10)
                return {
                    "kind": kind,
                    "value": round(psi.psi, 8),
                    "headline": _("Population stability index: %(value).4f") % {"value": psi.psi},
                    "explanation": [calculators.explain_psi(psi.psi)],
                    "buckets": list(zip(psi.reference_shares, psi.current_shares, psi.contributions, strict=True)),
                    "note": _("PSI of %(n)d current against %(m)d reference values")
                    % {"n": len(current), "m": len(reference)},
                }
            ks = calculators.kolmogorov_smirnov(reference, current)
            return {
                "kind": kind,
                "value": round(ks.statistic, 8),
                "headline": _("Kolmogorov–Smirnov D = %(d).4f, p = %(p).4g") % {"d": ks.statistic, "p": ks.p_value},
                "explanation": [calculators.explain_ks(ks)],
                "note": _("KS test, p = %(p).4g, n = %(n)d / %(m)d")
                % {"p": ks.p_value, "n": ks.n_current, "m": ks.n_reference},
            }
        label = _("The sample")
        calculators.require_columns(current_rows, ["group", "prediction"], label)
        groups = calculators.text_column(current_rows, "group", label)
        predictions = calculators.numeric_column(current_rows, "prediction", label)
        labels = calculators.numeric_column(current_rows, "label", label) if "label" in current_rows[0] else None
        fair = calculators.fairness(groups, predictions, labels)
        return {
            "kind": kind,
            "value": round(fair.demographic_parity_difference, 8),
            "headline": _("Demographic-parity difference: %(value).4f") % {"value": fair.demographic_parity_difference},
            "explanation": calculators.explain_fairness(fair),
            "groups": fair.groups,
            "fairness": fair,
            "note": _("Fairness over %(n)d rows in %(g)d groups") % {"n": len(groups), "g": len(fair.groups)},
        }


class CalculatorSaveView(OrganisationMixin, FormView):
    permission_required = Perm.OPERATIONS_CHANGE
    form_class = SaveResultForm
    template_name = "core/form.html"
    section = METRIC_SECTION
    http_method_names = ["post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def form_invalid(self, form):
        messages.error(self.request, _("Choose the metric to save the result to."))
        return HttpResponseRedirect(reverse("operations:calculators", kwargs={"org": self.organisation.slug}))

    def form_valid(self, form):
        metric = form.cleaned_data["metric"]
        try:
            services.measurement_create(
                metric=metric,
                actor=self.request.user,
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                source=MeasurementSource.CALCULATOR,
            )
        except ValidationError as exc:
            messages.error(self.request, "; ".join(exc.messages))
            return HttpResponseRedirect(reverse("operations:calculators", kwargs={"org": self.organisation.slug}))
        messages.success(self.request, _("Saved as a measurement of %(metric)s.") % {"metric": metric})
        return HttpResponseRedirect(metric.get_absolute_url())


# --- event log --------------------------------------------------------------------------------------------------------
class EventListView(OrganisationListView):
    permission_required = Perm.OPERATIONS_VIEW
    table_class = EventTable
    filterset_class = EventFilterSet
    title = gettext_lazy("Decision logs")
    export_name = "decision-events"
    section = EVENT_SECTION
    template_name = "operations/event_list.html"
    empty_title = gettext_lazy("No decision events yet")
    empty_text = gettext_lazy(
        "AI systems send their decisions and what the reviewer did with them through the API "
        "(POST /api/v1/organisations/<org>/ai-systems/<id>/events). They appear here, tamper-evident."
    )

    def get_queryset(self):
        return selectors.events_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["logs"] = (
            EventLogSettings.objects.for_organisation(self.organisation)
            .select_related("system", "organisation")
            .order_by("system__name")
        )
        return context


class SystemLogMixin(OrganisationMixin):
    section = EVENT_SECTION

    def get_system(self) -> AISystem:
        if not hasattr(self, "_system"):
            self._system = get_for_organisation(AISystem, self.organisation, public_id=self.kwargs["aisystem"])
        return self._system

    def system_url(self) -> str:
        return reverse(
            "operations:event-log-system",
            kwargs={"org": self.organisation.slug, "aisystem": self.get_system().public_id},
        )


class EventLogSystemView(SystemLogMixin, TemplateView):
    permission_required = Perm.OPERATIONS_VIEW
    template_name = "operations/event_log_system.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        system = self.get_system()
        settings = EventLogSettings.objects.filter(system=system).first()
        stats = DecisionEvent.objects.filter(system=system).aggregate(
            count=Count("id"), first=Min("occurred_at"), last=Max("occurred_at")
        )
        context.update(
            system=system,
            log=settings,
            stats=stats,
            retention=effective_retention_days(settings, system),
            settings_form=LogSettingsForm(initial={"retention_days": effective_retention_days(settings, system)}),
            events_url=reverse(EVENT_SECTION, kwargs={"org": self.organisation.slug}) + f"?system={system.public_id}",
        )
        return context


class EventVerifyView(SystemLogMixin, View):
    permission_required = Perm.OPERATIONS_VIEW
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = verify_event_chain(self.get_system())
        if report.ok:
            messages.success(
                request, _("The chain is intact: %(count)d events verified.") % {"count": report.events_checked}
            )
        else:
            messages.error(request, _("The chain is broken: %(problem)s.") % {"problem": report.problem})
        return HttpResponseRedirect(self.system_url())


class LogSettingsView(SystemLogMixin, FormView):
    """Changing how long events are kept governs deletion: managers and above."""

    permission_required = Perm.OPERATIONS_DELETE
    form_class = LogSettingsForm
    template_name = "core/form.html"

    def get_initial(self):
        settings = EventLogSettings.objects.filter(system=self.get_system()).first()
        return {"retention_days": effective_retention_days(settings, self.get_system())}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Event log retention of %(system)s") % {"system": self.get_system()},
                       cancel_url=self.system_url())  # fmt: skip
        return context

    def form_valid(self, form):
        if not can(self.membership, Perm.OPERATIONS_DELETE):
            raise PermissionDenied
        try:
            log_settings_update(
                system=self.get_system(),
                actor=self.request.user,
                retention_days=form.cleaned_data["retention_days"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("retention_days", message)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return HttpResponseRedirect(self.system_url())
