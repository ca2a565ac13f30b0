"""Gap analysis as an Excel workbook: export for offline work, import back with validation (all or nothing)."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

import openpyxl
import xlsxwriter
from django.utils.translation import gettext as _

from .choices import GapStatus
from .selectors import GapRow

HEADERS = [
    "Key",
    "Number",
    "Title",
    "Group",
    "Status",
    "Maturity",
    "Owner e-mail",
    "Target date",
    "Note",
    "Evidence links",
]
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


def export_workbook(rows: list[GapRow], title: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Gap analysis")
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    locked_style = book.add_format({"font_color": "#555555"})
    date_style = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADERS, bold)
    for index, row in enumerate(rows, start=1):
        answer = row.answer
        sheet.write_string(index, 0, row.requirement.key, locked_style)
        sheet.write_string(index, 1, row.requirement.ref, locked_style)
        sheet.write_string(index, 2, row.requirement.display_title, locked_style)
        sheet.write_string(index, 3, f"{row.group.ref} {row.group.display_title}", locked_style)
        sheet.write_string(index, 4, row.status)
        if answer and answer.maturity is not None:
            sheet.write_number(index, 5, answer.maturity)
        sheet.write_string(index, 6, answer.owner.user.email if answer and answer.owner_id else "")
        if answer and answer.target_date:
            sheet.write_datetime(index, 7, datetime.datetime.combine(answer.target_date, datetime.time()), date_style)
        sheet.write_string(index, 8, answer.note if answer else "")
        sheet.write_string(index, 9, "\n".join(answer.evidence_links) if answer else "")
    sheet.data_validation(1, 4, max(len(rows), 1), 4, {"validate": "list", "source": list(GapStatus.values)})
    sheet.data_validation(
        1, 5, max(len(rows), 1), 5, {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 5}
    )
    for column, width in enumerate([28, 10, 48, 30, 16, 10, 30, 12, 48, 40]):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 3)
    notes = book.add_worksheet("Read me")
    notes.write(0, 0, title, bold)
    notes.write(
        1,
        0,
        "Edit the columns Status to Evidence links; leave Key unchanged. Status values: "
        + ", ".join(GapStatus.values)
        + ". Maturity 0-5. Evidence links: one per line.",
    )
    book.close()
    return buffer.getvalue()


@dataclass
class ImportedRow:
    line: int
    key: str
    data: dict


class WorkbookError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_workbook(upload, *, allowed_keys: set[str], members_by_email: dict) -> list[ImportedRow]:
    """Parse and validate every row; raise WorkbookError listing every problem (by row) if any row is wrong."""
    if upload.size > MAX_IMPORT_BYTES:
        raise WorkbookError([_("The file is larger than 5 MB.")])
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise WorkbookError([_("This is not an Excel workbook (.xlsx).")])
    try:
        book = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookError([_("The workbook cannot be read: %(error)s") % {"error": exc}]) from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [_text(cell) for cell in next(lines, ())][: len(HEADERS)]
    if header != HEADERS:
        raise WorkbookError(
            [
                _("The first row must be the column headings of an exported workbook: %(headers)s")
                % {"headers": ", ".join(HEADERS)}
            ]
        )
    errors: list[str] = []
    rows: list[ImportedRow] = []
    seen: set[str] = set()
    for line, cells in enumerate(lines, start=2):
        if line > MAX_IMPORT_ROWS + 1:
            errors.append(_("More than %(n)d rows.") % {"n": MAX_IMPORT_ROWS})
            break
        cells = list(cells) + [None] * (len(HEADERS) - len(cells))
        key = _text(cells[0])
        if not key and not any(_text(c) for c in cells):
            continue
        row_errors = []
        if key not in allowed_keys:
            row_errors.append(_("unknown requirement key %(key)s") % {"key": key or "(empty)"})
        elif key in seen:
            row_errors.append(_("requirement %(key)s appears twice") % {"key": key})
        seen.add(key)
        status = _text(cells[4])
        if status not in GapStatus.values:
            row_errors.append(_("status must be one of %(values)s") % {"values": ", ".join(GapStatus.values)})
        maturity_text = _text(cells[5])
        maturity = None
        if maturity_text:
            if maturity_text.isdigit() and 0 <= int(maturity_text) <= 5:
                maturity = int(maturity_text)
            else:
                row_errors.append(_("maturity must be a whole number from 0 to 5"))
        email = _text(cells[6]).lower()
        owner = None
        if email:
            owner = members_by_email.get(email)
            if owner is None:
                row_errors.append(_("%(email)s is not a member of this organisation") % {"email": email})
        target = cells[7]
        target_date = None
        if isinstance(target, datetime.datetime):
            target_date = target.date()
        elif isinstance(target, datetime.date):
            target_date = target
        elif _text(target):
            try:
                target_date = datetime.date.fromisoformat(_text(target))
            except ValueError:
                row_errors.append(_("target date must be a date (YYYY-MM-DD)"))
        note = _text(cells[8])
        links = [link.strip() for link in _text(cells[9]).splitlines() if link.strip()]
        if "\x00" in note or any("\x00" in link for link in links):
            row_errors.append(_("text contains a NUL character"))
        if row_errors:
            errors.append(_("Row %(line)d: %(problems)s") % {"line": line, "problems": "; ".join(row_errors)})
            continue
        rows.append(
            ImportedRow(
                line,
                key,
                {
                    "status": status,
                    "maturity": maturity,
                    "owner": owner,
                    "target_date": target_date,
                    "note": note,
                    "evidence_links": links,
                },
            )
        )
    book.close()
    if errors:
        raise WorkbookError(errors)
    return rows
