from .models import OPEN_STATUSES, Task


def tasks_of(organisation):
    return Task.objects.for_organisation(organisation).select_related("owner__user", "organisation")


def open_tasks_about(organisation, subject_type: str, subject_ids) -> dict[str, list[Task]]:
    """Open tasks per subject id, for many subjects in one query."""
    tasks = Task.objects.for_organisation(organisation).filter(
        subject_type=subject_type, subject_id__in=[str(i) for i in subject_ids], status__in=OPEN_STATUSES
    )
    grouped: dict[str, list[Task]] = {}
    for task in tasks:
        grouped.setdefault(task.subject_id, []).append(task)
    return grouped
