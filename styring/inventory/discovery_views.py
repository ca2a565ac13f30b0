"""Discovery sources that feed the review queue: dependency manifests (more sources are added beside it)."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from styring.core.permissions import Perm
from styring.core.views import OrganisationPage

from . import review
from .choices import CandidateKind, CandidateSource

MAX_MANIFEST_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): cleans each file and returns the list."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ManifestForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Dependency manifests"),
        widget=MultipleFileInput(attrs={"accept": ".txt,.toml,.json,.xml,.mod"}),
        help_text=gettext_lazy("requirements.txt, pyproject.toml, package.json, pom.xml or go.mod (up to 20 files)."),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_MANIFEST_FILES:
            raise forms.ValidationError(_("Choose at most %(n)d files.") % {"n": MAX_MANIFEST_FILES})
        return files


class DiscoverView(OrganisationPage):
    """Where AI can be found: each source puts candidates in the review queue."""

    permission_required = Perm.INVENTORY_CHANGE
    template_name = "inventory/discover.html"
    section = "inventory:candidate-list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Find AI in use"), manifest_form=kwargs.get("manifest_form") or ManifestForm())
        return context


class ManifestScanView(DiscoverView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from .discovery.manifests import ManifestError, scan_manifest

        form = ManifestForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(manifest_form=form), status=400)
        items, problems, warnings = [], [], []
        for upload in form.cleaned_data["files"]:
            try:
                result = scan_manifest(upload.name, upload.read())
            except ManifestError as exc:
                problems.append(str(exc))
                continue
            warnings += [f"{result.filename}: {warning}" for warning in result.warnings]
            for found in result.candidates:
                items.append(
                    {
                        "kind": CandidateKind.SYSTEM,
                        "name": found.suggested_name,
                        "proposed": {
                            "purpose": found.suggested_purpose,
                            "sourcing": found.suggested_sourcing,
                            "supplier": found.suggested_supplier,
                            "iso_roles": list(found.suggested_iso_roles),
                            "ai_act_roles": list(found.suggested_ai_act_roles),
                            "models_used": found.description[:500],
                        },
                        "evidence": "; ".join(
                            f"{found.manifest}{f' line {p.line}' if p.line else ''}: {p.name} {p.version}".strip()
                            for p in found.packages
                        ),
                    }
                )
        if problems:
            # All or nothing: a file that cannot be read means nothing from this upload is queued.
            for problem in problems:
                form.add_error(None, problem)
            return self.render_to_response(self.get_context_data(manifest_form=form), status=400)
        review.candidates_submit(
            organisation=self.organisation, actor=request.user, source=CandidateSource.MANIFEST, items=items
        )
        for warning in warnings[:10]:
            messages.warning(request, warning)
        messages.success(
            request,
            ngettext(
                "%(n)d AI component found and sent to the review queue.",
                "%(n)d AI components found and sent to the review queue.",
                len(items),
            )
            % {"n": len(items)},
        )
        return HttpResponseRedirect(reverse("inventory:candidate-list", kwargs={"org": self.organisation.slug}))


class SoftwareCatalogView(DiscoverView):
    """Tick the business software the organisation uses; each product with AI features becomes a candidate."""

    template_name = "inventory/discover_software.html"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        from .discovery.software_catalog import load_software_catalog
        from .models import AISystem

        context = super().get_context_data(**kwargs)
        known = {
            name.lower() for name in AISystem.objects.for_organisation(self.organisation).values_list("name", flat=True)
        }
        pending = {name.lower() for name in review.pending_names(self.organisation)}
        products = sorted(load_software_catalog(), key=lambda product: (product.category, product.product))
        context.update(
            title=_("Business software with AI features"),
            products=[
                (product, product.product.lower() in known, product.product.lower() in pending) for product in products
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        from .discovery.software_catalog import candidates_from_selection

        try:
            found = candidates_from_selection(request.POST.getlist("products"))
        except (ValueError, TypeError) as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(request.path)
        if not found:
            messages.error(request, _("Tick at least one product."))
            return HttpResponseRedirect(request.path)
        items = [
            {
                "kind": CandidateKind.SYSTEM,
                "name": entry["suggested_name"],
                "proposed": {
                    "purpose": entry["suggested_purpose"],
                    "sourcing": entry["suggested_sourcing"],
                    "supplier": entry["suggested_supplier"],
                    "iso_roles": entry["suggested_iso_roles"],
                    "ai_act_roles": entry["suggested_ai_act_roles"],
                    "lifecycle_stage": entry["suggested_lifecycle_stage"],
                    "processes_personal_data": entry["suggested_processes_personal_data"],
                    "description": entry["description"],
                },
                "evidence": _("Business software catalog. EU AI Act hint: %(hint)s") % {"hint": entry["ai_act_hint"]},
            }
            for entry in found
        ]
        review.candidates_submit(
            organisation=self.organisation, actor=request.user, source=CandidateSource.SOFTWARE_CATALOG, items=items
        )
        messages.success(
            request,
            ngettext("%(n)d product sent to the review queue.", "%(n)d products sent to the review queue.", len(items))
            % {"n": len(items)},
        )
        return HttpResponseRedirect(reverse("inventory:candidate-list", kwargs={"org": self.organisation.slug}))
