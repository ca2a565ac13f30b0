"""Where an organisation addresses a requirement. Domain apps (controls, documents, evidence…) register a provider
here, so the catalog can show them without depending on those apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RequirementLink:
    kind: str  # e.g. "Applied control", translated by the provider
    label: str
    url: str


Provider = Callable[[object, object], list[RequirementLink]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def links_for(organisation, requirement) -> list[RequirementLink]:
    links: list[RequirementLink] = []
    for provider in _providers:
        links.extend(provider(organisation, requirement))
    return links
