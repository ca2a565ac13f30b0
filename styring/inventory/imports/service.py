"""Turning a checked import into candidates (all or nothing), and keeping an upload between preview and commit."""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.inventory import review
from styring.inventory.choices import CandidateSource
from styring.inventory.models import AISystem

from . import cyclonedx, spreadsheet
from .spreadsheet import ImportError_

PENDING_DIR = "imports"


def new_batch(prefix: str) -> str:
    return f"{prefix}-{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def known_names(organisation) -> tuple[list[str], list[str]]:
    existing = list(AISystem.objects.for_organisation(organisation).values_list("name", flat=True))
    return existing, review.pending_names(organisation)


def check_spreadsheet(organisation, content: bytes, mapping: list[str] | None = None):
    """(header, rows, mapping, result) for a spreadsheet; ImportError_ when the file cannot be read at all."""
    header, rows = spreadsheet.read_table(content)
    mapping = mapping if mapping is not None else spreadsheet.auto_mapping(header)
    mapping = (list(mapping) + [""] * len(header))[: len(header)]
    existing, pending = known_names(organisation)
    result = spreadsheet.check_rows(rows, mapping, existing_names=existing, pending_names=pending)
    return header, rows, mapping, result


def submit(organisation, actor, items: list[dict], source: str) -> tuple[str, list]:
    batch = new_batch(source)
    candidates = review.candidates_submit(
        organisation=organisation, actor=actor, source=source, items=items, batch=batch
    )
    return batch, candidates


def import_file(organisation, actor, content: bytes, *, kind: str = "", dry_run: bool = False):
    """The command-line and API path: detect the format, check everything, and queue all candidates or none.
    Returns (format, items or CheckResult problems, batch)."""
    kind = kind or detect(content)
    if kind == "cyclonedx":
        items = cyclonedx.parse_bom(content)
        problems = []
    else:
        _header, _rows, _mapping, result = check_spreadsheet(organisation, content)
        items, problems = result.items, result.problems
        if not result.ok:
            return kind, items, problems, ""
    if dry_run:
        return kind, items, problems, ""
    source = CandidateSource.CYCLONEDX if kind == "cyclonedx" else CandidateSource.SPREADSHEET
    batch, _candidates = submit(organisation, actor, items, source)
    return kind, items, problems, batch


def detect(content: bytes) -> str:
    head = content.lstrip()[:1]
    if head in (b"{", b"\xef"):
        text = content[:4096].decode("utf-8", errors="ignore")
        if '"bomFormat"' in text or text.lstrip("\ufeff").lstrip().startswith("{"):
            return "cyclonedx"
    if content.startswith(b"PK\x03\x04"):
        return "xlsx"
    return "csv"


# --- the upload kept between the preview and the commit ----------------------------------------------------------


def _folder(organisation) -> Path:
    return Path(settings.DATA_DIR) / PENDING_DIR / str(organisation.public_id)


def keep_upload(organisation, content: bytes) -> str:
    """Store the upload under a random token within the organisation's own folder; returns the token."""
    folder = _folder(organisation)
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.bin").write_bytes(content)
    return token


def kept_upload(organisation, token: str) -> bytes:
    if not token or not all(char.isalnum() or char in "-_" for char in token):
        raise ImportError_(_("The upload has expired; choose the file again."))
    path = _folder(organisation) / f"{token}.bin"
    if not path.exists():
        raise ImportError_(_("The upload has expired; choose the file again."))
    return path.read_bytes()


def forget_upload(organisation, token: str) -> None:
    path = _folder(organisation) / f"{token}.bin"
    path.unlink(missing_ok=True)
