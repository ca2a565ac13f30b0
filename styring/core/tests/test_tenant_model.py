import pytest
from django.core.exceptions import ValidationError

from styring.inventory.models import AISystem
from styring.inventory.services import aisystem_create


def test_a_record_cannot_point_at_a_record_of_another_organisation(personas):
    foreign_owner = personas.membership(personas.beta_manager, personas.org_b)
    with pytest.raises(ValidationError) as error:
        aisystem_create(organisation=personas.org_a, actor=personas.owner, name="X", purpose="Y", owner=foreign_owner)
    assert "owner" in error.value.message_dict
    assert not AISystem.objects.filter(name="X").exists()


def test_a_record_may_point_at_a_record_of_its_own_organisation(personas):
    owner = personas.membership(personas.manager)
    system = aisystem_create(organisation=personas.org_a, actor=personas.owner, name="X", purpose="Y", owner=owner)
    assert system.owner == owner
