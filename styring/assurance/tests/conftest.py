import pytest

from styring.assurance.services import audit_create, auditable_requirements
from styring.catalog.models import Requirement


@pytest.fixture
def requirement():
    """Look up an ISO/IEC 42001 clause or Annex A control by its number."""

    def find(ref: str) -> Requirement:
        return auditable_requirements().get(ref=ref)

    return find


@pytest.fixture
def make_audit(personas, requirement):
    def make(refs=("6.1.2", "A.6.2.4"), **data):
        data.setdefault("title", "Risk management audit")
        data.setdefault("lead_auditor", personas.membership(personas.auditor))
        return audit_create(
            organisation=data.pop("organisation", personas.org_a), actor=data.pop("actor", personas.auditor),
            requirements=[requirement(ref) for ref in refs], **data,
        )  # fmt: skip

    return make
