"""Gap analysis (step 2 of the journey)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from styring.catalog import selectors as catalog
from styring.catalog.models import Requirement
from styring.core.exceptions import ConflictError
from styring.core.permissions import Perm, can
from styring.core.selectors import history_for
from styring.core.views import OrganisationMixin, OrganisationPage, ServiceFormView
from styring.organisations.models import Membership

from . import selectors, services
from .charts import progress_bars
from .choices import GapStatus
from .forms import GapAnswerForm, GapBulkForm, GapImportForm, GapTasksForm
from .models import GapAnswer
from .workbook import WorkbookError, export_workbook, read_workbook

SECTION = "controls:gap-analysis"
DEFAULT_VERSION = "iso42001:2023"


class GapOverviewView(OrganisationPage):
    """Start page: which framework to assess; ISO/IEC 42001 first."""

    template_name = "controls/gap_overview.html"
    permission_required = Perm.GAP_VIEW
    section = SECTION

    def get(self, request, *args, **kwargs):
        versions = list(selectors.assessable_versions())
        if any(version.key == DEFAULT_VERSION for version in versions) and "choose" not in request.GET:
            return HttpResponseRedirect(
                reverse("controls:gap-version", kwargs={"org": self.organisation.slug, "version": DEFAULT_VERSION})
            )
        self.versions = versions
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Gap analysis"), versions=self.versions)
        return context


class VersionMixin(OrganisationMixin):
    section = SECTION

    def get_version(self):
        if not hasattr(self, "_version"):
            version = catalog.version_by_key(self.kwargs["version"])
            if version is None or not version.requirements.filter(assessable=True).exists():
                raise Http404
            self._version = version
        return self._version

    def version_url(self) -> str:
        return reverse(
            "controls:gap-version", kwargs={"org": self.organisation.slug, "version": self.get_version().key}
        )


class GapAnalysisView(VersionMixin, TemplateView):
    template_name = "controls/gap_analysis.html"
    permission_required = Perm.GAP_VIEW

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.get_version()
        rows = selectors.gap_rows(self.organisation, version)
        groups, overall = selectors.progress(rows)
        shown = self._filter(rows)
        can_change = can(self.membership, Perm.GAP_CHANGE)
        context.update(
            title=_("Gap analysis: %(framework)s") % {"framework": version.title},
            version=version,
            rows=shown,
            total_rows=len(rows),
            groups=groups,
            overall=overall,
            statuses=GapStatus.choices,
            filters=self.request.GET,
            can_change=can_change,
            members=Membership.objects.for_organisation(self.organisation).select_related("user"),
            other_versions=[v for v in selectors.assessable_versions() if v.pk != version.pk],
            bulk_form=GapBulkForm(membership=self.membership) if can_change else None,
            tasks_form=GapTasksForm(membership=self.membership) if can_change else None,
            open_gaps=sum(1 for row in rows if row.is_open),
            **progress_bars(groups),
        )
        return context

    def _filter(self, rows):
        status = self.request.GET.get("status")
        group = self.request.GET.get("group")
        owner = self.request.GET.get("owner")
        query = self.request.GET.get("q", "").strip().lower()
        if status:
            rows = [row for row in rows if row.status == status or (status == "open" and row.is_open)]
        if group:
            rows = [row for row in rows if row.group.ref == group]
        if owner:
            rows = [row for row in rows if row.answer and row.answer.owner and str(row.answer.owner.public_id) == owner]
        if query:
            rows = [
                row
                for row in rows
                if query in row.requirement.search_text or query in (row.answer.note.lower() if row.answer else "")
            ]
        return rows


class GapAnswerView(VersionMixin, ServiceFormView):
    """Assess one requirement. Suggestions from mapped requirements are shown and can be copied in, never
    applied without the user saving."""

    template_name = "controls/gap_answer.html"
    form_class = GapAnswerForm
    permission_required = Perm.GAP_VIEW
    success_message = gettext_lazy("Assessment saved.")

    def get_requirement(self) -> Requirement:
        if not hasattr(self, "_requirement"):
            self._requirement = (
                Requirement.objects.filter(version=self.get_version(), key=self.kwargs["requirement"], assessable=True)
                .select_related("version__framework")
                .first()
            )
            if self._requirement is None:
                raise Http404
        return self._requirement

    def get_answer(self) -> GapAnswer | None:
        return (
            GapAnswer.objects.for_organisation(self.organisation)
            .filter(requirement=self.get_requirement())
            .select_related("owner__user")
            .first()
        )

    def post(self, request, *args, **kwargs):
        if not can(self.membership, Perm.GAP_CHANGE):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        answer = self.get_answer()
        initial = {"status": GapStatus.NOT_STARTED, "version": None}
        if answer is not None:
            initial.update(
                status=answer.status,
                maturity=answer.maturity,
                owner=answer.owner,
                target_date=answer.target_date,
                note=answer.note,
                evidence_links=answer.evidence_links,
                version=answer.version,
            )
        suggested = self.request.GET.get("suggest")
        if suggested:
            source = (
                GapAnswer.objects.for_organisation(self.organisation)
                .filter(requirement__key=suggested)
                .select_related("requirement")
                .first()
            )
            if source is not None:
                initial.update(status=source.status, maturity=source.maturity)
                self.applied_suggestion = source
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requirement = self.get_requirement()
        row = next(
            (
                r
                for r in selectors.gap_rows(self.organisation, self.get_version())
                if r.requirement.pk == requirement.pk
            ),
            None,
        )
        answer = self.get_answer()
        context.update(
            title=f"{requirement.ref} {requirement.display_title}",
            requirement=requirement,
            version=self.get_version(),
            answer=answer,
            suggestions=row.suggestions if row else [],
            applied_suggestion=getattr(self, "applied_suggestion", None),
            can_change=can(self.membership, Perm.GAP_CHANGE),
            back_url=self.version_url(),
            history=history_for(answer) if answer else [],
        )
        return context

    def perform(self, form):
        return services.gap_answer_save(
            organisation=self.organisation,
            actor=self.request.user,
            requirement=self.get_requirement(),
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            **form.service_data(),
        )

    def get_success_url_for(self, result):
        return f"{self.version_url()}#row-{result.requirement.ref}"


class GapBulkView(VersionMixin, OrganisationPage):
    permission_required = Perm.GAP_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = GapBulkForm(request.POST, membership=self.membership)
        keys = request.POST.getlist("selected")
        requirements = list(Requirement.objects.filter(version=self.get_version(), assessable=True, key__in=keys))
        if not form.is_valid() or not requirements or not form.changes():
            messages.error(request, _("Select at least one requirement and at least one change."))
            return HttpResponseRedirect(self.version_url())
        try:
            count = services.gap_answers_bulk_update(
                organisation=self.organisation,
                actor=request.user,
                requirements=requirements,
                reason=_("Bulk edit"),
                **form.changes(),
            )
        except (ValidationError, ConflictError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return HttpResponseRedirect(self.version_url())
        messages.success(
            request,
            ngettext("%(count)d requirement updated.", "%(count)d requirements updated.", count) % {"count": count},
        )
        return HttpResponseRedirect(self.version_url())


class GapTasksView(VersionMixin, OrganisationPage):
    permission_required = Perm.GAP_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = GapTasksForm(request.POST, membership=self.membership)
        if not form.is_valid():
            messages.error(request, _("Check the due date and owner."))
            return HttpResponseRedirect(self.version_url())
        rows = selectors.gap_rows(self.organisation, self.get_version())
        created = services.tasks_for_open_gaps(
            organisation=self.organisation,
            actor=request.user,
            rows=rows,
            due_date=form.cleaned_data["due_date"],
            default_owner=form.cleaned_data["owner"],
        )
        if created:
            messages.success(
                request,
                ngettext("%(count)d task created for an open gap.", "%(count)d tasks created for open gaps.", created)
                % {"count": created},
            )
        else:
            messages.info(request, _("Every open gap already has an open task."))
        return HttpResponseRedirect(self.version_url())


class GapExportView(VersionMixin, OrganisationPage):
    permission_required = Perm.GAP_VIEW

    def get(self, request, *args, **kwargs):
        version = self.get_version()
        rows = selectors.gap_rows(self.organisation, version)
        content = export_workbook(rows, f"{self.organisation.name}: {version.title}")
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        name = slugify(f"{self.organisation.slug}-gap-analysis-{version.key}-{timezone.localdate()}")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response


class GapImportView(VersionMixin, ServiceFormView):
    template_name = "controls/gap_import.html"
    form_class = GapImportForm
    permission_required = Perm.GAP_CHANGE
    success_message = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("membership")
        return kwargs

    def perform(self, form):
        version = self.get_version()
        keys = set(Requirement.objects.filter(version=version, assessable=True).values_list("key", flat=True))
        members = {
            m.user.email.lower(): m
            for m in Membership.objects.for_organisation(self.organisation).select_related("user")
        }
        try:
            rows = read_workbook(form.cleaned_data["file"], allowed_keys=keys, members_by_email=members)
            changed, unchanged = services.gap_import(
                organisation=self.organisation, actor=self.request.user, version=version, imported_rows=rows
            )
        except WorkbookError as exc:
            raise ValidationError(exc.errors) from exc
        messages.success(
            self.request,
            _("Import complete: %(changed)d rows changed, %(unchanged)d unchanged.")
            % {"changed": changed, "unchanged": unchanged},
        )
        return version

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Import gap analysis"), version=self.get_version(), back_url=self.version_url())
        return context

    def get_success_url_for(self, result):
        return self.version_url()
