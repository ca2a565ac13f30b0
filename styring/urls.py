from django.conf import settings
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from styring.api import api
from styring.core import system_views
from styring.inventory.review_views import survey_page
from styring.organisations import views as organisation_views

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", system_views.health, name="health"),
    path("invitations/<str:token>/", organisation_views.accept_invitation, name="accept-invitation"),
    path("survey/<str:token>/", survey_page, name="survey"),
    path("api/v1/", api.urls),
    path("", include("styring.accounts.urls")),
    path("", include("styring.organisations.urls")),
    path("", include("styring.core.urls")),
    path("", include("styring.inventory.urls")),
    path("", include("styring.catalog.urls")),
    path("", include("styring.tasks.urls")),
    path("", include("styring.controls.urls")),
    path("", include("styring.regulation.urls")),
    path("", include("styring.risks.urls")),
    path("", include("styring.context.urls")),
    path("", include("styring.documents.urls")),
    path("", include("styring.governance.urls")),
    path("", include("styring.competence.urls")),
    path("", include("styring.operations.urls")),
    path("", include("styring.incidents.urls")),
    path("", include("styring.assurance.urls")),
    path("", include("styring.improvement.urls")),
]

handler403 = "styring.core.system_views.permission_denied"
handler404 = "styring.core.system_views.page_not_found"
handler500 = "styring.core.system_views.server_error"

if settings.DEBUG:  # pragma: no cover
    urlpatterns.append(path("__error_pages__/<int:code>/", system_views.preview_error_page))
