"""The organisation's risk method: defaults, consistency checks, versions that keep old ratings readable."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from styring.risks.method import check_method, default_matrix, default_method
from styring.risks.models import RiskMethod
from styring.risks.services import risk_create, risk_method_publish, risk_update


def test_the_default_matrix_grows_from_low_to_critical_for_every_size():
    for size in (3, 4, 5):
        matrix = default_matrix(size, size)
        assert matrix[0][0] == "low" and matrix[-1][-1] == "critical"
    assert default_matrix(5, 5)[2][2] == "medium"  # possible × moderate


def test_default_labels_are_translated_into_every_language():
    labels = default_method(3, 3)["impact"][2]["labels"]
    assert labels["en"] == "Severe" and set(labels) == {"en", "nb", "da", "zh-hans"}
    assert labels["nb"] != "Severe"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda m: m["likelihood"].pop(), "matrix"),
        (lambda m: m.update(likelihood=m["likelihood"][:2]), "likelihood"),
        (lambda m: m["impact"][0]["labels"].update(en="", nb="", da="", **{"zh-hans": ""}), "impact"),
        (lambda m: m["matrix"][0].__setitem__(0, "severe"), "matrix"),
        (lambda m: m.update(acceptance_level="none"), "acceptance_level"),
        (lambda m: m.update(review_interval_months=0), "review_interval_months"),
        (lambda m: m.update(review_interval_months=True), "review_interval_months"),
        (lambda m: m["levels"].pop(), "levels"),
    ],
)
def test_an_inconsistent_method_is_refused_with_the_part_that_is_wrong(change, field):
    method = default_method()
    change(method)
    with pytest.raises(ValidationError) as raised:
        check_method(method)
    assert field in raised.value.message_dict


def test_the_first_risk_creates_the_default_method(personas):
    risk = risk_create(organisation=personas.org_a, actor=personas.manager, title="Bias", inherent_likelihood=4,
                       inherent_impact=5)  # fmt: skip
    assert risk.method.number == 1 and risk.reference == "R-001"
    assert risk.inherent_level == "critical" and risk.residual_level == ""


def test_ratings_outside_the_scale_or_half_given_are_refused(personas):
    with pytest.raises(ValidationError) as raised:
        risk_create(organisation=personas.org_a, actor=personas.manager, title="Bias", inherent_likelihood=6,
                    inherent_impact=1, residual_likelihood=2)  # fmt: skip
    assert {"inherent_likelihood", "residual_impact"} <= set(raised.value.message_dict)


def test_a_new_method_version_keeps_old_ratings_readable_and_new_ratings_use_it(personas):
    old = risk_create(organisation=personas.org_a, actor=personas.manager, title="Drift", inherent_likelihood=5,
                      inherent_impact=5)  # fmt: skip
    three = default_method(3, 3)
    with translation.override("en"):
        three["levels"][3]["labels"]["en"] = "Unacceptable"
    new_method = risk_method_publish(
        organisation=personas.org_a, actor=personas.manager, data=three, change_summary="Simpler 3 × 3 scale"
    )
    assert new_method.number == 2 and new_method.is_current
    old.refresh_from_db()
    assert old.method.number == 1 and not old.method.is_current
    with translation.override("en"):
        assert old.method.level_label(old.inherent_level) == "Critical"
        assert old.method.likelihood_label(5) == "Almost certain"
    rerated = risk_update(risk=old, actor=personas.manager, inherent_likelihood=3, inherent_impact=3)
    assert rerated.method == new_method and rerated.inherent_level == "critical"
    with translation.override("en"):
        assert rerated.method.level_label("critical") == "Unacceptable"
    assert RiskMethod.objects.for_organisation(personas.org_a).count() == 2


def test_the_method_page_shows_the_matrix_and_only_managers_may_change_it(personas, login):
    page = login(personas.viewer).get("/o/acme/risks/method/").content.decode()
    assert "Almost certain" in page and "Change the method" not in page
    assert login(personas.contributor).get("/o/acme/risks/method/edit/").status_code == 403
    client = login(personas.manager)
    form = client.get("/o/acme/risks/method/edit/?likelihood=3&impact=4")
    assert form.status_code == 200
    data = dict(form.context["form"].initial)
    data.update(change_summary="Four impact steps", review_interval_months=6)
    response = client.post("/o/acme/risks/method/edit/?likelihood=3&impact=4", data)
    assert response.status_code == 302
    method = RiskMethod.objects.for_organisation(personas.org_a).get(is_current=True)
    assert (len(method.likelihood), len(method.impact), method.review_interval_months) == (3, 4, 6)
    refused = client.post("/o/acme/risks/method/edit/", {**data, "review_interval_months": 99})
    # the first change also stores the default it replaced, so the history shows both
    assert refused.status_code == 422 and RiskMethod.objects.for_organisation(personas.org_a).count() == 2
