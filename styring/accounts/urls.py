from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("o/<slug:org>/api-tokens/", views.ApiTokenListView.as_view(), name="api-tokens"),
    path("o/<slug:org>/api-tokens/new/", views.ApiTokenCreateView.as_view(), name="api-token-new"),
    path(
        "o/<slug:org>/api-tokens/<uuid:apitoken>/revoke/",
        views.ApiTokenRevokeView.as_view(),
        name="api-token-revoke",
    ),
]
