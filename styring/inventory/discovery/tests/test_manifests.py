"""Dependency-manifest scan: parsing each format, matching AI SDKs, and refusing bad input with ManifestError."""

from __future__ import annotations

import json
import re

import pytest

from styring.inventory.discovery import manifests
from styring.inventory.discovery.manifests import (
    MAX_BYTES,
    ManifestError,
    detect_manifest_type,
    parse_manifest,
    parse_requirement,
    scan_manifest,
)


def sdk_ids(result) -> list[str]:
    return [candidate.sdk_id for candidate in result.candidates]


def candidate(result, sdk_id):
    return next(found for found in result.candidates if found.sdk_id == sdk_id)


# --- File type detection ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("requirements.txt", "requirements"),
        ("Requirements.txt", "requirements"),
        ("requirements-dev.txt", "requirements"),
        ("dev-requirements.in", "requirements"),
        ("requirements/base.txt", "requirements"),
        ("services\\api\\requirements_prod.txt", "requirements"),
        ("pyproject.toml", "pyproject"),
        ("backend/pyproject.toml", "pyproject"),
        ("package.json", "package_json"),
        ("pom.xml", "pom"),
        ("my-lib-1.0.pom", "pom"),
        ("go.mod", "go_mod"),
    ],
)
def test_the_manifest_type_is_told_by_the_file_name(filename, expected):
    assert detect_manifest_type(filename) == expected


@pytest.mark.parametrize("filename", ["setup.py", "package-lock.json", "README.md", "go.sum", "notes.txt", "", "  "])
def test_an_unsupported_file_name_is_refused_with_a_clear_message(filename):
    with pytest.raises(ManifestError, match=r"supported|no file name"):
        scan_manifest(filename, b"openai\n")


def test_content_that_looks_like_another_format_is_still_read_by_its_name():
    # A JSON document uploaded as requirements.txt is read as a requirements file (and yields nothing useful).
    result = scan_manifest("requirements.txt", b'{"dependencies": {"openai": "^4"}}')
    assert result.candidates == []
    assert result.warnings


# --- requirements.txt -----------------------------------------------------------------------------------------------

REQUIREMENTS = b"""\
# Claims assistant backend
-r base.txt
--constraint constraints.txt
-i https://pypi.org/simple
--extra-index-url https://example.com/simple

openai>=1.30,<2  # chat completions
langchain-openai==0.1.8 ; python_version >= "3.10"
TorchVision==0.18.0
boto3==1.34.100
openai-whisper==20231117
anthropic[bedrock,vertex]>=0.30
numpy==1.26.4 \\
    --hash=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \\
    --hash=sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
transformers[torch] @ git+https://github.com/huggingface/transformers.git@v4.41.0 ; sys_platform == "linux"
git+https://github.com/chroma-core/chroma.git@0.5.0#egg=chromadb
https://files.example.com/packages/qdrant_client-1.9.0-py3-none-any.whl
-e ./libs/internal-tools
./vendor/some-package
"""


@pytest.fixture
def requirements_result():
    return scan_manifest("requirements.txt", REQUIREMENTS)


def test_requirements_file_finds_each_ai_sdk_once_in_order_of_appearance(requirements_result):
    assert sdk_ids(requirements_result) == [
        "openai",
        "langchain",
        "pytorch",
        "whisper",
        "anthropic",
        "google-vertex-ai",
        "aws-bedrock",
        "huggingface",
        "chroma",
        "qdrant",
    ]


def test_requirements_file_records_versions_and_line_numbers(requirements_result):
    openai = candidate(requirements_result, "openai")
    assert [(match.name, match.version, match.line) for match in openai.packages] == [
        ("openai", ">=1.30,<2", 7),
        ("langchain-openai", "==0.1.8", 8),
    ]
    assert openai.line == 7
    assert openai.manifest == "requirements.txt"


def test_requirements_names_are_normalised_so_torchvision_counts_under_pytorch(requirements_result):
    pytorch = candidate(requirements_result, "pytorch")
    assert [(match.name, match.line, match.pattern) for match in pytorch.packages] == [
        ("TorchVision", 9, "torchvision")
    ]


