"""Markdown is shown safely, versions are compared line by line, and approved versions print as controlled PDFs."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from styring.documents.rendering import diff_rows, markdown_html
from styring.documents.services import version_start, version_update


def test_markdown_never_lets_markup_or_script_links_through():
    html = markdown_html(
        "# Title\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n\n| a | b |\n|---|---|\n"
    )
    assert "<h1>Title</h1>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_the_comparison_pairs_changed_lines_and_keeps_unchanged_ones():
    rows = diff_rows("a\nb\nc\n", "a\nB\nc\nd\n")
    assert [(row.kind, row.left, row.right) for row in rows] == [
        ("same", "a", "a"),
        ("changed", "b", "B"),
        ("same", "c", "c"),
        ("added", None, "d"),
    ]


def test_the_compare_page_shows_both_versions_side_by_side(personas, make_document, login):
    document = make_document(approved=True, body="Line one\nLine two\n")
    draft = version_start(document=document, actor=personas.contributor)
    version_update(draft, actor=personas.contributor, body="Line one\nLine 2 <b>bold</b>\n")
    url = reverse("documents:compare", kwargs={"org": "acme", "document": document.public_id})
    page = login(personas.viewer).get(url, {"a": 1, "b": 2}).content.decode()
    assert "1 line differs." in page and "Line two" in page
    assert "Line 2 &lt;b&gt;bold&lt;/b&gt;" in page


def test_a_draft_has_no_controlled_copy(personas, make_document, login):
    version = make_document().versions.get()
    url = reverse("documents:version-pdf", kwargs={"org": "acme", "documentversion": version.public_id})
    assert login(personas.viewer).get(url).status_code == 302


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (apt install poppler-utils)")
def test_the_controlled_pdf_carries_the_reference_version_approval_and_text(personas, make_document, login, tmp_path):
    version = make_document(approved=True, body="## Principles\n\nPeople oversee every AI decision.\n").versions.get()
    url = reverse("documents:version-pdf", kwargs={"org": "acme", "documentversion": version.public_id})
    response = login(personas.viewer).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="pol-001-v1')
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(response.content)
    pdftotext = shutil.which("pdftotext")
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert "POL-001" in text and "People oversee every AI decision." in text
    assert personas.manager.get_full_name() in text and "Controlled copy printed" in text
