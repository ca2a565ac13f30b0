from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkKind(models.TextChoices):
    STANDARD = "standard", _("Standard")
    REGULATION = "regulation", _("Regulation")
    FRAMEWORK = "framework", _("Framework")
    PROFILE = "profile", _("Profile")


class NodeKind(models.TextChoices):
    """What a catalog node is. `assessable` kinds become rows of a gap analysis by default."""

    SECTION = "section", _("Section")
    CLAUSE = "clause", _("Clause")
    ANNEX = "annex", _("Annex")
    CONTROL_OBJECTIVE = "control_objective", _("Control objective")
    CONTROL = "control", _("Control")
    GUIDANCE = "guidance", _("Implementation guidance")
    OBJECTIVE = "objective", _("Objective")
    RISK_SOURCE = "risk_source", _("Risk source")
    CHAPTER = "chapter", _("Chapter")
    ARTICLE = "article", _("Article")
    PARAGRAPH = "paragraph", _("Paragraph")
    POINT = "point", _("Point")
    AREA = "area", _("Area")
    USE_CASE = "use_case", _("Use case")
    LEGISLATION = "legislation", _("Legislation")
    FUNCTION = "function", _("Function")
    CATEGORY = "category", _("Category")
    SUBCATEGORY = "subcategory", _("Subcategory")
    RISK = "risk", _("Risk")
    THEME = "theme", _("Theme")


class Relationship(models.TextChoices):
    """How a requirement relates to its counterpart in another framework (NIST IR 8477 set-theory vocabulary)."""

    EQUAL = "equal", _("Equal")
    SUBSET = "subset", _("Subset of")
    SUPERSET = "superset", _("Superset of")
    INTERSECTS = "intersects", _("Intersects with")


INVERSE_RELATIONSHIP = {
    Relationship.EQUAL: Relationship.EQUAL,
    Relationship.SUBSET: Relationship.SUPERSET,
    Relationship.SUPERSET: Relationship.SUBSET,
    Relationship.INTERSECTS: Relationship.INTERSECTS,
}
