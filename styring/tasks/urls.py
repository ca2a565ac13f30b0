from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("o/<slug:org>/tasks/", views.TaskListView.as_view(), name="task-list"),
]
