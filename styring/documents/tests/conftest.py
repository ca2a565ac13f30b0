import pytest

from styring.documents.services import document_create, version_decide, version_submit


@pytest.fixture
def make_document(personas):
    """`make_document(approved=True, **fields)`: a document of organisation A owned by the manager."""

    def make(*, approved: bool = False, body: str = "# Policy\n\nWe use AI responsibly.\n", **fields):
        fields.setdefault("title", "AI policy")
        fields.setdefault("owner", personas.membership(personas.manager, personas.org_a))
        document = document_create(organisation=personas.org_a, actor=personas.contributor, body=body, **fields)
        if approved:
            version = document.versions.get()
            version_submit(version=version, actor=personas.contributor)
            version_decide(version=version, actor=personas.manager, approve=True)
            document.refresh_from_db()
        return document

    return make
