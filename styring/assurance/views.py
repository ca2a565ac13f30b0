"""Pages of audits (with checklist, findings and report) and management reviews; the audit programme register comes
from `registers.py`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from styring.core.exceptions import ConflictError
from styring.core.permissions import Perm, can
from styring.core.views import (
    OrganisationListView,
    ServiceFormView,
    TenantDeleteView,
    TenantDetailView,
    TenantObjectMixin,
    TenantUpdateView,
)

from . import selectors, services
from .choices import ChecklistResult, ReviewStatus
from .filtersets import AuditFilterSet, ReviewFilterSet
from .forms import (
    AuditForm,
    ChecklistItemForm,
    ConfirmForm,
    FindingForm,
    HoldForm,
    InputNotesForm,
    NextReviewForm,
    ReportForm,
    ReviewActionEditForm,
    ReviewActionForm,
    ReviewForm,
)
from .inputs import TITLES, count_rows
from .models import Audit, AuditFinding, AuditProgramme, ChecklistItem, ManagementReview, ReviewAction
from .tables import AuditTable, ReviewTable

AUDITS = "assurance:audit-list"
REVIEWS = "assurance:review-list"


class PostActionView(TenantObjectMixin, View):
    """A button on a detail page (POST only): run `act(record, version)`, report the outcome, go back."""

    http_method_names = ["post"]
    done_message = ""

    def act(self, record, version):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        raw = request.POST.get("version", "")
        try:
            result = self.act(record, int(raw) if raw.isdigit() else None)
        except ConflictError as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.done_message)
            return HttpResponseRedirect(self.success_url(record, result))
        return HttpResponseRedirect(record.get_absolute_url())

    def success_url(self, record, result) -> str:
        return record.get_absolute_url()


# --- audit programme ------------------------------------------------------------------------------------------------


class ProgrammeApproveView(TenantObjectMixin, ServiceFormView):
    model = AuditProgramme
    lookup_kwarg = "auditprogramme"
    permission_required = Perm.AIMS_APPROVE
    form_class = ConfirmForm
    title = gettext_lazy("Approve the audit programme")
    submit_label = gettext_lazy("Approve")
    success_message = gettext_lazy("Audit programme approved.")
    section = "assurance:auditprogramme-list"

    def get_queryset(self):
        return selectors.programmes_of(self.organisation)

    def get_initial(self):
        return {"version": self.get_object().version}

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()

    def perform(self, form):
        return services.programme_approve(
            record=self.get_object(), actor=self.request.user, expected_version=form.cleaned_data["version"]
        )


# --- audits ---------------------------------------------------------------------------------------------------------


class AuditListView(OrganisationListView):
    permission_required = Perm.AIMS_VIEW
    create_url_name = "assurance:audit-create"
    create_permission = Perm.AUDIT_CONDUCT
    table_class = AuditTable
    filterset_class = AuditFilterSet
    title = gettext_lazy("Internal audits")
    export_name = "audits"
    section = AUDITS
    empty_title = gettext_lazy("No audits planned")
    empty_text = gettext_lazy(
        "Plan an internal audit: choose the clauses and Annex A controls it covers and the audit team. Starting it "
        "builds a checklist with the evidence the organisation already holds."
    )

    def get_queryset(self):
        return selectors.audits_of(self.organisation)


class AuditCreateView(ServiceFormView):
    permission_required = Perm.AUDIT_CONDUCT
    form_class = AuditForm
    title = gettext_lazy("New audit")
    section = AUDITS

    def get_initial(self):
        return {"lead_auditor": self.membership.public_id}

    def perform(self, form):
        return services.audit_create(organisation=self.organisation, actor=self.request.user, **form.service_data())

    def get_cancel_url(self):
        return reverse(AUDITS, kwargs={"org": self.organisation.slug})


class AuditMixin:
    model = Audit
    lookup_kwarg = "audit"
    section = AUDITS

    def get_queryset(self):
        return selectors.audit_detail_of(self.organisation)


class AuditDetailView(AuditMixin, TenantDetailView):
    permission_required = Perm.AIMS_VIEW
    template_name = "assurance/audit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audit = context["object"]
        rows = selectors.checklist_with_links(audit)
        conduct = can(self.membership, Perm.AUDIT_CONDUCT)
        context.update(
            rows=rows,
            summary=_summary_rows(item for item, _links in rows),
            findings=list(selectors.findings_of(self.organisation).filter(audit=audit).order_by("number")),
            can_conduct=conduct and audit.status != "closed",
            can_fill=conduct and audit.is_open,
            can_delete=can(self.membership, Perm.AIMS_DELETE) and audit.is_open,
        )
        return context


class AuditUpdateView(AuditMixin, TenantUpdateView):
    permission_required = Perm.AUDIT_CONDUCT
    form_class = AuditForm

    def update(self, record, form, **common):
        return services.audit_update(record, **common, **form.service_data())


class AuditDeleteView(AuditMixin, TenantDeleteView):
    permission_required = Perm.AIMS_DELETE
    success_url_name = AUDITS

    def perform_delete(self, obj, *, reason, expected_version):
        services.audit_delete(record=obj, actor=self.request.user, expected_version=expected_version, reason=reason)


class AuditStartView(AuditMixin, PostActionView):
    permission_required = Perm.AUDIT_CONDUCT
    done_message = gettext_lazy("Audit started; the checklist is ready.")

    def act(self, record, version):
        return services.audit_start(audit=record, actor=self.request.user, expected_version=version)


class ChecklistGenerateView(AuditMixin, PostActionView):
    permission_required = Perm.AUDIT_CONDUCT
    done_message = gettext_lazy("Checklist brought up to date with the selected requirements.")

    def act(self, record, version):
        return services.checklist_generate(audit=record, actor=self.request.user)


class AuditCloseView(AuditMixin, PostActionView):
    permission_required = Perm.AUDIT_CONDUCT
    done_message = gettext_lazy("Audit closed.")

    def act(self, record, version):
        return services.audit_close(audit=record, actor=self.request.user, expected_version=version)


def _summary_rows(items) -> list[tuple[str, int]]:
    counts = selectors.checklist_summary(items)
    return [(label, counts[value]) for value, label in ChecklistResult.choices]


def report_context(audit, organisation) -> dict:
    rows = selectors.checklist_with_links(audit)
    items = [item for item, _links in rows]
    return {
        "audit": audit,
        "organisation": organisation,
        "items": items,
        "summary": _summary_rows(items),
        "findings": list(selectors.findings_of(organisation).filter(audit=audit).order_by("number")),
        "team": [member for member in [audit.lead_auditor, *audit.auditors.all()] if member is not None],
    }


class AuditReportView(AuditMixin, TenantObjectMixin, ServiceFormView):
    """The audit report as a page; conductors issue it from here (the audit moves to "reported")."""

    permission_required = Perm.AIMS_VIEW
    template_name = "assurance/audit_report.html"
    form_class = ReportForm
    success_message = gettext_lazy("Report issued.")

    def get_initial(self):
        audit = self.get_object()
        return {"version": audit.version, "conclusion": audit.conclusion}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audit = self.get_object()
        context.update(report_context(audit, self.organisation))
        context["can_issue"] = can(self.membership, Perm.AUDIT_CONDUCT) and audit.is_open
        return context

    def post(self, request, *args, **kwargs):
        if not can(self.membership, Perm.AUDIT_CONDUCT):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.audit_report(
            audit=self.get_object(), actor=self.request.user, conclusion=form.cleaned_data["conclusion"],
            expected_version=form.cleaned_data["version"],
        )  # fmt: skip

    def get_success_url_for(self, result):
        return reverse("assurance:audit-report", kwargs={"org": self.organisation.slug, "audit": result.public_id})


class AuditReportPdfView(AuditMixin, TenantObjectMixin, View):
    permission_required = Perm.AIMS_VIEW

    def get(self, request, *args, **kwargs):
        from .report import report_pdf

        audit = self.get_object()
        pdf = report_pdf(report_context(audit, self.organisation), printed_by=request.user, printed_at=timezone.now())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{audit.reference}-report.pdf"'
        return response


class ChecklistItemUpdateView(TenantUpdateView):
    """Fill one checklist item. A nonconforming result leads on to recording the finding."""

    model = ChecklistItem
    lookup_kwarg = "checklistitem"
    permission_required = Perm.AUDIT_CONDUCT
    form_class = ChecklistItemForm
    section = AUDITS
    success_message = gettext_lazy("Checklist item saved.")

    def get_queryset(self):
        return selectors.checklist_items_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.get_object()
        context["title"] = f"{item.audit.reference} · {item}"
        context["form_notice"] = item.question
        return context

    def update(self, record, form, **common):
        return services.checklist_item_update(record, **common, **form.service_data())

    def get_success_url_for(self, result):
        if result.result == ChecklistResult.NONCONFORMING and not result.findings.exists():
            messages.info(self.request, _("Nonconforming: record the finding."))
            url = reverse(
                "assurance:finding-create", kwargs={"org": self.organisation.slug, "audit": result.audit.public_id}
            )
            return f"{url}?item={result.public_id}"
        return result.get_absolute_url()


class FindingCreateView(AuditMixin, TenantObjectMixin, ServiceFormView):
    permission_required = Perm.AUDIT_CONDUCT
    form_class = FindingForm
    title = gettext_lazy("New finding")
    success_message = gettext_lazy("Finding recorded.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["audit"] = self.get_object()
        return kwargs

    def get_initial(self):
        item = (
            selectors.checklist_items_of(self.organisation)
            .filter(audit=self.get_object(), public_id=self.request.GET.get("item") or None)
            .first()
            if _is_uuid(self.request.GET.get("item"))
            else None
        )
        if item is None:
            return {}
        return {
            "checklist_item": item.public_id,
            "requirement": item.requirement.key,
            "finding_type": "minor" if item.result == ChecklistResult.NONCONFORMING else "observation",
            "evidence": item.evidence_seen,
            "statement": item.notes,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.title}: {self.get_object().reference}"
        return context

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()

    def perform(self, form):
        return services.finding_create(audit=self.get_object(), actor=self.request.user, **form.service_data())

    def get_success_url_for(self, result):
        return result.audit.get_absolute_url() + f"#finding-{result.public_id}"


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class FindingMixin:
    model = AuditFinding
    lookup_kwarg = "auditfinding"
    section = AUDITS

    def get_queryset(self):
        return selectors.findings_of(self.organisation)


class FindingUpdateView(FindingMixin, TenantUpdateView):
    permission_required = Perm.AUDIT_CONDUCT
    form_class = FindingForm

    def update(self, record, form, **common):
        return services.finding_update(record, **common, **form.service_data())

    def get_success_url_for(self, result):
        return result.audit.get_absolute_url() + f"#finding-{result.public_id}"

    def get_cancel_url(self):
        return self.get_object().audit.get_absolute_url()


class FindingDeleteView(FindingMixin, TenantDeleteView):
    permission_required = Perm.AUDIT_CONDUCT

    def perform_delete(self, obj, *, reason, expected_version):
        services.finding_delete(record=obj, actor=self.request.user, expected_version=expected_version, reason=reason)

    def success_url_for(self, obj):
        return obj.audit.get_absolute_url()


class FindingNonconformityView(FindingMixin, PostActionView):
    permission_required = Perm.AUDIT_CONDUCT
    done_message = gettext_lazy("Nonconformity raised.")

    def act(self, record, version):
        return services.finding_raise_nonconformity(finding=record, actor=self.request.user)

    def success_url(self, record, result):
        return result.get_absolute_url()


# --- management reviews ---------------------------------------------------------------------------------------------


class ReviewListView(OrganisationListView):
    permission_required = Perm.AIMS_VIEW
    create_url_name = "assurance:review-create"
    create_permission = Perm.AIMS_CHANGE
    table_class = ReviewTable
    filterset_class = ReviewFilterSet
    title = gettext_lazy("Management reviews")
    export_name = "management-reviews"
    section = REVIEWS
    empty_title = gettext_lazy("No management review planned")
    empty_text = gettext_lazy(
        "Plan a management review. Before the meeting, compile its inputs from live data: actions, context changes, "
        "nonconformities, monitoring, audits, objectives, risks, opportunities and feedback."
    )

    def get_queryset(self):
        return selectors.reviews_of(self.organisation)


class ReviewCreateView(ServiceFormView):
    permission_required = Perm.AIMS_CHANGE
    form_class = ReviewForm
    title = gettext_lazy("New management review")
    section = REVIEWS

    def perform(self, form):
        return services.review_create(organisation=self.organisation, actor=self.request.user, **form.service_data())

    def get_cancel_url(self):
        return reverse(REVIEWS, kwargs={"org": self.organisation.slug})


class ReviewMixin:
    model = ManagementReview
    lookup_kwarg = "managementreview"
    section = REVIEWS

    def get_queryset(self):
        return selectors.reviews_of(self.organisation).prefetch_related("attendee_members__user")


class ReviewDetailView(ReviewMixin, TenantDetailView):
    permission_required = Perm.AIMS_VIEW
    template_name = "assurance/review_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = context["object"]
        change = can(self.membership, Perm.AIMS_CHANGE)
        notes = review.input_notes or {}
        context.update(
            inputs=[
                (key, TITLES.get(key, key), value, count_rows(value.get("counts")), notes.get(key, ""))
                for key, value in (review.inputs or {}).items()
                if not key.startswith("_")
            ],
            meta=(review.inputs or {}).get("_meta", {}),
            actions=list(selectors.review_actions_of(self.organisation).filter(review=review)),
            can_change=change and not review.is_signed,
            can_compile=change and review.status in (ReviewStatus.PLANNED, ReviewStatus.INPUTS_COMPILED),
            can_hold=change and review.status == ReviewStatus.INPUTS_COMPILED,
            can_sign=can(self.membership, Perm.REVIEW_SIGN) and review.status == ReviewStatus.HELD,
            can_update_actions=change,
            can_delete=can(self.membership, Perm.AIMS_DELETE)
            and review.status in (ReviewStatus.PLANNED, ReviewStatus.INPUTS_COMPILED),
            next_review=ManagementReview.objects.for_organisation(self.organisation).filter(previous=review).first(),
        )
        context["can_plan_next"] = (
            change and context["next_review"] is None and review.status in (ReviewStatus.HELD, ReviewStatus.SIGNED)
        )
        return context


class ReviewUpdateView(ReviewMixin, TenantUpdateView):
    permission_required = Perm.AIMS_CHANGE
    form_class = ReviewForm

    def update(self, record, form, **common):
        return services.review_update(record, **common, **form.service_data())


class ReviewDeleteView(ReviewMixin, TenantDeleteView):
    permission_required = Perm.AIMS_DELETE
    success_url_name = REVIEWS

    def perform_delete(self, obj, *, reason, expected_version):
        services.review_delete(record=obj, actor=self.request.user, expected_version=expected_version, reason=reason)


class ReviewCompileView(ReviewMixin, PostActionView):
    permission_required = Perm.AIMS_CHANGE
    done_message = gettext_lazy("Inputs compiled from the current data.")

    def act(self, record, version):
        return services.review_compile_inputs(review=record, actor=self.request.user, expected_version=version)


class ReviewSignView(ReviewMixin, PostActionView):
    permission_required = Perm.REVIEW_SIGN
    done_message = gettext_lazy("Minutes signed. The review is now frozen.")

    def act(self, record, version):
        return services.review_sign(review=record, actor=self.request.user, expected_version=version)


class ReviewStepView(ReviewMixin, TenantObjectMixin, ServiceFormView):
    def get_initial(self):
        return {"version": self.get_object().version}

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.title}: {self.get_object().reference}"
        return context


class ReviewNotesView(ReviewStepView):
    permission_required = Perm.AIMS_CHANGE
    form_class = InputNotesForm
    title = gettext_lazy("Notes on the inputs")
    success_message = gettext_lazy("Notes saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(review=self.get_object(), titles=TITLES)
        return kwargs

    def perform(self, form):
        return services.review_notes_update(
            review=self.get_object(), actor=self.request.user, notes=form.notes(),
            expected_version=form.cleaned_data["version"],
        )  # fmt: skip


class ReviewHoldView(ReviewStepView):
    permission_required = Perm.AIMS_CHANGE
    form_class = HoldForm
    title = gettext_lazy("Record the meeting")
    success_message = gettext_lazy("Review recorded as held.")

    def get_initial(self):
        return {**super().get_initial(), "held_on": self.get_object().held_on or timezone.localdate()}

    def perform(self, form):
        return services.review_hold(
            review=self.get_object(), actor=self.request.user, held_on=form.cleaned_data["held_on"],
            expected_version=form.cleaned_data["version"],
        )  # fmt: skip


class ReviewNextView(ReviewStepView):
    permission_required = Perm.AIMS_CHANGE
    form_class = NextReviewForm
    title = gettext_lazy("Plan the next review")
    success_message = gettext_lazy("Next review planned.")

    def perform(self, form):
        return services.review_schedule_next(
            review=self.get_object(), actor=self.request.user, planned_date=form.cleaned_data["planned_date"],
            title=form.cleaned_data["title"],
        )  # fmt: skip


class ReviewActionCreateView(ReviewStepView):
    permission_required = Perm.AIMS_CHANGE
    form_class = ReviewActionForm
    title = gettext_lazy("New action")
    success_message = gettext_lazy("Action added; it is also in the task list.")

    def get_initial(self):
        return {}

    def perform(self, form):
        return services.review_action_add(review=self.get_object(), actor=self.request.user, **form.cleaned_data)


class ReviewActionUpdateView(TenantUpdateView):
    model = ReviewAction
    lookup_kwarg = "reviewaction"
    permission_required = Perm.AIMS_CHANGE
    form_class = ReviewActionEditForm
    section = REVIEWS

    def get_queryset(self):
        return selectors.review_actions_of(self.organisation)

    def update(self, record, form, **common):
        data = form.service_data()
        if record.review.is_signed:  # only progress moves on a signed review
            data = {"status": data["status"]}
        return services.review_action_update(record, **common, **data)
