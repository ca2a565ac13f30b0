"""The ISO/IEC 42001:2023 catalog file: structure, counts, refs and translations (reference facts, section 1)."""

from collections import Counter
from pathlib import Path

import pytest

from styring.catalog.loader import DATA_DIR, parse_file
from styring.catalog.schema import LANGUAGES, walk

FILE = DATA_DIR / "frameworks" / "iso42001-2023.yaml"

TOP_CLAUSES = {"4", "5", "6", "7", "8", "9", "10"}
SECOND_LEVEL = {
    *("4.1", "4.2", "4.3", "4.4"),
    *("5.1", "5.2", "5.3"),
    *("6.1", "6.2", "6.3"),
    *("7.1", "7.2", "7.3", "7.4", "7.5"),
    *("8.1", "8.2", "8.3", "8.4"),
    *("9.1", "9.2", "9.3"),
    *("10.1", "10.2"),
}
THIRD_LEVEL = {
    *("6.1.1", "6.1.2", "6.1.3", "6.1.4"),
    *("7.5.1", "7.5.2", "7.5.3"),
    *("9.2.1", "9.2.2"),
    *("9.3.1", "9.3.2", "9.3.3"),
}
CONTROLS_BY_DOMAIN = {
    "A.2": {"A.2.2", "A.2.3", "A.2.4"},
    "A.3": {"A.3.2", "A.3.3"},
    "A.4": {"A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6"},
    "A.5": {"A.5.2", "A.5.3", "A.5.4", "A.5.5"},
    "A.6": {"A.6.1.2", "A.6.1.3", "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8"},
    "A.7": {"A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6"},
    "A.8": {"A.8.2", "A.8.3", "A.8.4", "A.8.5"},
    "A.9": {"A.9.2", "A.9.3", "A.9.4"},
    "A.10": {"A.10.2", "A.10.3", "A.10.4"},
}
ALL_CONTROLS = set().union(*CONTROLS_BY_DOMAIN.values())
# Clauses that explicitly call for documented information (reference facts, section 1.8).
DOCUMENTED_INFORMATION = {
    *("4.3", "4.4", "5.2"),
    *("6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2"),
    *("7.2", "7.5.1"),
    *("8.1", "8.2", "8.3", "8.4"),
    *("9.1", "9.2.2", "9.3.3"),
    "10.2",
}
C_OBJECTIVES = {f"C.2.{n}" for n in range(1, 12)}
C_RISK_SOURCES = {f"C.3.{n}" for n in range(1, 8)}


@pytest.fixture(scope="module")
def document():
    document, _checksum = parse_file(Path(FILE))
    return document


@pytest.fixture(scope="module")
def nodes(document):
    return {node.ref: node for _path, node in walk(document.nodes)}


@pytest.fixture(scope="module")
def parents(document):
    """ref -> parent ref (None at the top)."""
    result = {}

    def visit(items, parent):
        for item in items:
            result[item.ref] = parent
            visit(item.children, item.ref)

    visit(document.nodes, None)
    return result


def refs_of_kind(nodes, kind):
    return {ref for ref, node in nodes.items() if node.kind == kind}


def test_identity(document):
    assert (document.framework.code, document.framework.kind, document.framework.publisher) == (
        "iso42001",
        "standard",
        "ISO/IEC",
    )
    assert document.version.version == "2023"
    assert str(document.version.published) == "2023-12-18"


def test_refs_are_unique(document):
    refs = [node.ref for _path, node in walk(document.nodes)]
    assert len(refs) == len(set(refs))


def test_clause_tree_has_7_clauses_24_subclauses_and_12_third_level(document, nodes):
    clauses = refs_of_kind(nodes, "clause")
    assert [node.ref for node in document.nodes if node.kind == "clause"] == ["4", "5", "6", "7", "8", "9", "10"]
    assert {ref for ref in clauses if ref.count(".") == 0} == TOP_CLAUSES
    assert {ref for ref in clauses if ref.count(".") == 1} == SECOND_LEVEL
    assert {ref for ref in clauses if ref.count(".") == 2} == THIRD_LEVEL
    assert len(SECOND_LEVEL) == 24 and len(THIRD_LEVEL) == 12
    assert clauses == TOP_CLAUSES | SECOND_LEVEL | THIRD_LEVEL
    assert not clauses & {"1", "2", "3"}


