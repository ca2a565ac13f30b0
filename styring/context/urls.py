from django.urls import path

from styring.core.crud import crud_views

from . import views
from .registers import ISSUES, PARTIES

app_name = "context"

urlpatterns = [
    path("o/<slug:org>/context/", views.OverviewView.as_view(), name="overview"),
    path("o/<slug:org>/context/scope/new/", views.ScopeDraftView.as_view(), name="scope-draft"),
    path("o/<slug:org>/context/scope/compare/", views.ScopeCompareView.as_view(), name="scope-compare"),
    path("o/<slug:org>/context/scope/<uuid:scopeversion>/", views.ScopeVersionView.as_view(), name="scope"),
    path("o/<slug:org>/context/scope/<uuid:scopeversion>/edit/", views.ScopeEditView.as_view(), name="scope-edit"),
    path(
        "o/<slug:org>/context/scope/<uuid:scopeversion>/action/", views.ScopeActionView.as_view(), name="scope-action"
    ),
    *crud_views(ISSUES, app_name),
    *crud_views(PARTIES, app_name),
]
