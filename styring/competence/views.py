"""The gap matrix, what each AI role requires, and completing training; the registers come from `registers`."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from styring.core.exceptions import ConflictError
from styring.core.exports import EXPORT_FORMATS, csv_response, xlsx_response
from styring.core.permissions import Perm, can
from styring.core.scoping import get_for_organisation
from styring.core.views import OrganisationPage, TenantObjectMixin, _attach_errors
from styring.governance.models import AIRole

from . import selectors, services
from .forms import RoleCompetenceForm, TrainingCompleteForm
from .models import RoleCompetence, TrainingItem
from .tables import GapTable

SECTION = "competence:overview"


def with_list_template(view_class):
    """The register list with the links between the competence pages above it."""

    class ListView(view_class):
        template_name = "competence/list.html"

        def get_template_names(self):
            if self.request.htmx and self.request.htmx.target == "list-content":
                return ["core/list.html#list-content"]
            return [self.template_name]

    return ListView


def with_prefill(view_class):
    """The create form prefilled from the query string (a gap cell's "plan training" link names the person and the
    competence)."""

    class CreateView(view_class):
        def get_initial(self):
            initial = super().get_initial()
            fields = self.get_form_class().Meta.fields
            for name in fields:
                value = self.request.GET.get(name, "")[:300]
                if value and "\x00" not in value:
                    initial[name] = value
            return initial

    return CreateView


def _role_from_query(request, organisation):
    value = request.GET.get("role", "")
    if not value:
        return None
    try:
        public_id = uuid.UUID(value)
    except ValueError as exc:
        raise Http404 from exc
    return get_for_organisation(AIRole, organisation, public_id=public_id)


class OverviewView(OrganisationPage):
    """Every AI role: its current holders against the competences the role requires."""

    permission_required = Perm.AIMS_VIEW
    template_name = "competence/overview.html"
    section = SECTION

    def get(self, request, *args, **kwargs):
        self.role = _role_from_query(request, self.organisation)
        self.matrix = selectors.gap_matrix(self.organisation, today=timezone.localdate(), role=self.role)
        export_format = request.GET.get("export")
        if export_format in EXPORT_FORMATS:
            table = GapTable(selectors.gap_rows(self.matrix))
            name = f"{self.organisation.slug}-competence-gaps"
            if export_format == "csv":
                return csv_response(table, name)
            return xlsx_response(table, name, str(_("Competence gaps")))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Competence overview"),
            matrix=self.matrix,
            role=self.role,
            roles=AIRole.objects.for_organisation(self.organisation).only("public_id", "name").order_by("name"),
            can_change=can(self.membership, Perm.AIMS_CHANGE),
            gap_total=sum(row.gap_count for row in self.matrix),
        )
        return context


class RoleCompetencesView(TenantObjectMixin, TemplateView):
    """What one AI role requires: add, change the level of, or remove required competences."""

    model = AIRole
    lookup_kwarg = "airole"
    permission_required = Perm.AIMS_VIEW
    template_name = "competence/role.html"
    section = SECTION

    def requirements(self):
        return (
            RoleCompetence.objects.for_organisation(self.organisation)
            .filter(role=self.get_object())
            .select_related("competence", "organisation")
            .order_by("competence__name")
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        role = self.get_object()
        context.update(
            role=role,
            requirements=self.requirements(),
            form=form or RoleCompetenceForm(membership=self.membership),
            can_change=can(self.membership, Perm.AIMS_CHANGE),
            can_delete=can(self.membership, Perm.AIMS_DELETE),
            levels=RoleCompetence._meta.get_field("level").choices,
            overview_url=reverse(SECTION, kwargs={"org": self.organisation.slug}) + f"?role={role.public_id}",
        )
        return context

    def _requirement(self):
        try:
            public_id = uuid.UUID(self.request.POST.get("rolecompetence", ""))
        except ValueError as exc:
            raise Http404 from exc
        return get_for_organisation(self.requirements(), self.organisation, public_id=public_id)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if not can(self.membership, Perm.AIMS_DELETE if action == "remove" else Perm.AIMS_CHANGE):
            raise PermissionDenied
        role = self.get_object()
        form = None
        try:
            if action == "remove":
                record = self._requirement()
                services.role_competence_delete(record=record, actor=request.user)
                messages.success(request, _("Removed “%(name)s”.") % {"name": record.competence})
            elif action == "level":
                record = self._requirement()
                services.role_competence_update(record, actor=request.user, level=request.POST.get("level", ""))
                messages.success(request, _("Saved."))
            else:
                form = RoleCompetenceForm(request.POST, membership=self.membership)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form), status=400)
                services.role_competence_create(
                    organisation=self.organisation, actor=request.user, role=role, **form.service_data()
                )
                messages.success(request, _("Saved."))
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return HttpResponseRedirect(request.path)
            _attach_errors(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return HttpResponseRedirect(request.path)


class TrainingCompleteView(TenantObjectMixin, FormView):
    """Mark training completed and record the competence it gave, in one step."""

    model = TrainingItem
    lookup_kwarg = "trainingitem"
    permission_required = Perm.AIMS_CHANGE
    template_name = "core/form.html"
    form_class = TrainingCompleteForm
    section = SECTION

    def get_queryset(self):
        return selectors.training_items_of(self.organisation)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(membership=self.membership, item=self.get_object())
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.get_object()
        context.update(
            title=_("Training completed: %(title)s") % {"title": item},
            submit_label=_("Mark completed"),
            cancel_url=item.get_absolute_url(),
        )
        if not item.is_open:
            context["form_notice"] = _("This training is already completed or cancelled.")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            item, _record = services.training_complete(
                item=self.get_object(),
                actor=self.request.user,
                completed_on=data["completed_on"],
                record_competence=data["record_competence"],
                level=data["level"],
                evidence_type=data["evidence_type"],
                evidence_reference=data["evidence_reference"],
                evidence=data["evidence"],
                expected_version=data["version"],
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        except ValidationError as exc:
            _attach_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Training marked completed."))
        return HttpResponseRedirect(item.get_absolute_url())
