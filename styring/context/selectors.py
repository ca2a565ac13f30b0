"""Reads of the context registers, with query counts that do not grow with the number of rows."""

from __future__ import annotations

from .models import ContextIssue, InterestedParty


def issues_of(organisation):
    return ContextIssue.objects.for_organisation(organisation).select_related("organisation", "owner__user")


def parties_of(organisation):
    return InterestedParty.objects.for_organisation(organisation).select_related("organisation", "owner__user")


def context_counts(organisation) -> dict:
    issues = ContextIssue.objects.for_organisation(organisation)
    parties = InterestedParty.objects.for_organisation(organisation)
    return {
        "issues": issues.count(),
        "open_issues": issues.exclude(status="closed").count(),
        "parties": parties.count(),
        "parties_addressed": parties.filter(addressed_by_aims=True).count(),
    }
