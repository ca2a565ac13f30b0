"""Drift and fairness calculations on samples (numpy only), and the CSV reading that feeds them.

The formulas are deliberately the textbook ones so a reviewer can re-check a result by hand:

- Population stability index (PSI): the reference sample is cut into `bins` buckets at its own quantiles (so each
  holds about the same share of the reference); the outer buckets are open-ended, so current values outside the
  reference range still count. With p and q the shares of the reference and current samples per bucket,
  PSI = Σ (q − p) · ln(q / p). A bucket that is empty in one sample would make the logarithm infinite, so an empty
  share is replaced by `epsilon` (default 0.0001) before the sum; this caps each such bucket's contribution instead of
  reporting "infinite drift". Common reading: below 0.1 stable, 0.1–0.25 moderate shift, above 0.25 major shift.
- Two-sample Kolmogorov–Smirnov statistic D: the largest vertical distance between the two empirical cumulative
  distribution functions. Its p-value uses the asymptotic Kolmogorov distribution with λ = D·√(n·m/(n+m)):
  p = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²), which is good for samples of a few dozen values or more.
- Fairness from rows (group, prediction, optional label), predictions and labels 0 or 1:
  selection rate per group = share of predictions 1; true-positive rate per group = share of predictions 1 among
  rows labelled 1. Demographic-parity difference = largest − smallest selection rate; equal-opportunity difference
  = largest − smallest true-positive rate (groups without a positive label are left out); disparate-impact ratio =
  smallest / largest selection rate (the "four-fifths rule" flags values below 0.8).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DEFAULT_EPSILON = 1e-4


class CalculationError(ValueError):
    """Bad input: the message is shown to the user as it is."""


# --- maths ------------------------------------------------------------------------------------------------------------
def _sample(values, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise CalculationError(_("The %(name)s sample is empty.") % {"name": name})
    if not np.all(np.isfinite(array)):
        raise CalculationError(_("The %(name)s sample contains values that are not finite numbers.") % {"name": name})
    return array


@dataclass(frozen=True)
class PsiResult:
    psi: float
    edges: list[float]  # interior bucket edges, from the reference quantiles
    reference_shares: list[float]
    current_shares: list[float]
    contributions: list[float]


def population_stability_index(reference, current, *, bins: int = 10, epsilon: float = DEFAULT_EPSILON) -> PsiResult:
    if not 2 <= bins <= 100:
        raise CalculationError(_("Choose between 2 and 100 buckets."))
    ref = _sample(reference, _("reference"))
    cur = _sample(current, _("current"))
    quantiles = np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1])
    edges = np.unique(quantiles)  # repeated values in the reference can make quantiles coincide
    # searchsorted(side="right"): a value equal to an edge belongs to the bucket above it.
    ref_counts = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=edges.size + 1)
    cur_counts = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=edges.size + 1)
    p = ref_counts / ref.size
    q = cur_counts / cur.size
    p_safe = np.where(p == 0, epsilon, p)
    q_safe = np.where(q == 0, epsilon, q)
    contributions = (q_safe - p_safe) * np.log(q_safe / p_safe)
    return PsiResult(
        psi=float(contributions.sum()),
        edges=[float(x) for x in edges],
        reference_shares=[float(x) for x in p],
        current_shares=[float(x) for x in q],
        contributions=[float(x) for x in contributions],
    )


@dataclass(frozen=True)
class KsResult:
    statistic: float
    p_value: float
    n_reference: int
    n_current: int


def kolmogorov_survival(lam: float, terms: int = 100) -> float:
    """P(K > λ) for the Kolmogorov distribution: 2 Σ (−1)^{j−1} exp(−2 j² λ²)."""
    if lam <= 0.0:
        return 1.0
    if lam < 0.2:  # the series converges too slowly here and the probability is 1 to 12 decimals anyway
        return 1.0
    j = np.arange(1, terms + 1, dtype=float)
    total = 2.0 * np.sum((-1.0) ** (j - 1) * np.exp(-2.0 * j**2 * lam**2))
    return float(min(1.0, max(0.0, total)))


def kolmogorov_smirnov(reference, current) -> KsResult:
    ref = np.sort(_sample(reference, _("reference")))
    cur = np.sort(_sample(current, _("current")))
    points = np.concatenate([ref, cur])
    cdf_ref = np.searchsorted(ref, points, side="right") / ref.size
    cdf_cur = np.searchsorted(cur, points, side="right") / cur.size
    statistic = float(np.max(np.abs(cdf_ref - cdf_cur)))
    n, m = ref.size, cur.size
    p_value = kolmogorov_survival(statistic * math.sqrt(n * m / (n + m)))
    return KsResult(statistic=statistic, p_value=p_value, n_reference=int(n), n_current=int(m))


@dataclass(frozen=True)
class GroupRates:
    group: str
    count: int
    selection_rate: float
    positives: int  # rows labelled 1 (0 when there are no labels)
    true_positive_rate: float | None


@dataclass(frozen=True)
class FairnessResult:
    groups: list[GroupRates]
    demographic_parity_difference: float
    disparate_impact_ratio: float | None
    equal_opportunity_difference: float | None  # None without labels or with fewer than two groups with positives
    notes: list[str] = field(default_factory=list)


def _binary(values, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if not np.all((array == 0) | (array == 1)):
        raise CalculationError(_("The %(name)s column may only hold 0 and 1.") % {"name": name})
    return array.astype(int)


def fairness(groups, predictions, labels=None) -> FairnessResult:
    groups = np.asarray([str(g) for g in groups])
    if groups.size == 0:
        raise CalculationError(_("The sample is empty."))
    predicted = _binary(predictions, "prediction")
    if predicted.size != groups.size:
        raise CalculationError(_("Every row needs a group and a prediction."))
    names, index = np.unique(groups, return_inverse=True)
    if names.size < 2:
        raise CalculationError(_("Fairness compares groups: the sample needs at least two groups."))
    counts = np.bincount(index, minlength=names.size)
    selected = np.bincount(index, weights=predicted, minlength=names.size)
    selection = selected / counts
    tpr: list[float | None] = [None] * names.size
    positives = np.zeros(names.size, dtype=int)
    notes: list[str] = []
    if labels is not None:
        actual = _binary(labels, "label")
        if actual.size != groups.size:
            raise CalculationError(_("Every row needs a label when the label column is given."))
        positives = np.bincount(index, weights=actual, minlength=names.size).astype(int)
        true_positives = np.bincount(index, weights=actual * predicted, minlength=names.size)
        tpr = [float(true_positives[i] / positives[i]) if positives[i] else None for i in range(names.size)]
        missing = [str(names[i]) for i in range(names.size) if not positives[i]]
        if missing:
            notes.append(
                _("Left out of equal opportunity (no row labelled 1): %(groups)s") % {"groups": ", ".join(missing)}
            )
    known_tpr = [rate for rate in tpr if rate is not None]
    largest = float(selection.max())
    return FairnessResult(
        groups=[
            GroupRates(str(names[i]), int(counts[i]), float(selection[i]), int(positives[i]), tpr[i])
            for i in range(names.size)
        ],
        demographic_parity_difference=float(selection.max() - selection.min()),
        disparate_impact_ratio=float(selection.min() / largest) if largest > 0 else None,
        equal_opportunity_difference=float(max(known_tpr) - min(known_tpr)) if len(known_tpr) >= 2 else None,
        notes=notes,
    )


# --- reading samples from CSV -----------------------------------------------------------------------------------------
def read_csv_upload(upload) -> list[dict[str, str]]:
    """Rows of an uploaded UTF-8 CSV file (with a header row) as dictionaries, or a CalculationError."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise CalculationError(
            _("The file is larger than %(limit)d MB. Upload a smaller sample.") % {"limit": MAX_UPLOAD_BYTES // 2**20}
        )
    return read_csv_bytes(upload.read())


