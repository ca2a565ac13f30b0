from django.urls import path

from styring.core.crud import crud_views

from . import views
from .registers import PROGRAMMES

app_name = "assurance"

AUDITS = "o/<slug:org>/audits/"
AUDIT = f"{AUDITS}<uuid:audit>/"
FINDING = "o/<slug:org>/audit-findings/<uuid:auditfinding>/"
REVIEWS = "o/<slug:org>/management-reviews/"
REVIEW = f"{REVIEWS}<uuid:managementreview>/"

urlpatterns = [
    path(AUDITS, views.AuditListView.as_view(), name="audit-list"),
    path(f"{AUDITS}new/", views.AuditCreateView.as_view(), name="audit-create"),
    path(AUDIT, views.AuditDetailView.as_view(), name="audit-detail"),
    path(f"{AUDIT}edit/", views.AuditUpdateView.as_view(), name="audit-edit"),
    path(f"{AUDIT}delete/", views.AuditDeleteView.as_view(), name="audit-delete"),
    path(f"{AUDIT}start/", views.AuditStartView.as_view(), name="audit-start"),
    path(f"{AUDIT}checklist/", views.ChecklistGenerateView.as_view(), name="audit-checklist"),
    path(f"{AUDIT}close/", views.AuditCloseView.as_view(), name="audit-close"),
    path(f"{AUDIT}report/", views.AuditReportView.as_view(), name="audit-report"),
    path(f"{AUDIT}report.pdf", views.AuditReportPdfView.as_view(), name="audit-report-pdf"),
    path(f"{AUDIT}findings/new/", views.FindingCreateView.as_view(), name="finding-create"),
    path(
        "o/<slug:org>/checklist-items/<uuid:checklistitem>/edit/",
        views.ChecklistItemUpdateView.as_view(),
        name="checklistitem-edit",
    ),
    path(f"{FINDING}edit/", views.FindingUpdateView.as_view(), name="auditfinding-edit"),
    path(f"{FINDING}delete/", views.FindingDeleteView.as_view(), name="auditfinding-delete"),
    path(f"{FINDING}nonconformity/", views.FindingNonconformityView.as_view(), name="auditfinding-nonconformity"),
    path(
        "o/<slug:org>/audit-programmes/<uuid:auditprogramme>/approve/",
        views.ProgrammeApproveView.as_view(),
        name="auditprogramme-approve",
    ),
    *crud_views(PROGRAMMES, app_name),
    path(REVIEWS, views.ReviewListView.as_view(), name="review-list"),
    path(f"{REVIEWS}new/", views.ReviewCreateView.as_view(), name="review-create"),
    path(REVIEW, views.ReviewDetailView.as_view(), name="review-detail"),
    path(f"{REVIEW}edit/", views.ReviewUpdateView.as_view(), name="review-edit"),
    path(f"{REVIEW}delete/", views.ReviewDeleteView.as_view(), name="review-delete"),
    path(f"{REVIEW}compile/", views.ReviewCompileView.as_view(), name="review-compile"),
    path(f"{REVIEW}notes/", views.ReviewNotesView.as_view(), name="review-notes"),
    path(f"{REVIEW}held/", views.ReviewHoldView.as_view(), name="review-hold"),
    path(f"{REVIEW}sign/", views.ReviewSignView.as_view(), name="review-sign"),
    path(f"{REVIEW}next/", views.ReviewNextView.as_view(), name="review-next"),
    path(f"{REVIEW}actions/new/", views.ReviewActionCreateView.as_view(), name="review-action-create"),
    path(
        "o/<slug:org>/review-actions/<uuid:reviewaction>/edit/",
        views.ReviewActionUpdateView.as_view(),
        name="reviewaction-edit",
    ),
]
