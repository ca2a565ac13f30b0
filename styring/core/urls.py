from django.urls import path

from .activity import ActivityView
from .readiness_views import ReadinessView

app_name = "core"

urlpatterns = [
    path("o/<slug:org>/activity/", ActivityView.as_view(), name="activity"),
    path("o/<slug:org>/readiness/", ReadinessView.as_view(), name="readiness"),
]
