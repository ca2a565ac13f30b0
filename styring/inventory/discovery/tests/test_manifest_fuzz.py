"""Property-based tests: whatever the input, scan_manifest returns a result or raises ManifestError, nothing else.

The parser has a last-resort handler that turns an unforeseen exception into a ManifestError ("unexpected parser
error"); these tests fail if that handler is ever reached, so a real bug cannot hide behind it.

For a longer run: STYRING_FUZZ_EXAMPLES=5000 pytest styring/inventory/discovery/tests/test_manifest_fuzz.py
"""

from __future__ import annotations

import json
import os
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styring.inventory.discovery.manifests import ManifestError, scan_manifest

FILENAMES = ["requirements.txt", "pyproject.toml", "package.json", "pom.xml", "go.mod"]
FUZZ = settings(
    max_examples=int(os.environ.get("STYRING_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def scan_or_refuse(filename, content):
    try:
        result = scan_manifest(filename, content)
    except ManifestError as exc:
        assert "unexpected parser error" not in exc.reason, exc.reason
        assert str(exc) == f"{exc.filename}: {exc.reason}"
        return None
    json.dumps(result.to_dict())  # everything in a result is plain data
    for candidate in result.candidates:
        assert candidate.packages
        assert candidate.suggested_name and candidate.suggested_purpose
    return result


@FUZZ
@given(filename=st.sampled_from(FILENAMES), content=st.binary(max_size=2000))
def test_random_bytes_never_crash_the_parser(filename, content):
    scan_or_refuse(filename, content)


@FUZZ
@given(filename=st.sampled_from(FILENAMES), content=st.text(max_size=2000))
def test_random_text_never_crashes_the_parser(filename, content):
    scan_or_refuse(filename, content.encode("utf-8", "surrogatepass"))


@FUZZ
@given(filename=st.text(max_size=80), content=st.binary(max_size=50))
def test_random_file_names_never_crash_the_parser(filename, content):
    scan_or_refuse(filename, content)


# Text built from the pieces manifests are made of reaches much deeper into the parsers than random characters.
PIECES = [
    *"abcAZ019-_.[]()<>=!~;@#:/\\ \t\n\r'\"*,+${}`",
    "openai", "langchain-", "anthropic[bedrock]", "torch", "-r ", "-e ", "-c", "--hash=sha256:", " --index-url ",
    "git+https://x.example/r.git", "#egg=", "@ ", "; python_version < '3'", "==1.0", ">=", "\\\n", "\n",
    "module ", "require ", "require (", ")", "// indirect", " v1.2.3", "github.com/openai/openai-go",
    "github.com/aws/aws-sdk-go-v2/service/bedrockruntime", "replace ", "=>",
]  # fmt: skip
line_text = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@FUZZ
@given(filename=st.sampled_from(["requirements.txt", "go.mod"]), text=line_text)
def test_line_based_manifests_built_from_typical_pieces_never_crash(filename, text):
    scan_or_refuse(filename, text.encode())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
npm_keys = st.sampled_from(
    ["name", "dependencies", "devDependencies", "peerDependencies", "optionalDependencies", "version"]
)
npm_dependency_maps = st.dictionaries(
    st.sampled_from(["openai", "@langchain/openai", "ai", "bad name", "@scope/", "x"]) | st.text(max_size=15),
    st.text(max_size=30) | st.sampled_from(["npm:openai@^4", "npm:", "npm:@a/b", "^1.0"]) | json_values,
    max_size=5,
)


@FUZZ
@given(document=st.dictionaries(npm_keys, npm_dependency_maps | json_values, max_size=6))
def test_package_json_of_any_shape_never_crashes(document):
    scan_or_refuse("package.json", json.dumps(document, indent=2).encode())


@FUZZ
@given(document=json_values)
def test_any_json_value_as_package_json_never_crashes(document):
    scan_or_refuse("package.json", json.dumps(document).encode())


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if value == value and abs(value) != float("inf") else "0.0"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value if item is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)} = {toml_value(item)}" for key, item in value.items()) + "}"
    return '""'


toml_tables = st.sampled_from(
    [
        "project",
        "project.optional-dependencies",
        "dependency-groups",
        "tool.poetry",
        "tool.poetry.dependencies",
        "tool.poetry.dev-dependencies",
        "tool.poetry.group.dev.dependencies",
        "tool.poetry.group",
        "tool.uv",
        "tool.pdm.dev-dependencies",
        "tool",
    ]
)
toml_keys = st.sampled_from(
    ["name", "dependencies", "optional-dependencies", "dynamic", "dev-dependencies", "group", "python", "openai", "ml"]
)
toml_values = (
    st.lists(st.sampled_from(["openai>=1", "torch", "bad req!", "anthropic[bedrock]", ""]) | json_values, max_size=4)
    | st.dictionaries(st.sampled_from(["version", "extras", "git", "path", "optional"]), json_values, max_size=3)
    | json_values
)


@FUZZ
@given(tables=st.lists(st.tuples(toml_tables, st.dictionaries(toml_keys, toml_values, max_size=4)), max_size=4))
def test_pyproject_of_any_shape_never_crashes(tables):
    lines = []
    for table, body in tables:
        lines.append(f"[{table}]")
        lines += [f"{json.dumps(key)} = {toml_value(value)}" for key, value in body.items() if value is not None]
    scan_or_refuse("pyproject.toml", "\n".join(lines).encode("utf-8", "surrogatepass"))


xml_text = st.text(max_size=20) | st.sampled_from(["${v}", "${a}${b}", "org.tensorflow", "test", "ai.djl.*"])
xml_tags = st.sampled_from(
    ["project", "dependencies", "dependency", "groupId", "artifactId", "version", "scope", "properties", "v", "x:y"]
)
xml_trees = st.recursive(
    st.tuples(xml_tags, xml_text),
    lambda children: st.tuples(xml_tags, st.lists(children, max_size=4)),
    max_leaves=25,
)


def render(tree) -> str:
    tag, content = tree
    inner = escape(content) if isinstance(content, str) else "".join(render(child) for child in content)
    return f"<{tag}>{inner}</{tag}>"


@FUZZ
@given(body=st.lists(xml_trees, max_size=5), namespace=st.booleans())
def test_pom_of_any_shape_never_crashes(body, namespace):
    attributes = ' xmlns="http://maven.apache.org/POM/4.0.0"' if namespace else ""
    document = f"<?xml version='1.0'?>\n<project{attributes}>{''.join(map(render, body))}</project>"
    scan_or_refuse("pom.xml", document.encode("utf-8", "surrogatepass"))


def test_deeply_nested_documents_are_refused_cleanly():
    for filename, content in [
        ("package.json", b"[" * 100_000),
        ("pyproject.toml", b"a = " + b"[" * 100_000),
        ("pom.xml", b"<project>" + b"<x>" * 50_000 + b"</x>" * 50_000 + b"</project>"),
    ]:
        scan_or_refuse(filename, content)
