"""The EU AI Act catalog file and its crosswalk to ISO/IEC 42001: numbering, counts and dates.

Expected values come from the project's reference facts (standards-facts §1.2, §1.4 and §2), in the Official Journal
numbering of Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744. No database is needed.
"""

import datetime
from functools import cache
from pathlib import Path

import pytest

from styring.catalog.loader import DATA_DIR, parse_file
from styring.catalog.schema import CrosswalkFile, FrameworkFile, walk

FRAMEWORK_FILE = DATA_DIR / "frameworks" / "eu-ai-act-2024-1689.yaml"
CROSSWALK_FILE = DATA_DIR / "crosswalks" / "iso42001-2023--eu-ai-act-2024-1689.yaml"
ISO42001_FILE = DATA_DIR / "frameworks" / "iso42001-2023.yaml"

AMENDING_ACT = "2026/1744"

REQUIRED_ARTICLES = [3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 22, 23, 24, 25, 26, 27, 43, 49, 50, 53, 54, 55]
REQUIRED_ARTICLES += [72, 73, 99]
ASSESSABLE_ARTICLES = [4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 22, 23, 24, 25, 26, 27, 43, 49, 50, 53, 54, 55]
ASSESSABLE_ARTICLES += [72, 73]

# Art. 5(1): the eight original points plus (ba) and (bb) inserted in 2026, in document order.
ART_5_1_POINTS = ["a", "b", "ba", "bb", "c", "d", "e", "f", "g", "h"]

# Art. 3 role definitions in the OJ numbering (the corrigendum numbering is shifted by one).
ROLE_DEFINITIONS = {
    "Art. 3(3)": ("provider", "Provider"),
    "Art. 3(4)": ("deployer", "Deployer"),
    "Art. 3(5)": ("authorised-representative", "Authorised representative"),
    "Art. 3(6)": ("importer", "Importer"),
    "Art. 3(7)": ("distributor", "Distributor"),
    "Art. 3(8)": ("operator", "Operator"),
}

# Annex III: 8 areas, 25 sub-points (3 + 1 + 4 + 2 + 4 + 5 + 4 + 2).
ANNEX_III_POINTS = {1: "abc", 2: "a", 3: "abcd", 4: "ab", 5: "abcd", 6: "abcde", 7: "abcd", 8: "ab"}
ANNEX_III_EXCLUSIONS = ["Annex III(1)(a)", "Annex III(5)(b)", "Annex III(7)(d)", "Annex III(8)(b)"]

# Application dates as amended by Regulation (EU) 2026/1744: key -> (date, must the source cite the amending act).
DATES = {
    "entry-into-force": (datetime.date(2024, 8, 1), False),
    "prohibitions-and-ai-literacy-apply": (datetime.date(2025, 2, 2), False),
    "gpai-governance-penalties-apply": (datetime.date(2025, 8, 2), False),
    "omnibus-in-force": (datetime.date(2026, 7, 27), True),
    "general-application": (datetime.date(2026, 8, 2), False),
    "new-prohibitions-apply": (datetime.date(2026, 12, 2), True),
    "synthetic-content-marking-legacy": (datetime.date(2026, 12, 2), True),
    "gpai-legacy-models": (datetime.date(2027, 8, 2), False),
    "high-risk-annex-iii-apply": (datetime.date(2027, 12, 2), True),
    "high-risk-annex-i-apply": (datetime.date(2028, 8, 2), True),
}

