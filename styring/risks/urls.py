from django.urls import path

from styring.core.crud import crud_views

from . import impact, views
from .registers import OPPORTUNITIES

app_name = "risks"

urlpatterns = [
    path("o/<slug:org>/risks/", views.RiskListView.as_view(), name="risk-list"),
    path("o/<slug:org>/risks/new/", views.RiskCreateView.as_view(), name="risk-create"),
    path("o/<slug:org>/risks/library/", views.LibraryView.as_view(), name="library"),
    path("o/<slug:org>/risks/method/", views.MethodView.as_view(), name="method"),
    path("o/<slug:org>/risks/method/edit/", views.MethodEditView.as_view(), name="method-edit"),
    path("o/<slug:org>/risks/<uuid:risk>/", views.RiskDetailView.as_view(), name="risk-detail"),
    path("o/<slug:org>/risks/<uuid:risk>/edit/", views.RiskUpdateView.as_view(), name="risk-edit"),
    path("o/<slug:org>/risks/<uuid:risk>/delete/", views.RiskDeleteView.as_view(), name="risk-delete"),
    path("o/<slug:org>/risks/<uuid:risk>/accept/", views.RiskAcceptView.as_view(), name="risk-accept"),
    path("o/<slug:org>/risks/<uuid:risk>/actions/", views.TreatmentActionAddView.as_view(), name="risk-action-add"),
    path("o/<slug:org>/impact-assessments/", impact.ImpactListView.as_view(), name="impact-list"),
    path(
        "o/<slug:org>/impact-assessments/<uuid:impactassessment>/",
        impact.ImpactDetailView.as_view(),
        name="impact-detail",
    ),
    path(
        "o/<slug:org>/ai-systems/<uuid:aisystem>/impact-assessments/start/",
        impact.ImpactStartView.as_view(),
        name="impact-start",
    ),
    *crud_views(OPPORTUNITIES, app_name),
]
