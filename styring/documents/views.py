"""Pages of the document register. Views are thin: every change is a service call; the services refuse what the
state of a version does not allow, so the same rules hold for the API."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from styring.controls.evidence import blob_path
from styring.core.permissions import Perm, can
from styring.core.views import (
    OrganisationListView,
    OrganisationPage,
    ServiceFormView,
    TenantDeleteView,
    TenantDetailView,
    TenantObjectMixin,
    TenantUpdateView,
)

from . import selectors, services, starters
from .choices import DocumentState, DocumentType, VersionStatus
from .filtersets import DocumentFilterSet
from .forms import DocumentForm, PublishForm, VersionForm
from .models import Acknowledgement, Document, DocumentVersion
from .rendering import controlled_pdf, diff_rows, markdown_html
from .tables import DocumentTable

SECTION = "documents:document-list"


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class DocumentListView(OrganisationListView):
    permission_required = Perm.AIMS_VIEW
    create_url_name = "documents:document-create"
    create_permission = Perm.AIMS_CHANGE
    table_class = DocumentTable
    filterset_class = DocumentFilterSet
    title = gettext_lazy("Policies and documents")
    template_name = "documents/document_list.html"
    export_name = "documents"
    section = SECTION
    empty_title = gettext_lazy("No documents yet")
    empty_text = gettext_lazy(
        "Write a document, upload one you already have, or adopt the starter AI policy and procedures."
    )

    def get_queryset(self):
        return selectors.documents_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["to_read"] = selectors.to_read(self.membership).count()
        return context


class DocumentCreateView(ServiceFormView):
    permission_required = Perm.AIMS_CHANGE
    form_class = DocumentForm
    title = gettext_lazy("New document")
    section = SECTION
    success_message = gettext_lazy("Document created as a draft.")

    def perform(self, form):
        return services.document_create(organisation=self.organisation, actor=self.request.user, **form.service_data())

    def get_cancel_url(self):
        return reverse(SECTION, kwargs={"org": self.organisation.slug})


class DocumentUpdateView(TenantUpdateView):
    model = Document
    lookup_kwarg = "document"
    permission_required = Perm.AIMS_CHANGE
    form_class = DocumentForm
    section = SECTION

    def update(self, record, form, **common):
        return services.document_update(record, **common, **form.service_data())


class DocumentDeleteView(TenantDeleteView):
    model = Document
    lookup_kwarg = "document"
    permission_required = Perm.AIMS_DELETE
    success_url_name = SECTION
    section = SECTION

    def perform_delete(self, obj, *, reason, expected_version):
        services.document_delete(record=obj, actor=self.request.user, expected_version=expected_version, reason=reason)


class DocumentDetailView(TenantDetailView):
    """The document with its current text, its versions, acknowledgement coverage and history; actions by POST."""

    model = Document
    lookup_kwarg = "document"
    permission_required = Perm.AIMS_VIEW
    template_name = "documents/document_detail.html"
    section = SECTION

    def get_queryset(self):
        return Document.objects.select_related("organisation", "owner__user", "approved_version__approved_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.get_object()
        versions = list(selectors.versions_of(document))
        working = next((v for v in versions if v.status in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW)), None)
        shown = document.approved_version or working or (versions[0] if versions else None)
        context.update(
            title=str(document),
            document=document,
            versions=versions,
            working=working,
            shown=shown,
            shown_html=markdown_html(shown.body) if shown else "",
            requirements=document.requirements.select_related("version__framework").order_by(
                "version__key", "position"
            ),
            publications=list(selectors.publications_of(document)),
            can_change=can(self.membership, Perm.AIMS_CHANGE),
            can_approve=can(self.membership, Perm.AIMS_APPROVE),
            can_delete=can(self.membership, Perm.AIMS_DELETE),
            review_overdue=bool(document.next_review and document.next_review < timezone.localdate()),
        )
        return context

    def post(self, request, *args, **kwargs):
        document = self.get_object()
        action = request.POST.get("action", "")
        needed = Perm.AIMS_APPROVE if action in ("retire", "reviewed") else Perm.AIMS_CHANGE
        if not can(self.membership, needed):
            raise PermissionDenied
        try:
            if action == "new_version":
                version = services.version_start(
                    document=document, actor=request.user, change_summary=request.POST.get("change_summary", "")
                )
                return redirect(reverse("documents:version-edit", kwargs={
                    "org": self.organisation.slug, "documentversion": version.public_id}))  # fmt: skip
            if action == "retire":
                services.document_retire(document=document, actor=request.user, reason=request.POST.get("note", ""))
                messages.success(request, _("Document retired."))
            elif action == "reviewed":
                services.document_review_confirm(
                    document=document, actor=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, _("Review recorded; the next review is scheduled."))
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        return redirect(document.get_absolute_url())


class VersionDetailView(TenantDetailView):
    model = DocumentVersion
    lookup_kwarg = "documentversion"
    permission_required = Perm.AIMS_VIEW
    template_name = "documents/version_detail.html"
    section = SECTION

    def get_queryset(self):
        return DocumentVersion.objects.select_related("organisation", "document__owner__user", "author", "approved_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.get_object()
        previous = (
            DocumentVersion.objects.filter(document=version.document, number__lt=version.number)
            .order_by("-number")
            .first()
        )
        context.update(
            title=str(version),
            version=version,
            document=version.document,
            body_html=markdown_html(version.body),
            previous=previous,
            can_change=can(self.membership, Perm.AIMS_CHANGE),
            can_approve=can(self.membership, Perm.AIMS_APPROVE),
            publish_form=PublishForm(organisation=self.organisation)
            if version.status == VersionStatus.APPROVED and can(self.membership, Perm.AIMS_CHANGE)
            else None,
            acknowledgements=Acknowledgement.objects.filter(publication__version=version)
            .select_related("member__user", "publication")
            .order_by("member__user__email", "created_at"),
            today=timezone.localdate(),
            my_acknowledgement=Acknowledgement.objects.filter(
                publication__version=version, member=self.membership, acknowledged_at__isnull=True
            ).first(),
        )
        return context

    def post(self, request, *args, **kwargs):
        version = self.get_object()
        action = request.POST.get("action", "")
        needed = Perm.AIMS_APPROVE if action in ("approve", "return") else Perm.AIMS_CHANGE
        if action == "acknowledge":
            needed = Perm.AIMS_VIEW
        if not can(self.membership, needed):
            raise PermissionDenied
        note = request.POST.get("note", "")
        try:
            if action == "submit":
                services.version_submit(version=version, actor=request.user)
                messages.success(request, _("Submitted for review."))
            elif action in ("approve", "return"):
                services.version_decide(version=version, actor=request.user, approve=action == "approve", note=note)
                messages.success(request, _("Approved.") if action == "approve" else _("Returned for changes."))
            elif action == "publish":
                form = PublishForm(request.POST, organisation=self.organisation)
                if not form.is_valid():
                    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
                    return redirect(version.get_absolute_url())
                publication = services.publication_create(
                    version=version,
                    actor=request.user,
                    roles=form.cleaned_data["roles"],
                    ai_roles=list(form.cleaned_data["ai_roles"]),
                    members=list(form.cleaned_data["members"]),
                    due_date=form.cleaned_data["due_date"],
                    message=form.cleaned_data["message"],
                )
                count = publication.acknowledgements.count()
                messages.success(request, _("Sent to %(n)s people to read and acknowledge.") % {"n": count})
            elif action == "acknowledge":
                pending = Acknowledgement.objects.filter(
                    publication__version=version, member=self.membership, acknowledged_at__isnull=True
                )
                for acknowledgement in pending:
                    services.acknowledgement_confirm(acknowledgement=acknowledgement, actor=request.user)
                messages.success(request, _("Thank you: your acknowledgement is recorded."))
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        return redirect(version.get_absolute_url())


class VersionEditView(TenantUpdateView):
    model = DocumentVersion
    lookup_kwarg = "documentversion"
    permission_required = Perm.AIMS_CHANGE
    form_class = VersionForm
    section = SECTION
    template_name = "documents/version_form.html"

    def get_queryset(self):
        return DocumentVersion.objects.select_related("organisation", "document")

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        if not version.is_editable:
            messages.error(
                request, _("Only a draft can be changed. Approved versions never change: start a new version.")
            )
            return redirect(version.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(version)s") % {"version": self.get_object()}
        return context

    def update(self, record, form, **common):
        return services.version_update(record, **common, **form.service_data())


class VersionCompareView(TenantObjectMixin, OrganisationPage):
    """Two versions side by side, line by line."""

    model = Document
    lookup_kwarg = "document"
    permission_required = Perm.AIMS_VIEW
    template_name = "documents/compare.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.get_object()
        versions = {version.number: version for version in selectors.versions_of(document)}
        numbers = sorted(versions)
        first = second = None
        try:
            first = versions[int(self.request.GET.get("a", numbers[-2] if len(numbers) > 1 else 0))]
            second = versions[int(self.request.GET.get("b", numbers[-1] if numbers else 0))]
        except (KeyError, ValueError):
            first = second = None
        rows = diff_rows(first.body, second.body) if first and second else []
        context.update(
            title=_("Compare versions of %(document)s") % {"document": document},
            document=document,
            numbers=numbers,
            first=first,
            second=second,
            rows=rows,
            changes=sum(1 for row in rows if row.kind != "same"),
        )
        return context


class VersionPdfView(TenantObjectMixin, View):
    """The controlled copy: only an approved (or, marked as such, a superseded or retired) version is printed."""

    model = DocumentVersion
    lookup_kwarg = "documentversion"
    permission_required = Perm.AIMS_VIEW
    http_method_names = ["get"]

    def get_queryset(self):
        return DocumentVersion.objects.select_related("organisation", "document__owner__user", "approved_by")

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        if not version.is_frozen:
            messages.error(request, _("Only an approved version has a controlled copy."))
            return redirect(version.get_absolute_url())
        pdf = controlled_pdf(version, printed_by=request.user, printed_at=timezone.localtime())
        response = HttpResponse(pdf, content_type="application/pdf")
        name = slugify(f"{version.document.reference}-v{version.number}-{version.document.title}")[:100]
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class VersionFileView(TenantObjectMixin, View):
    """The uploaded file of a version, always as an attachment, never rendered by the browser."""

    model = DocumentVersion
    lookup_kwarg = "documentversion"
    permission_required = Perm.AIMS_VIEW
    http_method_names = ["get"]

    def get_queryset(self):
        return DocumentVersion.objects.select_related("organisation")

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        if not version.is_file:  # a text version has nothing to download: its page shows the text
            return redirect(version.get_absolute_url())
        if not default_storage.exists(blob_path(version.sha256)):
            raise Http404
        response = FileResponse(
            default_storage.open(blob_path(version.sha256), "rb"),
            as_attachment=True,
            filename=version.file_name,
            content_type=version.content_type or "application/octet-stream",
        )
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ToReadView(OrganisationPage):
    """The signed-in member's documents to read and acknowledge."""

    permission_required = Perm.AIMS_VIEW
    template_name = "documents/to_read.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Documents to read"),
            pending=list(selectors.to_read(self.membership)),
            today=timezone.localdate(),
        )
        return context


