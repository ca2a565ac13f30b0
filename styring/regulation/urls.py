from django.urls import path

from . import views

app_name = "regulation"

urlpatterns = [
    path("o/<slug:org>/eu-ai-act/", views.OverviewView.as_view(), name="overview"),
]