def read_csv_bytes(content: bytes) -> list[dict[str, str]]:
    if len(content) > MAX_UPLOAD_BYTES:
        raise CalculationError(
            _("The file is larger than %(limit)d MB. Upload a smaller sample.") % {"limit": MAX_UPLOAD_BYTES // 2**20}
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CalculationError(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")) from exc
    if "\x00" in text:
        raise CalculationError(_("The file contains NUL characters; it does not look like a CSV file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames:
        raise CalculationError(_("The file is empty."))
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames]
    try:
        return [row for row in reader if any((value or "").strip() for value in row.values() if isinstance(value, str))]
    except csv.Error as exc:
        raise CalculationError(_("The file could not be read as CSV: %(error)s") % {"error": exc}) from exc


def require_columns(rows: list[dict[str, str]], columns: list[str], file_label: str) -> None:
    if not rows:
        raise CalculationError(_("%(file)s has no data rows.") % {"file": file_label})
    missing = [column for column in columns if column not in rows[0]]
    if missing:
        raise CalculationError(
            _("%(file)s has no column %(columns)s. Found: %(found)s.")
            % {
                "file": file_label,
                "columns": ", ".join(f"“{column}”" for column in missing),
                "found": ", ".join(f"“{name}”" for name in rows[0] if name) or "—",
            }
        )


def numeric_column(rows: list[dict[str, str]], column: str, file_label: str) -> list[float]:
    """The column's values as floats; the first non-numeric value is reported with its row number (row 1 is the
    header, so data starts at row 2)."""
    require_columns(rows, [column], file_label)
    values = []
    for number, row in enumerate(rows, start=2):
        raw = (row.get(column) or "").strip()
        try:
            value = float(raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value):
            raise CalculationError(
                _("%(file)s, row %(row)d: “%(value)s” in column “%(column)s” is not a number.")
                % {"file": file_label, "row": number, "value": raw[:50], "column": column}
            )
        values.append(value)
    return values


def text_column(rows: list[dict[str, str]], column: str, file_label: str) -> list[str]:
    require_columns(rows, [column], file_label)
    values = []
    for number, row in enumerate(rows, start=2):
        value = (row.get(column) or "").strip()
        if not value:
            raise CalculationError(
                _("%(file)s, row %(row)d: column “%(column)s” is empty.")
                % {"file": file_label, "row": number, "column": column}
            )
        values.append(value)
    return values


# --- plain-language explanations --------------------------------------------------------------------------------------
def explain_psi(value: float) -> str:
    if value < 0.1:
        verdict = _("The current data looks like the reference data: no meaningful shift.")
    elif value < 0.25:
        verdict = _("The current data has shifted moderately from the reference: watch it and look for the cause.")
    else:
        verdict = _("The current data has shifted a lot from the reference: check whether the model still performs.")
    return _(
        "PSI %(value).4f. %(verdict)s (Usual reading: below 0.1 stable, 0.1 to 0.25 moderate, above 0.25 major.)"
    ) % {
        "value": value,
        "verdict": verdict,
    }


def explain_ks(result: KsResult) -> str:
    verdict = (
        _("The difference is unlikely to be chance alone: the distributions differ.")
        if result.p_value < 0.05
        else _("The difference could well be chance: no clear evidence that the distributions differ.")
    )
    return _(
        "The two samples' cumulative distributions are at most %(d).1f percentage points apart (D = %(stat).4f, "
        "p = %(p).4g). %(verdict)s"
    ) % {"d": result.statistic * 100, "stat": result.statistic, "p": result.p_value, "verdict": verdict}


def explain_fairness(result: FairnessResult) -> list[str]:
    lines = [
        _(
            "Selection rates differ by up to %(d).1f percentage points between groups (demographic-parity "
            "difference %(value).4f; 0 means every group is selected equally often)."
        )
        % {"d": result.demographic_parity_difference * 100, "value": result.demographic_parity_difference}
    ]
    if result.disparate_impact_ratio is not None:
        lines.append(
            _(
                "The least-selected group is selected %(pct).0f%% as often as the most-selected one (disparate-impact "
                "ratio %(value).4f; below 0.8 is a common warning sign)."
            )
            % {"pct": result.disparate_impact_ratio * 100, "value": result.disparate_impact_ratio}
        )
    if result.equal_opportunity_difference is not None:
        lines.append(
            _(
                "Among people who should have been selected (label 1), the share actually selected differs by up to "
                "%(d).1f percentage points between groups (equal-opportunity difference %(value).4f)."
            )
            % {"d": result.equal_opportunity_difference * 100, "value": result.equal_opportunity_difference}
        )
    return lines + list(result.notes)
