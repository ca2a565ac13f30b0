"""Starter documents written for Styring (an AI policy and the procedures an AIMS needs), adopted by an organisation
as its own drafts with placeholders filled from its records. The texts are in `data/starters/*.md` with front matter;
they are our own wording, not text of any standard."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.catalog.models import Requirement

from .choices import DocumentType
from .models import Document

STARTERS_DIR = Path(__file__).resolve().parent / "data" / "starters"
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
PLACEHOLDERS = (
    "organisation",
    "aims_owner",
    "scope",
    "ai_systems",
    "risk_acceptance",
    "risk_review_months",
    "concern_contact",
    "effective_date",
)


@dataclass(frozen=True)
class Starter:
    key: str
    title: str
    doc_type: str
    summary: str
    requirements: tuple[str, ...]
    review_interval_months: int
    body: str


def _parse(path: Path) -> Starter:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.DOTALL)
    if not match:
        raise ValueError(f"{path.name}: front matter missing")
    meta, body = yaml.safe_load(match.group(1)), match.group(2).strip() + "\n"
    unknown = set(PLACEHOLDER.findall(body)) - set(PLACEHOLDERS)
    if unknown:
        raise ValueError(f"{path.name}: unknown placeholders {sorted(unknown)}")
    if meta.get("doc_type") not in DocumentType.values:
        raise ValueError(f"{path.name}: doc_type must be one of {DocumentType.values}")
    return Starter(
        key=meta["key"],
        title=meta["title"],
        doc_type=meta["doc_type"],
        summary=meta.get("summary", ""),
        requirements=tuple(meta.get("requirements") or ()),
        review_interval_months=int(meta.get("review_interval_months", 12)),
        body=body,
    )


@cache
def starters() -> dict[str, Starter]:
    found = [_parse(path) for path in sorted(STARTERS_DIR.glob("*.md"))]
    # the policy first, then the procedures in file order
    found.sort(key=lambda starter: (starter.doc_type != DocumentType.POLICY, starter.key))
    return {starter.key: starter for starter in found}


def _missing(what: str) -> str:
    return "[" + _("to be completed: %(what)s") % {"what": what} + "]"


def placeholder_values(organisation) -> dict[str, str]:
    """What the organisation's records say for each placeholder; a visible marker where they say nothing yet."""
    from styring.governance.models import AIRole, RoleAssignment
    from styring.inventory.models import AISystem
    from styring.risks.models import RiskMethod

    values = {"organisation": organisation.name, "effective_date": _missing(_("effective date"))}

    holders = RoleAssignment.objects.for_organisation(organisation).filter(role__name__iexact="AIMS owner")
    names = [assignment.holder_name for assignment in holders.select_related("member__user")]
    values["aims_owner"] = ", ".join(names) or _missing(_("AIMS owner"))

    contact = AIRole.objects.for_organisation(organisation).filter(receives_concerns=True).first()
    values["concern_contact"] = contact.name if contact else _missing(_("role that receives concerns"))

    method = RiskMethod.objects.for_organisation(organisation).filter(is_current=True).first()
    values["risk_acceptance"] = (
        str(method.level_label(method.acceptance_level)) if method else _missing(_("risk acceptance level"))
    )
    values["risk_review_months"] = str(method.review_interval_months) if method else "12"

    scope_statement, systems = _scope(organisation)
    values["scope"] = scope_statement or _missing(_("AIMS scope"))
    if systems is None:
        systems = list(AISystem.objects.for_organisation(organisation).order_by("name").values_list("name", flat=True))
    values["ai_systems"] = "\n".join(f"- {name}" for name in systems) or _missing(_("AI systems in scope"))
    return values


def _scope(organisation) -> tuple[str, list[str] | None]:
    """The approved scope statement and its in-scope systems (None: no approved scope yet)."""
    from styring.context.models import ScopeVersion

    scope = ScopeVersion.objects.for_organisation(organisation).filter(status="approved").order_by("-number").first()
    if scope is None:
        return "", None
    rows = scope.systems.filter(in_scope=True, system__isnull=False).select_related("system").order_by("system__name")
    return scope.statement, [row.system.name for row in rows]


def fill(body: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), body)


def adopt(*, organisation, actor, keys: list[str], owner=None) -> list[Document]:
    """Each chosen starter becomes a draft document of the organisation (a starter adopted before is skipped)."""
    from .services import document_create

    available = starters()
    unknown = [key for key in keys if key not in available]
    if unknown or not keys:
        raise ValidationError(_("Choose at least one starter document."))
    adopted = set(
        Document.objects.for_organisation(organisation)
        .filter(starter_key__in=keys)
        .values_list("starter_key", flat=True)
    )
    values = placeholder_values(organisation)
    created = []
    with transaction.atomic():
        for key in keys:
            if key in adopted:
                continue
            starter = available[key]
            requirements = list(Requirement.objects.filter(key__in=starter.requirements))
            created.append(
                document_create(
                    organisation=organisation,
                    actor=actor,
                    title=starter.title,
                    doc_type=starter.doc_type,
                    summary=starter.summary,
                    owner=owner,
                    review_interval_months=starter.review_interval_months,
                    requirements=requirements,
                    body=fill(starter.body, values),
                    change_summary=_("Adopted from the Styring starter on %(date)s")
                    % {"date": timezone.localdate().isoformat()},
                    starter_key=key,
                    reason=_("Adopted from a starter document"),
                )
            )
    return created
