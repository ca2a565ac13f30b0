"""The published contract: OpenAPI 3.1, a self-contained docs page, and declared error responses on every route.

The declaration tests walk the served schema, so routes added later are checked without touching this file."""

import re

import pytest
from django.conf import settings

from .conftest import API

WRITE_METHODS = {"post", "put", "patch", "delete"}
HTTP_METHODS = WRITE_METHODS | {"get", "head", "options"}


@pytest.fixture
def schema(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def operations(schema):
    """(METHOD, path, operation) for every operation in the schema; guards against passing on an empty schema."""
    found = [
        (method.upper(), path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]
    assert ("POST", f"{API}/organisations/{{org}}/ai-systems/") in {(m, p) for m, p, _ in found}
    return found


def _declared(operation) -> set[int]:
    return {int(code) for code in operation["responses"]}


def _path_parameters(operation) -> set[str]:
    return {parameter["name"] for parameter in operation.get("parameters", []) if parameter["in"] == "path"}


def test_the_schema_is_openapi_3_1(schema):
    assert re.fullmatch(r"3\.1\.\d+", schema["openapi"])


def test_the_docs_page_renders_and_loads_only_local_static_files(client, db):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert "openapi.json" in page
    urls = re.findall(r"<(?:script|link)\b[^>]*?\b(?:src|href)=[\"']([^\"']+)[\"']", page, flags=re.IGNORECASE)
    assert any(url.endswith(".js") for url in urls), "the page loads no script at all"
    assert [url for url in urls if not url.startswith(settings.STATIC_URL) or url.startswith("//")] == []
    assert re.search(r"(?:src|href)=[\"']?(?:https?:)?//", page, flags=re.IGNORECASE) is None


def test_every_operation_declares_401(operations):
    missing = [f"{method} {path}" for method, path, operation in operations if 401 not in _declared(operation)]
    assert missing == []


def test_every_operation_in_an_organisation_declares_403_and_404(operations):
    scoped = [(method, path, op) for method, path, op in operations if "org" in _path_parameters(op)]
    assert scoped, "no operation has an {org} path parameter"
    missing = [
        f"{method} {path}: {sorted({403, 404} - _declared(op))}"
        for method, path, op in scoped
        if not {403, 404} <= _declared(op)
    ]
    assert missing == []


def test_every_write_operation_declares_409_413_and_422(operations):
    writes = [(method, path, op) for method, path, op in operations if method.lower() in WRITE_METHODS]
    assert {"POST", "PATCH", "DELETE"} <= {method for method, _, _ in writes}
    missing = [
        f"{method} {path}: {sorted({409, 413, 422} - _declared(op))}"
        for method, path, op in writes
        if not {409, 413, 422} <= _declared(op)
    ]
    assert missing == []