class StartersView(OrganisationPage):
    """Adopt the starter AI policy and procedures as the organisation's own drafts."""

    permission_required = Perm.AIMS_VIEW
    template_name = "documents/starters.html"
    section = SECTION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        adopted = dict(
            Document.objects.for_organisation(self.organisation)
            .exclude(starter_key="")
            .values_list("starter_key", "public_id")
        )
        context.update(
            title=_("Starter AI policy and procedures"),
            starters=[
                (starter, adopted.get(key), DocumentType(starter.doc_type).label)
                for key, starter in starters.starters().items()
            ],
            can_change=can(self.membership, Perm.AIMS_CHANGE),
            values=starters.placeholder_values(self.organisation),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not can(self.membership, Perm.AIMS_CHANGE):
            raise PermissionDenied
        try:
            created = starters.adopt(
                organisation=self.organisation,
                actor=request.user,
                keys=request.POST.getlist("starter"),
                owner=self.membership,
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect("documents:starters", org=self.organisation.slug)
        messages.success(
            request,
            _("%(n)s documents adopted as drafts. Read them, complete the marked places and submit them for review.")
            % {"n": len(created)},
        )
        return redirect(f"{reverse(SECTION, kwargs={'org': self.organisation.slug})}?state={DocumentState.DRAFT}")