def test_clauses_sit_under_their_parent_clause(parents):
    for ref in SECOND_LEVEL | THIRD_LEVEL:
        assert parents[ref] == ref.rsplit(".", 1)[0], ref
    for ref in TOP_CLAUSES:
        assert parents[ref] is None


def test_every_clause_has_a_description_and_leaves_have_evidence(nodes):
    for ref in TOP_CLAUSES | SECOND_LEVEL | THIRD_LEVEL:
        node = nodes[ref]
        assert node.description, ref
        if not node.children:
            assert node.evidence, ref


def test_documented_information_flags_match_the_mandatory_list(nodes):
    flagged = {ref for ref, node in nodes.items() if node.documented_information}
    assert flagged == DOCUMENTED_INFORMATION


def test_annex_a_has_9_objectives_and_the_a6_sub_objectives(nodes, parents):
    assert nodes["A"].kind == "annex" and nodes["A"].title == "Reference control objectives and controls"
    objectives = refs_of_kind(nodes, "control_objective")
    assert objectives == {*CONTROLS_BY_DOMAIN, "A.6.1", "A.6.2"}
    assert all(parents[ref] == "A" for ref in CONTROLS_BY_DOMAIN)
    assert parents["A.6.1"] == parents["A.6.2"] == "A.6"
    assert nodes["A.6.1"].title == "Management guidance for AI system development"
    assert nodes["A.6.2"].title == "AI system life cycle"


def test_annex_a_has_exactly_38_controls_per_domain(nodes, parents):
    controls = refs_of_kind(nodes, "control")
    assert controls == ALL_CONTROLS and len(controls) == 38
    counts = Counter(nodes[ref].attributes["domain"] for ref in controls)
    assert counts == {"A.2": 3, "A.3": 2, "A.4": 5, "A.5": 4, "A.6": 9, "A.7": 5, "A.8": 4, "A.9": 3, "A.10": 3}
    for domain, refs in CONTROLS_BY_DOMAIN.items():
        for ref in refs:
            expected_parent = ref.rsplit(".", 1)[0] if domain == "A.6" else domain
            assert parents[ref] == expected_parent, ref
            assert nodes[ref].attributes["domain"] == domain, ref


def test_every_control_is_described_guided_and_translated(nodes):
    guides = {node.attributes.get("guides"): ref for ref, node in nodes.items() if node.kind == "guidance"}
    for ref in ALL_CONTROLS:
        control = nodes[ref]
        assert control.description and control.evidence, ref
        guidance_ref = "B" + ref[1:]
        assert control.attributes["guidance"] == guidance_ref
        assert guides.get(ref) == guidance_ref, ref
        guidance = nodes[guidance_ref]
        assert guidance.title == control.title, ref
        assert guidance.description, ref
        assert 3 <= len(guidance.attributes["topics"]) <= 6, ref
        assert set(control.translations) == set(LANGUAGES), ref
        assert all(control.translations[lang].title for lang in LANGUAGES), ref


def test_every_clause_and_objective_has_titles_in_all_languages(nodes):
    for ref in TOP_CLAUSES | SECOND_LEVEL | THIRD_LEVEL | set(CONTROLS_BY_DOMAIN) | {"A.6.1", "A.6.2"}:
        translations = nodes[ref].translations
        assert set(translations) == set(LANGUAGES), ref
        assert all(translations[lang].title for lang in LANGUAGES), ref


