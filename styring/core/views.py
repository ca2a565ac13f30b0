"""Generic organisation-scoped views: every tenant page is one of these, so tenancy and permission checks,
pagination, sorting, filtering, export and HTMX partial refresh behave the same everywhere."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .exceptions import ConflictError
from .exports import EXPORT_FORMATS, csv_response, xlsx_response
from .permissions import can
from .scoping import get_for_organisation, resolve_membership
from .selectors import history_for


class OrganisationMixin:
    """Resolves `/o/<org>/…`: login required, outsiders get 404, members without `permission_required` get 403."""

    permission_required: str | None = None
    # Used by the navigation to highlight where the user is; the URL name of the section's list page.
    section: str | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.membership = resolve_membership(request.user, kwargs["org"])
        self.organisation = self.membership.organisation
        request.membership = self.membership
        request.organisation = self.organisation
        timezone.activate(zoneinfo.ZoneInfo(self.organisation.time_zone))
        if self.permission_required and not can(self.membership, self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(organisation=self.organisation, membership=self.membership, section=self.section)
        return context


class OrganisationPage(OrganisationMixin, TemplateView):
    pass


class OrganisationListView(OrganisationMixin, SingleTableMixin, FilterView):
    """Server-paginated, sortable, filterable list with CSV/XLSX export and HTMX partial refresh."""

    template_name = "core/list.html"
    title = ""
    create_url_name: str | None = None
    create_permission: str | None = None
    empty_title = _("Nothing here yet")
    empty_text = ""
    export_name = "export"
    paginate_by = settings.LIST_PAGE_SIZE
    allowed_page_sizes = (25, 50, 100, 200)
    filterset_fields = None

    def get_queryset(self):
        raise NotImplementedError("List views read through a selector scoped to self.organisation")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["organisation"] = self.organisation
        return kwargs

    def get_table_pagination(self, table):
        try:
            per_page = int(self.request.GET.get("per_page", self.paginate_by))
        except ValueError:
            per_page = self.paginate_by
        if per_page not in self.allowed_page_sizes:
            per_page = self.paginate_by
        return {"per_page": per_page}

    def get_table_kwargs(self):
        return {"organisation": self.organisation}

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format in EXPORT_FORMATS:
            return self.export(export_format)
        return super().get(request, *args, **kwargs)

    def export(self, export_format: str):
        filterset = self.get_filterset(self.get_filterset_class())
        # The export link always carries `export=…`, so the filter set is bound; invalid filters export nothing.
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        if rows.count() > settings.EXPORT_MAX_ROWS:
            messages.error(
                self.request,
                _("Exports are limited to %(limit)d rows. Filter the list to fewer rows and export again.")
                % {"limit": settings.EXPORT_MAX_ROWS},
            )
            query = self.request.GET.copy()
            query.pop("export", None)
            return HttpResponseRedirect(f"{self.request.path}?{query.urlencode()}")
        table = self.get_table_class()(rows, **self.get_table_kwargs())
        table.order_by = self.request.GET.get("sort")
        name = f"{self.organisation.slug}-{self.export_name}"
        if export_format == "csv":
            return csv_response(table, name)
        return xlsx_response(table, name, str(self.title))

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "list-content":
            return [f"{self.template_name}#list-content"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for key in ("page", "export"):
            query.pop(key, None)
        context.update(
            title=self.title,
            can_create=bool(self.create_url_name)
            and can(self.membership, self.create_permission or self.permission_required),
            create_url_name=self.create_url_name,
            empty_title=self.empty_title,
            empty_text=self.empty_text,
            query_string=query.urlencode(),
            page_sizes=self.allowed_page_sizes,
            is_filtered=any(value for key, value in self.request.GET.items() if key not in ("sort", "per_page")),
        )
        return context


class TenantObjectMixin(OrganisationMixin):
    """Fetches the record named by the URL's `<uuid:...>` keyword within the current organisation."""

    model = None
    lookup_kwarg: str = "pk"

    def get_queryset(self):
        return self.model.objects.all()

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_for_organisation(
                self.get_queryset(), self.organisation, public_id=self.kwargs[self.lookup_kwarg]
            )
        return self._object


class TenantDetailView(TenantObjectMixin, TemplateView):
    history_limit = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context["object"] = obj
        context["history"] = history_for(obj, limit=self.history_limit)
        context["tab"] = self.request.GET.get("tab", "details")
        return context


class VersionedFormMixin(forms.Form):
    """Carries the record version through the edit form so stale saves are detected."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ServiceFormView(OrganisationMixin, FormView):
    """A form whose valid submission is handed to a service. Validation and conflict errors are shown on the
    form, with nothing saved."""

    template_name = "core/form.html"
    title = ""
    submit_label = _("Save")
    success_message = _("Saved.")
    cancel_url: str | None = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["membership"] = self.membership
        return kwargs

    def perform(self, form):
        raise NotImplementedError

    def get_success_url_for(self, result) -> str:
        return result.get_absolute_url()

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ConflictError as exc:
            form.add_error(None, exc.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        except ValidationError as exc:
            _attach_errors(form, exc)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url_for(result))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, submit_label=self.submit_label, cancel_url=self.get_cancel_url())
        return context

    def get_cancel_url(self):
        return self.cancel_url


def _attach_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class TenantUpdateView(TenantObjectMixin, ServiceFormView):
    """The edit form of one record: the form gets the record and its version; `update(record, form)` hands the
    cleaned data to the record's service (stale versions and validation errors are shown on the form)."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_object()
        return kwargs

    def get_initial(self):
        return {"version": self.get_object().version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["title"]:
            context["title"] = str(self.get_object())
        return context

    def update(self, record, form, **common):
        raise NotImplementedError

    def perform(self, form):
        return self.update(
            self.get_object(),
            form,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data.get("reason", ""),
        )

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()


class TenantDeleteView(TenantObjectMixin, FormView):
    """Confirmation page; POST deletes through the service with an optional reason for the change log."""

    template_name = "core/confirm_delete.html"
    success_url_name: str = ""

    class form_class(VersionedFormMixin):
        reason = forms.CharField(
            label=_("Reason (recorded in the change log)"),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def get_initial(self):
        return {"version": self.get_object().version}

    def perform_delete(self, obj, *, reason: str, expected_version: int | None) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        obj = self.get_object()
        try:
            self.perform_delete(obj, reason=form.cleaned_data["reason"], expected_version=form.cleaned_data["version"])
        except ConflictError as exc:
            form.add_error(None, exc.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        except ValidationError as exc:  # a record the service keeps (e.g. an approved document)
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("Deleted “%(name)s”.") % {"name": obj})
        return HttpResponseRedirect(self.success_url_for(obj))

    def success_url_for(self, obj) -> str:
        return reverse(self.success_url_name, kwargs={"org": self.organisation.slug})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context