# ISO/IEC 42001:2023 refs (standards-facts §1.2 clauses 4-10 and §1.4 Annex A objectives and 38 controls).
ISO42001_CLAUSES = [
    "4",
    "4.1",
    "4.2",
    "4.3",
    "4.4",
    "5",
    "5.1",
    "5.2",
    "5.3",
    "6",
    "6.1",
    "6.1.1",
    "6.1.2",
    "6.1.3",
    "6.1.4",
    "6.2",
    "6.3",
    "7",
    "7.1",
    "7.2",
    "7.3",
    "7.4",
    "7.5",
    "7.5.1",
    "7.5.2",
    "7.5.3",
    "8",
    "8.1",
    "8.2",
    "8.3",
    "8.4",
    "9",
    "9.1",
    "9.2",
    "9.2.1",
    "9.2.2",
    "9.3",
    "9.3.1",
    "9.3.2",
    "9.3.3",
    "10",
    "10.1",
    "10.2",
]
ISO42001_CONTROLS = [
    "A.2.2",
    "A.2.3",
    "A.2.4",
    "A.3.2",
    "A.3.3",
    "A.4.2",
    "A.4.3",
    "A.4.4",
    "A.4.5",
    "A.4.6",
    "A.5.2",
    "A.5.3",
    "A.5.4",
    "A.5.5",
    "A.6.1.2",
    "A.6.1.3",
    "A.6.2.2",
    "A.6.2.3",
    "A.6.2.4",
    "A.6.2.5",
    "A.6.2.6",
    "A.6.2.7",
    "A.6.2.8",
    "A.7.2",
    "A.7.3",
    "A.7.4",
    "A.7.5",
    "A.7.6",
    "A.8.2",
    "A.8.3",
    "A.8.4",
    "A.8.5",
    "A.9.2",
    "A.9.3",
    "A.9.4",
    "A.10.2",
    "A.10.3",
    "A.10.4",
]
ISO42001_OBJECTIVES = ["A.2", "A.3", "A.4", "A.5", "A.6", "A.6.1", "A.6.2", "A.7", "A.8", "A.9", "A.10"]
ISO42001_REFS = set(ISO42001_CLAUSES) | set(ISO42001_CONTROLS) | set(ISO42001_OBJECTIVES)


@cache
def framework() -> FrameworkFile:
    document, _checksum = parse_file(FRAMEWORK_FILE)
    assert isinstance(document, FrameworkFile)
    return document


@cache
def crosswalk() -> CrosswalkFile:
    document, _checksum = parse_file(CROSSWALK_FILE)
    assert isinstance(document, CrosswalkFile)
    return document


def nodes() -> dict:
    return {node.ref: node for _path, node in walk(framework().nodes)}


def child_refs(ref: str) -> list[str]:
    return [child.ref for child in nodes()[ref].children]


def test_reference_sets_have_the_documented_sizes():
    assert len(ISO42001_CONTROLS) == 38
    assert len(ISO42001_CLAUSES) == 7 + 24 + 12
    assert sum(len(points) for points in ANNEX_III_POINTS.values()) == 25


def test_framework_identity():
    document = framework()
    assert document.framework.code == "eu-ai-act"
    assert document.framework.kind == "regulation"
    assert document.framework.publisher == "European Union"
    assert document.version.version == "2024-1689"
    assert "2024/1689" in document.version.title and AMENDING_ACT in document.version.title
    for celex in ("32024R1689", "02024R1689-20260727", "32026R1744"):
        assert celex in document.version.source


def test_required_articles_are_present_as_articles():
    by_ref = nodes()
    for number in REQUIRED_ARTICLES:
        node = by_ref.get(f"Art. {number}")
        assert node is not None, f"Art. {number} missing"
        assert node.kind == "article"
        assert node.description.strip(), f"Art. {number} has no description"


def test_obligation_articles_are_assessable_and_structure_is_not():
    by_ref = nodes()
    for number in ASSESSABLE_ARTICLES:
        assert by_ref[f"Art. {number}"].assessable is True, f"Art. {number}"
    for ref in ("Art. 3", "Art. 6", "Art. 99", "Annex I", "Annex III", "Chapter III"):
        assert not by_ref[ref].assessable, ref
    for ref, node in by_ref.items():
        if node.assessable:
            assert ref.startswith("Art. ") and node.kind == "article", ref
            assert node.attributes.get("topic"), f"{ref} has no topic"


def test_topics_mark_the_key_articles():
    by_ref = nodes()
    expected = {
        "Art. 12": "logging",
        "Art. 16": "provider-duties",
        "Art. 26": "deployer-duties",
        "Art. 27": "fria",
        "Art. 50": "transparency",
        "Art. 73": "incidents",
    }
    for ref, topic in expected.items():
        assert by_ref[ref].attributes["topic"] == topic, ref
    for number in range(8, 16):
        assert by_ref[f"Art. {number}"].attributes["group"] == "high-risk-requirements"
    assert by_ref["Art. 17"].attributes["group"] == "provider-duties"


