"""Hand-written pages: the overview, role holders, the RACI matrix, concerns, objective measurements and
communication records. The plain registers come from `registers` through `core.crud`."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from styring.core.crud import crud_views
from styring.core.exceptions import ConflictError
from styring.core.exports import EXPORT_FORMATS, csv_response, xlsx_response
from styring.core.permissions import Perm, can
from styring.core.scoping import get_for_organisation
from styring.core.selectors import history_for
from styring.core.views import (
    OrganisationListView,
    OrganisationMixin,
    OrganisationPage,
    ServiceFormView,
    TenantDetailView,
    TenantObjectMixin,
    _attach_errors,
)

from . import selectors, services
from .choices import ConcernStatus, ObjectiveStatus, RaciValue
from .filtersets import ConcernFilterSet
from .forms import (
    AssignmentForm,
    CommunicationRecordForm,
    ConcernHandleForm,
    ConcernReportForm,
    MeasurementForm,
    SettingsForm,
)
from .models import AIRole, CommunicationItem, Concern, Objective, ObjectiveMeasurement, RoleAssignment
from .objectives import STATUS_BADGE, status_of, trend_chart
from .registers import COMMUNICATION, OBJECTIVES, PLANNED_CHANGES, ROLES
from .tables import ConcernTable

SECTION = "governance:overview"


def _generated(crud, namespace: str = "governance") -> dict:
    """The generated URL patterns of a register by name, so single views can be extended."""
    return {pattern.name: pattern for pattern in crud_views(crud, namespace)}


# --- overview ------------------------------------------------------------------------------------------------------


class OverviewView(OrganisationPage):
    permission_required = Perm.AIMS_VIEW
    template_name = "governance/overview.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.organisation
        today = timezone.localdate()
        roles, rows = selectors.raci_rows(organisation)
        objectives = list(selectors.objectives_of(organisation))
        by_status = {status: 0 for status in ObjectiveStatus}
        for objective in objectives:
            by_status[status_of(objective, today)] += 1
        may_handle = selectors.may_handle_concerns(self.membership, today)
        open_concerns = (
            selectors.concerns_of(organisation)
            .filter(status__in=(ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW))
            .count()
            if may_handle
            else None
        )
        context.update(
            title=_("Roles and objectives"),
            role_count=len(roles),
            assignment_count=selectors.current_assignments(
                RoleAssignment.objects.for_organisation(organisation), today
            ).count(),
            raci_warnings=sum(1 for row in rows if row.warning) if roles else None,
            objective_count=len(objectives),
            objective_statuses=[
                (status, status.label, count, STATUS_BADGE[status]) for status, count in by_status.items()
            ],
            change_count=selectors.planned_changes_of(organisation).exclude(status__in=("done", "cancelled")).count(),
            communication_count=selectors.communication_items_of(organisation).count(),
            communication_due=selectors.communication_items_of(organisation)
            .filter(next_due_on__lte=today + datetime.timedelta(days=30))
            .count(),
            may_handle_concerns=may_handle,
            open_concerns=open_concerns,
            can_approve=can(self.membership, Perm.AIMS_APPROVE),
        )
        return context


# --- roles and assignments -----------------------------------------------------------------------------------------

_ROLE_VIEWS = _generated(ROLES)


class RoleListView(_ROLE_VIEWS["airole-list"].callback.view_class):
    """The register with the button that adds the typical AI roles."""

    template_name = "governance/role_list.html"

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "list-content":
            return ["core/list.html#list-content"]
        return [self.template_name]


class RoleDetailView(_ROLE_VIEWS["airole-detail"].callback.view_class):
    """The role's page with its holders and the ways to add, end or remove an assignment."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        role = context["object"]
        today = timezone.localdate()
        assignments = list(
            selectors.assignments_of(self.organisation).filter(role=role).order_by("ends_on", "starts_on", "id")
        )
        for assignment in assignments:
            assignment.is_current = (assignment.ends_on is None or assignment.ends_on >= today) and (
                assignment.starts_on is None or assignment.starts_on <= today
            )
        context.update(
            extra_template="governance/_role_holders.html",
            assignments=assignments,
            can_change=can(self.membership, Perm.AIMS_CHANGE),
            can_delete=can(self.membership, Perm.AIMS_DELETE),
        )
        return context


