"""Inventory import: spreadsheets (template, mapping, validation report, all or nothing), CycloneDX ML-BOMs with
their model cards and relations, the command line and the review of what was imported."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from styring.core.models import AuditEvent
from styring.inventory import review
from styring.inventory.imports import cyclonedx, spreadsheet
from styring.inventory.imports.spreadsheet import ImportError_
from styring.inventory.models import AIModel, AISystem, Candidate, Dataset

FIXTURES = Path(__file__).parent / "fixtures"
CSV = (
    b"Name;Purpose and intended use;Lifecycle stage;Roles under the EU AI Act;Owner e-mail;Next review\n"
    b"Claims triage;Sorts claims;Operation;Deployer, provider;viewer@acme.example;2027-03-01\n"
    b"Chatbot;Answers customers;Nowhere;deployer;;\n"
)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


# --- reading and checking -------------------------------------------------------------------------------------------


def test_a_semicolon_csv_with_byte_order_mark_is_read_and_its_columns_matched_by_label():
    header, rows = spreadsheet.read_table(b"\xef\xbb\xbf" + CSV)
    mapping = spreadsheet.auto_mapping(header)
    assert mapping == ["name", "purpose", "lifecycle_stage", "ai_act_roles", "owner_email", "review_date"]
    assert rows[1][0] == "Chatbot"


def test_every_bad_value_is_reported_with_row_and_column_and_duplicates_are_caught():
    header, rows = spreadsheet.read_table(CSV + b"claims triage;Again;planning;;;31.12.2027\n")
    result = spreadsheet.check_rows(rows, spreadsheet.auto_mapping(header), existing_names=["Chatbot"])
    problems = {(p.row, p.column, p.level) for p in result.problems}
    assert (3, "Lifecycle stage", "error") in problems  # "Drift" is not a stage
    assert (4, "Next review", "error") in problems
    assert (4, "Name", "error") in problems  # same name as row 2
    assert (3, "Name", "warning") in problems  # exists in the inventory already
    assert not result.ok


def test_labels_in_another_language_are_accepted_for_columns_and_values():
    content = b"Navn;Livssyklusfase\nKundeservice;Drift\n"
    header, rows = spreadsheet.read_table(content)
    mapping = spreadsheet.auto_mapping(header)
    assert mapping == ["name", "lifecycle_stage"]
    result = spreadsheet.check_rows(rows, mapping)
    assert result.ok and result.items[0]["proposed"]["lifecycle_stage"] == "operation"


def test_an_xlsx_file_is_read_with_dates_and_formulas_as_their_values():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Next review", "Description"])
    sheet.append(["Scoring", __import__("datetime").date(2027, 1, 31), "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    header, rows = spreadsheet.read_table(buffer.getvalue())
    result = spreadsheet.check_rows(rows, spreadsheet.auto_mapping(header))
    assert result.items[0]["proposed"]["review_date"] == "2027-01-31"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"Name\n", "a header but no AI systems"),
        (b"%PDF-1.7\x00\x00binary", "neither a CSV nor an Excel"),
        (b"PK\x03\x04not really a zip", "neither a CSV nor an Excel"),
        ("Navn\nK\xf8benhavn\n".encode("latin-1"), "UTF-8"),
        (b"Name\n" + b"x\n" * 5001, "At most 5000 rows"),
    ],
)
def test_files_that_cannot_be_imported_are_refused_whole(content, message):
    with pytest.raises(ImportError_) as raised:
        spreadsheet.read_table(content)
    assert message in str(raised.value)


def test_the_template_has_every_column_and_a_sheet_of_allowed_values():
    workbook = openpyxl.load_workbook(io.BytesIO(spreadsheet.template_xlsx()))
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert header[0] == "Name *" and "Lifecycle stage" in header
    assert spreadsheet.auto_mapping(header)[: len(spreadsheet.COLUMNS)] == [c.field for c in spreadsheet.COLUMNS]
    assert "Operation" in str(workbook.worksheets[1]["B7"].value)


# --- the web import -----------------------------------------------------------------------------------------------


def test_a_spreadsheet_with_an_error_queues_nothing_and_a_corrected_mapping_queues_every_row(personas, login):
    client = login(personas.contributor)
    preview = client.post("/o/acme/discovery/import/", {"step": "upload", "file": SimpleUploadedFile("a.csv", CSV)})
    assert preview.status_code == 200
    token = preview.context["token"]
    assert "Nowhere" in preview.content.decode() and not preview.context["result"].ok
    full = ["name", "purpose", "lifecycle_stage", "ai_act_roles", "owner_email", "review_date"]
    refused = client.post("/o/acme/discovery/import/", {"step": "commit", "token": token, "mapping": full})
    assert refused.status_code == 422
    assert not Candidate.objects.exists() and not AuditEvent.objects.filter(object_type="inventory.candidate")
    report = client.get("/o/acme/discovery/import/report/", {"token": token, "mapping": full})
    assert "Lifecycle stage" in report.content.decode() and report["Content-Type"].startswith("text/csv")
    mapping = ["name", "purpose", "", "ai_act_roles", "owner_email", "review_date"]  # ignore the stage column
    done = client.post("/o/acme/discovery/import/", {"step": "commit", "token": token, "mapping": mapping})
    assert done.status_code == 302 and "batch=spreadsheet-" in done["Location"]
    candidates = Candidate.objects.order_by("name")
    assert [c.name for c in candidates] == ["Chatbot", "Claims triage"]
    assert candidates[1].proposed["ai_act_roles"] == ["deployer", "provider"]
    listed = client.get(done["Location"]).content.decode()
    assert "Claims triage" in listed
    review.candidate_accept(candidate=candidates[1], actor=personas.manager)
    system = AISystem.objects.get(name="Claims triage")
    assert system.owner.user == personas.viewer and str(system.review_date) == "2027-03-01"


def test_an_upload_kept_for_the_preview_cannot_be_used_by_another_organisation(personas, login):
    preview = login(personas.contributor).post(
        "/o/acme/discovery/import/", {"step": "upload", "file": SimpleUploadedFile("a.csv", CSV)}
    )
    token = preview.context["token"]
    other = login(personas.beta_manager).post(
        "/o/beta/discovery/import/", {"step": "commit", "token": token, "mapping": ["name"]}
    )
    assert other.status_code == 400 and not Candidate.objects.exists()
    assert (
        login(personas.contributor)
        .post("/o/acme/discovery/import/", {"step": "commit", "token": "../../etc", "mapping": ["name"]})
        .status_code
        == 400
    )


def test_the_template_downloads_as_excel_and_csv(personas, login):
    client = login(personas.viewer)
    assert client.get("/o/acme/discovery/import/template/")["Content-Type"].startswith("application/vnd.openxml")
    assert b"Name" in client.get("/o/acme/discovery/import/template/?format=csv").content


# --- CycloneDX ----------------------------------------------------------------------------------------------------


def test_a_cyclonedx_1_6_bom_gives_the_application_its_models_and_datasets_with_their_model_card():
    items = cyclonedx.parse_bom((FIXTURES / "claims-assistant-1.6.cdx.json").read_bytes())
    kinds = {item["name"]: item for item in items}
    assert [item["kind"] for item in items] == ["aisystem", "aimodel", "dataset"]
    model = kinds["claims-next-step-classifier"]["proposed"]
    assert model["approach"] == "supervised" and model["task"] == "classification"
    assert model["architecture"] == "gradient boosting LightGBM 600 trees" and model["licence"] == "Apache-2.0"
    assert "recall 0.84 claims over NOK 100 000" in model["evaluation"]
    assert "Quarterly fairness review" in model["limitations"]
    assert model["links"] == {"datasets": ["data-claims-2019-2024"]}
    dataset = kinds["Motor claims 2019-2024"]["proposed"]
    assert dataset["personal_data"] is True and dataset["provenance"] == "Claims analytics"
    assert dataset["source"] == "s3://nordlys-claims/curated/2019-2024"
    system = kinds["Claims assistant"]["proposed"]
    assert system["links"] == {"ai_models": ["model-claims-classifier"], "datasets": ["data-claims-2019-2024"]}


def test_a_cyclonedx_1_5_bom_is_read_and_other_versions_or_formats_are_refused():
    assert cyclonedx.parse_bom((FIXTURES / "sentiment-1.5.cdx.json").read_bytes())[0]["proposed"]["approach"] == (
        "unsupervised"
    )
    for content, message in (
        (b'{"bomFormat": "CycloneDX", "specVersion": "1.4", "components": []}', "1.4 is not supported"),
        (b'{"bomFormat": "SPDX"}', "not a CycloneDX BOM"),
        (b"not json", "not a JSON file"),
        (b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "library", "name": "x"}]}',
         "no machine-learning models"),
    ):  # fmt: skip
        with pytest.raises(ImportError_) as raised:
            cyclonedx.parse_bom(content)
        assert message in str(raised.value)


def test_reviewing_a_bom_links_the_records_in_any_order_and_only_within_the_organisation(personas, login):
    foreign = Dataset.objects.create(organisation=personas.org_b, name="Theirs", bom_ref="data-claims-2019-2024")
    content = (FIXTURES / "claims-assistant-1.6.cdx.json").read_bytes()
    response = login(personas.contributor).post(
        "/o/acme/discovery/import/cyclonedx/", {"file": SimpleUploadedFile("bom.json", content)}
    )
    assert response.status_code == 302
    candidates = {c.name: c for c in Candidate.objects.for_organisation(personas.org_a)}
    review.candidate_accept(candidate=candidates["Claims assistant"], actor=personas.manager)
    review.candidate_accept(candidate=candidates["claims-next-step-classifier"], actor=personas.manager)
    review.candidate_accept(candidate=candidates["Motor claims 2019-2024"], actor=personas.manager)
    system = AISystem.objects.get(name="Claims assistant")
    model = AIModel.objects.get(name="claims-next-step-classifier")
    dataset = Dataset.objects.get(organisation=personas.org_a, name="Motor claims 2019-2024")
    assert list(system.ai_models.all()) == [model] and list(system.datasets.all()) == [dataset]
    assert list(model.training_datasets.all()) == [dataset]
    assert foreign not in system.datasets.all() and not foreign.systems.exists()


def test_a_bad_bom_upload_queues_nothing_and_says_why(personas, login):
    response = login(personas.contributor).post(
        "/o/acme/discovery/import/cyclonedx/", {"file": SimpleUploadedFile("bom.json", b'{"bomFormat": "SPDX"}')}
    )
    assert response.status_code == 302 and not Candidate.objects.exists()


# --- command line -------------------------------------------------------------------------------------------------


def test_the_command_imports_checks_and_dry_runs(personas, tmp_path):
    good = tmp_path / "inventory.csv"
    good.write_bytes(b"Name;Purpose and intended use\nRoster planner;Plans shifts\n")
    out = io.StringIO()
    call_command("import", "inventory", str(good), "--org", "acme", "--dry-run", stdout=out)
    assert "would be queued" in out.getvalue() and not Candidate.objects.exists()
    call_command("import", "inventory", str(good), "--org", "acme", "--actor", personas.manager.email, stdout=out)
    assert Candidate.objects.get().submitted_by == personas.manager
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Name;Lifecycle stage\nX;Nowhere\n")
    with pytest.raises(CommandError, match="1 errors; nothing was imported"):
        call_command("import", "inventory", str(bad), "--org", "acme", stdout=io.StringIO())
    call_command("import", "inventory", str(FIXTURES / "sentiment-1.5.cdx.json"), "--org", "acme", stdout=out)
    assert Candidate.objects.filter(source="cyclonedx").count() == 1
    with pytest.raises(CommandError, match="No organisation"):
        call_command("import", "inventory", str(good), "--org", "nope")
    with pytest.raises(CommandError, match="not a member"):
        call_command("import", "inventory", str(good), "--org", "acme", "--actor", personas.beta_manager.email)


# --- API ----------------------------------------------------------------------------------------------------------


def test_the_api_imports_all_or_nothing_and_reviews_candidates(personas, login):
    client = login(personas.contributor)
    bad = client.post("/api/v1/organisations/acme/candidates/import",
                      {"file": SimpleUploadedFile("a.csv", CSV)})  # fmt: skip
    assert bad.status_code == 422 and "row 3" in bad.json()["detail"] and not Candidate.objects.exists()
    bom = SimpleUploadedFile("bom.json", (FIXTURES / "claims-assistant-1.6.cdx.json").read_bytes())
    good = client.post("/api/v1/organisations/acme/candidates/import", {"file": bom})
    assert good.status_code == 201 and len(good.json()["candidates"]) == 3
    batch = good.json()["batch"]
    listed = client.get(f"/api/v1/organisations/acme/candidates/?batch={batch}&kind=aimodel").json()
    assert listed["count"] == 1 and listed["items"][0]["proposed"]["task"] == "classification"
    model_id = listed["items"][0]["id"]
    assert login(personas.viewer).post(f"/api/v1/organisations/acme/candidates/{model_id}/accept", {},
                                       content_type="application/json").status_code == 403  # fmt: skip
    client = login(personas.contributor)  # the test client is shared: sign the contributor in again
    accepted = client.post(f"/api/v1/organisations/acme/candidates/{model_id}/accept", {"note": "Ours"},
                           content_type="application/json")  # fmt: skip
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = client.post(f"/api/v1/organisations/acme/candidates/{model_id}/dismiss", {},
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 422  # already reviewed
    system = client.get(f"/api/v1/organisations/acme/candidates/?batch={batch}&kind=aisystem").json()["items"][0]
    existing = AISystem.objects.create(organisation=personas.org_a, name="Claims assistant v1", purpose="x")
    merged = client.post(f"/api/v1/organisations/acme/candidates/{system['id']}/merge",
                         {"target": str(existing.public_id)}, content_type="application/json")  # fmt: skip
    assert merged.status_code == 200 and merged.json()["result_id"] == str(existing.public_id)
    assert list(existing.ai_models.values_list("name", flat=True)) == ["claims-next-step-classifier"]


def test_the_candidate_list_api_takes_a_constant_number_of_queries(personas, login, django_assert_max_num_queries):
    review.candidates_submit(organisation=personas.org_a, actor=personas.manager, source="manual",
                             items=[{"name": f"Tool {n}"} for n in range(40)])  # fmt: skip
    client = login(personas.viewer)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/organisations/acme/candidates/?limit=100").json()["count"] == 40
