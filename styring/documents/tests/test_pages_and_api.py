"""The register's pages and API: creation with text or a file, list filters, export, query counts."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styring.documents.models import Document, DocumentVersion

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_contributor_writes_a_document_and_sees_it_rendered(personas, login):
    client = login(personas.contributor)
    response = client.post(
        reverse("documents:document-create", kwargs={"org": "acme"}),
        {
            "title": "AI acceptable use",
            "doc_type": "procedure",
            "classification": "internal",
            "review_interval_months": 12,
            "requirements": ["iso42001:2023:A.2.2"],
            "body": "## Rules\n\n- Never paste customer data into public chatbots.\n",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="AI acceptable use")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "<h2>Rules</h2>" in page and "Never paste customer data" in page
    assert "A.2.2" in page


def test_an_uploaded_document_is_checked_and_downloaded_only_as_an_attachment(personas, login):
    client = login(personas.contributor)
    url = reverse("documents:document-create", kwargs={"org": "acme"})
    fields = {"title": "Board minutes", "doc_type": "record", "classification": "confidential",
              "review_interval_months": 12}  # fmt: skip
    refused = client.post(url, {**fields, "upload": SimpleUploadedFile("x.exe", b"MZ\x90\x00rest")})
    assert refused.status_code == 200 and not Document.objects.exists()
    client.post(url, {**fields, "upload": SimpleUploadedFile("../../minutes.pdf", PDF)})
    version = DocumentVersion.objects.get()
    assert version.file_name == "minutes.pdf" and version.content_type == "application/pdf"
    response = client.get(
        reverse("documents:version-file", kwargs={"org": "acme", "documentversion": version.public_id})
    )
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_list_filters_by_state_and_exports_csv(personas, make_document, login):
    make_document(approved=True, title="Approved policy")
    make_document(title="Draft procedure", doc_type="procedure")
    client = login(personas.viewer)
    url = reverse("documents:document-list", kwargs={"org": "acme"})
    page = client.get(url, {"state": "approved"}).content.decode()
    assert "Approved policy" in page and "Draft procedure" not in page
    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200 and b"Draft procedure" in b"".join(export.streaming_content)


def test_the_list_query_count_does_not_grow_with_documents(
    personas, make_document, login, django_assert_max_num_queries
):
    client = login(personas.viewer)
    url = reverse("documents:document-list", kwargs={"org": "acme"})
    for index in range(3):
        make_document(approved=True, title=f"Policy {index}")
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for index in range(30):
        make_document(approved=index % 2 == 0, title=f"More {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_documents_are_created_listed_and_changed_through_the_api(personas, login):
    client = login(personas.contributor)
    base = "/api/v1/organisations/acme/documents/"
    owner = personas.membership(personas.manager).public_id
    created = client.post(
        base,
        data=json.dumps(
            {"title": "AI policy", "owner": str(owner), "requirements": ["iso42001:2023:5.2"], "body": "# AI policy\n"}
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    document = created.json()
    assert document["reference"] == "POL-001" and document["requirements"] == ["iso42001:2023:5.2"]
    unknown = client.post(
        base, data=json.dumps({"title": "X", "requirements": ["nope:1"]}), content_type="application/json"
    )
    assert unknown.status_code == 422
    versions = client.get(f"{base}{document['id']}/versions/").json()
    assert versions["count"] == 1 and versions["items"][0]["body"] == "# AI policy\n"
    version_id = versions["items"][0]["id"]
    action = client.post(
        f"/api/v1/organisations/acme/document-versions/{version_id}/actions",
        data=json.dumps({"action": "submit"}),
        content_type="application/json",
    )
    assert action.status_code == 200 and action.json()["status"] == "in_review"
    patch = client.patch(
        f"{base}{document['id']}/", data=json.dumps({"title": "AI policy (group)"}), content_type="application/json",
        headers={"If-Match": '"1"'},
    )  # fmt: skip
    assert patch.status_code == 200 and patch.json()["title"] == "AI policy (group)"
    assert client.get(base).json()["count"] == 1
