import pytest


@pytest.fixture
def make_metric(personas):
    from styring.operations.services import metric_create

    def make(**fields):
        fields.setdefault("name", "Claim triage accuracy")
        fields.setdefault("kind", "accuracy")
        return metric_create(organisation=personas.org_a, actor=personas.manager, **fields)

    return make
