"""Spreadsheet import of AI systems (CSV or XLSX): the template, reading a file, matching its columns to fields,
and checking every row. Nothing here writes: the result is a list of candidates and a report."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import openpyxl
import xlsxwriter
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styring.core.exports import safe_cell
from styring.inventory.choices import AiActRole, AutomationLevel, Criticality, LifecycleStage, Sourcing

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
LANGUAGES = ("en", "nb", "da", "zh-hans")


class ImportError_(Exception):
    """The file as a whole cannot be read (wrong type, encoding, too large …)."""


@dataclass(frozen=True)
class Column:
    field: str
    label: Any  # lazily translated
    parse: Callable[[str], Any]
    required: bool = False
    hint: Any = ""


def _text(limit: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if len(value) > limit:
            raise ValueError(_("Longer than %(n)s characters.") % {"n": limit})
        return value

    return parse


def _choice(choices) -> Callable[[str], str]:
    """Accepts the stored value or the label in any of the product's languages, in any case."""

    def parse(value: str) -> str:
        wanted = _normalise(value)
        for choice_value, label in choices.choices:
            if wanted == _normalise(choice_value) or wanted in _labels(label):
                return choice_value
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s")
            % {"value": value, "allowed": ", ".join(str(label) for _v, label in choices.choices)}
        )

    return parse


def _choices_list(choices) -> Callable[[str], list[str]]:
    single = _choice(choices)

    def parse(value: str) -> list[str]:
        return list(dict.fromkeys(single(part.strip()) for part in re.split(r"[,;]", value) if part.strip()))

    return parse


_TRUE = {"yes", "y", "true", "1", "x", "ja", "j", "是"}
_FALSE = {"no", "n", "false", "0", "nei", "nej", "否"}


def _yes_no(value: str) -> bool:
    wanted = value.strip().lower()
    if wanted in _TRUE:
        return True
    if wanted in _FALSE:
        return False
    raise ValueError(_("Write yes or no."))


def _date(value: str) -> str:
    try:
        return datetime.date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise ValueError(_("Write the date as YYYY-MM-DD.")) from exc


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) or len(value) > 254:
        raise ValueError(_("Not an e-mail address."))
    return value.lower()


COLUMNS = (
    Column("name", gettext_lazy("Name"), _text(200), required=True),
    Column("purpose", gettext_lazy("Purpose and intended use"), _text(10_000)),
    Column("description", gettext_lazy("Description"), _text(10_000)),
    Column("business_unit", gettext_lazy("Business unit"), _text(200)),
    Column("owner_email", gettext_lazy("Owner e-mail"), _email, hint=gettext_lazy("A member of the organisation")),
    Column("lifecycle_stage", gettext_lazy("Lifecycle stage"), _choice(LifecycleStage)),
    Column("sourcing", gettext_lazy("Sourcing"), _choice(Sourcing)),
    Column("supplier", gettext_lazy("Vendor or supplier"), _text(200)),
    Column(
        "ai_act_roles",
        gettext_lazy("Roles under the EU AI Act"),
        _choices_list(AiActRole),
        hint=gettext_lazy("Several separated by commas"),
    ),
    Column("models_used", gettext_lazy("Models"), _text(10_000)),
    Column("datasets_used", gettext_lazy("Datasets"), _text(10_000)),
    Column("deployment_context", gettext_lazy("Deployment context"), _text(10_000)),
    Column("affected_persons", gettext_lazy("Affected persons"), _text(10_000)),
    Column("processes_personal_data", gettext_lazy("Processes personal data"), _yes_no, hint=gettext_lazy("yes or no")),
    Column("automation_level", gettext_lazy("Degree of automation"), _choice(AutomationLevel)),
    Column("human_oversight", gettext_lazy("Human oversight"), _text(10_000)),
    Column("criticality", gettext_lazy("Criticality"), _choice(Criticality)),
    Column("review_date", gettext_lazy("Next review"), _date, hint="YYYY-MM-DD"),
)
BY_FIELD = {column.field: column for column in COLUMNS}


def _normalise(text: Any) -> str:
    return re.sub(r"[\s_\-]+", " ", str(text)).strip().lower()


def _labels(label) -> set[str]:
    """A label in every language, normalised (so a Danish sheet maps in an English session)."""
    found = set()
    for language in LANGUAGES:
        with translation.override(language):
            found.add(_normalise(str(label)))
    return found


# --- the template -------------------------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    """An empty sheet with one column per field (labels in the user's language) and a sheet of allowed values."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet(_("AI systems")[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    for index, column in enumerate(COLUMNS):
        sheet.write(0, index, str(column.label) + (" *" if column.required else ""), bold)
        sheet.set_column(index, index, max(14, len(str(column.label)) + 4))
    sheet.freeze_panes(1, 0)
    help_sheet = workbook.add_worksheet(_("Instructions")[:31])
    help_sheet.write(0, 0, _("Column"), bold)
    help_sheet.write(0, 1, _("What to write"), bold)
    for row, column in enumerate(COLUMNS, start=1):
        help_sheet.write(row, 0, str(column.label))
        help_sheet.write(row, 1, safe_cell(_allowed(column)))
    help_sheet.set_column(0, 0, 30)
    help_sheet.set_column(1, 1, 100)
    workbook.close()
    return buffer.getvalue()


