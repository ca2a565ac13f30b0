from django.urls import path

from . import views

app_name = "governance"

G = "o/<slug:org>/governance/"

urlpatterns = [
    path(G, views.OverviewView.as_view(), name="overview"),
    path(f"{G}roles/starter/", views.StarterRolesView.as_view(), name="starter-roles"),
    path(f"{G}roles/<uuid:airole>/assign/", views.AssignmentCreateView.as_view(), name="assignment-create"),
    path(f"{G}assignments/<uuid:roleassignment>/end/", views.AssignmentEndView.as_view(), name="assignment-end"),
    path(
        f"{G}assignments/<uuid:roleassignment>/delete/", views.AssignmentDeleteView.as_view(), name="assignment-delete"
    ),
    *views.ROLE_URLS,
    path(f"{G}raci/", views.RaciView.as_view(), name="raci"),
    path(f"{G}raci/cell/", views.RaciCellView.as_view(), name="raci-cell"),
    path(f"{G}concerns/", views.ConcernListView.as_view(), name="concern-list"),
    path(f"{G}concerns/report/", views.ConcernReportView.as_view(), name="concern-report"),
    path(f"{G}concerns/mine/", views.MyConcernsView.as_view(), name="concern-mine"),
    path(f"{G}concerns/<uuid:concern>/", views.ConcernDetailView.as_view(), name="concern-detail"),
    path(f"{G}settings/", views.SettingsView.as_view(), name="settings"),
    path(f"{G}objectives/<uuid:objective>/measurements/", views.MeasurementAddView.as_view(), name="measurement-add"),
    path(
        f"{G}measurements/<uuid:objectivemeasurement>/delete/",
        views.MeasurementDeleteView.as_view(),
        name="measurement-delete",
    ),
    *views.OBJECTIVE_URLS,
    *views.PLANNED_CHANGE_URLS,
    path(
        f"{G}communication/<uuid:communicationitem>/record/",
        views.CommunicationRecordView.as_view(),
        name="communication-record",
    ),
    *views.COMMUNICATION_URLS,
]
