import pytest

from styring.improvement.services import nonconformity_create


@pytest.fixture
def make_nc(personas):
    def make(organisation=None, actor=None, **fields):
        fields.setdefault("title", "Model card missing for the claims triage model")
        fields.setdefault("source", "audit")
        return nonconformity_create(
            organisation=organisation or personas.org_a, actor=actor or personas.contributor, **fields
        )

    return make
