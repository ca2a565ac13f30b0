from styring.regulation.examples import NOTHING_APPLIES as BASELINE
from styring.regulation.services import assessment_from_answers
from styring.regulation.timeline import timeline


def _milestone(organisation, key):
    return next(item for item in timeline(organisation) if item.date.key.endswith(f":{key}"))


def _names(milestone):
    return {entry.system.name for entry in milestone.systems}


def test_systems_without_an_assessment_appear_where_their_recorded_class_may_be_concerned(personas, aisystem_factory):
    aisystem_factory(name="CV screening", ai_act_class="high_risk")
    aisystem_factory(name="Chatbot", ai_act_class="transparency")
    aisystem_factory(name="Retired", ai_act_class="high_risk", lifecycle_stage="decommissioned")
    assert _names(_milestone(personas.org_a, "high-risk-annex-iii-apply")) == {"CV screening"}
    assert "Chatbot" in _names(_milestone(personas.org_a, "general-application"))


def test_assessed_systems_appear_on_the_dates_of_their_own_obligations(personas, login, aisystem_factory):
    screening = aisystem_factory(name="CV screening")
    assessment_from_answers(
        system=screening, actor=personas.manager, answers={**BASELINE, "annex_iii_points": ["Annex III(4)(a)"]}
    )
    annex_iii = _milestone(personas.org_a, "high-risk-annex-iii-apply")
    entry = next(entry for entry in annex_iii.systems if entry.system == screening)
    assert "Art. 26(6)" in {item["ref"] for item in entry.obligations}
    # a deployer of a high-risk system has no Art. 50 duty, so the general date does not list it
    assert "CV screening" not in _names(_milestone(personas.org_a, "general-application"))
    page = login(personas.viewer).get("/o/acme/eu-ai-act/").content.decode()
    assert "Keep the logs for at least six months (Art. 26(6))" in page


def test_the_timeline_uses_the_dates_of_the_catalog(personas, login, db):
    from styring.catalog.models import RegulatoryDate

    RegulatoryDate.objects.filter(key__endswith=":high-risk-annex-iii-apply").update(date="2029-01-31")
    assert "2029-01-31" in login(personas.viewer).get("/o/acme/eu-ai-act/").content.decode()


def test_the_timeline_takes_a_constant_number_of_queries(
    personas, login, aisystem_factory, django_assert_max_num_queries
):
    for number in range(12):
        system = aisystem_factory(name=f"System {number}")
        assessment_from_answers(
            system=system, actor=personas.manager, answers={**BASELINE, "interacts_with_people": "yes"}
        )
    with django_assert_max_num_queries(4):
        timeline(personas.org_a)
