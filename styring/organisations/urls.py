from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.choose_organisation, name="choose"),
    path("organisations/new/", views.organisation_create, name="create"),
    path("o/<slug:org>/", views.DashboardView.as_view(), name="dashboard"),
    path("o/<slug:org>/settings/", views.SettingsView.as_view(), name="settings"),
    path("o/<slug:org>/members/", views.MemberListView.as_view(), name="members"),
    path("o/<slug:org>/members/invite/", views.InviteView.as_view(), name="invite"),
    path("o/<slug:org>/members/<uuid:membership>/role/", views.MemberRoleView.as_view(), name="member-role"),
    path(
        "o/<slug:org>/members/<uuid:membership>/remove/",
        views.MemberRemoveView.as_view(),
        name="member-remove",
    ),
    path(
        "o/<slug:org>/invitations/<uuid:invitation>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="invitation-revoke",
    ),
]
