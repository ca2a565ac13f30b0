"""Creates the demo organisation through the services, so the change log is real and verifiable."""

from django.db import transaction

from styring.accounts.models import User
from styring.inventory.services import aisystem_create, aisystem_update
from styring.organisations.models import Membership, Organisation
from styring.organisations.services import membership_add, organisation_create

from . import data

DEMO_PASSWORD = "nordlys-demo-2026"  # noqa: S105 - printed on purpose: it is the demo login


def demo_login() -> tuple[str, str]:
    return data.PEOPLE[0][0], DEMO_PASSWORD


@transaction.atomic
def load_demo() -> tuple[Organisation, bool]:
    """Create the demo organisation once; returns (organisation, created)."""
    existing = Organisation.objects.filter(slug=data.ORGANISATION["slug"]).first()
    if existing is not None:
        return existing, False
    users = {}
    for email, full_name, _role in data.PEOPLE:
        user = User.objects.filter(email=email).first()
        users[email] = user or User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    owner_email = data.PEOPLE[0][0]
    owner = users[owner_email]
    organisation = organisation_create(owner=owner, **data.ORGANISATION)
    for email, _full_name, role in data.PEOPLE[1:]:
        membership_add(organisation=organisation, user=users[email], role=role, actor=owner)
    memberships = {m.user.email: m for m in Membership.objects.for_organisation(organisation).select_related("user")}
    systems = {}
    for entry in data.AI_SYSTEMS:
        fields = dict(entry)
        owner_membership = memberships[fields.pop("owner")]
        systems[fields["name"]] = aisystem_create(
            organisation=organisation, actor=owner_membership.user, owner=owner_membership, **fields
        )
    for name, editor, reason, changes in data.EDITS:
        aisystem_update(system=systems[name], actor=users[editor], reason=reason, **changes)
    return organisation, True
