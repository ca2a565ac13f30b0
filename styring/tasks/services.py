from styring.core.audit import object_type_of
from styring.core.services import tenant_create, tenant_update

from .models import Task


def task_create(
    *,
    organisation,
    actor,
    title: str,
    owner=None,
    due_date=None,
    description: str = "",
    subject=None,
    subject_url: str = "",
    at=None,
) -> Task:
    task = Task(organisation=organisation, title=title, owner=owner, due_date=due_date, description=description)
    if subject is not None:
        task.subject_type = object_type_of(subject)
        task.subject_id = str(subject.public_id)
        task.subject_label = str(subject)[:300]
        task.subject_url = subject_url
    return tenant_create(instance=task, actor=actor, at=at)


def task_update(*, task: Task, actor, expected_version: int | None = None, reason: str = "", **data) -> Task:
    allowed = {"title", "description", "owner", "due_date", "status"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return tenant_update(instance=task, actor=actor, data=data, expected_version=expected_version, reason=reason)