def test_openai_whisper_is_not_the_openai_api(requirements_result):
    openai_packages = [match.name for match in candidate(requirements_result, "openai").packages]
    assert "openai-whisper" not in openai_packages
    assert candidate(requirements_result, "whisper").packages[0].name == "openai-whisper"


def test_boto3_alone_does_not_create_a_bedrock_candidate():
    result = scan_manifest("requirements.txt", b"boto3==1.34\nbotocore\naioboto3\n")
    assert result.candidates == []
    assert len(result.dependencies) == 3


def test_extras_are_read_and_can_identify_a_service(requirements_result):
    bedrock = candidate(requirements_result, "aws-bedrock")
    assert [(match.name, match.pattern) for match in bedrock.packages] == [("anthropic", "anthropic[bedrock]")]
    dependency = next(dep for dep in requirements_result.dependencies if dep.name == "anthropic")
    assert dependency.extras == ("bedrock", "vertex")


def test_environment_markers_are_kept_but_not_evaluated(requirements_result):
    dependency = next(dep for dep in requirements_result.dependencies if dep.name == "langchain-openai")
    assert dependency.marker == 'python_version >= "3.10"'
    direct = next(dep for dep in requirements_result.dependencies if dep.name == "transformers")
    assert direct.marker == 'sys_platform == "linux"'
    assert direct.extras == ("torch",)
    assert direct.version.startswith("@ git+https://github.com/huggingface/transformers.git")


def test_hashes_and_continuation_lines_belong_to_the_requirement_that_starts_them(requirements_result):
    numpy = next(dep for dep in requirements_result.dependencies if dep.name == "numpy")
    assert (numpy.version, numpy.line) == ("==1.26.4", 13)


def test_vcs_and_url_lines_take_the_name_from_egg_or_wheel_file_name(requirements_result):
    chroma = candidate(requirements_result, "chroma").packages[0]
    assert (chroma.name, chroma.line) == ("chromadb", 17)
    qdrant = candidate(requirements_result, "qdrant").packages[0]
    assert (qdrant.name, qdrant.line) == ("qdrant_client", 18)


def test_included_files_are_ignored_with_a_warning_and_local_paths_are_reported(requirements_result):
    warnings = "\n".join(requirements_result.warnings)
    assert "line 2" in warnings and "base.txt" in warnings
    assert "line 3" in warnings and "constraints.txt" in warnings
    assert "./libs/internal-tools" in warnings
    assert "./vendor/some-package" in warnings
    assert "index-url" not in warnings  # index options are harmless and ignored silently


def test_invalid_requirement_lines_are_skipped_with_a_warning_naming_the_line():
    result = scan_manifest("requirements.txt", b"openai\n!!!nonsense\npandas[unclosed\n--weird-option x\n")
    assert sdk_ids(result) == ["openai"]
    assert any(warning.startswith("line 2:") for warning in result.warnings)
    assert any(warning.startswith("line 3:") for warning in result.warnings)
    assert any("--weird-option" in warning for warning in result.warnings)


def test_a_dev_requirements_file_marks_its_candidates_as_dev_only():
    result = scan_manifest("requirements-dev.txt", b"wandb\n")
    assert candidate(result, "wandb").dev_only
    assert "development or test" in candidate(result, "wandb").suggested_purpose


@pytest.mark.parametrize(
    ("text", "name", "extras", "version", "marker"),
    [
        ("openai", "openai", (), "", ""),
        ("openai >= 1.0", "openai", (), ">= 1.0", ""),
        ("openai (>=1.0, <2)", "openai", (), ">=1.0, <2", ""),
        (
            "Open_AI.Client[a, b]~=1.2;python_version<'3.12'",
            "Open_AI.Client",
            ("a", "b"),
            "~=1.2",
            "python_version<'3.12'",
        ),
        (
            "pkg @ https://x.example/pkg.zip ; os_name == 'nt'",
            "pkg",
            (),
            "@ https://x.example/pkg.zip",
            "os_name == 'nt'",
        ),
    ],
)
def test_pep_508_requirements_are_split_into_their_parts(text, name, extras, version, marker):
    requirement = parse_requirement(text)
    assert (requirement.name, requirement.extras, requirement.version, requirement.marker) == (
        name,
        extras,
        version,
        marker,
    )


