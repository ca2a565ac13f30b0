"""Evidence: upload hardening (size, type, names, empty files), storage by content hash, safe downloads, links to
controls and requirements, expiry reminders."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from styring.controls.applied import applied_control_create
from styring.controls.evidence import blob_path, evidence_create, expiry_reminders, safe_name
from styring.controls.models import Evidence
from styring.core.models import AuditEvent
from styring.tasks.models import Task

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_dir(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, name, content, **extra):
    return client.post(
        "/o/acme/evidence/new/",
        {"title": extra.pop("title", "Model test report"), "upload": SimpleUploadedFile(name, content), **extra},
    )


def test_a_pdf_is_stored_under_its_hash_and_downloaded_as_an_attachment(personas, login):
    client = login(personas.contributor)
    response = upload(client, "report.pdf", PDF, collected_on="2026-11-01", valid_until="2027-11-01")
    assert response.status_code == 302, response.content
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    assert default_storage.exists(blob_path(evidence.sha256))
    download = login(personas.viewer).get(f"/o/acme/evidence/{evidence.public_id}/download/")
    assert download["Content-Disposition"].startswith('attachment; filename="report.pdf"')
    assert download["Content-Type"] == "application/pdf"
    assert "sandbox" in download["Content-Security-Policy"] and download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "The submitted file is empty."),
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 100, "Programs are not accepted as evidence."),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "This type of file is not accepted"),
    ],
)
def test_empty_files_programs_and_unknown_binaries_are_refused_and_nothing_is_stored(
    personas, login, name, content, message
):
    response = upload(login(personas.contributor), name, content)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Evidence.objects.exists() and not AuditEvent.objects.filter(object_type="controls.evidence").exists()


@override_settings(STYRING_EVIDENCE_MAX_BYTES=1024)
def test_a_file_over_the_configured_limit_is_refused(personas, login):
    response = upload(login(personas.contributor), "big.txt", b"x" * 2048)
    assert "larger than" in response.content.decode() and not Evidence.objects.exists()


def test_names_with_paths_are_reduced_to_a_harmless_file_name(personas):
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\windows\\system.ini") == "system.ini"
    assert safe_name("\x00\x1f<script>.pdf") == "script.pdf"
    assert safe_name("...") == "evidence"
    evidence = evidence_create(
        organisation=personas.org_a, actor=personas.manager, title="Policy",
        upload=SimpleUploadedFile("../../../tmp/evil.pdf", PDF),
    )  # fmt: skip
    assert evidence.file_name == "evil.pdf" and "tmp" not in blob_path(evidence.sha256)


def test_office_documents_are_recognised_by_their_content_not_their_name(personas):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    evidence = evidence_create(
        organisation=personas.org_a, actor=personas.manager, title="Procedure",
        upload=SimpleUploadedFile("procedure.pdf", buffer.getvalue()),
    )  # fmt: skip
    assert evidence.content_type.endswith("wordprocessingml.document")


def test_a_link_is_evidence_too_and_shows_on_the_requirement_page_through_its_control(personas, login):
    from styring.controls.soa import annex_a_controls

    control = applied_control_create(
        organisation=personas.org_a, actor=personas.manager, name="Model testing",
        requirements=list(annex_a_controls().filter(ref="A.6.2.4")),
    )  # fmt: skip
    evidence_create(organisation=personas.org_a, actor=personas.manager, title="Test run 42",
                    url="https://ci.example/run/42", applied_controls=[control])  # fmt: skip
    page = login(personas.viewer).get("/o/acme/catalog/requirements/iso42001:2023:A.6.2.4/").content.decode()
    assert "Model testing" in page and "Test run 42" in page
    listed = login(personas.viewer).get("/o/acme/evidence/?requirement=iso42001:2023:A.6.2.4").content.decode()
    assert "Test run 42" in listed


def test_evidence_about_to_expire_becomes_a_task_for_its_owner_once(personas):
    owner = personas.membership(personas.contributor)
    evidence_create(organisation=personas.org_a, actor=personas.manager, title="Pen test", owner=owner,
                    url="https://example.com/pentest", valid_until=date.today() + timedelta(days=10))  # fmt: skip
    evidence_create(organisation=personas.org_a, actor=personas.manager, title="Later", url="https://example.com/x",
                    valid_until=date.today() + timedelta(days=200))  # fmt: skip
    assert expiry_reminders().startswith("1 ")
    assert expiry_reminders().startswith("0 ")
    task = Task.objects.get()
    assert task.owner == owner and task.title == "Renew evidence: Pen test"


def test_evidence_of_another_organisation_cannot_be_downloaded(personas, login):
    evidence = evidence_create(organisation=personas.org_b, actor=personas.beta_manager, title="Theirs",
                               upload=SimpleUploadedFile("a.pdf", PDF))  # fmt: skip
    assert login(personas.owner).get(f"/o/acme/evidence/{evidence.public_id}/download/").status_code == 404
    assert login(personas.owner).get(f"/o/beta/evidence/{evidence.public_id}/download/").status_code == 404
