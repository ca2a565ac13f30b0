from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("o/<slug:org>/tasks/", views.TaskListView.as_view(), name="task-list"),
    path("o/<slug:org>/tasks/mine/", views.MyTasksView.as_view(), name="mine"),
    path("o/<slug:org>/notifications/", views.NotificationsView.as_view(), name="notifications"),
]