# --- pyproject.toml -------------------------------------------------------------------------------------------------

PYPROJECT_PEP621 = b"""\
[build-system]
requires = ["setuptools>=69", "torch"]

[project]
name = "claims-bot"
version = "1.0.0"
dependencies = [
    "anthropic>=0.30",
    "llama-index-core>=0.10",
    "scikit-learn>=1.4 ; python_version >= '3.10'",
    "requests",
]

[project.optional-dependencies]
gpu = ["vllm>=0.5"]
dev = ["pytest", "mlflow"]

[dependency-groups]
test = ["pytest", {include-group = "lint"}]
lint = ["ruff", "qdrant-client"]
"""


def test_pyproject_pep_621_dependencies_optional_dependencies_and_groups_are_read():
    result = scan_manifest("pyproject.toml", PYPROJECT_PEP621)
    assert result.project_name == "claims-bot"
    assert sdk_ids(result) == ["anthropic", "llamaindex", "scikit-learn", "vllm", "mlflow", "qdrant"]
    assert candidate(result, "anthropic").packages[0].line == 8
    assert candidate(result, "scikit-learn").packages[0].line == 10
    vllm = candidate(result, "vllm")
    assert (vllm.packages[0].section, vllm.packages[0].line, vllm.dev_only) == (
        "project.optional-dependencies.gpu",
        15,
        False,
    )
    assert candidate(result, "mlflow").dev_only
    assert candidate(result, "qdrant").packages[0].section == "dependency-groups.lint"
    assert not result.warnings


def test_build_requirements_are_not_counted_as_dependencies():
    result = scan_manifest("pyproject.toml", PYPROJECT_PEP621)
    assert "pytorch" not in sdk_ids(result)


def test_suggestions_name_the_project():
    result = scan_manifest("pyproject.toml", PYPROJECT_PEP621)
    anthropic = candidate(result, "anthropic")
    assert anthropic.suggested_name == "claims-bot (Anthropic Claude API)"
    assert "claims-bot" in anthropic.suggested_purpose and "Anthropic" in anthropic.suggested_purpose
    assert anthropic.suggested_sourcing == "in_house"
    assert anthropic.suggested_supplier == "Anthropic"
    assert anthropic.suggested_iso_roles == ("producer", "customer")
    assert anthropic.suggested_ai_act_roles == ("provider", "deployer")
    assert candidate(result, "scikit-learn").suggested_supplier == ""


PYPROJECT_POETRY = b"""\
[tool.poetry]
name = "forecasting"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.11"
xgboost = "^2.0"
google-cloud-aiplatform = { version = "^1.50", extras = ["langchain"] }
lightgbm = [
    { version = "^4.0", python = "<3.12" },
    { version = "^4.3", python = ">=3.12" },
]
my-lib = { path = "../my-lib", develop = true }

[tool.poetry.group.dev.dependencies]
wandb = "^0.17"

[tool.poetry.group.ml.dependencies]
catboost = { git = "https://github.com/catboost/catboost.git" }
"""


def test_pyproject_poetry_dependencies_and_groups_are_read():
    result = scan_manifest("pyproject.toml", PYPROJECT_POETRY)
    assert result.project_name == "forecasting"
    assert sdk_ids(result) == ["xgboost", "google-vertex-ai", "lightgbm", "wandb", "catboost"]
    assert "python" not in [dep.name for dep in result.dependencies]
    vertex = candidate(result, "google-vertex-ai").packages[0]
    assert (vertex.version, vertex.line) == ("^1.50", 8)
    lightgbm = candidate(result, "lightgbm").packages[0]
    assert lightgbm.version == "^4.0 | ^4.3"
    assert candidate(result, "wandb").dev_only
    catboost = candidate(result, "catboost").packages[0]
    assert catboost.version.startswith("git: ")
    assert (catboost.section, catboost.line, candidate(result, "catboost").dev_only) == (
        "tool.poetry.group.ml.dependencies",
        19,
        False,
    )


def test_dynamic_dependencies_give_a_warning():
    result = scan_manifest("pyproject.toml", b'[project]\nname = "x"\ndynamic = ["dependencies"]\n')
    assert result.candidates == []
    assert any("dynamic" in warning for warning in result.warnings)


