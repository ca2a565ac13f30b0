"""The main navigation, grouped by the seven steps of the journey to certification.

Entries name URL patterns; an entry whose pattern does not exist yet (a later release) is shown as planned, so
the shape of the journey is visible from the first day.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .permissions import can


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None


@dataclass(frozen=True)
class NavGroup:
    number: int
    label: str
    items: tuple[NavItem, ...]


JOURNEY = (
    NavGroup(
        1,
        _("Map AI use"),
        (
            NavItem(_("AI systems"), "inventory:aisystem-list", "inventory.view"),
            NavItem(_("AI portfolio"), "inventory:portfolio", "inventory.view"),
            NavItem(_("AI models"), "inventory:aimodel-list", "inventory.view"),
            NavItem(_("Datasets"), "inventory:dataset-list", "inventory.view"),
            NavItem(_("Suppliers"), "inventory:supplier-list", "inventory.view"),
            NavItem(_("Discovery review"), "inventory:candidate-list", "inventory.view"),
        ),
    ),
    NavGroup(
        2,
        _("Gap analysis"),
        (
            NavItem(_("Gap analysis"), "controls:gap-analysis"),
            NavItem(_("Standards catalog"), "catalog:frameworks"),
        ),
    ),
    NavGroup(
        3,
        _("Establish"),
        (
            NavItem(_("Scope and context"), "context:overview"),
            NavItem(_("Policies and documents"), "documents:document-list"),
            NavItem(_("Roles and objectives"), "governance:overview"),
            NavItem(_("Competence"), "competence:overview"),
        ),
    ),
    NavGroup(
        4,
        _("Controls & risks"),
        (
            NavItem(_("Risks"), "risks:risk-list"),
            NavItem(_("Impact assessments"), "risks:impact-list"),
            NavItem(_("Applied controls"), "controls:appliedcontrol-list"),
            NavItem(_("Statement of Applicability"), "controls:soa"),
            NavItem(_("Evidence"), "controls:evidence-list"),
            NavItem(_("EU AI Act"), "regulation:overview"),
        ),
    ),
    NavGroup(
        5,
        _("Operate & monitor"),
        (
            NavItem(_("Monitoring"), "operations:metric-list"),
            NavItem(_("Decision logs"), "operations:event-list"),
            NavItem(_("Incidents"), "incidents:incident-list"),
        ),
    ),
    NavGroup(
        6,
        _("Audit & review"),
        (
            NavItem(_("Audit programmes"), "assurance:auditprogramme-list"),
            NavItem(_("Internal audits"), "assurance:audit-list"),
            NavItem(_("Management reviews"), "assurance:review-list"),
        ),
    ),
    NavGroup(
        7,
        _("Improve"),
        (
            NavItem(_("Nonconformities"), "improvement:nonconformity-list"),
            NavItem(_("Improvements"), "improvement:improvement-list"),
        ),
    ),
)


def build_navigation(membership, current_path: str) -> list[dict]:
    groups = []
    slug = membership.organisation.slug
    for group in JOURNEY:
        items = []
        for item in group.items:
            if item.permission and not can(membership, item.permission):
                continue
            try:
                url = reverse(item.url_name, kwargs={"org": slug})
            except NoReverseMatch:
                items.append({"label": item.label, "url": None, "active": False})
                continue
            items.append({"label": item.label, "url": url, "active": False})
        groups.append({"number": group.number, "label": group.label, "items": items})
    # The current page belongs to the entry with the longest matching address (/ai-systems/portfolio/ is the
    # portfolio, not the AI system list).
    matches = [
        item for group in groups for item in group["items"] if item["url"] and current_path.startswith(item["url"])
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return groups
