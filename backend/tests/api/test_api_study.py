"""Study tools through the API, in JSON (issue 18): the teacher queues a generation and polls
it, reviews, exports and reads statistics; a student practises; bad input answers a clear 4xx
at once, before anything is queued."""

from __future__ import annotations

import csv
import io
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from pydantic import BaseModel
from sqlalchemy import select

from chatgepeto.api import create_app, schemas
from chatgepeto.services.container import Services
from chatgepeto.storage.schema import jobs

from .client_ids import issued_id
from .course import BIOLOGY_MD, HISTORY_MD, index_all, run_study_jobs, upload

BASE = "/api/collections/biologia/study"


@pytest.fixture
def client(services: Services) -> FlaskClient:
    client = create_app(services.settings, services).test_client()
    # A fixed id the tests name (the API gives new courses a random suffix).
    services.store.courses.create_collection("biologia", "Biologia", "aberto")
    upload(client, "biologia.md", BIOLOGY_MD.encode(), "biologia")
    upload(client, "historia.md", HISTORY_MD.encode(), "biologia")
    assert index_all(services) == 2
    return client


def _ok(model: type[BaseModel], response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    model.model_validate(response.json)  # unknown fields are refused (schemas.Out)
    return dict(response.json)


def _error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    assert set(response.json) == {"error", "code"} and response.json["code"] == code
    assert response.json["error"]
    return str(response.json["error"])


def _generate(client: FlaskClient, body: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Queue a generation, run it through the worker's code, and read the drafts."""
    queued = _ok(schemas.StudyJobOut, client.post(f"{BASE}/generate", json=body or {}), 202)
    assert run_study_jobs(client.application.extensions["chatgepeto"]) == 1
    done = _ok(schemas.StudyJobOut, client.get(f"/api/study/jobs/{queued['id']}"))
    assert done["status"] == "done" and done["created"] == done["generated"] > 0
    drafts = _ok(schemas.StudyItemList, client.get(f"{BASE}/items?status=draft"))["items"]
    assert len(drafts) == done["created"]
    return list(drafts)


def _generate_and_approve(client: FlaskClient) -> list[dict[str, Any]]:
    items = _generate(client)
    approved = _ok(schemas.StudyApproved, client.post(f"{BASE}/approve", json={}))
    assert approved["approved"] == len(items)
    return items


def test_generation_answers_202_with_the_job_and_is_polled_to_its_end(
    client: FlaskClient, services: Services
) -> None:
    history = next(d.id for d in services.library.list_documents("biologia") if d.pages is None)
    response = client.post(f"{BASE}/generate", json={"document_id": history})
    queued = _ok(schemas.StudyJobOut, response, 202)
    passages = len(services.store.passages.document_chunks(history))
    assert queued == {
        "id": queued["id"],
        "collection_id": "biologia",
        "status": "queued",
        "progress": {"done": 0, "total": passages},
        "created": None,
        "generated": None,
        "mode": None,
        "error": None,
    }
    polled = _ok(schemas.StudyJobOut, client.get(f"/api/study/jobs/{queued['id']}"))
    assert polled == queued  # no worker ran yet: nothing was drafted
    assert client.get(f"{BASE}/items").json["items"] == []
    assert run_study_jobs(services) == 1
    done = _ok(schemas.StudyJobOut, client.get(f"/api/study/jobs/{queued['id']}"))
    assert done["status"] == "done" and done["mode"] == "offline" and done["error"] is None
    assert done["progress"] == {"done": passages, "total": passages}
    items = client.get(f"{BASE}/items").json["items"]
    assert done["created"] == done["generated"] == len(items) > 0
    assert {i["source"]["document_id"] for i in items} == {history}
    again = _ok(schemas.StudyJobOut, client.post(f"{BASE}/generate", json={}), 202)
    assert again["id"] != queued["id"] and again["progress"]["total"] > passages
    for unknown in ("999999", "abc", queued["id"] + "0" * 12, "１"):
        _error(client.get(f"/api/study/jobs/{unknown}"), 404, "not_found:study_job")
    # An ingestion job is no study job, though both live in one queue.
    fila = upload(client, "fila.md", b"# Fila\n\nAinda na fila de indexacao.", "biologia")
    with services.store.engine.connect() as conn:
        ingest = conn.execute(
            select(jobs.c.id).where(jobs.c.document_id == fila.json["id"])
        ).scalar_one()
    _error(client.get(f"/api/study/jobs/{ingest}"), 404, "not_found:study_job")


def test_generate_review_and_bulk_approve(client: FlaskClient) -> None:
    items = _generate(client)
    assert {i["status"] for i in items} == {"draft"}
    first = items[0]
    assert first["source"]["passage"] and first["source"]["title"] in {"biologia.md", "historia.md"}
    edited = _ok(
        schemas.StudyItemOut,
        client.patch(f"/api/study/items/{first['id']}", json={"question": "Nova pergunta?"}),
    )
    assert edited["question"] == "Nova pergunta?" and edited["source"] == first["source"]
    rejected = client.patch(f"/api/study/items/{items[1]['id']}", json={"status": "rejected"})
    assert _ok(schemas.StudyItemOut, rejected)["status"] == "rejected"
    approved = client.post(f"{BASE}/approve", json={"ids": [first["id"]]})
    assert _ok(schemas.StudyApproved, approved)["approved"] == 1
    listed = _ok(schemas.StudyItemList, client.get(f"{BASE}/items?status=approved"))
    assert [i["id"] for i in listed["items"]] == [first["id"]]
    everything = _ok(schemas.StudyItemList, client.get(f"{BASE}/items"))
    assert len(everything["items"]) == len(items)


def test_bad_generation_input_is_a_clear_4xx(client: FlaskClient, services: Services) -> None:
    history = next(d.id for d in services.library.list_documents("biologia") if d.pages is None)
    pages = client.post(f"{BASE}/generate", json={"document_id": history, "first_page": 1})
    assert "páginas" in _error(pages, 400, "bad_request:page_range")
    _error(client.post(f"{BASE}/generate", json={"first_page": 2}), 400, "bad_request:page_range")
    _error(client.post(f"{BASE}/generate", json={"document_id": "nope"}), 404, "not_found:document")
    _error(
        client.post("/api/collections/nada/study/generate", json={}), 404, "not_found:collection"
    )
    _error(client.post(f"{BASE}/generate", json={"pages": 1}), 400, "bad_request:validation")
    upload(client, "fila.md", b"# Fila\n\nAinda na fila de indexacao.", "biologia")
    queued = next(d.id for d in services.library.list_documents("biologia") if d.title == "fila.md")
    not_ready = client.post(f"{BASE}/generate", json={"document_id": queued})
    assert "pronto" in _error(not_ready, 409, "conflict:not_ready")
    # Every refusal was synchronous: nothing was queued.
    assert run_study_jobs(services) == 0
    _error(client.get(f"{BASE}/items?status=aprovado"), 400, "bad_request:study_status")
    _error(client.patch("/api/study/items/nope", json={"answer": "x"}), 404, "not_found:study_item")
    _error(client.get(f"{BASE}/export?format=pdf"), 400, "bad_request:export_format")


def test_a_student_flips_grades_and_answers_then_the_teacher_sees_it(
    client: FlaskClient,
) -> None:
    items = _generate_and_approve(client)
    student = issued_id(client)
    due = _ok(schemas.StudyDueOut, client.get(f"{BASE}/due?limit=100", headers=student))
    assert due["due_today"] == len(items) == len(due["cards"])
    quiz = next(c for c in due["cards"] if c["kind"] != "flashcard")
    assert quiz["answer"] is None and quiz["due"] is None
    expected = next(i["answer"] for i in items if i["id"] == quiz["id"])
    verdict = _ok(
        schemas.QuizVerdictOut,
        client.post(
            f"/api/study/items/{quiz['id']}/answer", json={"answer": "errado"}, headers=student
        ),
    )
    assert verdict["correct"] is False and verdict["answer"] == expected
    assert expected.lower() in verdict["source"]["passage"].lower()
    other = next(c for c in due["cards"] if c["id"] != quiz["id"])
    card = _ok(
        schemas.StudyCardOut,
        client.post(f"/api/study/items/{other['id']}/review", json={"grade": 4}, headers=student),
    )
    assert card["item_id"] == other["id"] and card["phase"] == "review"
    after = _ok(schemas.StudyDueOut, client.get(f"{BASE}/due?limit=100", headers=student))
    assert after["due_today"] == len(items) - 1  # Easy: days away; Again: back today
    bad = client.post(f"/api/study/items/{other['id']}/review", json={"grade": 5}, headers=student)
    _error(bad, 400, "bad_request:validation")
    _error(client.get(f"{BASE}/due?limit=0", headers=student), 400, "bad_request:validation")
    stats = _ok(schemas.StudyStatsOut, client.get(f"{BASE}/stats"))
    row = next(r for r in stats["items"] if r["item"]["id"] == quiz["id"])
    assert (row["answers"], row["students"], row["correct"], row["share_correct"]) == (1, 1, 0, 0.0)
    assert stats["missed_pages"][0]["document_id"] == quiz["source"]["document_id"]
    forgot = client.delete("/api/study/history", headers=student)
    assert forgot.status_code == 204
    again = _ok(schemas.StudyDueOut, client.get(f"{BASE}/due?limit=100", headers=student))
    assert again["due_today"] == len(items)


def test_drafts_are_hidden_and_prova_refuses_students(client: FlaskClient) -> None:
    draft = _generate(client)[0]["id"]
    student = issued_id(client)
    grade = client.post(f"/api/study/items/{draft}/review", json={"grade": 3}, headers=student)
    _error(grade, 404, "not_found:study_item")
    client.post(f"{BASE}/approve", json={})
    assert (
        client.put("/api/collections/biologia/tutor-mode", json={"tutor_mode": "prova"}).status_code
        == 200
    )
    message = _error(client.get(f"{BASE}/due", headers=student), 409, "conflict:study_in_exam")
    assert "prova" in message
    answer = client.post(f"/api/study/items/{draft}/answer", json={"answer": "x"}, headers=student)
    _error(answer, 409, "conflict:study_in_exam")
    assert _ok(schemas.StudyItemList, client.get(f"{BASE}/items"))["items"]  # the teacher's


def test_exports_keep_the_source(client: FlaskClient, tmp_path: Path) -> None:
    items = _generate_and_approve(client)
    deck = client.get(f"{BASE}/export?format=apkg")
    assert deck.status_code == 200 and "biologia.apkg" in deck.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(deck.data)) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        notes = [row[0].split("\x1f") for row in db.execute("SELECT flds FROM notes")]
    assert len(notes) == len(items)
    sources = {f"{i['source']['title']}" for i in items}
    assert all(any(s in field for field in note for s in sources) for note in notes)

    moodle = client.get(f"{BASE}/export?format=moodle")
    assert moodle.status_code == 200 and moodle.mimetype == "application/xml"
    quiz = ET.fromstring(moodle.data)
    questions = [q for q in quiz.findall("question") if q.get("type") != "category"]
    assert len(questions) == len(items)
    assert {q.get("type") for q in questions} <= {"multichoice", "shortanswer", "essay"}
    for question in questions:
        assert question.findtext("idnumber") in {i["id"] for i in items}
        assert "Fonte:" in (question.findtext("generalfeedback/text") or "")

    table = client.get(f"{BASE}/export?format=csv")
    rows = list(csv.DictReader(io.StringIO(table.get_data(as_text=True))))
    assert {r["id"] for r in rows} == {i["id"] for i in items}
    assert all(r["source"].startswith(r["title"]) for r in rows)