def test_wrongly_typed_pyproject_sections_are_skipped_with_warnings():
    text = b'[project]\ndependencies = "openai"\noptional-dependencies = 3\n[tool.poetry]\ndependencies = [1]\n'
    result = scan_manifest("pyproject.toml", text)
    assert result.candidates == []
    assert len(result.warnings) == 3


def test_bad_toml_is_refused_with_the_position():
    with pytest.raises(ManifestError, match=r"pyproject.toml: is not valid TOML: .*line 3"):
        scan_manifest("pyproject.toml", b'[project]\nname = "x"\nname = "y"\n')
    with pytest.raises(ManifestError, match=r"pyproject.toml: is not valid TOML"):
        scan_manifest("pyproject.toml", b'[project]\ndependencies = ["openai"\n')


# --- package.json ---------------------------------------------------------------------------------------------------

PACKAGE_JSON = b"""\
{
  "name": "support-widget",
  "version": "2.1.0",
  "dependencies": {
    "@langchain/openai": "^0.2.0",
    "react": "^18.3.1",
    "ai": "^3.2.0",
    "groq": "^3.0.0",
    "bedrock": "npm:@aws-sdk/client-bedrock-runtime@^3.600.0"
  },
  "devDependencies": {
    "@huggingface/inference": "^2.7.0",
    "@tensorflow/tfjs-node": "4.20.0"
  },
  "peerDependencies": {
    "openai": ">=4"
  }
}
"""


def test_package_json_dependency_sections_scopes_and_aliases_are_read():
    result = scan_manifest("package.json", PACKAGE_JSON)
    assert result.project_name == "support-widget"
    assert sdk_ids(result) == ["openai", "langchain", "vercel-ai-sdk", "aws-bedrock", "huggingface", "tensorflow"]
    openai = candidate(result, "openai")
    assert [(match.name, match.version, match.line, match.section) for match in openai.packages] == [
        ("@langchain/openai", "^0.2.0", 5, "dependencies"),
        ("openai", ">=4", 16, "peerDependencies"),
    ]
    bedrock = candidate(result, "aws-bedrock").packages[0]
    assert (bedrock.name, bedrock.version, bedrock.line) == ("@aws-sdk/client-bedrock-runtime", "^3.600.0", 9)
    assert candidate(result, "huggingface").dev_only
    assert not candidate(result, "openai").dev_only


def test_the_npm_package_groq_is_not_the_groq_api():
    result = scan_manifest("package.json", PACKAGE_JSON)
    assert "groq" not in sdk_ids(result)
    assert "groq" in sdk_ids(scan_manifest("package.json", b'{"dependencies": {"groq-sdk": "^0.5"}}'))


def test_generic_aws_sdk_packages_do_not_create_a_bedrock_candidate():
    result = scan_manifest("package.json", b'{"dependencies": {"@aws-sdk/client-s3": "^3", "aws-sdk": "^2"}}')
    assert result.candidates == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"dependencies": {"openai": "^4",}}', "is not valid JSON"),
        (b"", "is not valid JSON"),
        (b'["openai"]', "top level must be a JSON object"),
    ],
)
def test_bad_package_json_is_refused(content, reason):
    with pytest.raises(ManifestError, match=reason):
        scan_manifest("package.json", content)


def test_wrongly_typed_package_json_entries_are_skipped_with_warnings():
    content = json.dumps({"dependencies": ["openai"], "devDependencies": {"openai": 4, "Not A Name!": "1"}})
    result = scan_manifest("package.json", content.encode())
    assert sdk_ids(result) == ["openai"]
    assert len(result.warnings) == 3


# --- pom.xml --------------------------------------------------------------------------------------------------------

POM = b"""\
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>claims-service</artifactId>
  <version>1.4.0</version>
  <properties>
    <spring-ai.version>1.0.0</spring-ai.version>
    <djl.version>0.28.0</djl.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.springframework.ai</groupId>
        <artifactId>spring-ai-bom</artifactId>
        <version>${spring-ai.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.springframework.ai</groupId>
      <artifactId>spring-ai-starter-model-openai</artifactId>
    </dependency>
    <!-- <dependency><groupId>com.anthropic</groupId><artifactId>anthropic-java</artifactId></dependency> -->
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>bedrockruntime</artifactId>
      <version>2.25.60</version>
    </dependency>
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>s3</artifactId>
      <version>2.25.60</version>
    </dependency>
    <dependency>
      <groupId>ai.djl.pytorch</groupId>
      <artifactId>pytorch-engine</artifactId>
      <version>${djl.version}</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
"""


