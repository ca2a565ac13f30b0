"""Scope and context pages: the overview, one version of the scope, its edit form, the decisions, and the comparison.
The issue and party registers come from `registers.py`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from styring.core.exceptions import ConflictError
from styring.core.permissions import Perm, can
from styring.core.views import OrganisationPage, ServiceFormView, TenantObjectMixin
from styring.inventory.models import AISystem

from . import scope, selectors
from .forms import ScopeForm
from .models import ScopeVersion

SECTION = "context:overview"


def _error_text(exc) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


class _ScopeContext:
    def scope_context(self, version: ScopeVersion | None) -> dict:
        rows = list(scope.rows_of(version)) if version else []
        return {
            "scope": version,
            "rows_in": [row for row in rows if row.in_scope],
            "rows_out": [row for row in rows if not row.in_scope],
            "unplaced": list(scope.unplaced_systems(version, self.organisation)),
            "problems": scope.problems(version, rows) if version and version.is_editable else [],
            "can_edit": can(self.membership, Perm.AIMS_CHANGE),
            "can_approve": can(self.membership, Perm.AIMS_APPROVE),
        }


class OverviewView(_ScopeContext, OrganisationPage):
    permission_required = Perm.AIMS_VIEW
    template_name = "context/overview.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = scope.current_version(self.organisation)
        open_version = scope.open_version(self.organisation)
        context.update(
            title=_("Scope and context"),
            counts=selectors.context_counts(self.organisation),
            open_version=open_version if open_version != current else None,
            versions=list(scope.versions_of(self.organisation)),
            **self.scope_context(current),
        )
        return context


class ScopeVersionView(_ScopeContext, TenantObjectMixin, OrganisationPage):
    model = ScopeVersion
    lookup_kwarg = "scopeversion"
    permission_required = Perm.AIMS_VIEW
    template_name = "context/scope.html"
    section = SECTION

    def get_queryset(self):
        return scope.versions_of(self.organisation)

    def get_context_data(self, **kwargs):
        from styring.core.selectors import history_for

        context = super().get_context_data(**kwargs)
        version = self.get_object()
        context.update(
            title=str(version),
            versions=list(scope.versions_of(self.organisation)),
            tab=self.request.GET.get("tab", "details"),
            history=history_for(version, limit=50),
            **self.scope_context(version),
        )
        return context


class ScopeEditView(TenantObjectMixin, ServiceFormView):
    """The draft's texts and the placement of every AI system of the inventory. Frozen versions are refused."""

    model = ScopeVersion
    lookup_kwarg = "scopeversion"
    permission_required = Perm.AIMS_CHANGE
    form_class = ScopeForm
    template_name = "context/scope_edit.html"
    section = SECTION

    def get_queryset(self):
        return scope.versions_of(self.organisation)

    def get(self, request, *args, **kwargs):
        if not self.get_object().is_editable:
            messages.error(request, scope.frozen_message())
            return HttpResponseRedirect(self.get_object().get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("membership", None)
        version = self.get_object()
        kwargs.update(
            version=version,
            systems=AISystem.objects.for_organisation(self.organisation).order_by("name"),
            rows={row.system_id: row for row in scope.rows_of(version) if row.system_id},
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(version)s") % {"version": self.get_object()}
        context["scope"] = self.get_object()
        return context

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()

    def perform(self, form):
        return scope.scope_update(
            version=self.get_object(),
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data.get("reason", ""),
            **form.service_data(),
        )


class ScopeDraftView(OrganisationPage):
    """Start a draft (POST only): the open draft, or a copy of the latest version."""

    permission_required = Perm.AIMS_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            draft = scope.scope_draft(organisation=self.organisation, actor=request.user)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
            return redirect("context:overview", org=self.organisation.slug)
        messages.success(request, _("Draft version %(n)s is open for changes.") % {"n": draft.number})
        return redirect(draft.get_absolute_url())


class ScopeActionView(TenantObjectMixin, OrganisationPage):
    """Submit a draft, or approve or return a version in review (POST only)."""

    model = ScopeVersion
    lookup_kwarg = "scopeversion"
    permission_required = Perm.AIMS_CHANGE
    http_method_names = ["post"]

    def get_queryset(self):
        return scope.versions_of(self.organisation)

    def post(self, request, *args, **kwargs):
        version = self.get_object()
        action = request.POST.get("action", "")
        try:
            if action == "submit":
                scope.scope_submit(version=version, actor=request.user)
                messages.success(request, _("Submitted for approval."))
            elif action in ("approve", "return"):
                if not can(self.membership, Perm.AIMS_APPROVE):
                    raise PermissionDenied
                scope.scope_decide(
                    version=version, actor=request.user, approve=action == "approve", note=request.POST.get("note", "")
                )
                messages.success(request, _("Approved.") if action == "approve" else _("Returned to draft."))
            else:
                raise ValidationError(_("Unknown action."))
        except (ValidationError, ConflictError) as exc:
            messages.error(request, _error_text(exc))
        return redirect(version.get_absolute_url())


class ScopeCompareView(OrganisationPage):
    permission_required = Perm.AIMS_VIEW
    template_name = "context/compare.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = {version.number: version for version in scope.versions_of(self.organisation)}
        numbers = sorted(versions)
        try:
            first = versions[int(self.request.GET.get("a", numbers[-2] if len(numbers) > 1 else 0))]
            second = versions[int(self.request.GET.get("b", numbers[-1] if numbers else 0))]
        except (KeyError, ValueError):
            first = second = None
        context.update(
            title=_("Compare versions of the scope"),
            numbers=numbers,
            first=first,
            second=second,
            comparison=scope.compare(first, second) if first and second else None,
            overview_url=reverse("context:overview", kwargs={"org": self.organisation.slug}),
        )
        return context
