from styring.core.models import AuditEvent
from styring.organisations.models import Membership, Organisation


def test_a_signed_in_user_creates_an_organisation_and_becomes_its_owner(personas, login):
    client = login(personas.outsider)
    response = client.post(
        "/organisations/new/",
        {"name": "Fjord Consulting", "slug": "fjord", "default_language": "nb", "time_zone": "Europe/Oslo"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="fjord")
    assert Membership.objects.get(organisation=organisation).role == "owner"
    assert AuditEvent.objects.filter(organisation=organisation).count() == 2


def test_organisation_creation_can_be_restricted_to_staff(personas, login, settings):
    settings.STYRING_ALLOW_ORGANISATION_CREATION = False
    assert login(personas.outsider).get("/organisations/new/").status_code == 403


def test_a_duplicate_short_name_is_refused(personas, login):
    response = login(personas.outsider).post(
        "/organisations/new/", {"name": "Copy", "slug": "acme", "default_language": "en", "time_zone": "UTC"}
    )
    assert response.status_code == 200
    assert Organisation.objects.filter(slug="acme").count() == 1


def test_an_admin_changes_settings_and_the_change_is_logged(personas, login):
    client = login(personas.admin)
    organisation = personas.org_a
    response = client.post(
        "/o/acme/settings/",
        {
            "name": "Acme Group AS",
            "slug": "acme",
            "default_language": "da",
            "time_zone": "Europe/Copenhagen",
            "version": organisation.version,
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Acme Group AS" and organisation.time_zone == "Europe/Copenhagen"
    event = AuditEvent.objects.filter(
        organisation=organisation, object_type="organisations.organisation", action="update"
    ).get()
    assert event.changes["name"] == ["Acme AS", "Acme Group AS"]


def test_an_unknown_time_zone_is_refused(personas, login):
    response = login(personas.admin).post(
        "/o/acme/settings/",
        {"name": "Acme", "slug": "acme", "default_language": "en", "time_zone": "Mars/Base", "version": 1},
    )
    assert response.status_code == 200
    personas.org_a.refresh_from_db()
    assert personas.org_a.time_zone == "Europe/Oslo"


def test_a_manager_may_not_change_settings(personas, login):
    assert login(personas.manager).get("/o/acme/settings/").status_code == 403


def test_home_sends_a_user_to_the_organisation_used_last(personas, login):
    client = login(personas.beta_owner)
    from styring.organisations.services import membership_add

    membership_add(organisation=personas.org_a, user=personas.beta_owner, role="viewer", actor=personas.owner)
    assert client.get("/").status_code == 302  # two organisations, none used yet → chooser
    assert client.get("/")["Location"] == "/organisations/"
    client.get("/o/acme/")
    assert client.get("/")["Location"] == "/o/acme/"


def test_a_user_without_organisations_is_told_how_to_get_one(personas, login):
    page = login(personas.outsider).get("/organisations/").content.decode()
    assert "not a member of any organisation" in page


def test_the_activity_page_filters_by_user_type_and_date(personas, login, aisystem_factory):
    aisystem_factory(name="By the owner")
    aisystem_factory(name="By the manager", actor=personas.manager)
    client = login(personas.auditor)
    manager_ref = str(personas.manager.public_id)
    page = client.get("/o/acme/activity/", {"actor": manager_ref}).content.decode()
    assert "By the manager" in page and "By the owner" not in page
    page = client.get("/o/acme/activity/", {"object_type": "inventory.aisystem"}).content.decode()
    assert "By the owner" in page and "viewer@acme.example (Viewer)" not in page
    assert "viewer@acme.example (Viewer)" in client.get("/o/acme/activity/").content.decode()
    page = client.get("/o/acme/activity/", {"date_from": "2999-01-01"}).content.decode()
    assert "Nothing matches these filters" in page


def test_viewers_and_contributors_cannot_read_the_activity_page(personas, login):
    assert login(personas.viewer).get("/o/acme/activity/").status_code == 403
    assert login(personas.contributor).get("/o/acme/activity/").status_code == 403
