"""Suppliers, AI models and datasets: the registers beside the AI systems (issue: AI inventory)."""

import django_filters
import django_tables2 as tables
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.crud import Crud
from styring.core.forms import ScopedForm
from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable, ScopedFilterSet
from styring.core.permissions import Perm
from styring.organisations.models import Membership

from . import selectors, services
from .choices import DueDiligenceStatus, ModelApproach
from .models import AIModel, Dataset, Supplier


# --- Suppliers ---------------------------------------------------------------------------------------------------
class SupplierForm(ScopedForm):
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Supplier
        # Everything the service accepts except what has its own page (the due-diligence questionnaire).
        fields = [name for name in services.SUPPLIER_FIELDS if name != "due_diligence_answers"]


class SupplierTable(OrganisationTable):
    name = LinkedNameColumn(verbose_name=_("Name"))
    country = tables.Column(verbose_name=_("Country"))
    due_diligence_status = tables.Column(verbose_name=_("Due diligence"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))
    review_date = tables.DateColumn(verbose_name=_("Next review"), short=True)

    class Meta:
        model = Supplier
        fields = ("name", "country", "due_diligence_status", "owner", "review_date")
        attrs = TABLE_ATTRS


class SupplierFilterSet(ScopedFilterSet):
    search_fields = ("name", "services", "country")
    due_diligence_status = django_filters.ChoiceFilter(label=_("Due diligence"), choices=DueDiligenceStatus.choices)
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), empty_label=_("Anyone"), queryset=Membership.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = Supplier
        fields: list[str] = []


# --- AI models ---------------------------------------------------------------------------------------------------
class AIModelForm(ScopedForm):
    class Meta:
        model = AIModel
        fields = [name for name in services.AIMODEL_FIELDS if name != "bom_ref"]  # bom_ref comes from imports


class AIModelTable(OrganisationTable):
    name = LinkedNameColumn(verbose_name=_("Name"))
    model_version = tables.Column(verbose_name=_("Version"))
    approach = tables.Column(verbose_name=_("Approach"))
    supplier = tables.Column(verbose_name=_("Supplier"), order_by=("supplier__name",))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))

    class Meta:
        model = AIModel
        fields = ("name", "model_version", "approach", "supplier", "owner")
        attrs = TABLE_ATTRS


class AIModelFilterSet(ScopedFilterSet):
    search_fields = ("name", "task", "architecture", "description")
    approach = django_filters.ChoiceFilter(label=_("Approach"), choices=ModelApproach.choices)
    supplier = django_filters.ModelChoiceFilter(
        label=_("Supplier"), empty_label=_("Any"), queryset=Supplier.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = AIModel
        fields: list[str] = []


# --- Datasets ----------------------------------------------------------------------------------------------------
class DatasetForm(ScopedForm):
    class Meta:
        model = Dataset
        fields = [name for name in services.DATASET_FIELDS if name != "bom_ref"]  # bom_ref comes from imports


class DatasetTable(OrganisationTable):
    name = LinkedNameColumn(verbose_name=_("Name"))
    source = tables.Column(verbose_name=_("Source"))
    personal_data = tables.BooleanColumn(verbose_name=_("Personal data"))
    special_category_data = tables.BooleanColumn(verbose_name=_("Special-category data"))
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__user", order_by=("owner__user__full_name",))

    class Meta:
        model = Dataset
        fields = ("name", "source", "personal_data", "special_category_data", "owner")
        attrs = TABLE_ATTRS


class DatasetFilterSet(ScopedFilterSet):
    search_fields = ("name", "description", "source")
    personal_data = django_filters.BooleanFilter(
        label=_("Personal data"), widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])
    )

    class Meta:
        model = Dataset
        fields: list[str] = []


PERMISSIONS = {
    "view_permission": Perm.INVENTORY_VIEW,
    "change_permission": Perm.INVENTORY_CHANGE,
    "delete_permission": Perm.INVENTORY_DELETE,
}


def _systems(record):
    return [(_("Used by AI systems"), list(record.systems.all()))]


SUPPLIERS = Crud(
    model=Supplier,
    url_prefix="suppliers",
    list_title=_("Suppliers"),
    create_title=_("New supplier"),
    selector=selectors.suppliers_of,
    create=services.supplier_create,
    update=lambda record, **kw: services.supplier_update(supplier=record, **kw),
    delete=services.record_delete,
    form_class=SupplierForm,
    table_class=SupplierTable,
    filterset_class=SupplierFilterSet,
    **PERMISSIONS,
    detail_fields=(
        "website",
        "country",
        "contact",
        "services",
        "owner",
        "due_diligence_status",
        "due_diligence_date",
        "notes",
        "review_date",
    ),
    empty_text=_(
        "Record the companies that supply AI systems, models, data or AI features, and track their due diligence."
    ),
    related=lambda record: [
        *_systems(record),
        (_("Models"), list(record.models.all())),
        (_("Datasets"), list(record.datasets.all())),
    ],
    actions=lambda record: [
        (
            _("AI due diligence"),
            reverse(
                "inventory:supplier-due-diligence",
                kwargs={"org": record.organisation.slug, "supplier": record.public_id},
            ),
            Perm.INVENTORY_CHANGE,
        )
    ],
    extra={"detail_template": "inventory/_due_diligence_summary.html"},
)

AIMODELS = Crud(
    model=AIModel,
    url_prefix="ai-models",
    list_title=_("AI models"),
    create_title=_("New AI model"),
    selector=selectors.aimodels_of,
    create=services.aimodel_create,
    update=lambda record, **kw: services.aimodel_update(aimodel=record, **kw),
    delete=services.record_delete,
    form_class=AIModelForm,
    table_class=AIModelTable,
    filterset_class=AIModelFilterSet,
    **PERMISSIONS,
    detail_fields=(
        "model_version",
        "approach",
        "task",
        "architecture",
        "description",
        "supplier",
        "licence",
        "limitations",
        "evaluation",
        "owner",
        "bom_ref",
    ),
    empty_text=_("Record the trained models your AI systems use, your own and third parties'."),
    related=_systems,
)

DATASETS = Crud(
    model=Dataset,
    url_prefix="datasets",
    list_title=_("Datasets"),
    create_title=_("New dataset"),
    selector=selectors.datasets_of,
    create=services.dataset_create,
    update=lambda record, **kw: services.dataset_update(dataset=record, **kw),
    delete=services.record_delete,
    form_class=DatasetForm,
    table_class=DatasetTable,
    filterset_class=DatasetFilterSet,
    **PERMISSIONS,
    detail_fields=(
        "description",
        "source",
        "provenance",
        "personal_data",
        "special_category_data",
        "quality_checks",
        "licence",
        "supplier",
        "owner",
        "bom_ref",
    ),
    empty_text=_("Record the data used to train, test or run your AI systems, with its provenance and quality checks."),
    related=_systems,
)
