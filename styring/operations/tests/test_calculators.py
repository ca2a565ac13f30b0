"""The drift and fairness maths, checked against values worked out by hand."""

import math

import pytest

from styring.operations.calculators import (
    CalculationError,
    fairness,
    kolmogorov_smirnov,
    numeric_column,
    population_stability_index,
    read_csv_bytes,
    require_columns,
)


def test_psi_matches_the_hand_computed_value_for_two_buckets():
    # Reference median 2.5 splits it 50/50; the current sample puts 3 of 4 values below it.
    result = population_stability_index([1, 2, 3, 4], [1, 1, 1, 4], bins=2)
    expected = (0.75 - 0.5) * math.log(0.75 / 0.5) + (0.25 - 0.5) * math.log(0.25 / 0.5)
    assert result.edges == [2.5]
    assert result.reference_shares == [0.5, 0.5] and result.current_shares == [0.75, 0.25]
    assert result.psi == pytest.approx(expected, abs=1e-12)
    assert result.psi == pytest.approx(0.274653, abs=1e-6)


def test_psi_replaces_an_empty_bucket_with_epsilon_instead_of_reporting_infinity():
    result = population_stability_index([1, 2, 3, 4], [1, 1, 1, 1], bins=2, epsilon=1e-4)
    expected = (1 - 0.5) * math.log(1 / 0.5) + (1e-4 - 0.5) * math.log(1e-4 / 0.5)
    assert result.psi == pytest.approx(expected, abs=1e-12)
    assert math.isfinite(result.psi)


def test_psi_of_identical_samples_is_zero_and_values_outside_the_reference_range_still_count():
    assert population_stability_index(range(100), range(100)).psi == pytest.approx(0.0, abs=1e-12)
    shifted = population_stability_index(range(100), [1000] * 100)
    assert shifted.current_shares[-1] == 1.0 and shifted.psi > 1


def test_psi_rejects_empty_and_non_finite_samples():
    with pytest.raises(CalculationError):
        population_stability_index([], [1, 2])
    with pytest.raises(CalculationError):
        population_stability_index([1, float("nan")], [1, 2])
    with pytest.raises(CalculationError):
        population_stability_index([1, 2], [1, 2], bins=1)


def test_ks_statistic_and_asymptotic_p_value_match_the_hand_computed_values():
    result = kolmogorov_smirnov([1, 2, 3, 4], [3, 4, 5, 6])
    assert result.statistic == pytest.approx(0.5)
    lam = 0.5 * math.sqrt(4 * 4 / 8)
    expected = 2 * sum((-1) ** (j - 1) * math.exp(-2 * j * j * lam * lam) for j in range(1, 50))
    assert result.p_value == pytest.approx(expected, abs=1e-12)
    assert result.p_value == pytest.approx(0.699374, abs=1e-6)


def test_ks_of_identical_samples_is_zero_with_p_value_one_and_of_disjoint_samples_is_one():
    same = kolmogorov_smirnov([1, 2, 3], [1, 2, 3])
    assert same.statistic == 0 and same.p_value == 1.0
    apart = kolmogorov_smirnov(range(100), range(1000, 1100))
    assert apart.statistic == 1.0 and apart.p_value < 1e-20


def test_fairness_metrics_match_the_hand_computed_rates():
    groups = ["A"] * 4 + ["B"] * 4
    predictions = [1, 1, 1, 0, 1, 0, 0, 0]
    labels = [1, 1, 0, 0, 1, 1, 0, 0]
    result = fairness(groups, predictions, labels)
    rates = {group.group: group for group in result.groups}
    assert rates["A"].selection_rate == 0.75 and rates["B"].selection_rate == 0.25
    assert rates["A"].true_positive_rate == 1.0 and rates["B"].true_positive_rate == 0.5
    assert result.demographic_parity_difference == pytest.approx(0.5)
    assert result.disparate_impact_ratio == pytest.approx(1 / 3)
    assert result.equal_opportunity_difference == pytest.approx(0.5)


def test_fairness_without_labels_has_no_equal_opportunity_and_leaves_out_groups_without_positives():
    assert fairness(["A", "B"], [1, 0]).equal_opportunity_difference is None
    result = fairness(["A", "A", "B", "B", "C"], [1, 0, 1, 1, 0], [1, 1, 1, 0, 0])
    assert result.equal_opportunity_difference == pytest.approx(0.5)
    assert any("C" in note for note in result.notes)


def test_fairness_refuses_predictions_other_than_zero_and_one_and_a_single_group():
    with pytest.raises(CalculationError):
        fairness(["A", "B"], [0.7, 1])
    with pytest.raises(CalculationError):
        fairness(["A", "A"], [0, 1])


def test_csv_reading_reports_missing_columns_and_non_numeric_values_by_row():
    rows = read_csv_bytes(b"value,other\n1.5,x\nabc,y\n")
    with pytest.raises(CalculationError, match=r"row 3: .abc. in column .value. is not a number"):
        numeric_column(rows, "value", "reference")
    with pytest.raises(CalculationError, match=r"no column .score."):
        require_columns(rows, ["score"], "reference")
    with pytest.raises(CalculationError, match="UTF-8"):
        read_csv_bytes("value\n1\n".encode("utf-16"))
    assert numeric_column(read_csv_bytes(b"\xef\xbb\xbfValue\n1\n2.5\n"), "value", "reference") == [1.0, 2.5]
