from django.urls import path

from . import views
from .obligations import ObligationsView

app_name = "regulation"

urlpatterns = [
    path("o/<slug:org>/eu-ai-act/", views.OverviewView.as_view(), name="overview"),
    path("o/<slug:org>/eu-ai-act/obligations/", ObligationsView.as_view(), name="obligations"),
    path(
        "o/<slug:org>/eu-ai-act/assessments/<uuid:assessment>/",
        views.AssessmentDetailView.as_view(),
        name="assessment-detail",
    ),
    path(
        "o/<slug:org>/eu-ai-act/assessments/<uuid:assessment>/delete/",
        views.AssessmentDeleteView.as_view(),
        name="assessment-delete",
    ),
    path("o/<slug:org>/ai-systems/<uuid:aisystem>/eu-ai-act/", views.AssessView.as_view(), name="assess"),
]
