from django.urls import path

from styring.core.crud import crud_views

from . import views
from .registers import IMPROVEMENTS

app_name = "improvement"

NC = "o/<slug:org>/nonconformities/"
ITEM = f"{NC}<uuid:nonconformity>/"

urlpatterns = [
    path(NC, views.NonconformityListView.as_view(), name="nonconformity-list"),
    path(f"{NC}new/", views.NonconformityCreateView.as_view(), name="nonconformity-create"),
    path(ITEM, views.NonconformityDetailView.as_view(), name="nonconformity-detail"),
    path(f"{ITEM}edit/", views.NonconformityUpdateView.as_view(), name="nonconformity-edit"),
    path(f"{ITEM}delete/", views.NonconformityDeleteView.as_view(), name="nonconformity-delete"),
    path(f"{ITEM}containment/", views.ContainmentView.as_view(), name="nonconformity-containment"),
    path(f"{ITEM}root-cause/", views.RootCauseView.as_view(), name="nonconformity-root-cause"),
    path(f"{ITEM}actions/new/", views.ActionCreateView.as_view(), name="nonconformity-action-create"),
    path(f"{ITEM}effectiveness/", views.EffectivenessView.as_view(), name="nonconformity-effectiveness"),
    path(f"{ITEM}close/", views.CloseView.as_view(), name="nonconformity-close"),
    path(f"{ITEM}cancel/", views.CancelView.as_view(), name="nonconformity-cancel"),
    path(
        "o/<slug:org>/corrective-actions/<uuid:correctiveaction>/edit/",
        views.ActionUpdateView.as_view(),
        name="correctiveaction-edit",
    ),
    *crud_views(IMPROVEMENTS, app_name),
]
