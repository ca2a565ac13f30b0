"""Presentation helpers shared by the EU AI Act pages: catalog links for cited provisions, role labels."""

from __future__ import annotations

from django.urls import reverse

from styring.inventory.choices import AiActRole

ROLE_FILTERS = ("provider", "deployer", "importer", "distributor", "authorised_representative")


def requirement_url(organisation, framework: str, ref: str) -> str:
    return reverse("catalog:requirement", kwargs={"org": organisation.slug, "requirement": f"{framework}:{ref}"})


def with_links(items: list[dict], organisation, framework: str) -> list[dict]:
    """Reasons or obligations with a catalog link for each provision they cite."""
    linked = []
    for item in items:
        refs = item.get("cites") or [item["ref"]]
        extra = {"who_label": role_labels(item["who"])} if "who" in item else {}
        linked.append(
            {**item, **extra, "links": [(ref, requirement_url(organisation, framework, ref)) for ref in refs]}
        )
    return linked


def role_labels(roles: list[str]) -> str:
    labels = dict(AiActRole.choices)
    return ", ".join(str(labels.get(role, role)) for role in roles)
