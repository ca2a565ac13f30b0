from django.urls import path

from . import views

app_name = "documents"

_doc = "o/<slug:org>/documents/<uuid:document>/"
_version = "o/<slug:org>/documents/versions/<uuid:documentversion>/"

urlpatterns = [
    path("o/<slug:org>/documents/", views.DocumentListView.as_view(), name="document-list"),
    path("o/<slug:org>/documents/new/", views.DocumentCreateView.as_view(), name="document-create"),
    path("o/<slug:org>/documents/to-read/", views.ToReadView.as_view(), name="to-read"),
    path("o/<slug:org>/documents/starters/", views.StartersView.as_view(), name="starters"),
    path(_doc, views.DocumentDetailView.as_view(), name="document-detail"),
    path(f"{_doc}edit/", views.DocumentUpdateView.as_view(), name="document-edit"),
    path(f"{_doc}delete/", views.DocumentDeleteView.as_view(), name="document-delete"),
    path(f"{_doc}compare/", views.VersionCompareView.as_view(), name="compare"),
    path(_version, views.VersionDetailView.as_view(), name="version-detail"),
    path(f"{_version}edit/", views.VersionEditView.as_view(), name="version-edit"),
    path(f"{_version}pdf/", views.VersionPdfView.as_view(), name="version-pdf"),
    path(f"{_version}file/", views.VersionFileView.as_view(), name="version-file"),
]