def test_article_5_1_points_match_the_amended_list():
    assert child_refs("Art. 5(1)") == [f"Art. 5(1)({point})" for point in ART_5_1_POINTS]
    by_ref = nodes()
    for point in ("ba", "bb"):
        node = by_ref[f"Art. 5(1)({point})"]
        assert node.kind == "point"
        assert node.attributes["added_by"] == f"Regulation (EU) {AMENDING_ACT}"
        assert node.attributes["applies_from"] == "2026-12-02"
    assert "Art. 5(1a)" in by_ref and "Art. 5(1b)" in by_ref
    # Points with carve-outs explain them.
    for point in ("d", "f", "g", "h"):
        assert by_ref[f"Art. 5(1)({point})"].attributes["carve_outs"], point
    assert "24 hours" in by_ref["Art. 5(1)(h)"].description


def test_article_6_has_both_routes_the_four_conditions_and_the_profiling_override():
    article_6 = child_refs("Art. 6")
    for ref in ("Art. 6(1)", "Art. 6(2)", "Art. 6(3)", "Art. 6(4)", "Art. 6(1a)", "Art. 6(1b)", "Art. 6(1c)"):
        assert ref in article_6
    assert child_refs("Art. 6(1)") == ["Art. 6(1)(a)", "Art. 6(1)(b)"]
    conditions = child_refs("Art. 6(3)")
    assert conditions[:4] == ["Art. 6(3)(a)", "Art. 6(3)(b)", "Art. 6(3)(c)", "Art. 6(3)(d)"]
    override = nodes()["Art. 6(3) third subparagraph"]
    assert override.attributes["override"] == "profiling"
    assert "profil" in override.description.lower()
    assert "Art. 49(2)" in nodes()["Art. 6(4)"].description


def test_article_3_role_definitions_use_oj_numbering():
    by_ref = nodes()
    assert child_refs("Art. 3") == list(ROLE_DEFINITIONS)
    for ref, (role, title) in ROLE_DEFINITIONS.items():
        assert by_ref[ref].kind == "point"
        assert by_ref[ref].attributes["role"] == role
        assert by_ref[ref].title == title
    assert "Art. 3(2)" not in by_ref  # the corrigendum numbering would put "provider" here
    assert "product-manufacturer" in by_ref["Art. 3(8)"].attributes["roles"]
    assert by_ref["Art. 25(3)"].attributes["role"] == "product-manufacturer"


def test_article_16_has_twelve_points_and_article_17_thirteen():
    assert child_refs("Art. 16") == [f"Art. 16({letter})" for letter in "abcdefghijkl"]
    assert child_refs("Art. 17(1)") == [f"Art. 17(1)({letter})" for letter in "abcdefghijklm"]


def test_article_50_has_the_four_transparency_cases():
    cases = child_refs("Art. 50")
    assert cases[:4] == ["Art. 50(1)", "Art. 50(2)", "Art. 50(3)", "Art. 50(4)"]
    holders = [nodes()[ref].attributes["duty_holder"] for ref in cases[:4]]
    assert holders == ["provider", "provider", "deployer", "deployer"]


def test_article_73_deadlines():
    by_ref = nodes()
    assert by_ref["Art. 73(2)"].attributes["deadline_days"] == 15
    assert by_ref["Art. 73(3)"].attributes["deadline_days"] == 2
    assert by_ref["Art. 73(4)"].attributes["deadline_days"] == 10


def test_annex_iii_has_8_areas_and_25_use_cases():
    by_ref = nodes()
    areas = child_refs("Annex III")
    assert areas == [f"Annex III({area})" for area in range(1, 9)]
    use_cases = []
    for area, letters in ANNEX_III_POINTS.items():
        area_ref = f"Annex III({area})"
        assert by_ref[area_ref].kind == "area"
        expected = [f"{area_ref}({letter})" for letter in letters]
        assert child_refs(area_ref) == expected
        use_cases += expected
    assert len(use_cases) == 25
    assert all(by_ref[ref].kind == "use_case" for ref in use_cases)
    all_use_cases = [ref for ref, node in by_ref.items() if node.kind == "use_case"]
    assert sorted(all_use_cases) == sorted(use_cases)


def test_annex_iii_exclusions_are_recorded():
    by_ref = nodes()
    for ref in ANNEX_III_EXCLUSIONS:
        assert by_ref[ref].attributes["exclusions"], ref
    assert "fraud" in by_ref["Annex III(5)(b)"].attributes["exclusions"][0]
    assert "1:1" in by_ref["Annex III(1)(a)"].attributes["exclusions"][0]
    assert "travel documents" in by_ref["Annex III(7)(d)"].attributes["exclusions"][0]


