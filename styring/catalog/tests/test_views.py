import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styring.catalog.loader import sync_catalog
from styring.catalog.tests.test_loader import CROSSWALK, framework, write

EXTRA = '- ref: "1.3"\n  kind: clause\n  title: Leaf three\n  description: Explains the impact assessment.\n'


@pytest.fixture
def catalog(tmp_path, db):
    write(tmp_path, "frameworks/demo-1.yaml", framework())
    write(tmp_path, "frameworks/demo-2.yaml", framework(version="2", extra=EXTRA))
    write(tmp_path, "crosswalks/demo.yaml", CROSSWALK)
    report = sync_catalog(tmp_path)
    assert report.ok, report.errors


def test_the_catalog_lists_frameworks_and_their_versions(personas, login, catalog):
    page = login(personas.viewer).get("/o/acme/catalog/").content.decode()
    assert "Demo standard" in page
    assert "/o/acme/catalog/demo-std:1/" in page and "/o/acme/catalog/demo-std:2/" in page


def test_search_finds_requirements_by_description_and_translated_title(personas, login, catalog):
    client = login(personas.viewer)
    page = client.get("/o/acme/catalog/", {"q": "impact ASSESSMENT"}).content.decode()
    assert "Leaf three" in page and "Leaf two" not in page
    page = client.get("/o/acme/catalog/", {"q": "første"}).content.decode()
    assert "demo-std:1:1/" in page


def test_the_version_page_shows_the_tree_in_document_order_and_searches_within_it(personas, login, catalog):
    client = login(personas.viewer)
    page = client.get("/o/acme/catalog/demo-std:2/").content.decode()
    assert page.index("Leaf one") < page.index("Leaf two") < page.index("Leaf three")
    assert "Applies" in page  # key dates with their source
    filtered = client.get("/o/acme/catalog/demo-std:2/", {"q": "leaf two"}).content.decode()
    assert "Leaf two" in filtered and "Leaf one" not in filtered


def test_a_requirement_page_shows_related_requirements_from_both_sides_of_a_crosswalk(personas, login, catalog):
    client = login(personas.viewer)
    forward = client.get("/o/acme/catalog/requirements/demo-std:1:1.2/").content.decode()
    assert "demo-std:2:1.3" in forward and "Subset of" in forward and "Narrower" in forward
    backward = client.get("/o/acme/catalog/requirements/demo-std:2:1.3/").content.decode()
    assert "demo-std:1:1.2" in backward and "Superset of" in backward
    assert "Nothing yet" in backward  # no controls or evidence of this organisation address it yet


def test_an_unknown_framework_version_or_requirement_is_a_404(personas, login, catalog):
    client = login(personas.viewer)
    assert client.get("/o/acme/catalog/nope:1/").status_code == 404
    assert client.get("/o/acme/catalog/requirements/nope:1:1/").status_code == 404


def test_the_version_page_query_count_does_not_depend_on_its_size(personas, login, catalog):
    client = login(personas.viewer)

    def count(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    assert count("/o/acme/catalog/demo-std:1/") == count("/o/acme/catalog/demo-std:2/")


def test_the_catalog_api_lists_frameworks_requirements_and_crosswalks(personas, login, catalog):
    client = login(personas.viewer)
    frameworks = client.get("/api/v1/catalog/frameworks/").json()
    demo = next(item for item in frameworks if item["code"] == "demo-std")
    assert {version["key"] for version in demo["versions"]} == {"demo-std:1", "demo-std:2"}
    requirements = client.get("/api/v1/catalog/versions/demo-std:2/requirements/", {"assessable": True}).json()
    assert [item["key"] for item in requirements["items"]] == ["demo-std:2:1.1", "demo-std:2:1.2", "demo-std:2:1.3"]
    detail = client.get("/api/v1/catalog/requirements/demo-std:2:1.3/").json()
    assert detail["related"][0]["key"] == "demo-std:1:1.2" and detail["related"][0]["relationship"] == "superset"
    mappings = client.get("/api/v1/catalog/crosswalks/demo-std-1--demo-std-2/mappings/").json()
    assert mappings["count"] == 2
    assert client.get("/api/v1/catalog/versions/nope:1/requirements/").status_code == 404


def test_the_catalog_api_needs_a_signed_in_caller(client, catalog):
    assert client.get("/api/v1/catalog/frameworks/").status_code == 401
