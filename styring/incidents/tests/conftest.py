from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def incident_factory(personas):
    from styring.incidents.services import incident_create

    def make(organisation=None, actor=None, **fields):
        fields.setdefault("title", "Chatbot gave wrong dosage advice")
        fields.setdefault("aware_at", datetime(2027, 5, 3, 9, 0, tzinfo=OSLO))
        return incident_create(organisation=organisation or personas.org_a, actor=actor or personas.owner, **fields)

    return make
