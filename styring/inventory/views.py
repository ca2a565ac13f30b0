from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.core.permissions import Perm
from styring.core.views import (
    OrganisationListView,
    OrganisationPage,
    ServiceFormView,
    TenantDeleteView,
    TenantDetailView,
    TenantUpdateView,
)

from . import selectors, services
from .choices import AiActRole, IsoRole
from .filtersets import AISystemFilterSet
from .forms import AISystemForm
from .models import AISystem
from .tables import AISystemTable

SECTION = "inventory:aisystem-list"


class AISystemListView(OrganisationListView):
    permission_required = Perm.INVENTORY_VIEW
    create_permission = Perm.INVENTORY_CHANGE
    create_url_name = "inventory:aisystem-create"
    table_class = AISystemTable
    filterset_class = AISystemFilterSet
    title = _("AI systems")
    export_name = "ai-systems"
    section = SECTION
    empty_title = _("No AI systems recorded yet")
    empty_text = _(
        "Start with the AI you already use: chat assistants, AI features in your CRM or HR tools, and models your "
        "teams build. Each system you record here can be assessed, risk-managed and audited."
    )

    def get_queryset(self):
        return selectors.aisystems_of(self.organisation)


class AISystemDetailView(TenantDetailView):
    model = AISystem
    lookup_kwarg = "aisystem"
    permission_required = Perm.INVENTORY_VIEW
    template_name = "inventory/aisystem_detail.html"
    section = SECTION

    def get_queryset(self):
        return selectors.aisystems_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        system = context["object"]
        from styring.regulation.selectors import assessment_status

        context["assessment"] = assessment_status(system)
        context["changed_fields"] = ", ".join(
            str(AISystem._meta.get_field(name).verbose_name) for name in context["assessment"]["changed"]
        )
        context["iso_roles"] = [IsoRole(value).label for value in system.iso_roles]
        context["ai_act_roles"] = [AiActRole(value).label for value in system.ai_act_roles]
        if context["tab"] == "ai-act":
            from styring.regulation.selectors import ai_act_tab

            context.update(ai_act_tab(system))
        return context


class AISystemCreateView(ServiceFormView):
    permission_required = Perm.INVENTORY_CHANGE
    form_class = AISystemForm
    title = _("New AI system")
    submit_label = _("Create AI system")
    success_message = _("AI system created.")
    section = SECTION

    def perform(self, form):
        return services.aisystem_create(organisation=self.organisation, actor=self.request.user, **form.service_data())

    def get_cancel_url(self):
        return reverse("inventory:aisystem-list", kwargs={"org": self.organisation.slug})


class AISystemUpdateView(TenantUpdateView):
    model = AISystem
    lookup_kwarg = "aisystem"
    permission_required = Perm.INVENTORY_CHANGE
    form_class = AISystemForm
    submit_label = _("Save changes")
    success_message = _("AI system saved.")
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(name)s") % {"name": self.get_object().name}
        return context

    def update(self, record, form, **common):
        return services.aisystem_update(system=record, **common, **form.service_data())


class AISystemDeleteView(TenantDeleteView):
    model = AISystem
    lookup_kwarg = "aisystem"
    permission_required = Perm.INVENTORY_DELETE
    success_url_name = "inventory:aisystem-list"
    section = SECTION

    def perform_delete(self, obj, *, reason, expected_version):
        services.aisystem_delete(system=obj, actor=self.request.user, reason=reason, expected_version=expected_version)


class PortfolioView(OrganisationPage):
    """The inventory at a glance: by EU AI Act class, lifecycle stage, sourcing, owner and supplier, with the
    systems overdue for review and those not yet assessed."""

    permission_required = Perm.INVENTORY_VIEW
    template_name = "inventory/portfolio.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("AI portfolio"), portfolio=selectors.portfolio(self.organisation))
        return context


class RegisterPrintView(OrganisationPage):
    """A printable register of all AI systems (print to PDF from the browser)."""

    permission_required = Perm.INVENTORY_VIEW
    template_name = "inventory/register_print.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        context = super().get_context_data(**kwargs)
        context.update(
            title=_("AI system register"),
            systems=selectors.aisystems_of(self.organisation).prefetch_related("suppliers").order_by("name"),
            printed_at=timezone.localtime(),
        )
        return context