def test_pom_dependencies_are_read_with_namespaces_properties_and_lines():
    result = scan_manifest("pom.xml", POM)
    assert result.project_name == "claims-service"
    assert sdk_ids(result) == ["spring-ai", "openai", "aws-bedrock", "djl"]
    spring = candidate(result, "spring-ai")
    assert [(match.name, match.version, match.line, match.section) for match in spring.packages] == [
        ("org.springframework.ai:spring-ai-bom", "1.0.0", 14, "dependencyManagement (scope import)"),
        ("org.springframework.ai:spring-ai-starter-model-openai", "", 24, "dependencies"),
    ]
    bedrock = candidate(result, "aws-bedrock").packages[0]
    assert (bedrock.name, bedrock.version, bedrock.line) == ("software.amazon.awssdk:bedrockruntime", "2.25.60", 29)
    djl = candidate(result, "djl")
    assert (djl.packages[0].version, djl.dev_only) == ("0.28.0", True)
    assert "anthropic" not in sdk_ids(result)  # commented out


def test_a_pom_without_namespace_is_read_too():
    pom = b"<project><dependencies><dependency><groupId>ai.catboost</groupId><artifactId>catboost-prediction"
    pom += b"</artifactId></dependency></dependencies></project>"
    assert sdk_ids(scan_manifest("pom.xml", pom)) == ["catboost"]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<project><name>&lol3;</name></project>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<project><name>&xxe;</name></project>
"""


@pytest.mark.parametrize(
    "content",
    [
        BILLION_LAUGHS,
        XXE,
        b'<!DOCTYPE project SYSTEM "http://example.com/evil.dtd"><project/>',
        b"<!doctype project><project/>",
        b"<project><!-- <!ENTITY x 'y'> --></project>",
    ],
)
def test_xml_with_doctype_or_entity_declarations_is_refused(content):
    with pytest.raises(ManifestError, match=r"pom\.xml: contains a DOCTYPE or ENTITY declaration"):
        scan_manifest("pom.xml", content)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(BILLION_LAUGHS, "a DOCTYPE declaration"), (XXE, "a DOCTYPE declaration")],
)
def test_the_xml_parser_itself_refuses_dtds_when_the_text_check_is_bypassed(monkeypatch, content, reason):
    # Defence in depth: the expat handlers refuse DTDs even if the text check before parsing missed one.
    monkeypatch.setattr(manifests, "_DTD_DECLARATION", re.compile(r"(?!)"))
    with pytest.raises(ManifestError, match=rf"contains {reason}, which is refused for safety"):
        scan_manifest("pom.xml", content)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<project><dependencies></project>", "not well-formed XML"),
        (b"", "not well-formed XML"),
        (b"<project>&undefined;</project>", "not well-formed XML"),
        (b"<settings><dependency/></settings>", "root element is <settings>"),
    ],
)
def test_malformed_pom_is_refused(content, reason):
    with pytest.raises(ManifestError, match=reason):
        scan_manifest("pom.xml", content)


def test_pom_dependency_without_coordinates_is_skipped_with_a_warning():
    pom = b"<project>\n<dependencies>\n<dependency><artifactId>x</artifactId></dependency>\n</dependencies></project>"
    result = scan_manifest("pom.xml", pom)
    assert result.dependencies == []
    assert result.warnings == ["line 3: a <dependency> without groupId or artifactId was skipped."]


# --- go.mod ---------------------------------------------------------------------------------------------------------

GO_MOD = b"""\
module github.com/example/assistant

go 1.22

toolchain go1.22.3

require (
\tgithub.com/sashabaranov/go-openai v1.26.0
\tgithub.com/aws/aws-sdk-go-v2 v1.30.0
\tgithub.com/aws/aws-sdk-go-v2/service/bedrockruntime v1.9.0 // indirect
\tgithub.com/weaviate/weaviate-go-client/v4 v4.14.0
)

