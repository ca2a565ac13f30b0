"""The global, read-only standards catalog. Rows are written only by the loader (`styring sync-catalog`)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .choices import FrameworkKind, NodeKind, Relationship


def _translated(obj, field: str) -> str:
    language = translation.get_language() or "en"
    for code in (language, language.split("-")[0]):
        value = (obj.translations.get(code) or {}).get(field)
        if value:
            return value
    return getattr(obj, field)


class Framework(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FrameworkKind.choices)
    description = models.TextField(_("description"), blank=True)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return _translated(self, "name")


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(_("version"), max_length=40)
    key = models.CharField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    published_on = models.DateField(_("published"), null=True, blank=True)
    status = models.TextField(_("status"), blank=True)
    source = models.TextField(_("source"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    file_name = models.CharField(max_length=200)
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["framework__name", "-published_on"]
        constraints = [models.UniqueConstraint(fields=["framework", "version"], name="framework_version_unique")]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")

    def __str__(self) -> str:
        return f"{self.framework.name}:{self.version}" if self.framework_id else self.key


class Requirement(models.Model):
    """A node of a framework version: a clause, control, article, subcategory… identified by a stable key such as
    `iso42001:2023:A.6.2.4`. Tenant records link here; keys never change meaning within a version."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="requirements")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    key = models.CharField(max_length=200, unique=True)
    ref = models.CharField(_("number"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=NodeKind.choices)
    depth = models.PositiveSmallIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)  # document order within the version
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    evidence = models.TextField(_("typical evidence"), blank=True)
    documented_information = models.BooleanField(_("requires documented information"), default=False)
    assessable = models.BooleanField(_("assessed in a gap analysis"), default=False)
    attributes = models.JSONField(default=dict, blank=True)
    translations = models.JSONField(default=dict, blank=True)
    # Lower-cased titles and descriptions in every language: searchable with icontains on SQLite and PostgreSQL.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["version", "position"]
        indexes = [models.Index(fields=["version", "position"], name="requirement_order")]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return f"{self.ref} {self.display_title}"

    @property
    def display_title(self) -> str:
        return _translated(self, "title")

    @property
    def display_description(self) -> str:
        return _translated(self, "description")


class Crosswalk(models.Model):
    key = models.CharField(max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=300)
    source = models.TextField(_("source"), blank=True)
    from_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="crosswalks_from")
    to_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="crosswalks_to")
    file_name = models.CharField(max_length=200)
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("crosswalk")
        verbose_name_plural = _("crosswalks")

    def __str__(self) -> str:
        return self.title


class Mapping(models.Model):
    crosswalk = models.ForeignKey(Crosswalk, on_delete=models.CASCADE, related_name="mappings")
    source = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="mappings_out")
    target = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="mappings_in")
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    rationale = models.CharField(_("rationale"), max_length=500)

    class Meta:
        ordering = ["crosswalk", "id"]
        constraints = [
            models.UniqueConstraint(fields=["crosswalk", "source", "target"], name="mapping_unique_pair"),
        ]
        verbose_name = _("mapping")
        verbose_name_plural = _("mappings")

    def __str__(self) -> str:
        return f"{self.source.key} {self.relationship} {self.target.key}"


class RegulatoryDate(models.Model):
    """A date that matters in law or a standard's life (e.g. when EU AI Act obligations apply), with its source."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="dates")
    key = models.CharField(max_length=200, unique=True)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    applies_to = models.JSONField(default=list, blank=True)
    source = models.TextField(_("source"))
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["date", "key"]
        verbose_name = _("regulatory date")
        verbose_name_plural = _("regulatory dates")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"
