"""The catalog loader: idempotent, adds versions beside old ones, refuses bad files whole."""

import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styring.catalog.loader import CatalogError, parse_file, sync_catalog
from styring.catalog.models import Crosswalk, FrameworkVersion, Mapping, RegulatoryDate, Requirement

FRAMEWORK = """\
schema: 1
type: framework
framework: {{code: demo-std, name: Demo standard, kind: standard}}
version: {{version: "{version}", title: Demo, source: test}}
nodes:
  - ref: "1"
    kind: clause
    title: {title}
    translations: {{nb: {{title: Første}}}}
    children:
      - ref: "1.1"
        kind: clause
        title: Leaf one
        documented_information: true
      - ref: "1.2"
        kind: clause
        title: Leaf two
{extra}
dates:
  - key: starts
    date: 2026-08-02
    title: Applies
    applies_to: ["1.1"]
    source: test source
"""

CROSSWALK = """\
schema: 1
type: crosswalk
key: demo-std-1--demo-std-2
title: Demo versions
source: test
from: demo-std:1
to: demo-std:2
mappings:
  - {from: "1.1", to: "1.1", relationship: equal, rationale: Same thing}
  - {from: "1.2", to: "1.3", relationship: subset, rationale: Narrower}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def framework(version="1", title="First", extra=""):
    return FRAMEWORK.format(version=version, title=title, extra=textwrap.indent(extra, "      "))


@pytest.fixture
def data_dir(tmp_path, db):
    write(tmp_path, "frameworks/demo-1.yaml", framework())
    return tmp_path


def test_a_framework_file_loads_its_tree_dates_and_translations(data_dir):
    report = sync_catalog(data_dir)
    assert report.loaded == ["demo-1.yaml"] and report.ok
    leaf = Requirement.objects.get(key="demo-std:1:1.1")
    assert leaf.parent.key == "demo-std:1:1" and leaf.depth == 1
    assert leaf.assessable and leaf.documented_information
    assert not Requirement.objects.get(key="demo-std:1:1").assessable  # parents are not gap-analysis rows
    assert Requirement.objects.get(key="demo-std:1:1").translations == {"nb": {"title": "Første"}}
    assert RegulatoryDate.objects.get(version__key="demo-std:1").applies_to == ["1.1"]


def test_loading_twice_changes_nothing_the_second_time(data_dir):
    sync_catalog(data_dir)
    first = list(Requirement.objects.values_list("id", "key", "title"))
    report = sync_catalog(data_dir)
    assert report.unchanged == ["demo-1.yaml"] and not report.loaded and not report.updated
    assert list(Requirement.objects.values_list("id", "key", "title")) == first


def test_a_corrected_file_updates_texts_in_place_keeping_row_identity(data_dir):
    sync_catalog(data_dir)
    before = Requirement.objects.get(key="demo-std:1:1").pk
    write(data_dir, "frameworks/demo-1.yaml", framework(title="First, clarified"))
    report = sync_catalog(data_dir)
    assert report.updated == ["demo-1.yaml"]
    node = Requirement.objects.get(key="demo-std:1:1")
    assert node.pk == before and node.title == "First, clarified"


def test_a_new_version_is_loaded_beside_the_old_one(data_dir):
    sync_catalog(data_dir)
    extra = '- ref: "1.3"\n  kind: clause\n  title: Leaf three\n'
    write(data_dir, "frameworks/demo-2.yaml", framework(version="2", extra=extra))
    sync_catalog(data_dir)
    keys = set(FrameworkVersion.objects.filter(framework__code="demo-std").values_list("key", flat=True))
    assert keys == {"demo-std:1", "demo-std:2"}
    assert Requirement.objects.filter(version__key="demo-std:1").count() == 3
    assert Requirement.objects.filter(version__key="demo-std:2").count() == 4


def test_removing_a_requirement_from_a_loaded_version_is_refused(data_dir):
    sync_catalog(data_dir)
    text = framework().replace('      - ref: "1.2"\n        kind: clause\n        title: Leaf two\n', "")
    write(data_dir, "frameworks/demo-1.yaml", text)
    report = sync_catalog(data_dir)
    assert "demo-std:1:1.2" in str(report.errors[0]) and "new version" in str(report.errors[0])
    assert Requirement.objects.filter(key="demo-std:1:1.2").exists()


def test_a_crosswalk_links_both_versions(data_dir):
    extra = '- ref: "1.3"\n  kind: clause\n  title: Leaf three\n'
    write(data_dir, "frameworks/demo-2.yaml", framework(version="2", extra=extra))
    write(data_dir, "crosswalks/demo.yaml", CROSSWALK)
    report = sync_catalog(data_dir)
    assert report.ok, report.errors
    assert Crosswalk.objects.get(key="demo-std-1--demo-std-2").mappings.count() == 2
    mapping = Mapping.objects.get(crosswalk__key="demo-std-1--demo-std-2", relationship="subset")
    assert (mapping.source.key, mapping.target.key) == ("demo-std:1:1.2", "demo-std:2:1.3")


@pytest.mark.parametrize(
    ("text", "path", "reason"),
    [
        ("schema: 1\ntype: framework\n: : :\n", "line", "not valid YAML"),
        ("- just\n- a list\n", "(document)", "mapping at the top level"),
        (framework().replace('ref: "1.1"', "ref: 1.1"), "nodes[0].children[0].ref", "valid string"),
        (
            framework().replace("kind: clause\n    title: First", "kind: chapterette\n    title: First"),
            "nodes[0].kind",
            "Input should be",
        ),
        (framework().replace('ref: "1.2"', 'ref: "1.1"'), "(document)", "duplicate ref '1.1'"),
        (
            framework().replace("    translations:", "    colour: blue\n    translations:"),
            "nodes[0].colour",
            "Extra inputs",
        ),
        (framework().replace('applies_to: ["1.1"]', 'applies_to: ["9.9"]'), "(document)", "unknown ref '9.9'"),
        (framework().replace("title: Demo,", f"title: {'x' * 301},"), "version.title", "at most 300"),
    ],
)
def test_a_malformed_file_is_refused_whole_with_file_path_and_reason(tmp_path, db, text, path, reason):
    bad = write(tmp_path, "frameworks/bad.yaml", text)
    with pytest.raises(CatalogError) as error:
        parse_file(bad)
    assert error.value.file_name == "bad.yaml"
    assert error.value.path.startswith(path)
    assert reason in error.value.reason
    assert not sync_catalog(tmp_path).ok
    assert not FrameworkVersion.objects.filter(framework__code="demo-std").exists()
    assert not Requirement.objects.filter(key__startswith="demo-std:").exists()


def test_a_crosswalk_to_an_unknown_requirement_loads_nothing(data_dir):
    extra = '- ref: "1.3"\n  kind: clause\n  title: Leaf three\n'
    write(data_dir, "frameworks/demo-2.yaml", framework(version="2", extra=extra))
    write(data_dir, "crosswalks/demo.yaml", CROSSWALK.replace('to: "1.3"', 'to: "7.7"'))
    report = sync_catalog(data_dir)
    assert str(report.errors[0]) == "demo.yaml: mappings[1].to: no requirement '7.7' in demo-std:2"
    assert not Crosswalk.objects.filter(key="demo-std-1--demo-std-2").exists()
    assert not Mapping.objects.filter(source__key__startswith="demo-std:").exists()


def test_the_command_reports_and_fails_on_a_refused_file(data_dir, capsys):
    write(data_dir, "frameworks/zz-bad.yaml", "type: framework\n")
    with pytest.raises(CommandError):
        call_command("sync_catalog", "--data-dir", str(data_dir))
    captured = capsys.readouterr()
    assert "loaded: demo-1.yaml" in captured.out
    assert "refused: zz-bad.yaml" in captured.err


def test_migrate_loads_the_shipped_catalog(db):
    """The test database was migrated, so every shipped data file is already loaded and nothing was refused."""
    from styring.catalog.loader import data_files

    frameworks, crosswalks = data_files()
    assert FrameworkVersion.objects.count() == len(frameworks)
    assert Crosswalk.objects.count() == len(crosswalks)
    report = sync_catalog()
    assert report.ok, report.errors
    assert not report.loaded and not report.updated  # already loaded by migrate: nothing to do
