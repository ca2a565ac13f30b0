"""List, read, create, change and delete API routes for a simple tenant record type, from one description
(the API counterpart of core.crud)."""

from uuid import UUID

from django.http import HttpResponse
from ninja import Path, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from .api import READ_ERRORS, WRITE_ERRORS, api_membership, api_require, error_responses, parse_if_match
from .scoping import get_for_organisation


def add_crud_routes(
    router: Router,
    *,
    path: str,
    model_name: str,
    tag_name: str,
    out_schema: type[Schema],
    write_schema: type,
    patch_schema: type,
    selector,
    create,
    update,
    delete,
    view_permission: str,
    change_permission: str,
    delete_permission: str,
    resolve=None,
    ordering=("name", "id"),
) -> None:
    """Routes `{org}/<path>/` and `{org}/<path>/{<model name>}/` (path keywords are named after the model, as in
    the UI). `resolve(organisation, data)` turns references in the
    input (owner, supplier …) into records of the same organisation (404 otherwise)."""
    resolve = resolve or (lambda organisation, data: data)
    collection = f"/{{org}}/{path}/"
    item = f"/{{org}}/{path}/{{{model_name}}}/"
    record_id = Path(..., alias=model_name)

    @router.get(
        collection,
        response={200: list[out_schema], **error_responses(*READ_ERRORS)},
        summary=f"List {tag_name}",
        operation_id=f"list_{path.replace('-', '_')}",
    )
    @paginate(LimitOffsetPagination)
    def list_records(request, org: str):
        membership = api_membership(request, org)
        api_require(membership, view_permission)
        return selector(membership.organisation).order_by(*ordering)

    @router.post(
        collection,
        response={201: out_schema, **error_responses(*WRITE_ERRORS)},
        summary=f"Create {tag_name}",
        operation_id=f"create_{path.replace('-', '_')}",
    )
    def create_record(request, org: str, payload: write_schema, response: HttpResponse):
        membership = api_membership(request, org)
        api_require(membership, change_permission)
        data = resolve(membership.organisation, payload.model_dump(exclude={"reason"}))
        record = create(
            organisation=membership.organisation, actor=membership.user, reason=getattr(payload, "reason", ""), **data
        )
        response["ETag"] = f'"{record.version}"'
        return Status(201, record)

    @router.get(
        item,
        response={200: out_schema, **error_responses(*READ_ERRORS)},
        summary=f"One of the {tag_name}",
        operation_id=f"get_{path.replace('-', '_')}",
    )
    def get_record(request, org: str, response: HttpResponse, record_pk: UUID = record_id):
        membership = api_membership(request, org)
        api_require(membership, view_permission)
        record = get_for_organisation(selector(membership.organisation), membership.organisation, public_id=record_pk)
        response["ETag"] = f'"{record.version}"'
        return record

    @router.patch(
        item,
        response={200: out_schema, **error_responses(*WRITE_ERRORS)},
        summary=f"Change one of the {tag_name} (If-Match refuses stale edits)",
        operation_id=f"update_{path.replace('-', '_')}",
    )
    def update_record(request, org: str, payload: patch_schema, response: HttpResponse, record_pk: UUID = record_id):
        membership = api_membership(request, org)
        api_require(membership, change_permission)
        record = get_for_organisation(selector(membership.organisation), membership.organisation, public_id=record_pk)
        data = payload.model_dump(exclude_unset=True)
        reason = data.pop("reason", "")
        data = resolve(membership.organisation, data)
        record = update(record, actor=membership.user, expected_version=parse_if_match(request), reason=reason, **data)
        response["ETag"] = f'"{record.version}"'
        return record

    @router.delete(
        item,
        response={204: None, **error_responses(*WRITE_ERRORS)},
        summary=f"Delete one of the {tag_name}",
        operation_id=f"delete_{path.replace('-', '_')}",
    )
    def delete_record(request, org: str, record_pk: UUID = record_id):
        membership = api_membership(request, org)
        api_require(membership, delete_permission)
        record = get_for_organisation(selector(membership.organisation), membership.organisation, public_id=record_pk)
        delete(record=record, actor=membership.user, expected_version=parse_if_match(request))
        return Status(204, None)
