"""How document versions are shown: Markdown to safe HTML, line-by-line comparison, and the controlled PDF copy."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# Raw HTML is off: whatever an author types is shown as text, never as markup or script. markdown-it also refuses
# javascript: and data: links.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def markdown_html(text: str) -> SafeString:
    return mark_safe(_MARKDOWN.render(text or ""))  # noqa: S308 - markdown-it escapes everything (html off)


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "same", "changed", "removed", "added"
    left: str | None
    right: str | None
    left_number: int | None
    right_number: int | None


def diff_rows(old: str, new: str) -> list[DiffRow]:
    """Side-by-side rows of two texts: unchanged lines once on both sides, changes paired where they line up."""
    left, right = (old or "").splitlines(), (new or "").splitlines()
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                DiffRow("same", left[i], right[j], i + 1, j + 1)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        old_lines, new_lines = list(range(i1, i2)), list(range(j1, j2))
        for k in range(max(len(old_lines), len(new_lines))):
            i = old_lines[k] if k < len(old_lines) else None
            j = new_lines[k] if k < len(new_lines) else None
            kind = "changed" if i is not None and j is not None else ("removed" if j is None else "added")
            rows.append(
                DiffRow(
                    kind,
                    left[i] if i is not None else None,
                    right[j] if j is not None else None,
                    i + 1 if i is not None else None,
                    j + 1 if j is not None else None,
                )
            )
    return rows


def controlled_pdf(version, *, printed_by, printed_at) -> bytes:
    """The approved version as a PDF with its control block (reference, version, approval, next review) on every
    page, so a printed copy says what it is and when it stops being valid."""
    from weasyprint import HTML

    html = render_to_string(
        "documents/pdf.html",
        {
            "version": version,
            "document": version.document,
            "body": markdown_html(version.body),
            "printed_by": printed_by,
            "printed_at": printed_at,
        },
    )
    return HTML(string=html).write_pdf()
