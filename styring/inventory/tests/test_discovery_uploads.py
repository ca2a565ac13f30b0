from django.core.files.uploadedfile import SimpleUploadedFile

from styring.inventory.models import AISystem, Candidate

REQUIREMENTS = b"openai==1.40.0\nrequests==2.32\nscikit-learn>=1.4\n"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_scanning_manifests_queues_candidates_for_review(personas, login):
    client = login(personas.contributor)
    response = client.post("/o/acme/discovery/add/manifests/", {"files": [upload("requirements.txt", REQUIREMENTS)]})
    assert response.status_code == 302
    names = set(Candidate.objects.filter(source="manifest").values_list("name", flat=True))
    assert len(names) == 2 and any("OpenAI" in name for name in names)
    assert not AISystem.objects.exists()
    evidence = Candidate.objects.filter(source="manifest").values_list("evidence", flat=True)
    assert any("requirements.txt line 1: openai" in text for text in evidence)


def test_an_unreadable_manifest_queues_nothing_from_the_upload(personas, login):
    client = login(personas.contributor)
    response = client.post(
        "/o/acme/discovery/add/manifests/",
        {"files": [upload("requirements.txt", REQUIREMENTS), upload("package.json", b"{not json")]},
    )
    assert response.status_code == 400
    assert "package.json" in response.content.decode()
    assert not Candidate.objects.exists()


def test_viewers_cannot_add_discovery_sources(personas, login):
    response = login(personas.viewer).post(
        "/o/acme/discovery/add/manifests/", {"files": [upload("requirements.txt", REQUIREMENTS)]}
    )
    assert response.status_code == 403


def test_ticking_business_software_queues_one_candidate_per_product(personas, login):
    from styring.inventory.discovery.software_catalog import load_software_catalog

    products = load_software_catalog()[:2]
    client = login(personas.contributor)
    page = client.get("/o/acme/discovery/add/software/").content.decode()
    assert products[0].product in page
    client.post("/o/acme/discovery/add/software/", {"products": [product.id for product in products]})
    queued = Candidate.objects.filter(source="software_catalog")
    assert sorted(queued.values_list("name", flat=True)) == sorted(product.product for product in products)
    assert all(candidate.proposed["supplier"] for candidate in queued)
    page = client.get("/o/acme/discovery/add/software/").content.decode()
    assert "waiting for review" in page


def test_an_unknown_product_id_queues_nothing(personas, login):
    login(personas.contributor).post("/o/acme/discovery/add/software/", {"products": ["no-such-product"]})
    assert not Candidate.objects.exists()
