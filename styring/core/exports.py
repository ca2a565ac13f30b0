"""CSV and XLSX export of django-tables2 tables (the visible columns, all filtered rows)."""

from __future__ import annotations

import csv
import io

import xlsxwriter
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

EXPORT_FORMATS = ("csv", "xlsx")
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas in exported text (CSV injection), keep everything else as text."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def export_filename(base: str, extension: str) -> str:
    return f"{slugify(base) or 'export'}-{timezone.localdate().isoformat()}.{extension}"


def table_rows(table):
    """Header and rows as plain text, using each column's export value."""
    return table.as_values(exclude_columns=getattr(table, "export_exclude", ()))


def csv_response(table, base_name: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    rows = (writer.writerow([safe_cell(cell) for cell in row]) for row in table_rows(table))
    # A UTF-8 byte-order mark makes Excel open Nordic and Chinese text correctly.
    response = StreamingHttpResponse(_with_bom(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(base_name, "csv")}"'
    return response


def _with_bom(rows):
    yield "\ufeff"
    yield from rows


def xlsx_response(table, base_name: str, sheet_title: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = workbook.add_worksheet(slugify(sheet_title)[:31] or "export")
    header_format = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    widths: list[int] = []
    for row_index, row in enumerate(table_rows(table)):
        for col_index, cell in enumerate(row):
            text = "" if cell is None else str(cell)
            if row_index == 0:
                sheet.write_string(row_index, col_index, text, header_format)
            else:
                sheet.write_string(row_index, col_index, text)
            if col_index >= len(widths):
                widths.append(0)
            widths[col_index] = min(max(widths[col_index], len(text)), 60)
    for col_index, width in enumerate(widths):
        sheet.set_column(col_index, col_index, width + 2)
    sheet.freeze_panes(1, 0)
    workbook.close()
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(base_name, "xlsx")}"'
    return response
