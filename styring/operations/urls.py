from django.urls import path

from styring.core.crud import crud_views

from . import views
from .registers import METRICS

app_name = "operations"

base = "o/<slug:org>/monitoring/"
metric = f"{base}<uuid:metric>/"
log = "o/<slug:org>/decision-logs/"

urlpatterns = [
    path(base, views.MetricListView.as_view(), name="metric-list"),
    path(f"{base}calculators/", views.CalculatorView.as_view(), name="calculators"),
    path(f"{base}calculators/save/", views.CalculatorSaveView.as_view(), name="calculator-save"),
    path(metric, views.MetricDetailView.as_view(), name="metric-detail"),
    path(f"{metric}measurements/", views.MeasurementListView.as_view(), name="measurement-list"),
    path(f"{metric}measurements/new/", views.MeasurementCreateView.as_view(), name="measurement-create"),
    path(f"{metric}import/", views.MeasurementImportView.as_view(), name="measurement-import"),
    *[pattern for pattern in crud_views(METRICS, "operations") if pattern.name not in ("metric-detail", "metric-list")],
    path(log, views.EventListView.as_view(), name="event-list"),
    path(f"{log}<uuid:aisystem>/", views.EventLogSystemView.as_view(), name="event-log-system"),
    path(f"{log}<uuid:aisystem>/verify/", views.EventVerifyView.as_view(), name="event-log-verify"),
    path(f"{log}<uuid:aisystem>/retention/", views.LogSettingsView.as_view(), name="event-log-settings"),
]
