"""The audit report as a PDF (WeasyPrint), from the same context as the report page."""

from __future__ import annotations

from django.template.loader import render_to_string


def report_pdf(context: dict, *, printed_by, printed_at) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "assurance/audit_report_pdf.html", {**context, "printed_by": printed_by, "printed_at": printed_at}
    )
    return HTML(string=html).write_pdf()