def test_annex_i_lists_12_plus_8_acts():
    assert child_refs("Annex I") == ["Annex I Section A", "Annex I Section B"]
    assert child_refs("Annex I Section A") == [f"Annex I Section A({item})" for item in range(1, 13)]
    assert child_refs("Annex I Section B") == [f"Annex I Section B({item})" for item in range(13, 21)]
    by_ref = nodes()
    for ref in child_refs("Annex I Section A") + child_refs("Annex I Section B"):
        assert by_ref[ref].kind == "legislation"
        assert by_ref[ref].attributes["act"], ref
    # The reported move of machinery to Section B is unverified: kept in Section A and flagged.
    assert by_ref["Annex I Section A(1)"].attributes["verification"] == "unverified"


def test_application_dates_as_amended():
    dates = {entry.key: entry for entry in framework().dates}
    assert set(DATES) <= set(dates)
    for key, (expected, cites_amending_act) in DATES.items():
        entry = dates[key]
        assert entry.date == expected, key
        assert entry.source.strip(), key
        if cites_amending_act:
            assert AMENDING_ACT in entry.source, key
    assert all(entry.source.strip() for entry in dates.values())
    assert "Art. 5(1)(ba)" in dates["new-prohibitions-apply"].applies_to
    assert "Art. 50(2)" in dates["synthetic-content-marking-legacy"].applies_to
    assert "Annex III" in dates["high-risk-annex-iii-apply"].applies_to
    assert "Art. 27" in dates["high-risk-annex-iii-apply"].applies_to
    assert "Annex I" in dates["high-risk-annex-i-apply"].applies_to
    assert "Art. 6(1)" in dates["high-risk-annex-i-apply"].applies_to
    assert "Art. 4" in dates["prohibitions-and-ai-literacy-apply"].applies_to
    assert "Art. 53" in dates["gpai-governance-penalties-apply"].applies_to
    # The high-risk requirements no longer apply on the original 2 August 2026 date.
    assert "Art. 9" not in dates["general-application"].applies_to


def test_crosswalk_identity_and_size():
    document = crosswalk()
    assert document.key == "iso42001-2023--eu-ai-act-2024-1689"
    assert document.source_version == "iso42001:2023"
    assert document.target_version == f"{framework().framework.code}:{framework().version.version}"
    assert 30 <= len(document.mappings) <= 60
    assert all(len(mapping.rationale) <= 200 for mapping in document.mappings)


def test_crosswalk_refs_exist_on_both_sides():
    ai_act_refs = set(nodes())
    for mapping in crosswalk().mappings:
        assert mapping.target in ai_act_refs, mapping.target
        assert mapping.source in ISO42001_REFS, mapping.source


def test_crosswalk_covers_the_key_pairs():
    pairs = {(mapping.source, mapping.target) for mapping in crosswalk().mappings}
    expected = [
        ("6.1.2", "Art. 9"),
        ("8.2", "Art. 9"),
        ("A.7.4", "Art. 10"),
        ("A.6.2.7", "Art. 11"),
        ("A.6.2.8", "Art. 12"),
        ("A.8.2", "Art. 13"),
        ("A.9.2", "Art. 14"),
        ("A.6.2.4", "Art. 15"),
        ("4.4", "Art. 17"),
        ("6.1.4", "Art. 27"),
        ("8.4", "Art. 27"),
        ("A.8.4", "Art. 73"),
        ("9.1", "Art. 72"),
        ("7.2", "Art. 4"),
        ("7.3", "Art. 4"),
    ]
    for pair in expected:
        assert pair in pairs, pair
    assert any(target.startswith("Art. 26") for _source, target in pairs)


@pytest.mark.skipif(not ISO42001_FILE.exists(), reason="the ISO/IEC 42001 catalog file is not there yet")
def test_crosswalk_42001_refs_exist_in_the_42001_file():
    document, _checksum = parse_file(Path(ISO42001_FILE))
    refs = {node.ref for _path, node in walk(document.nodes)}
    for mapping in crosswalk().mappings:
        assert mapping.source in refs, mapping.source
