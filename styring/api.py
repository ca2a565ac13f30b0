"""The REST API at /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Swagger

from styring.accounts.api import router as accounts_router
from styring.assurance.api import router as assurance_router
from styring.catalog.api import router as catalog_router
from styring.competence.api import router as competence_router
from styring.context.api import router as context_router
from styring.controls.api import router as controls_router
from styring.controls.controls_api import router as applied_router
from styring.core.api import API_AUTH
from styring.core.api_errors import install_error_handlers
from styring.documents.api import router as documents_router
from styring.governance.api import router as governance_router
from styring.improvement.api import router as improvement_router
from styring.incidents.api import router as incidents_router
from styring.inventory.api import router as inventory_router
from styring.inventory.candidates_api import router as candidates_router
from styring.inventory.registers_api import router as registers_router
from styring.operations.api import router as operations_router
from styring.organisations.api import router as organisations_router
from styring.regulation.api import router as regulation_router
from styring.risks.api import router as risks_router

api = NinjaAPI(
    title="Styring API",
    version="1",
    description=str(
        _(
            "Manage an AI management system (ISO/IEC 42001) programmatically. Every route is scoped "
            "to an organisation you are a member of; a personal token acts with your role there."
        )
    ),
    auth=API_AUTH,
    urls_namespace="api-1",
    docs=Swagger(settings={"persistAuthorization": True}),
)
install_error_handlers(api)
api.add_router("/organisations", organisations_router)
api.add_router("/organisations", accounts_router)
api.add_router("/organisations", inventory_router)
api.add_router("/organisations", registers_router)
api.add_router("/organisations", candidates_router)
api.add_router("/organisations", regulation_router)
api.add_router("/organisations", risks_router)
api.add_router("/organisations", controls_router)
api.add_router("/organisations", applied_router)
api.add_router("/organisations", context_router)
api.add_router("/organisations", documents_router)
api.add_router("/organisations", governance_router)
api.add_router("/organisations", competence_router)
api.add_router("/organisations", operations_router)
api.add_router("/organisations", incidents_router)
api.add_router("/organisations", assurance_router)
api.add_router("/organisations", improvement_router)
api.add_router("/catalog", catalog_router)
