"""The gap matrix: each AI role's current holders against the competences the role requires."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from styring.competence.models import RoleCompetence
from styring.competence.selectors import gap_matrix
from styring.governance.models import RoleAssignment

from .conftest import TODAY


def _require(role, competence, level="practitioner"):
    return RoleCompetence.objects.create(organisation=role.organisation, role=role, competence=competence, level=level)


def _states(row):
    return {holder.name: [cell.state for cell in holder.cells] for holder in row.holders}


def test_each_cell_says_met_expired_below_or_missing(personas, make_competence, make_role, hold):
    viewer = personas.membership(personas.viewer)
    role = make_role(holders=[viewer])
    python, fairness, law, security = (make_competence(name) for name in ("Python", "Fairness", "Law", "Security"))
    _require(role, python)
    _require(role, fairness, "awareness")
    _require(role, law, "expert")
    _require(role, security)
    hold(viewer, python, "expert", expires_on=TODAY)  # still valid on its last day
    hold(viewer, fairness, "awareness", obtained_on=TODAY - timedelta(days=400), expires_on=TODAY - timedelta(days=1))
    hold(viewer, law, "practitioner")
    [row] = gap_matrix(personas.org_a, today=TODAY)
    # requirements are shown by competence name: Fairness, Law, Python, Security
    assert _states(row) == {"Viewer Person": ["expired", "below", "met", "missing"]}
    assert row.gap_count == 3


def test_a_valid_record_at_the_level_wins_over_an_expired_one(personas, make_competence, make_role, hold):
    viewer = personas.membership(personas.viewer)
    role = make_role(holders=[viewer])
    python = make_competence("Python")
    _require(role, python)
    hold(viewer, python, "expert", expires_on=TODAY - timedelta(days=1))
    assert _states(gap_matrix(personas.org_a, today=TODAY)[0]) == {"Viewer Person": ["expired"]}
    hold(viewer, python, "practitioner", expires_on=TODAY + timedelta(days=300))
    [row] = gap_matrix(personas.org_a, today=TODAY)
    assert _states(row) == {"Viewer Person": ["met"]} and row.gap_count == 0


def test_outside_persons_are_matched_by_name_and_ended_assignments_are_ignored(
    personas, make_competence, make_role, hold
):
    contributor = personas.membership(personas.contributor)
    role = make_role(holders=["Kari Nordmann", "Kari Nordmann"])  # two assignments (two systems): one row
    RoleAssignment.objects.create(organisation=personas.org_a, role=role, member=contributor,
                                  ends_on=TODAY - timedelta(days=1))  # fmt: skip
    RoleAssignment.objects.create(organisation=personas.org_a, role=role, person_name="Ola Ends Today", ends_on=TODAY)
    python = make_competence("Python")
    _require(role, python)
    hold(" kari NORDMANN ", python)
    hold(contributor, python)
    [row] = gap_matrix(personas.org_a, today=TODAY)
    assert _states(row) == {"Kari Nordmann": ["met"], "Ola Ends Today": ["missing"]}


def test_the_overview_lists_roles_without_requirements_or_holders(personas, login, make_role):
    make_role("Data steward")
    page = login(personas.viewer).get("/o/acme/competence/").content.decode()
    assert "Data steward" in page and "No competences are required for this role yet." in page


def test_the_overview_links_a_gap_to_planning_training_for_those_who_may_change(
    personas, login, make_competence, make_role
):
    viewer = personas.membership(personas.viewer)
    role = make_role(holders=[viewer, "Kari Nordmann"])
    python = make_competence("Python")
    _require(role, python)
    page = login(personas.viewer).get("/o/acme/competence/").content.decode()
    assert "Missing" in page and "Plan training" not in page and "2 gaps" in page
    page = login(personas.contributor).get("/o/acme/competence/").content.decode()
    link = f"/o/acme/competence/training/new/?member={viewer.public_id}&amp;competence={python.public_id}"
    assert link in page
    assert "person_name=Kari%20Nordmann" in page
    form = login(personas.contributor).get(link.replace("&amp;", "&")).content.decode()
    assert f'value="{viewer.public_id}" selected' in form and f'value="{python.public_id}" selected' in form


def test_the_overview_filters_by_role_and_refuses_a_role_of_another_organisation(
    personas, login, make_competence, make_role
):
    first, second = make_role("Model developer"), make_role("Data steward")
    foreign = make_role("Beta role", organisation=personas.org_b)
    client = login(personas.viewer)
    page = client.get(f"/o/acme/competence/?role={second.public_id}").content.decode()
    assert 'id="role-' + str(second.public_id) in page and 'id="role-' + str(first.public_id) not in page
    assert client.get(f"/o/acme/competence/?role={foreign.public_id}").status_code == 404
    assert client.get("/o/acme/competence/?role=not-a-uuid").status_code == 404


def test_the_gaps_export_as_csv_and_excel(personas, login, make_competence, make_role, hold):
    viewer = personas.membership(personas.viewer)
    role = make_role(holders=[viewer, "=cmd|' /C calc'!A0"])
    python, law = make_competence("Python"), make_competence("Law")
    _require(role, python)
    _require(role, law, "expert")
    hold(viewer, python)
    hold(viewer, law, "awareness")
    client = login(personas.viewer)
    response = client.get("/o/acme/competence/?export=csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "\ufeffAI role,Person,Competence,Required level,Gap,Level held,Expires"
    assert "Model developer,Viewer Person,Law,Expert,Below the required level,Awareness," in lines
    assert not any("Viewer Person,Python" in line for line in lines)  # met: not a gap
    assert any(line.startswith("Model developer,'=cmd") for line in lines)  # formulas neutralised
    assert len(lines) == 4
    xlsx = client.get("/o/acme/competence/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def _build(personas, make_competence, make_role, hold, roles, people, competences, prefix):
    from styring.accounts.models import User
    from styring.core.roles import Role
    from styring.organisations.services import membership_add

    members = []
    for number in range(people // 2):
        user = User.objects.create_user(email=f"{prefix}{number}@acme.example", password="x", full_name=f"P {number}")
        members.append(membership_add(organisation=personas.org_a, user=user, role=Role.VIEWER, actor=personas.owner))
    holders = members + [f"{prefix} outside {number}" for number in range(people - len(members))]
    skills = [make_competence(f"{prefix} skill {number}") for number in range(competences)]
    for number in range(roles):
        role = make_role(f"{prefix} role {number}", holders=holders[number::roles] + holders[:1])
        for skill in skills:
            _require(role, skill, ("awareness", "practitioner", "expert")[number % 3])
    for number, holder in enumerate(holders):
        hold(holder, skills[number % competences], expires_on=TODAY + timedelta(days=number - 5))


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_gap_matrix_takes_the_same_number_of_queries_however_many_roles_and_people(
    personas, login, make_competence, make_role, hold
):
    client = login(personas.viewer)
    _build(personas, make_competence, make_role, hold, roles=2, people=3, competences=2, prefix="a")
    small = _queries(client, "/o/acme/competence/")
    small_api = _queries(client, "/api/v1/organisations/acme/competence-gaps")
    _build(personas, make_competence, make_role, hold, roles=6, people=20, competences=5, prefix="b")
    assert _queries(client, "/o/acme/competence/") == small
    assert _queries(client, "/api/v1/organisations/acme/competence-gaps") == small_api
    data = client.get("/api/v1/organisations/acme/competence-gaps").json()
    assert len(data["roles"]) == 8 and data["gap_count"] > 0
