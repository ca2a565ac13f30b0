from django.urls import path

from styring.core.crud import crud_views

from . import views
from .registers import COMPETENCES, PERSON_COMPETENCES, TRAINING

app_name = "competence"


def _register(crud):
    """The register's pages, with the competence links above the list and create forms that take prefills."""
    patterns = []
    for pattern in crud_views(crud, app_name):
        view_class = pattern.callback.view_class
        if pattern.name.endswith("-list"):
            pattern = path(str(pattern.pattern), views.with_list_template(view_class).as_view(), name=pattern.name)
        elif pattern.name.endswith("-create"):
            pattern = path(str(pattern.pattern), views.with_prefill(view_class).as_view(), name=pattern.name)
        patterns.append(pattern)
    return patterns


urlpatterns = [
    path("o/<slug:org>/competence/", views.OverviewView.as_view(), name="overview"),
    path("o/<slug:org>/competence/roles/<uuid:airole>/", views.RoleCompetencesView.as_view(), name="role"),
    path(
        "o/<slug:org>/competence/training/<uuid:trainingitem>/complete/",
        views.TrainingCompleteView.as_view(),
        name="trainingitem-complete",
    ),
    *_register(COMPETENCES),
    *_register(PERSON_COMPETENCES),
    *_register(TRAINING),
]
