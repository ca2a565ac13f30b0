from django.urls import path

from styring.core.crud import crud_views

from . import discovery_views, review_views, views
from .imports import views as import_views
from .registers import AIMODELS, DATASETS, SUPPLIERS

app_name = "inventory"

urlpatterns = [
    path("o/<slug:org>/ai-systems/", views.AISystemListView.as_view(), name="aisystem-list"),
    path("o/<slug:org>/ai-systems/portfolio/", views.PortfolioView.as_view(), name="portfolio"),
    path("o/<slug:org>/ai-systems/register/", views.RegisterPrintView.as_view(), name="register"),
    path("o/<slug:org>/ai-systems/new/", views.AISystemCreateView.as_view(), name="aisystem-create"),
    path("o/<slug:org>/ai-systems/<uuid:aisystem>/", views.AISystemDetailView.as_view(), name="aisystem-detail"),
    path(
        "o/<slug:org>/ai-systems/<uuid:aisystem>/edit/",
        views.AISystemUpdateView.as_view(),
        name="aisystem-edit",
    ),
    path(
        "o/<slug:org>/ai-systems/<uuid:aisystem>/delete/",
        views.AISystemDeleteView.as_view(),
        name="aisystem-delete",
    ),
    path("o/<slug:org>/discovery/", review_views.CandidateListView.as_view(), name="candidate-list"),
    path("o/<slug:org>/discovery/add/", discovery_views.DiscoverView.as_view(), name="discover"),
    path(
        "o/<slug:org>/discovery/add/manifests/", discovery_views.ManifestScanView.as_view(), name="discover-manifests"
    ),
    path(
        "o/<slug:org>/discovery/add/software/", discovery_views.SoftwareCatalogView.as_view(), name="discover-software"
    ),
    path("o/<slug:org>/discovery/import/template/", import_views.ImportTemplateView.as_view(), name="import-template"),
    path("o/<slug:org>/discovery/import/", import_views.SpreadsheetImportView.as_view(), name="import-spreadsheet"),
    path("o/<slug:org>/discovery/import/report/", import_views.ImportReportView.as_view(), name="import-report"),
    path("o/<slug:org>/discovery/import/cyclonedx/", import_views.CycloneDXImportView.as_view(), name="import-bom"),
    path("o/<slug:org>/discovery/survey/", review_views.SurveySettingsView.as_view(), name="survey-settings"),
    path(
        "o/<slug:org>/discovery/<uuid:candidate>/", review_views.CandidateDetailView.as_view(), name="candidate-detail"
    ),
    path(
        "o/<slug:org>/discovery/<uuid:candidate>/review/",
        review_views.CandidateReviewView.as_view(),
        name="candidate-review",
    ),
    path(
        "o/<slug:org>/suppliers/<uuid:supplier>/due-diligence/",
        review_views.SupplierDueDiligenceView.as_view(),
        name="supplier-due-diligence",
    ),
    *crud_views(SUPPLIERS, app_name),
    *crud_views(AIMODELS, app_name),
    *crud_views(DATASETS, app_name),
]
