"""Pages: the audit list (query count, export), the audit page with its checklist, filling an item that leads on
to a finding, the report page and PDF, and the management review page with its buttons."""

import datetime

from styring.assurance.choices import ChecklistResult
from styring.assurance.services import audit_start, review_compile_inputs, review_create


def test_the_audit_list_reads_in_the_same_number_of_queries_for_many_audits_and_exports_csv(
    personas, login, make_audit, django_assert_max_num_queries
):
    make_audit()
    client = login(personas.viewer)
    with django_assert_max_num_queries(30) as few:
        assert client.get("/o/acme/audits/").status_code == 200
    for _n in range(15):
        make_audit()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/o/acme/audits/").status_code == 200
    export = client.get("/o/acme/audits/?export=csv")
    assert export.status_code == 200 and "AUD-016" in b"".join(export.streaming_content).decode()


def test_an_auditor_fills_a_checklist_item_and_a_nonconforming_result_leads_to_recording_the_finding(
    personas, login, make_audit
):
    audit = audit_start(audit=make_audit(), actor=personas.auditor)
    item = audit.checklist.get(requirement__ref="6.1.2")
    client = login(personas.auditor)
    page = client.get(audit.get_absolute_url())
    assert page.status_code == 200 and "How is 6.1.2" in page.content.decode()
    response = client.post(
        f"/o/acme/checklist-items/{item.public_id}/edit/",
        {"version": item.version, "result": ChecklistResult.NONCONFORMING, "notes": "No criteria written down",
         "evidence_seen": "Interview"},
    )  # fmt: skip
    assert response.status_code == 302 and f"?item={item.public_id}" in response["Location"]
    form = client.get(response["Location"])
    assert form.status_code == 200 and "No criteria written down" in form.content.decode()
    assert login(personas.viewer).get(f"/o/acme/checklist-items/{item.public_id}/edit/").status_code == 403


def test_the_report_page_issues_the_report_and_the_pdf_downloads(personas, login, make_audit):
    audit = audit_start(audit=make_audit(), actor=personas.auditor)
    client = login(personas.auditor)
    url = f"/o/acme/audits/{audit.public_id}/report/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"version": audit.version, "conclusion": "Effective overall"}).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "reported" and audit.conclusion == "Effective overall"
    assert login(personas.viewer).post(url, {"version": audit.version, "conclusion": "x"}).status_code == 403
    pdf = client.get(f"/o/acme/audits/{audit.public_id}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_review_page_shows_compiled_inputs_and_offers_signing_only_to_top_management(personas, login):
    review = review_create(organisation=personas.org_a, actor=personas.manager, planned_date=datetime.date.today())
    review = review_compile_inputs(review=review, actor=personas.manager)
    page = login(personas.manager).get(review.get_absolute_url())
    assert page.status_code == 200 and "Status of AI risks" in page.content.decode()
    sign = f"/o/acme/management-reviews/{review.public_id}/sign/"
    assert login(personas.manager).post(sign, {"version": review.version}).status_code == 403
    refused = login(personas.owner).post(sign, {"version": review.version})  # not held yet: refused with a message
    review.refresh_from_db()
    assert refused.status_code == 302 and review.status == "inputs_compiled"
    assert login(personas.owner).get("/o/acme/management-reviews/").status_code == 200


def test_the_audit_form_creates_an_audit_and_shows_an_independence_conflict_on_the_form(personas, login):
    client = login(personas.auditor)
    auditor = personas.membership(personas.auditor).public_id
    data = {"title": "Data audit", "requirements": ["iso42001:2023:A.7.2"], "processes": ["data"],
            "lead_auditor": auditor}  # fmt: skip
    conflict = client.post("/o/acme/audits/new/", {**data, "auditees": [auditor]})
    assert conflict.status_code == 200 and "Auditor Person" in conflict.content.decode()
    created = client.post("/o/acme/audits/new/", data)
    assert created.status_code == 302
    from styring.assurance.models import Audit

    audit = Audit.objects.get()
    assert audit.processes == ["data"] and [r.ref for r in audit.requirements.all()] == ["A.7.2"]
    assert created["Location"] == audit.get_absolute_url()
