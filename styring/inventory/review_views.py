"""Pages of the discovery review queue."""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styring.core.lists import OrganisationFilterSet, OrganisationTable
from styring.core.permissions import Perm, can
from styring.core.scoping import get_for_organisation
from styring.core.views import (
    OrganisationListView,
    OrganisationPage,
    ServiceFormView,
    TenantDetailView,
    TenantObjectMixin,
)

from . import review
from .choices import CandidateKind, CandidateSource, CandidateStatus
from .models import Candidate, Supplier

SECTION = "inventory:candidate-list"


class CandidateTable(OrganisationTable):
    name = tables.Column(verbose_name=gettext_lazy("Name"))
    kind = tables.Column(verbose_name=gettext_lazy("Kind"))
    source = tables.Column(verbose_name=gettext_lazy("Source"))
    status = tables.Column(verbose_name=gettext_lazy("Status"))
    created_at = tables.DateTimeColumn(verbose_name=gettext_lazy("Found"), short=True)

    class Meta:
        model = Candidate
        fields = ("name", "kind", "source", "status", "created_at")
        attrs = {"class": "table table-sm table-hover table-sticky"}

    def render_name(self, record, value):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)

    def value_name(self, value):
        return value


class CandidateFilterSet(OrganisationFilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Search"), field_name="name", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=CandidateStatus.choices)
    source = django_filters.ChoiceFilter(label=gettext_lazy("Source"), choices=CandidateSource.choices)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=CandidateKind.choices)
    batch = django_filters.CharFilter(label=gettext_lazy("Import batch"))

    class Meta:
        model = Candidate
        fields: list[str] = []

    def __init__(self, data=None, *args, organisation=None, **kwargs):
        # Pending candidates are what needs doing: show them unless another status is asked for.
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = CandidateStatus.PENDING
        super().__init__(
            data if data is not None else {"status": CandidateStatus.PENDING},
            *args,
            organisation=organisation,
            **kwargs,
        )


class CandidateListView(OrganisationListView):
    permission_required = Perm.INVENTORY_VIEW
    table_class = CandidateTable
    filterset_class = CandidateFilterSet
    title = gettext_lazy("Discovery review queue")
    export_name = "discovery-candidates"
    section = SECTION
    empty_title = gettext_lazy("Nothing waiting for review")
    empty_text = gettext_lazy(
        "AI found by imports, scans and the staff survey waits here until someone accepts, merges or dismisses it."
    )

    template_name = "inventory/candidate_list.html"

    def get_queryset(self):
        return Candidate.objects.for_organisation(self.organisation).select_related("organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.organisation.survey_enabled:
            context["survey_url"] = self.request.build_absolute_uri(
                reverse("survey", kwargs={"token": self.organisation.survey_token})
            )
        return context


class CandidateDetailView(TenantDetailView):
    model = Candidate
    lookup_kwarg = "candidate"
    permission_required = Perm.INVENTORY_VIEW
    template_name = "inventory/candidate_detail.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        candidate = context["object"]
        model = review.CREATE[candidate.kind][0]
        context.update(
            proposed=sorted(candidate.proposed.items()),
            merge_targets=model.objects.for_organisation(self.organisation).order_by("name")[:500]
            if can(self.membership, Perm.INVENTORY_CHANGE)
            else [],
            can_review=can(self.membership, Perm.INVENTORY_CHANGE) and candidate.status == CandidateStatus.PENDING,
        )
        return context


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "accept"), ("merge", "merge"), ("dismiss", "dismiss")])
    target = forms.UUIDField(required=False)
    note = forms.CharField(required=False, max_length=500)


class CandidateReviewView(TenantObjectMixin, OrganisationPage):
    model = Candidate
    lookup_kwarg = "candidate"
    permission_required = Perm.INVENTORY_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        candidate = self.get_object()
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose what to do with the candidate."))
            return HttpResponseRedirect(candidate.get_absolute_url())
        action, note = form.cleaned_data["action"], form.cleaned_data["note"]
        try:
            if action == "accept":
                record = review.candidate_accept(candidate=candidate, actor=request.user, note=note)
                messages.success(request, _("Added to the inventory. Complete the record now."))
                return HttpResponseRedirect(record.get_absolute_url())
            if action == "merge":
                model = review.CREATE[candidate.kind][0]
                if form.cleaned_data["target"] is None:
                    raise ValidationError(_("Choose the record to merge into."))
                target = get_for_organisation(model, self.organisation, public_id=form.cleaned_data["target"])
                record = review.candidate_merge(candidate=candidate, actor=request.user, target=target, note=note)
                messages.success(request, _("Merged: empty fields of “%(name)s” were filled.") % {"name": record})
                return HttpResponseRedirect(record.get_absolute_url())
            review.candidate_dismiss(candidate=candidate, actor=request.user, note=note)
            messages.success(request, _("Dismissed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(candidate.get_absolute_url())
        return HttpResponseRedirect(reverse(SECTION, kwargs={"org": self.organisation.slug}))


class SurveySettingsView(OrganisationPage):
    """Open or close the staff survey and replace its link (administrators)."""

    permission_required = Perm.ORGANISATION_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from . import survey

        action = request.POST.get("action")
        if action == "open":
            survey.survey_enable(organisation=self.organisation, actor=request.user)
            messages.success(request, _("The staff survey is open. Share the link below."))
        elif action == "close":
            survey.survey_disable(organisation=self.organisation, actor=request.user)
            messages.success(request, _("The staff survey is closed."))
        elif action == "new-link":
            survey.survey_new_link(organisation=self.organisation, actor=request.user)
            messages.success(request, _("The survey has a new link; the old one no longer works."))
        return HttpResponseRedirect(reverse(SECTION, kwargs={"org": self.organisation.slug}))


def survey_page(request, token: str):
    """The public survey form. No login; the link is the organisation's secret."""
    from django.shortcuts import render
    from django.utils import translation

    from . import survey

    organisation = survey.organisation_for_survey(token)
    if organisation is None:
        return render(request, "inventory/survey_closed.html", status=404)
    if not request.COOKIES.get("django_language"):
        translation.activate(organisation.default_language)
    form = survey.SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey.survey_submit(
                organisation=organisation, data=form.cleaned_data, address=request.META.get("REMOTE_ADDR", "")
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "inventory/survey_thanks.html", {"organisation": organisation})
    return render(request, "inventory/survey.html", {"form": form, "organisation": organisation})


class SupplierDueDiligenceView(TenantObjectMixin, ServiceFormView):
    """Fill in the AI due-diligence questionnaire of a supplier."""

    model = Supplier
    lookup_kwarg = "supplier"
    permission_required = Perm.INVENTORY_CHANGE
    template_name = "inventory/due_diligence.html"
    success_message = gettext_lazy("Due diligence saved.")

    def get_form_class(self):
        from .due_diligence import DueDiligenceForm

        return DueDiligenceForm

    def get_initial(self):
        return self.get_form_class().initial_from(self.get_object())

    def get_context_data(self, **kwargs):
        from .due_diligence import questionnaire

        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            title=_("AI due diligence: %(name)s") % {"name": self.get_object()},
            supplier=self.get_object(),
            rows=[
                (question, form[f"answer__{question.id}"], form[f"note__{question.id}"])
                for question in questionnaire().questions
            ],
        )
        return context

    def perform(self, form):
        from .services import supplier_update

        return supplier_update(
            supplier=self.get_object(),
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
            **form.service_data(),
        )

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()