class StarterRolesView(OrganisationMixin, View):
    permission_required = Perm.AIMS_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        created = services.starter_roles_add(organisation=self.organisation, actor=request.user)
        if created:
            messages.success(request, _("Added %(count)d typical AI roles.") % {"count": len(created)})
        else:
            messages.info(request, _("The typical AI roles are already there."))
        return HttpResponseRedirect(reverse("governance:airole-list", kwargs={"org": self.organisation.slug}))


class AssignmentCreateView(TenantObjectMixin, ServiceFormView):
    model = AIRole
    lookup_kwarg = "airole"
    permission_required = Perm.AIMS_CHANGE
    form_class = AssignmentForm
    section = SECTION
    submit_label = _("Assign")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["role"] = self.get_object()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Who holds “%(role)s”") % {"role": self.get_object()}
        return context

    def perform(self, form):
        services.assignment_create(organisation=self.organisation, actor=self.request.user, **form.service_data())
        return self.get_object()

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()


class _AssignmentAction(TenantObjectMixin, View):
    model = RoleAssignment
    lookup_kwarg = "roleassignment"
    http_method_names = ["post"]

    def get_queryset(self):
        return selectors.assignments_of(self.organisation)

    def post(self, request, *args, **kwargs):
        assignment = self.get_object()
        try:
            self.act(assignment, request.POST.get("version"))
        except (ValidationError, ConflictError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return HttpResponseRedirect(assignment.role.get_absolute_url())


def _version(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


class AssignmentEndView(_AssignmentAction):
    permission_required = Perm.AIMS_CHANGE

    def act(self, assignment, version):
        services.assignment_end(assignment, actor=self.request.user, expected_version=_version(version))
        messages.success(self.request, _("The assignment ends today."))


class AssignmentDeleteView(_AssignmentAction):
    permission_required = Perm.AIMS_DELETE

    def act(self, assignment, version):
        services.assignment_delete(record=assignment, actor=self.request.user, expected_version=_version(version))
        messages.success(self.request, _("The assignment was removed."))


# --- RACI ----------------------------------------------------------------------------------------------------------


class _RaciExport:
    """The matrix as rows for the CSV/XLSX writers (which read `as_values()` like a django-tables2 table)."""

    def __init__(self, roles, rows):
        self.roles, self.rows = roles, rows

    def as_values(self, exclude_columns=()):
        yield [str(_("Subject")), *[role.name for role in self.roles], str(_("Warning"))]
        for row in self.rows:
            yield [row.label, *[value for _role, value in row.cells], row.warning]


class RaciView(OrganisationPage):
    permission_required = Perm.AIMS_VIEW
    template_name = "governance/raci.html"
    section = SECTION

    def get(self, request, *args, **kwargs):
        self.roles, self.rows = selectors.raci_rows(self.organisation)
        export_format = request.GET.get("export")
        if export_format in EXPORT_FORMATS:
            table = _RaciExport(self.roles, self.rows)
            name = f"{self.organisation.slug}-raci"
            if export_format == "csv":
                return csv_response(table, name)
            return xlsx_response(table, name, "RACI")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups: dict[str, list] = {}
        for row in self.rows:
            groups.setdefault(row.group, []).append(row)
        context.update(
            title=_("RACI matrix"),
            roles=self.roles,
            groups=list(groups.items()),
            warning_count=sum(1 for row in self.rows if row.warning),
            values=RaciValue.choices,
            can_change=can(self.membership, Perm.AIMS_CHANGE),
        )
        return context


class RaciCellView(OrganisationMixin, View):
    """Saves one cell (htmx) and answers with the subject's row, so its warning is current."""

    permission_required = Perm.AIMS_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            role_id = uuid.UUID(request.POST.get("role", ""))
        except ValueError as exc:
            raise Http404 from exc
        role = get_for_organisation(AIRole, self.organisation, public_id=role_id)
        subject = request.POST.get("subject", "")
        error = ""
        try:
            services.raci_set(
                organisation=self.organisation,
                actor=request.user,
                role=role,
                subject=subject,
                value=request.POST.get("value", ""),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        roles, rows = selectors.raci_rows(self.organisation, only=subject)
        if not rows:
            return render(request, "governance/_raci_error.html", {"error": error}, status=400)
        context = {
            "row": rows[0],
            "roles": roles,
            "values": RaciValue.choices,
            "can_change": True,
            "organisation": self.organisation,
            "error": error,
        }
        return render(request, "governance/_raci_row.html", context, status=400 if error else 200)


# --- concerns ------------------------------------------------------------------------------------------------------


class ConcernReportView(OrganisationPage):
    """Any member may report a concern; anonymously if the organisation allows it."""

    permission_required = Perm.AIMS_VIEW
    template_name = "governance/concern_report.html"
    section = SECTION

    def allow_anonymous(self) -> bool:
        return selectors.settings_of(self.organisation).anonymous_concerns_enabled

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Report a concern"),
            form=form or ConcernReportForm(membership=self.membership, allow_anonymous=self.allow_anonymous()),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ConcernReportForm(request.POST, membership=self.membership, allow_anonymous=self.allow_anonymous())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.concern_report(
                    organisation=self.organisation,
                    membership=self.membership,
                    category=data["category"],
                    description=data["description"],
                    system=data["system"],
                    anonymous=data.get("anonymous", False),
                )
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your concern was passed on to the people who handle concerns."))
                name = "governance:overview" if data.get("anonymous") else "governance:concern-mine"
                return HttpResponseRedirect(reverse(name, kwargs={"org": self.organisation.slug}))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MyConcernsView(OrganisationPage):
    """The member's own reports that were not anonymous."""

    permission_required = Perm.AIMS_VIEW
    template_name = "governance/concern_mine.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("My reported concerns"),
            concerns=selectors.concerns_of(self.organisation).filter(reporter=self.membership, anonymous=False),
        )
        return context


class _HandlersOnly:
    """Reported concerns are seen by the members who receive them (and the owners); everyone else gets 403."""

    def check_handler(self):
        if not selectors.may_handle_concerns(self.membership, timezone.localdate()):
            raise PermissionDenied


class ConcernListView(_HandlersOnly, OrganisationListView):
    permission_required = Perm.AIMS_VIEW
    table_class = ConcernTable
    filterset_class = ConcernFilterSet
    title = _("Reported concerns")
    export_name = "concerns"
    section = SECTION
    empty_text = _("No concerns have been reported.")

    def get_queryset(self):
        return selectors.concerns_of(self.organisation)

    def get(self, request, *args, **kwargs):
        self.check_handler()
        return super().get(request, *args, **kwargs)


class ConcernDetailView(_HandlersOnly, TenantDetailView):
    model = Concern
    lookup_kwarg = "concern"
    permission_required = Perm.AIMS_VIEW
    template_name = "governance/concern_detail.html"
    section = SECTION

    def get_queryset(self):
        return selectors.concerns_of(self.organisation)

    def get(self, request, *args, **kwargs):
        self.check_handler()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        concern = self.get_object()
        context.update(
            form=form
            or ConcernHandleForm(
                initial={"status": concern.status, "response": concern.response, "version": concern.version}
            ),
            list_url=reverse("governance:concern-list", kwargs={"org": self.organisation.slug}),
            # Dates only: the time of an anonymous report must not be shown (nor any other, for consistency).
            history=history_for(concern),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.check_handler()
        concern = self.get_object()
        form = ConcernHandleForm(request.POST)
        if form.is_valid():
            try:
                services.concern_update(
                    concern,
                    actor=request.user,
                    handler=self.membership,
                    expected_version=form.cleaned_data["version"],
                    status=form.cleaned_data["status"],
                    response=form.cleaned_data["response"],
                )
            except ConflictError as exc:
                form.add_error(None, exc.message)
                return self.render_to_response(self.get_context_data(form=form), status=409)
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(concern.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SettingsView(ServiceFormView):
    permission_required = Perm.AIMS_APPROVE
    form_class = SettingsForm
    title = _("Settings for reported concerns")
    section = SECTION

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("membership")
        return kwargs

    def get_initial(self):
        return {"anonymous_concerns_enabled": selectors.settings_of(self.organisation).anonymous_concerns_enabled}

    def perform(self, form):
        return services.settings_update(
            organisation=self.organisation,
            actor=self.request.user,
            anonymous_concerns_enabled=form.cleaned_data["anonymous_concerns_enabled"],
        )

    def get_success_url_for(self, result):
        return reverse(SECTION, kwargs={"org": self.organisation.slug})

    def get_cancel_url(self):
        return reverse(SECTION, kwargs={"org": self.organisation.slug})


# --- objectives ----------------------------------------------------------------------------------------------------

_OBJECTIVE_VIEWS = _generated(OBJECTIVES)


class ObjectiveDetailView(_OBJECTIVE_VIEWS["objective-detail"].callback.view_class):
    """The objective with its computed status, the trend chart and the measurements."""

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        objective = context["object"]
        today = timezone.localdate()
        measurements = list(
            ObjectiveMeasurement.objects.for_organisation(self.organisation)
            .filter(objective=objective)
            .order_by("measured_on", "id")
        )
        status = status_of(objective, today)
        context.update(
            extra_template="governance/_objective_progress.html",
            status=status,
            status_badge=STATUS_BADGE[status],
            measurements=measurements,
            chart=trend_chart(objective, measurements, today),
            measurement_form=form or MeasurementForm(initial={"measured_on": today}),
            can_change=can(self.membership, Perm.AIMS_CHANGE),
            can_delete=can(self.membership, Perm.AIMS_DELETE),
        )
        return context


class MeasurementAddView(TenantObjectMixin, View):
    model = Objective
    lookup_kwarg = "objective"
    permission_required = Perm.AIMS_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        objective = self.get_object()
        form = MeasurementForm(request.POST)
        if form.is_valid():
            try:
                services.measurement_add(objective=objective, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, _("Measurement recorded."))
                return HttpResponseRedirect(objective.get_absolute_url())
        view = ObjectiveDetailView()
        view.setup(request, *args, **kwargs)
        view.membership, view.organisation = self.membership, self.organisation
        context = view.get_context_data(form=form)
        return render(request, view.template_name, context, status=400)


class MeasurementDeleteView(TenantObjectMixin, View):
    model = ObjectiveMeasurement
    lookup_kwarg = "objectivemeasurement"
    permission_required = Perm.AIMS_DELETE
    http_method_names = ["post"]

    def get_queryset(self):
        return selectors.measurements_of(self.organisation)

    def post(self, request, *args, **kwargs):
        measurement = self.get_object()
        services.measurement_delete(record=measurement, actor=request.user)
        messages.success(request, _("Measurement removed."))
        return HttpResponseRedirect(measurement.objective.get_absolute_url())


# --- communication plan --------------------------------------------------------------------------------------------

_COMMUNICATION_VIEWS = _generated(COMMUNICATION)


class CommunicationDetailView(_COMMUNICATION_VIEWS["communicationitem-detail"].callback.view_class):
    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        item = context["object"]
        context.update(
            extra_template="governance/_communication_records.html",
            records=selectors.communication_records_of(self.organisation).filter(item=item),
            record_form=form
            or CommunicationRecordForm(initial={"communicated_on": timezone.localdate(), "version": item.version}),
            can_change=can(self.membership, Perm.AIMS_CHANGE),
        )
        return context


class CommunicationRecordView(TenantObjectMixin, View):
    model = CommunicationItem
    lookup_kwarg = "communicationitem"
    permission_required = Perm.AIMS_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        form = CommunicationRecordForm(request.POST)
        if form.is_valid():
            try:
                services.communication_record(
                    item=item,
                    actor=request.user,
                    membership=self.membership,
                    communicated_on=form.cleaned_data["communicated_on"],
                    note=form.cleaned_data["note"],
                    expected_version=form.cleaned_data["version"],
                )
            except ConflictError as exc:
                messages.error(request, exc.message)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Communication recorded; the next due date moved on."))
        else:
            messages.error(request, _("Enter the date the communication took place."))
        return HttpResponseRedirect(item.get_absolute_url())


def replace_views(patterns: dict, **views) -> list:
    """The generated patterns with some views swapped for extended ones (keyword: URL name with _ for -)."""
    from django.urls import path

    result = []
    for name, pattern in patterns.items():
        view_class = views.get(name.replace("-", "_"))
        if view_class is not None:
            pattern = path(str(pattern.pattern), view_class.as_view(), name=name)
        result.append(pattern)
    return result


ROLE_URLS = replace_views(_ROLE_VIEWS, airole_list=RoleListView, airole_detail=RoleDetailView)
OBJECTIVE_URLS = replace_views(_OBJECTIVE_VIEWS, objective_detail=ObjectiveDetailView)
COMMUNICATION_URLS = replace_views(_COMMUNICATION_VIEWS, communicationitem_detail=CommunicationDetailView)
PLANNED_CHANGE_URLS = list(_generated(PLANNED_CHANGES).values())
