"""List, detail, create, edit and delete pages for a simple tenant record type, from one description.

Record types with special pages (AI systems) write their views by hand; plain registers (suppliers, models,
datasets, …) describe themselves with a `Crud` and get the same behaviour as every other list in the product.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import path, reverse

from .permissions import can
from .views import OrganisationListView, ServiceFormView, TenantDeleteView, TenantDetailView, TenantUpdateView


@dataclass(frozen=True)
class Crud:
    model: type
    url_prefix: str  # "suppliers" → /o/<org>/suppliers/
    list_title: str
    create_title: str
    selector: Callable  # selector(organisation) -> queryset
    create: Callable  # create(organisation=, actor=, **data)
    update: Callable  # update(record, actor=, expected_version=, reason=, **data)
    delete: Callable  # delete(record=, actor=, expected_version=, reason=)
    form_class: type
    table_class: type
    filterset_class: type
    view_permission: str
    change_permission: str
    delete_permission: str
    detail_fields: tuple[str, ...]
    empty_text: str = ""
    export_name: str = ""
    related: Callable | None = None  # related(record) -> list of (label, [objects]) shown on the detail page
    actions: Callable | None = None  # actions(record) -> list of (label, url, permission) buttons on the detail page
    extra: dict = field(default_factory=dict)

    @property
    def kwarg(self) -> str:
        return self.model._meta.model_name

    def name(self, action: str) -> str:
        return f"{self.kwarg}-{action}"


def crud_views(crud: Crud, namespace: str) -> list:
    """URL patterns for the record type, named `<model>-list`, `-create`, `-detail`, `-edit`, `-delete`."""
    list_url = f"{namespace}:{crud.name('list')}"

    class ListView(OrganisationListView):
        permission_required = crud.view_permission
        create_permission = crud.change_permission
        create_url_name = f"{namespace}:{crud.name('create')}"
        table_class = crud.table_class
        filterset_class = crud.filterset_class
        title = crud.list_title
        export_name = crud.export_name or crud.url_prefix
        section = list_url
        empty_text = crud.empty_text

        def get_queryset(self):
            return crud.selector(self.organisation)

    class DetailView(TenantDetailView):
        model = crud.model
        lookup_kwarg = crud.kwarg
        permission_required = crud.view_permission
        template_name = "core/detail.html"
        section = list_url

        def get_queryset(self):
            return crud.selector(self.organisation)

        def get_context_data(self, **kwargs):
            context = super().get_context_data(**kwargs)
            record = context["object"]
            context.update(
                fields=[_field_row(record, name) for name in crud.detail_fields],
                related=crud.related(record) if crud.related else [],
                actions=[
                    (label, url)
                    for label, url, permission in (crud.actions(record) if crud.actions else [])
                    if can(self.membership, permission)
                ],
                extra_template=crud.extra.get("detail_template"),
                list_url=reverse(list_url, kwargs={"org": self.organisation.slug}),
                list_title=crud.list_title,
                edit_url=reverse(
                    f"{namespace}:{crud.name('edit')}",
                    kwargs={"org": self.organisation.slug, crud.kwarg: record.public_id},
                ),
                delete_url=reverse(
                    f"{namespace}:{crud.name('delete')}",
                    kwargs={"org": self.organisation.slug, crud.kwarg: record.public_id},
                ),
                change_permission=crud.change_permission,
                delete_permission=crud.delete_permission,
            )
            return context

    class CreateView(ServiceFormView):
        permission_required = crud.change_permission
        form_class = crud.form_class
        title = crud.create_title
        section = list_url

        def perform(self, form):
            return crud.create(organisation=self.organisation, actor=self.request.user, **form.service_data())

        def get_cancel_url(self):
            return reverse(list_url, kwargs={"org": self.organisation.slug})

    class UpdateView(TenantUpdateView):
        model = crud.model
        lookup_kwarg = crud.kwarg
        permission_required = crud.change_permission
        form_class = crud.form_class
        section = list_url

        def update(self, record, form, **common):
            return crud.update(record, **common, **form.service_data())

    class DeleteView(TenantDeleteView):
        model = crud.model
        lookup_kwarg = crud.kwarg
        permission_required = crud.delete_permission
        success_url_name = list_url
        section = list_url

        def perform_delete(self, obj, *, reason, expected_version):
            crud.delete(record=obj, actor=self.request.user, expected_version=expected_version, reason=reason)

    base = f"o/<slug:org>/{crud.url_prefix}/"
    item = f"{base}<uuid:{crud.kwarg}>/"
    return [
        path(base, ListView.as_view(), name=crud.name("list")),
        path(f"{base}new/", CreateView.as_view(), name=crud.name("create")),
        path(item, DetailView.as_view(), name=crud.name("detail")),
        path(f"{item}edit/", UpdateView.as_view(), name=crud.name("edit")),
        path(f"{item}delete/", DeleteView.as_view(), name=crud.name("delete")),
    ]


def _field_row(record, name: str) -> tuple[str, object]:
    field = record._meta.get_field(name)
    display = getattr(record, f"get_{name}_display", None)
    value = display() if display else getattr(record, name)
    if hasattr(value, "user"):  # a membership: show the person
        value = value.user.get_full_name()
    return str(field.verbose_name).capitalize(), value
