"""On a catalog requirement's page: the organisation's documents that address it."""

from django.utils.translation import gettext as _

from styring.catalog import links

from .models import Document


@links.register
def _documents_for_requirement(organisation, requirement) -> list[links.RequirementLink]:
    documents = (
        Document.objects.for_organisation(organisation).filter(requirements=requirement).select_related("organisation")
    )
    return [
        links.RequirementLink(kind=_("Document"), label=str(document), url=document.get_absolute_url())
        for document in documents
    ]
