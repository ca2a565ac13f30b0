"""Scheduled jobs run by `styring tick` (from cron or a systemd timer, e.g. every 15 minutes).

Apps register their jobs when they load; every job is idempotent, so running tick twice does no harm.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], str]  # returns a one-line summary


_jobs: dict[str, Job] = {}


def register(name: str):
    def decorator(function: Callable[[], str]) -> Callable[[], str]:
        _jobs[name] = Job(name, function)
        return function

    return decorator


def all_jobs() -> list[Job]:
    return [_jobs[name] for name in sorted(_jobs)]
