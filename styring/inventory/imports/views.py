"""Import pages: the spreadsheet template, upload → column mapping and validation report → commit, and CycloneDX."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from styring.core.permissions import Perm
from styring.core.views import OrganisationPage
from styring.inventory.choices import CandidateSource

from . import cyclonedx, service, spreadsheet
from .spreadsheet import ImportError_

SECTION = "inventory:candidate-list"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))


class ImportTemplateView(OrganisationPage):
    permission_required = Perm.INVENTORY_VIEW

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            response = HttpResponse("\ufeff" + spreadsheet.template_csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="styring-ai-systems.csv"'
            return response
        response = HttpResponse(
            spreadsheet.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="styring-ai-systems.xlsx"'
        return response


class SpreadsheetImportView(OrganisationPage):
    """Upload, then a preview with the column mapping and the validation report; commit queues all rows or none."""

    permission_required = Perm.INVENTORY_CHANGE
    template_name = "inventory/import_spreadsheet.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context.update(
            title=_("Import AI systems from a spreadsheet"),
            fields=[("", _("Ignore this column"))] + [(c.field, str(c.label)) for c in spreadsheet.COLUMNS],
            max_rows=spreadsheet.MAX_ROWS,
        )
        return context

    def post(self, request, *args, **kwargs):
        step = request.POST.get("step", "upload")
        try:
            if step == "upload":
                form = UploadForm(request.POST, request.FILES)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form), status=400)
                content = form.cleaned_data["file"].read(spreadsheet.MAX_BYTES + 1)
                header, rows, mapping, result = service.check_spreadsheet(self.organisation, content)
                token = service.keep_upload(self.organisation, content)
            else:
                token = request.POST.get("token", "")
                content = service.kept_upload(self.organisation, token)
                mapping = request.POST.getlist("mapping")
                header, rows, mapping, result = service.check_spreadsheet(self.organisation, content, mapping)
        except ImportError_ as exc:
            return self.render_to_response(self.get_context_data(error=str(exc)), status=400)
        if step == "commit" and result.ok:
            batch, candidates = service.submit(
                self.organisation, request.user, result.items, CandidateSource.SPREADSHEET
            )
            service.forget_upload(self.organisation, token)
            messages.success(
                request,
                ngettext(
                    "%(n)d AI system sent to the review queue.", "%(n)d AI systems sent to the review queue.",
                    len(candidates),
                ) % {"n": len(candidates)},
            )  # fmt: skip
            url = reverse("inventory:candidate-list", kwargs={"org": self.organisation.slug})
            return HttpResponseRedirect(f"{url}?batch={batch}")
        context = self.get_context_data(
            token=token,
            columns=list(zip(header, mapping, strict=True)),
            sample=rows[:5],
            row_count=len(rows),
            result=result,
            report_query="&".join(f"mapping={field}" for field in mapping),
        )
        return self.render_to_response(context, status=422 if step == "commit" else 200)


class ImportReportView(OrganisationPage):
    """The validation report of a kept upload as CSV."""

    permission_required = Perm.INVENTORY_CHANGE

    def get(self, request, *args, **kwargs):
        try:
            content = service.kept_upload(self.organisation, request.GET.get("token", ""))
            _h, _r, _m, result = service.check_spreadsheet(self.organisation, content, request.GET.getlist("mapping"))
        except ImportError_ as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("inventory:import-spreadsheet", kwargs={"org": self.organisation.slug}))
        response = HttpResponse(spreadsheet.report_csv(result.problems), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="import-report.csv"'
        return response


class CycloneDXImportView(OrganisationPage):
    permission_required = Perm.INVENTORY_CHANGE
    template_name = "inventory/import_spreadsheet.html"
    section = SECTION
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise ImportError_(_("Choose a CycloneDX JSON file."))
            items = cyclonedx.parse_bom(form.cleaned_data["file"].read(spreadsheet.MAX_BYTES + 1))
        except ImportError_ as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("inventory:discover", kwargs={"org": self.organisation.slug}))
        batch, candidates = service.submit(self.organisation, request.user, items, CandidateSource.CYCLONEDX)
        messages.success(
            request,
            ngettext(
                "%(n)d record from the BOM sent to the review queue.",
                "%(n)d records from the BOM sent to the review queue.",
                len(candidates),
            ) % {"n": len(candidates)},
        )  # fmt: skip
        url = reverse("inventory:candidate-list", kwargs={"org": self.organisation.slug})
        return HttpResponseRedirect(f"{url}?batch={batch}&status=pending")
