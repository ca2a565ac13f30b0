from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("o/<slug:org>/catalog/", views.FrameworkListView.as_view(), name="frameworks"),
    path("o/<slug:org>/catalog/<str:version>/", views.VersionView.as_view(), name="version"),
    path("o/<slug:org>/catalog/requirements/<str:requirement>/", views.RequirementView.as_view(), name="requirement"),
]