def test_annex_b_is_guidance_only_and_mirrors_annex_a(nodes, parents):
    annex_b = {ref for ref in nodes if ref.startswith("B.")}
    assert nodes["B"].kind == "annex"
    assert all(nodes[ref].kind == "guidance" and nodes[ref].assessable is False for ref in annex_b)
    assert nodes["B.1"].title == "General" and parents["B.1"] == "B"
    objective_headings = {f"B.{n}.1" for n in range(2, 11) if n != 6} | {"B.6.1.1", "B.6.2.1"}
    assert all(nodes[ref].title == "Objective" for ref in objective_headings)
    assert annex_b == {"B.1"} | {"B" + ref[1:] for ref in ALL_CONTROLS | {*CONTROLS_BY_DOMAIN, "A.6.1", "A.6.2"}} | (
        objective_headings
    )


def test_annex_b_related_standards(nodes):
    related = {
        ref: node.attributes["related_standards"]
        for ref, node in nodes.items()
        if "related_standards" in node.attributes
    }
    assert set(related) == {
        *("B.2.3", "B.3.3", "B.4.3", "B.4.4", "B.6.2.2", "B.6.2.4", "B.6.2.6", "B.7.4", "B.7.5", "B.8.4", "B.10.2"),
    }
    assert related["B.3.3"] == ["ISO 37002"]
    assert related["B.8.4"] == ["ISO/IEC 27001", "ISO/IEC 27701"]


def test_annex_c_has_11_objectives_and_7_risk_sources(nodes, parents):
    assert nodes["C"].kind == "annex"
    assert nodes["C.1"].title == "General"
    assert refs_of_kind(nodes, "objective") == C_OBJECTIVES
    assert refs_of_kind(nodes, "risk_source") == C_RISK_SOURCES
    assert all(parents[ref] == "C.2" for ref in C_OBJECTIVES)
    assert all(parents[ref] == "C.3" for ref in C_RISK_SOURCES)
    assert all(nodes[ref].description for ref in C_OBJECTIVES | C_RISK_SOURCES)
    assert nodes["C.2.1"].title == "Accountability"
    assert nodes["C.2.8"].title == "Robustness"
    assert nodes["C.2.11"].title == "Transparency and explainability"
    assert nodes["C.3.4"].title == "Risk sources related to machine learning"
    assert nodes["C.3.7"].title == "Technology readiness"


@pytest.mark.parametrize(
    ("ref", "title"),
    [
        ("4.3", "Determining the scope of the AI management system"),
        ("6.1.4", "AI system impact assessment"),
        ("7.5.2", "Creating and updating documented information"),
        ("9.3.2", "Management review inputs"),
        ("10.1", "Continual improvement"),
        ("A.2.3", "Alignment with other organizational policies"),
        ("A.5.4", "Assessing AI system impact on individuals or groups of individuals"),
        ("A.6.1.2", "Objectives for responsible development of AI system"),
        ("A.6.2.8", "AI system recording of event logs"),
        ("A.7.2", "Data for development and enhancement of AI system"),
        ("A.10", "Third-party and customer relationships"),
        ("A.10.4", "Customers"),
    ],
)
def test_short_titles(nodes, ref, title):
    assert nodes[ref].title == title


def test_the_file_loads_into_the_database(db, tmp_path):
    from styring.catalog.loader import sync_catalog
    from styring.catalog.models import Requirement

    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / FILE.name).write_bytes(FILE.read_bytes())
    report = sync_catalog(tmp_path)  # migrate already loaded the shipped copy, so this may be "unchanged"
    assert report.ok, report.errors
    assert FILE.name in report.loaded + report.updated + report.unchanged
    requirements = Requirement.objects.filter(version__key="iso42001:2023")
    assert requirements.filter(kind="control", assessable=True).count() == 38
    leaf_clauses = (SECOND_LEVEL | THIRD_LEVEL) - {"6.1", "7.5", "9.2", "9.3"}
    assert set(requirements.filter(kind="clause", assessable=True).values_list("ref", flat=True)) == leaf_clauses
    assert not requirements.filter(ref__startswith="B", assessable=True).exists()
    assert requirements.get(ref="A.6.2.4").parent.ref == "A.6.2"
