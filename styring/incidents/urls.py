from django.urls import path

from . import views

app_name = "incidents"

BASE = "o/<slug:org>/incidents/"
ITEM = f"{BASE}<uuid:incident>/"

urlpatterns = [
    path(BASE, views.IncidentListView.as_view(), name="incident-list"),
    path(f"{BASE}new/", views.IncidentCreateView.as_view(), name="incident-create"),
    path(ITEM, views.IncidentDetailView.as_view(), name="incident-detail"),
    path(f"{ITEM}edit/", views.IncidentUpdateView.as_view(), name="incident-edit"),
    path(f"{ITEM}delete/", views.IncidentDeleteView.as_view(), name="incident-delete"),
    path(f"{ITEM}assessment/", views.AssessmentView.as_view(), name="incident-assessment"),
    path(f"{ITEM}status/", views.StatusView.as_view(), name="incident-status"),
    path(f"{ITEM}notifications/new/", views.NotificationCreateView.as_view(), name="incident-notification-create"),
    path(f"{ITEM}nonconformity/", views.RaiseNonconformityView.as_view(), name="incident-nonconformity"),
]