def template_csv() -> str:
    return ",".join(f'"{column.label}"' for column in COLUMNS) + "\r\n"


def _allowed(column: Column) -> str:
    choices = {"lifecycle_stage": LifecycleStage, "sourcing": Sourcing, "ai_act_roles": AiActRole,
               "automation_level": AutomationLevel, "criticality": Criticality}.get(column.field)  # fmt: skip
    if choices is not None:
        return " | ".join(str(label) for _value, label in choices.choices)
    parts = [_("Required.") if column.required else "", str(column.hint)]
    return " ".join(part for part in parts if part) or _("Free text.")


# --- reading ------------------------------------------------------------------------------------------------------


def read_table(content: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV or XLSX file, judged by its content. Cells come back as stripped text."""
    if not content:
        raise ImportError_(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise ImportError_(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if content.startswith(b"PK\x03\x04"):
        rows = _read_xlsx(content)
    elif b"\x00" in content[:4096]:
        raise ImportError_(_("This is neither a CSV nor an Excel (.xlsx) file."))
    else:
        rows = _read_csv(content)
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise ImportError_(_("The file has no rows."))
    header, body = rows[0], rows[1:]
    if len(body) > MAX_ROWS:
        raise ImportError_(_("At most %(n)s rows can be imported at once.") % {"n": MAX_ROWS})
    if not body:
        raise ImportError_(_("The file has a header but no AI systems."))
    width = len(header)
    return header, [(row + [""] * width)[:width] for row in body]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportError_(_("This is neither a CSV nor an Excel (.xlsx) file.")) from exc
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append([_cell(value) for value in row])
        if len(rows) > MAX_ROWS + 1:
            break
    workbook.close()
    return rows


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(_("Save the CSV file as UTF-8 and try again.")) from exc
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportError_(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc


# --- mapping and checking -----------------------------------------------------------------------------------------


def auto_mapping(header: list[str]) -> list[str]:
    """The field each column most likely holds ("" = ignore), by field name or label in any language."""
    mapping, taken = [], set()
    for title in header:
        wanted = _normalise(title.rstrip(" *"))
        match = ""
        for column in COLUMNS:
            if column.field in taken:
                continue
            if wanted == _normalise(column.field) or wanted in _labels(column.label):
                match = column.field
                break
        mapping.append(match)
        if match:
            taken.add(match)
    return mapping


@dataclass
class Problem:
    row: int  # spreadsheet row number (the header is row 1)
    column: str
    message: str
    level: str = "error"


@dataclass
class CheckResult:
    items: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.level == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_rows(rows: list[list[str]], mapping: list[str], *, existing_names=(), pending_names=()) -> CheckResult:
    """Every row as a candidate, or the problems that stop the import (warnings do not)."""
    result = CheckResult()
    if "name" not in mapping:
        result.problems.append(Problem(1, "", _("Choose which column holds the name of each AI system.")))
        return result
    duplicates = [field_ for field_ in set(mapping) if field_ and mapping.count(field_) > 1]
    for field_ in duplicates:
        result.problems.append(
            Problem(1, str(BY_FIELD[field_].label), _("Two columns are mapped to this field; choose one."))
        )
    if duplicates:
        return result
    existing = {name.lower() for name in existing_names}
    pending = {name.lower() for name in pending_names}
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        proposed: dict[str, Any] = {}
        for value, field_ in zip(row, mapping, strict=False):
            if not field_ or not value:
                continue
            column = BY_FIELD[field_]
            if "\x00" in value:
                result.problems.append(Problem(number, str(column.label), _("Contains a NUL character.")))
                continue
            try:
                proposed[field_] = column.parse(value)
            except ValueError as exc:
                result.problems.append(Problem(number, str(column.label), str(exc)))
        name = proposed.pop("name", "")
        if not name:
            result.problems.append(Problem(number, str(BY_FIELD["name"].label), _("A name is required.")))
            continue
        key = name.lower()
        if key in seen:
            result.problems.append(
                Problem(number, str(BY_FIELD["name"].label), _("Same name as row %(row)s.") % {"row": seen[key]})
            )
            continue
        seen[key] = number
        if key in existing:
            result.problems.append(
                Problem(
                    number,
                    str(BY_FIELD["name"].label),
                    _("An AI system with this name exists already; merge the candidate into it when you review."),
                    "warning",
                )
            )
        elif key in pending:
            result.problems.append(
                Problem(number, str(BY_FIELD["name"].label), _("Already waiting in the review queue."), "warning")
            )
        result.items.append(
            {"kind": "aisystem", "name": name, "proposed": proposed, "evidence": _("Spreadsheet row %(row)s") % {
                "row": number}}
        )  # fmt: skip
    return result


def report_csv(problems: list[Problem]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Row"), _("Column"), _("Level"), _("Problem")])
    for problem in problems:
        level = _("Error") if problem.level == "error" else _("Warning")
        writer.writerow([problem.row, safe_cell(problem.column), level, safe_cell(problem.message)])
    return "\ufeff" + buffer.getvalue()
