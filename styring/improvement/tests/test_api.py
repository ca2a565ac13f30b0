"""The improvement API: nonconformities with containment, root cause, checks and closure; corrective actions;
improvements."""

API = "/api/v1/organisations/acme"


def _post(client, url, data, **extra):
    return client.post(url, data, content_type="application/json", **extra)


def test_the_api_takes_a_nonconformity_from_creation_to_closure(personas, login):
    contributor = login(personas.contributor)
    created = _post(contributor, f"{API}/nonconformities/", {
        "title": "External auditor: no evidence of data quality checks", "source": "external_audit",
        "severity": "major", "requirement": "iso42001:2023:10.2",
    })  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["reference"] == "NC-001" and body["status"] == "open" and body["requirement"] == "iso42001:2023:10.2"
    item = f"{API}/nonconformities/{body['id']}"
    contained = _post(contributor, f"{item}/containment", {"containment": "Checked last month's data by hand"})
    assert contained.status_code == 200 and contained.json()["status"] == "contained"
    assert contained.json()["contained_by"] == str(personas.membership(personas.contributor).public_id)
    bad = _post(contributor, f"{item}/root-cause", {"analysis_method": "five_whys", "root_cause": "x",
                                                    "five_whys": [{"why": "a", "because": "b"}] * 6})  # fmt: skip
    assert bad.status_code == 422
    bad_category = _post(contributor, f"{item}/root-cause", {"analysis_method": "fishbone", "root_cause": "x",
                                                             "fishbone": {"weather": ["rain"]}})  # fmt: skip
    assert bad_category.status_code == 422
    analysed = _post(contributor, f"{item}/root-cause", {
        "analysis_method": "fishbone", "root_cause": "No data quality procedure",
        "fishbone": {"data": ["No checks on incoming data"], "process": ["No procedure"]},
    }, HTTP_IF_MATCH='"2"')  # fmt: skip
    assert analysed.status_code == 200 and analysed.json()["status"] == "analysed", analysed.content
    stale = _post(contributor, f"{item}/root-cause", {"analysis_method": "other", "root_cause": "y"},
                  HTTP_IF_MATCH='"1"')  # fmt: skip
    assert stale.status_code == 409
    action = _post(contributor, f"{API}/corrective-actions/", {
        "nonconformity": body["id"], "description": "Write and adopt a data quality procedure",
        "owner": str(personas.membership(personas.viewer).public_id), "due_date": "2027-02-01",
    })  # fmt: skip
    assert action.status_code == 201, action.content
    assert action.json()["task"] is not None
    check = {"effective": True, "evidence": "Procedure in use for a quarter", "close": True}
    assert _post(login(personas.manager), f"{item}/effectiveness", check).status_code == 422  # action unfinished
    contributor = login(personas.contributor)  # one test client: signing in as the manager signed the contributor out
    done = contributor.patch(f"{API}/corrective-actions/{action.json()['id']}/", {"status": "done"},
                             content_type="application/json", HTTP_IF_MATCH='"1"')  # fmt: skip
    assert done.status_code == 200 and done.json()["completed_on"] is not None
    assert contributor.get(f"{item}/").json()["status"] == "verifying"
    assert _post(contributor, f"{item}/effectiveness", check).status_code == 403
    assert _post(contributor, f"{item}/close", {}).status_code == 403
    closed = _post(login(personas.manager), f"{item}/effectiveness", check)
    assert closed.status_code == 200, closed.content
    assert closed.json()["status"] == "closed" and closed.json()["effectiveness_verified_by"] == personas.manager.email
    listed = login(personas.viewer).get(f"{API}/corrective-actions/").json()
    assert listed["count"] == 1 and listed["items"][0]["status"] == "done"


def test_the_api_refuses_links_to_records_of_another_organisation(personas, login, make_nc):
    foreign = make_nc(organisation=personas.org_b, actor=personas.beta_manager)
    client = login(personas.contributor)
    response = _post(client, f"{API}/nonconformities/", {"title": "X", "recurrence_of": str(foreign.public_id)})
    assert response.status_code == 404
    action = _post(client, f"{API}/corrective-actions/", {"nonconformity": str(foreign.public_id), "description": "x"})
    assert action.status_code == 404
    assert not foreign.actions.exists()


def test_the_api_patches_with_if_match_deletes_only_open_ones_and_cancels_with_a_reason(personas, login, make_nc):
    record = make_nc()
    item = f"{API}/nonconformities/{record.public_id}"
    client = login(personas.contributor)
    stale = client.patch(f"{item}/", {"title": "New"}, content_type="application/json", HTTP_IF_MATCH='"9"')
    assert stale.status_code == 409
    patched = client.patch(f"{item}/", {"title": "New", "severity": "major"}, content_type="application/json",
                           HTTP_IF_MATCH='"1"')  # fmt: skip
    assert patched.status_code == 200 and patched.json()["severity"] == "major" and patched["ETag"] == '"2"'
    assert client.delete(f"{item}/").status_code == 403
    manager = login(personas.manager)
    assert _post(manager, f"{item}/cancel", {"reason": ""}).status_code == 422
    _post(manager, f"{item}/containment", {"containment": "Stopped"})
    assert manager.delete(f"{item}/").status_code == 422
    cancelled = _post(manager, f"{item}/cancel", {"reason": "Duplicate"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    fresh = make_nc(title="Mistake")
    assert manager.delete(f"{API}/nonconformities/{fresh.public_id}/", HTTP_IF_MATCH='"1"').status_code == 204


def test_the_api_manages_the_improvement_register(personas, login):
    client = login(personas.contributor)
    created = _post(client, f"{API}/improvements/", {"title": "Quarterly bias review", "source": "review",
                                                     "benefit": "Earlier detection"})  # fmt: skip
    assert created.status_code == 201 and created.json()["reference"] == "IMP-001"
    item = f"{API}/improvements/{created.json()['id']}"
    patched = client.patch(f"{item}/", {"status": "implemented", "outcome": "Two issues found early"},
                           content_type="application/json", HTTP_IF_MATCH='"1"')  # fmt: skip
    assert patched.status_code == 200 and patched.json()["status"] == "implemented"
    assert _post(client, f"{API}/improvements/", {"title": "x", "status": "maybe"}).status_code == 422
    assert client.delete(f"{item}/").status_code == 403
    assert login(personas.manager).delete(f"{item}/").status_code == 204
