from django.urls import path

from styring.core.crud import crud_views

from . import soa_views, views
from .applied import APPLIED_CONTROLS
from .evidence import EVIDENCE, EvidenceDownloadView

app_name = "controls"

urlpatterns = [
    path("o/<slug:org>/gap-analysis/", views.GapOverviewView.as_view(), name="gap-analysis"),
    path("o/<slug:org>/gap-analysis/<str:version>/", views.GapAnalysisView.as_view(), name="gap-version"),
    path("o/<slug:org>/gap-analysis/<str:version>/bulk/", views.GapBulkView.as_view(), name="gap-bulk"),
    path("o/<slug:org>/gap-analysis/<str:version>/tasks/", views.GapTasksView.as_view(), name="gap-tasks"),
    path("o/<slug:org>/gap-analysis/<str:version>/export/", views.GapExportView.as_view(), name="gap-export"),
    path("o/<slug:org>/gap-analysis/<str:version>/import/", views.GapImportView.as_view(), name="gap-import"),
    path(
        "o/<slug:org>/gap-analysis/<str:version>/requirements/<str:requirement>/",
        views.GapAnswerView.as_view(),
        name="gap-answer",
    ),
    path("o/<slug:org>/soa/", soa_views.SoAView.as_view(), name="soa"),
    path("o/<slug:org>/soa/actions/", soa_views.SoAActionView.as_view(), name="soa-action"),
    path("o/<slug:org>/soa/compare/", soa_views.SoACompareView.as_view(), name="soa-compare"),
    path("o/<slug:org>/soa/entries/<uuid:soaentry>/edit/", soa_views.SoAEntryEditView.as_view(), name="soa-entry"),
    *crud_views(APPLIED_CONTROLS, app_name),
    path("o/<slug:org>/evidence/<uuid:evidence>/download/", EvidenceDownloadView.as_view(), name="evidence-download"),
    *crud_views(EVIDENCE, app_name),
]
