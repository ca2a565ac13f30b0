"""The AI SDK data file: validation at load, package-identifier grammar, overlaps and matching."""

from __future__ import annotations

import textwrap
from typing import get_args

import pytest

from styring.inventory.discovery.datafiles import DataFileError, parse_model
from styring.inventory.discovery.sdk_catalog import (
    ECOSYSTEMS,
    SdkCatalog,
    SdkCatalogFile,
    Sourcing,
    compile_pattern,
    find_overlaps,
    load_sdk_catalog,
    normalize_pypi,
)

REQUIRED_SDKS = [
    "openai", "anthropic", "azure-openai", "google-vertex-ai", "aws-bedrock", "huggingface", "langchain", "llamaindex",
    "pytorch", "tensorflow", "jax", "scikit-learn", "xgboost", "lightgbm", "catboost", "spacy", "cohere", "mistral",
    "ollama", "vllm", "semantic-kernel", "spring-ai", "langchain4j", "djl", "onnx-runtime", "mlflow", "wandb",
    "pinecone", "weaviate", "chroma", "qdrant", "opencv", "replicate", "together", "groq",
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> SdkCatalog:
    return load_sdk_catalog()


def matched(catalog, ecosystem, name, extras=()) -> list[str]:
    return [found.sdk.id for found in catalog.match(ecosystem, name, extras)]


def test_the_shipped_file_loads_and_covers_the_required_sdks(catalog):
    ids = [entry.id for entry in catalog.entries]
    assert len(ids) == len(set(ids)) >= 45
    assert set(REQUIRED_SDKS) <= set(ids)


def test_the_catalog_is_read_once_per_process():
    assert load_sdk_catalog() is load_sdk_catalog()


def test_every_package_identifier_parses(catalog):
    count = 0
    for entry in catalog.entries:
        for ecosystem in ECOSYSTEMS:
            for text in getattr(entry.packages, ecosystem):
                assert compile_pattern(ecosystem, text).text == text
                count += 1
    assert count > 250


def test_every_overlap_between_entries_is_declared_and_every_declaration_is_real(catalog):
    overlaps = set(find_overlaps(list(catalog.entries)))
    declared = {frozenset((entry.id, other)) for entry in catalog.entries for other in entry.overlaps}
    assert overlaps == declared
    # Overlaps are integrations (langchain-openai is LangChain and OpenAI); two hosted model APIs never share a package
    # except through an extra or an SDK made for the other cloud (anthropic[bedrock], @anthropic-ai/bedrock-sdk).
    frameworks = {entry.id for entry in catalog.entries if entry.category == "llm_framework"}
    for pair in overlaps:
        assert pair & frameworks or pair in {
            frozenset(("anthropic", "aws-bedrock")),
            frozenset(("anthropic", "google-vertex-ai")),
        }, sorted(pair)


def test_no_identifier_is_claimed_twice(catalog):
    seen: dict[tuple[str, str], str] = {}
    for entry in catalog.entries:
        for ecosystem in ECOSYSTEMS:
            for text in getattr(entry.packages, ecosystem):
                assert (ecosystem, text.lower()) not in seen, (text, entry.id, seen.get((ecosystem, text.lower())))
                seen[(ecosystem, text.lower())] = entry.id


def test_sourcing_values_are_those_of_the_inventory():
    from styring.inventory.choices import Sourcing as DjangoSourcing

    assert set(get_args(Sourcing)) == set(DjangoSourcing.values)


@pytest.mark.parametrize(
    ("ecosystem", "name", "expected"),
    [
        # PyPI: PEP 503 normalisation and families
        ("pypi", "openai", ["openai"]),
        ("pypi", "OpenAI", ["openai"]),
        ("pypi", "openai-whisper", ["whisper"]),
        ("pypi", "openai_agents", ["openai"]),
        ("pypi", "Scikit_Learn", ["scikit-learn"]),
        ("pypi", "torchvision", ["pytorch"]),
        ("pypi", "torch", ["pytorch"]),
        ("pypi", "torchlight", []),
        ("pypi", "huggingface_hub", ["huggingface"]),
        ("pypi", "transformers", ["huggingface"]),
        ("pypi", "datasets", ["huggingface"]),
        ("pypi", "diffusers", ["huggingface"]),
        ("pypi", "langchain", ["langchain"]),
        ("pypi", "langchain-community", ["langchain"]),
        ("pypi", "LangChain.OpenAI", ["openai", "langchain"]),
        ("pypi", "langchain-aws", ["aws-bedrock", "langchain"]),
        ("pypi", "langchainx", []),
        ("pypi", "llama_index.core", ["llamaindex"]),
        ("pypi", "llama-index-llms-bedrock-converse", ["aws-bedrock", "llamaindex"]),
        ("pypi", "google-cloud-aiplatform", ["google-vertex-ai"]),
        ("pypi", "google-generativeai", ["google-vertex-ai"]),
        ("pypi", "boto3", []),
        ("pypi", "botocore", []),
        ("pypi", "mypy-boto3-bedrock-runtime", ["aws-bedrock"]),
        ("pypi", "tensorflow-hub", ["tensorflow"]),
        ("pypi", "keras", ["tensorflow"]),
        ("pypi", "spacy-transformers", ["spacy"]),
        ("pypi", "opencv-python-headless", ["opencv"]),
        ("pypi", "onnxruntime-gpu", ["onnx-runtime"]),
        ("pypi", "requests", []),
        # npm: scopes and exact names
        ("npm", "openai", ["openai"]),
        ("npm", "@huggingface/inference", ["huggingface"]),
        ("npm", "@google/generative-ai", ["google-vertex-ai"]),
        ("npm", "@azure/openai", ["azure-openai"]),
        ("npm", "@aws-sdk/client-bedrock-runtime", ["aws-bedrock"]),
        ("npm", "@aws-sdk/client-bedrock-agent-runtime", ["aws-bedrock"]),
        ("npm", "@aws-sdk/client-s3", []),
        ("npm", "aws-sdk", []),
        ("npm", "@langchain/core", ["langchain"]),
        ("npm", "@langchain/anthropic", ["anthropic", "langchain"]),
        ("npm", "@anthropic-ai/sdk", ["anthropic"]),
        ("npm", "@anthropic-ai/bedrock-sdk", ["anthropic", "aws-bedrock"]),
        ("npm", "@ai-sdk/openai", ["openai", "vercel-ai-sdk"]),
        ("npm", "ai", ["vercel-ai-sdk"]),
        ("npm", "groq", []),
        ("npm", "groq-sdk", ["groq"]),
        ("npm", "@tensorflow/tfjs", ["tensorflow"]),
        # Maven: groupId:artifactId with prefixes
        ("maven", "com.azure:azure-ai-openai", ["azure-openai"]),
        ("maven", "com.azure:azure-storage-blob", []),
        ("maven", "software.amazon.awssdk:bedrockruntime", ["aws-bedrock"]),
        ("maven", "software.amazon.awssdk:s3", []),
        ("maven", "dev.langchain4j:langchain4j", ["langchain4j"]),
        ("maven", "dev.langchain4j:langchain4j-open-ai-spring-boot-starter", ["openai", "langchain4j"]),
        ("maven", "org.springframework.ai:spring-ai-bom", ["spring-ai"]),
        ("maven", "org.springframework.ai:spring-ai-starter-model-ollama", ["spring-ai", "ollama"]),
        ("maven", "org.springframework:spring-core", []),
        ("maven", "ai.djl:api", ["djl"]),
        ("maven", "ai.djl.huggingface:tokenizers", ["djl"]),
        ("maven", "ai.djlx:api", []),
        ("maven", "com.microsoft.semantic-kernel:semantickernel-api", ["semantic-kernel"]),
        ("maven", "org.tensorflow:tensorflow-core-platform", ["tensorflow"]),
        ("maven", "noartifact", []),
        # Go: module paths match themselves and the paths below them
        ("go", "cloud.google.com/go/vertexai", ["google-vertex-ai"]),
        ("go", "github.com/aws/aws-sdk-go-v2/service/bedrockruntime", ["aws-bedrock"]),
        ("go", "github.com/aws/aws-sdk-go-v2/service/bedrockagentruntime", ["aws-bedrock"]),
        ("go", "github.com/aws/aws-sdk-go-v2", []),
        ("go", "github.com/aws/aws-sdk-go-v2/service/s3", []),
        ("go", "github.com/openai/openai-go/v2", ["openai"]),
        ("go", "github.com/openai/openai-gopher", []),
        ("go", "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai", ["azure-openai"]),
        ("go", "github.com/azure/azure-sdk-for-go/sdk/ai/azopenaiassistants", ["azure-openai"]),
        ("go", "github.com/tmc/langchaingo", ["langchain"]),
        # Unknown ecosystems match nothing
        ("nuget", "OpenAI", []),
    ],
)
def test_package_names_match_the_expected_sdks(catalog, ecosystem, name, expected):
    assert matched(catalog, ecosystem, name) == sorted(expected, key=lambda sdk_id: catalog._order[sdk_id])


def test_an_extra_can_be_what_identifies_a_service(catalog):
    assert matched(catalog, "pypi", "anthropic") == ["anthropic"]
    assert matched(catalog, "pypi", "anthropic", ("Bedrock",)) == ["anthropic", "aws-bedrock"]
    assert matched(catalog, "pypi", "anthropic", ("vertex", "bedrock")) == [
        "anthropic",
        "google-vertex-ai",
        "aws-bedrock",
    ]
    assert matched(catalog, "pypi", "boto3-stubs", ("s3",)) == []
    assert matched(catalog, "pypi", "boto3-stubs", ("bedrock-runtime",)) == ["aws-bedrock"]


def test_pep_503_normalisation():
    assert normalize_pypi("Foo.Bar__baz--Qux") == "foo-bar-baz-qux"


@pytest.mark.parametrize(
    ("ecosystem", "text"),
    [
        ("pypi", "Scikit_Learn"),
        ("pypi", "scikit_learn"),
        ("pypi", "langchain--x"),
        ("pypi", "langchain-*[extra]"),
        ("pypi", "*"),
        ("pypi", " openai"),
        ("npm", "@Scope/x"),
        ("npm", "*"),
        ("npm", "@scope/"),
        ("maven", "groupOnly"),
        ("maven", "a:b:c"),
        ("maven", "*:artifact"),
        ("maven", "Com.Example:x"),
        ("go", "nohost/path"),
        ("go", "github.com//double"),
        ("cargo", "serde"),
    ],
)
def test_invalid_package_identifiers_are_refused(ecosystem, text):
    with pytest.raises(ValueError, match=ecosystem if ecosystem != "cargo" else "unknown ecosystem"):
        compile_pattern(ecosystem, text)


def load(text: str) -> SdkCatalogFile:
    return parse_model(textwrap.dedent(text), SdkCatalogFile, "ai_sdks.yaml")


def entry(sdk_id: str, packages: str, extra: str = "") -> str:
    return textwrap.indent(
        textwrap.dedent(
            f"""\
            - id: {sdk_id}
              name: {sdk_id.title()}
              vendor: Example
              category: llm_api
              description: An example.
              packages: {packages}
            """
        )
        + extra,
        "  ",
    )


def test_a_minimal_valid_file_loads():
    document = load("schema_version: 1\nsdks:\n" + entry("one", "{pypi: [one]}"))
    assert SdkCatalog(document).match("pypi", "ONE")[0].sdk.id == "one"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sdks: [", "not valid YAML"),
        ("- a\n- b\n", "mapping at the top level"),
        ("schema_version: 2\nsdks:\n" + entry("one", "{pypi: [one]}"), "schema_version"),
        ("schema_version: 1\nsdks:\n" + entry("one", "{pypi: [one]}", "  colour: red\n"), "colour"),
        ("schema_version: 1\nsdks:\n" + entry("One", "{pypi: [one]}"), "sdks\\[0\\].id"),
        ("schema_version: 1\nsdks:\n" + entry("one", "{pypi: [One]}"), "canonical PEP 503"),
        ("schema_version: 1\nsdks:\n" + entry("one", "{}"), "at least one package"),
        ("schema_version: 1\nsdks:\n" + entry("one", "{pypi: [one, one]}"), "twice"),
        ("schema_version: 1\nsdks:\n" + entry("one", "{pypi: [a]}") + entry("one", "{pypi: [b]}"), "duplicate SDK"),
        ("schema_version: 1\nsdks:\n" + entry("a", "{pypi: [x]}") + entry("b", "{pypi: [x]}"), "both claim pypi 'x'"),
        ("schema_version: 1\nsdks:\n" + entry("a", "{pypi: [x-*]}") + entry("b", "{pypi: [x-y]}"), "a and b overlap"),
        (
            "schema_version: 1\nsdks:\n" + entry("a", "{pypi: [x]}", "  overlaps: [b]\n") + entry("b", "{pypi: [y]}"),
            "declared to overlap but share no package",
        ),
        ("schema_version: 1\nsdks:\n" + entry("a", "{pypi: [x]}", "  overlaps: [zzz]\n"), "unknown SDK ids: zzz"),
        ("schema_version: 1\nsdks:\n" + entry("a", "{pypi: [x]}", "  hosted: yes-please\n"), "hosted"),
    ],
)
def test_a_malformed_or_inconsistent_file_is_refused_with_file_path_and_reason(text, message):
    with pytest.raises(DataFileError, match=message) as caught:
        load(text)
    assert str(caught.value).startswith("ai_sdks.yaml: ")


def test_a_declared_overlap_is_accepted():
    text = "schema_version: 1\nsdks:\n" + entry("a", "{pypi: [x-*]}") + entry("b", "{pypi: [x-y]}", "  overlaps: [a]\n")
    catalog = SdkCatalog(load(text))
    assert [found.sdk.id for found in catalog.match("pypi", "x_y")] == ["a", "b"]