require cloud.google.com/go/vertexai v0.12.0

replace github.com/sashabaranov/go-openai => ../go-openai
"""


def test_go_mod_require_blocks_and_single_lines_are_read():
    result = scan_manifest("go.mod", GO_MOD)
    assert result.project_name == "github.com/example/assistant"
    assert sdk_ids(result) == ["openai", "aws-bedrock", "weaviate", "google-vertex-ai"]
    assert [(dep.name, dep.line) for dep in result.dependencies][:2] == [
        ("github.com/sashabaranov/go-openai", 8),
        ("github.com/aws/aws-sdk-go-v2", 9),
    ]
    bedrock = candidate(result, "aws-bedrock").packages[0]
    assert (bedrock.version, bedrock.section) == ("v1.9.0", "require (indirect)")
    assert candidate(result, "weaviate").packages[0].name == "github.com/weaviate/weaviate-go-client/v4"
    assert candidate(result, "google-vertex-ai").line == 14
    assert not result.warnings


def test_go_mod_problems_become_warnings():
    result = scan_manifest("go.mod", b"module x\nfrobnicate y\nrequire (\n  only-a-path\n")
    assert result.dependencies == []
    assert any("line 2: unknown directive 'frobnicate'" in warning for warning in result.warnings)
    assert any("line 4" in warning for warning in result.warnings)
    assert any("not closed" in warning for warning in result.warnings)


# --- Limits and encodings -------------------------------------------------------------------------------------------


def test_a_file_over_two_megabytes_is_refused():
    content = b"openai\n" + b"# padding\n" * (MAX_BYTES // 10)
    assert len(content) > MAX_BYTES
    with pytest.raises(ManifestError, match=r"requirements.txt: is too large \(2.0 MB\); the limit is 2 MB"):
        scan_manifest("requirements.txt", content)


def test_a_file_of_exactly_two_megabytes_is_read():
    content = b"openai\n" + b"#" * (MAX_BYTES - 8) + b"\n"
    assert len(content) == MAX_BYTES
    assert sdk_ids(scan_manifest("requirements.txt", content)) == ["openai"]


def test_non_utf8_content_is_refused_naming_the_file():
    with pytest.raises(ManifestError, match=r"package\.json: is not UTF-8"):
        scan_manifest("package.json", '{"name": "café"}'.encode("latin-1"))


def test_binary_content_is_refused():
    with pytest.raises(ManifestError, match="binary"):
        scan_manifest("go.mod", b"\x7fELF\x02\x01\x01\x00\x00\x00")


def test_a_utf8_byte_order_mark_and_windows_line_endings_are_accepted():
    result = scan_manifest("requirements.txt", b"\xef\xbb\xbfnumpy\r\nopenai\r\n")
    assert candidate(result, "openai").line == 2


def test_manifest_error_is_a_value_error_with_file_and_reason():
    with pytest.raises(ValueError) as caught:
        scan_manifest("package.json", b"nope")
    assert isinstance(caught.value, ManifestError)
    assert caught.value.filename == "package.json"
    assert caught.value.reason.startswith("is not valid JSON")


def test_control_characters_in_the_file_name_are_not_echoed():
    with pytest.raises(ManifestError) as caught:
        scan_manifest("evil\x1b[31m.exe", b"")
    assert "\x1b" not in str(caught.value)


def test_warnings_are_capped():
    result = scan_manifest("requirements.txt", b"!bad\n" * 500)
    assert len(result.warnings) == 51
    assert result.warnings[-1] == "450 more warnings not shown."


def test_parse_manifest_returns_dependencies_without_matching():
    parsed = parse_manifest("requirements.txt", b"openai\nrequests\n")
    assert [dep.name for dep in parsed.dependencies] == ["openai", "requests"]


def test_results_serialise_to_json():
    result = scan_manifest("package.json", PACKAGE_JSON)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["dependency_count"] == 8
    first = data["candidates"][0]
    assert first["source"] == "manifest"
    assert first["key"] == "openai"
    assert first["packages"][0]["name"] == "@langchain/openai"
    assert first["suggested_ai_act_roles"] == ["provider", "deployer"]
