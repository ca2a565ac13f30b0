from django.urls import path

from .activity import ActivityView

app_name = "core"

urlpatterns = [
    path("o/<slug:org>/activity/", ActivityView.as_view(), name="activity"),
]
