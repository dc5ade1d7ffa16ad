"""Who may do what (issue 16): every route of `app.url_map` × seven viewers × a `turma` and an
`aberto` course, on SQLite and PostgreSQL; each cell's status is asserted.

Viewers: anonymous, a browser with a pass for course A, one with a pass for course B, one whose
pass (to A) was revoked, A's teacher, another teacher (B's), the admin (ADMIN_TOKEN). A route
missing from `CASES` fails the test, so every later route must be added to the table.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.api.session import CSRF_HEADER
from chatgepeto.services.container import Services
from chatgepeto.storage.types import NewStudyItem

from .course import BIOLOGY_MD, BOUNDARY, HISTORY_MD, index_all, multipart

TOKEN = "matriz-7c2e9a4b1d6f3e8a0b5c"
PASSWORD = "fotossintese-2026"
STUDENTS = ("anonymous", "pass_a", "pass_b", "revoked")
ACTORS = (*STUDENTS, "teacher_a", "teacher_b", "admin")
QUESTION = "Onde ocorre a fotossíntese?"


@dataclass
class Actor:
    """A browser (its own cookies: client id, session) and the headers it sends."""

    client: FlaskClient
    headers: dict[str, str] = field(default_factory=dict)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = self.headers | kwargs.pop("headers", {})
        return self.client.open(path, method=method, headers=headers, **kwargs)


@dataclass
class World:
    """Course A (the visibility under test, A's teacher's) with a document, a passage, study
    items, a job and a live link; course B (turma, the other teacher's); the viewers."""

    services: Services
    app: Flask
    visibility: str
    actors: dict[str, Actor]
    teacher_ids: dict[str, str]
    course_a: str
    course_b: str
    document: str
    chunk: str
    flashcard: str
    quiz: str
    job: str
    code: str
    conversation: str
    message: str
    counter: itertools.count = field(default_factory=itertools.count)

    def readers(self) -> set[str]:
        if self.visibility == "aberto":
            return set(ACTORS)
        return {"pass_a", "teacher_a", "admin"}

    def fresh(self) -> int:
        return next(self.counter)


def _teacher(world_app: Flask, services: Services, email: str) -> tuple[Actor, str]:
    invitation = services.accounts.invite(email, email.split("@")[0])
    client = world_app.test_client()
    accepted = client.post(
        "/api/auth/accept", json={"token": invitation.token, "password": PASSWORD}
    )
    assert accepted.status_code == 200, accepted.json
    return Actor(client, {CSRF_HEADER: accepted.json["csrf_token"]}), invitation.teacher.id


def _joined(app: Flask, code: str) -> Actor:
    actor = Actor(app.test_client())
    joined = actor.call("POST", "/api/join", json={"code": code})
    assert joined.status_code == 200, joined.json
    return actor


def _upload(actor: Actor, name: str, text: str, course: str) -> Any:
    return actor.call(
        "POST",
        "/api/documents",
        data=multipart(name, text.encode(), course),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def build_world(services: Services, visibility: str) -> World:
    services.settings = services.settings.model_copy(update={"admin_token": TOKEN})
    app = create_app(services.settings, services)
    admin = Actor(app.test_client(), {"Authorization": f"Bearer {TOKEN}"})
    teacher_a, id_a = _teacher(app, services, "ana@escola.edu.br")
    teacher_b, id_b = _teacher(app, services, "bruno@escola.edu.br")
    made = teacher_a.call(
        "POST", "/api/collections", json={"name": "Biologia", "visibility": visibility}
    )
    other = teacher_b.call("POST", "/api/collections", json={"name": "História"})
    assert made.status_code == other.status_code == 201
    course_a, course_b = made.json["id"], other.json["id"]
    document = _upload(teacher_a, "biologia.md", BIOLOGY_MD, course_a).json["id"]
    assert _upload(teacher_b, "historia.md", HISTORY_MD, course_b).status_code == 202
    assert index_all(services) == 2
    chunk = services.store.passages.document_chunks(document)[0].id
    record = services.store.passages.get_chunk(chunk)
    assert record is not None
    items = [
        NewStudyItem(
            f"item-{kind}", course_a, document, record.page, chunk, record.text, kind, q, a
        )
        for kind, q, a in (
            ("flashcard", "Onde ocorre a fotossíntese?", "Nos cloroplastos."),
            ("short_answer", "Que organela contém clorofila?", "cloroplasto"),
        )
    ]
    services.store.study.add_items(items)
    services.store.study.set_status(course_a, "approved")
    job = services.study.start_generation(course_a, None, None, None)
    live = teacher_a.call("POST", f"/api/collections/{course_a}/invitations", json={})
    cut = teacher_a.call("POST", f"/api/collections/{course_a}/invitations", json={})
    link_b = teacher_b.call("POST", f"/api/collections/{course_b}/invitations", json={})
    pass_a, revoked = _joined(app, live.json["code"]), _joined(app, cut.json["code"])
    pass_b = _joined(app, link_b.json["code"])
    assert teacher_a.call("DELETE", f"/api/invitations/{cut.json['id']}").status_code == 204
    asked = pass_a.call("POST", "/api/chat", json={"message": QUESTION, "collection": course_a})
    assert asked.status_code == 200, asked.json
    actors = {
        "anonymous": Actor(app.test_client()),
        "pass_a": pass_a,
        "pass_b": pass_b,
        "revoked": revoked,
        "teacher_a": teacher_a,
        "teacher_b": teacher_b,
        "admin": admin,
    }
    return World(
        services,
        app,
        visibility,
        actors,
        {"teacher_a": id_a, "teacher_b": id_b},
        course_a,
        course_b,
        document,
        chunk,
        "item-flashcard",
        "item-short_answer",
        str(job.id),
        live.json["code"],
        asked.json["conversation_id"],
        asked.json["message_id"],
    )


# What each viewer is answered --------------------------------------------------------------
Expect = Callable[["World", str], int]


def read(ok: int = 200) -> Expect:
    """Course A's material: its readers, else 404 as if it did not exist."""
    return lambda world, actor: ok if actor in world.readers() else 404


def owner(ok: int = 200) -> Expect:
    """Changes to course A: no credential 401, another teacher 404, A's teacher and admin ok."""
    return lambda world, actor: 401 if actor in STUDENTS else 404 if actor == "teacher_b" else ok


def teachers(ok: int = 200) -> Expect:
    """A teacher's own view (no course named): any teacher or the admin."""
    return lambda world, actor: 401 if actor in STUDENTS else ok


def admin_only(ok: int) -> Expect:
    return lambda world, actor: ok if actor == "admin" else 401


def everyone(ok: int) -> Expect:
    return lambda world, actor: ok


def own_browser(ok: int) -> Expect:
    """Conversations are the browser's own: only pass_a's, even for the admin."""
    return lambda world, actor: ok if actor == "pass_a" else 404


# Requests ----------------------------------------------------------------------------------
Request = Callable[["World", str], tuple[str, dict[str, Any]]]


def to(path: str, **kwargs: Any) -> Request:
    """A request whose path names the world's items ({course_a}, {document}, ...)."""
    return lambda world, actor: (path.format(**vars(world)), dict(kwargs))


def _course_of_a(world: World) -> str:
    """A new course of A's teacher, with the visibility under test."""
    course = f"tmp-{world.fresh()}"
    owner_id = world.teacher_ids["teacher_a"]
    world.services.store.courses.create_collection(course, "Tmp", world.visibility, owner_id)
    return course


def _disposable_course(world: World, actor: str) -> tuple[str, dict[str, Any]]:
    return f"/api/collections/{_course_of_a(world)}", {}


def _disposable_document(suffix: str = "") -> Request:
    def make(world: World, actor: str) -> tuple[str, dict[str, Any]]:
        copy = world.services.store.documents.copy_document(
            world.document, _course_of_a(world), "copia.md"
        )
        return f"/api/documents/{copy.id}{suffix}", {}

    return make


def _disposable_invitation(world: World, actor: str) -> tuple[str, dict[str, Any]]:
    invitation = world.services.classroom.invite(world.course_a, None)
    return f"/api/invitations/{invitation.id}", {}


def _disposable_conversation(world: World, actor: str) -> tuple[str, dict[str, Any]]:
    asked = world.actors["pass_a"].call(
        "POST", "/api/chat", json={"message": QUESTION, "collection": world.course_a}
    )
    return f"/api/conversations/{asked.json['conversation_id']}", {}


def _new_upload(world: World, actor: str) -> tuple[str, dict[str, Any]]:
    text = f"# Nota {world.fresh()}\n\nA clorofila absorve luz vermelha e azul."
    body = multipart(f"nota-{actor}.md", text.encode(), world.course_a)
    return "/api/documents", {
        "data": body,
        "content_type": f"multipart/form-data; boundary={BOUNDARY}",
    }


def _invite_teacher(world: World, actor: str) -> tuple[str, dict[str, Any]]:
    return "/api/auth/invitations", {
        "json": {"email": f"nova{world.fresh()}@escola.edu.br", "name": "Nova"}
    }


@dataclass(frozen=True)
class Case:
    request: Request
    expect: Expect
    last: bool = False  # changes who holds what (a pass, a session): run after the rest
    sees_a: bool = False  # a list: course A's material is listed exactly to its readers


CASES: dict[tuple[str, str], list[Case]] = {
    ("GET", "/api/health"): [Case(to("/api/health"), everyone(200))],
    ("GET", "/api/openapi.json"): [Case(to("/api/openapi.json"), everyone(200))],
    # Courses
    ("GET", "/api/collections"): [Case(to("/api/collections"), everyone(200), sees_a=True)],
    ("POST", "/api/collections"): [
        Case(to("/api/collections", json={"name": "Nova turma"}), teachers(201))
    ],
    ("PATCH", "/api/collections/<collection_id>"): [
        Case(to("/api/collections/{course_a}", json={"name": "Biologia"}), owner())
    ],
    ("DELETE", "/api/collections/<collection_id>"): [Case(_disposable_course, owner(204))],
    ("PUT", "/api/collections/<collection_id>/access"): [
        Case(
            lambda w, a: (
                f"/api/collections/{w.course_a}/access",
                {"json": {"visibility": w.visibility}},
            ),
            owner(),
        )
    ],
    ("PUT", "/api/collections/<collection_id>/tutor-mode"): [
        Case(to("/api/collections/{course_a}/tutor-mode", json={"tutor_mode": "direto"}), owner())
    ],
    ("GET", "/api/collections/<collection_id>/invitations"): [
        Case(to("/api/collections/{course_a}/invitations"), owner())
    ],
    ("POST", "/api/collections/<collection_id>/invitations"): [
        Case(to("/api/collections/{course_a}/invitations", json={"expires_in_days": 7}), owner(201))
    ],
    ("DELETE", "/api/invitations/<invitation_id>"): [Case(_disposable_invitation, owner(204))],
    ("GET", "/api/join/<code>"): [Case(to("/api/join/{code}"), everyone(200))],
    ("POST", "/api/join"): [
        Case(lambda w, a: ("/api/join", {"json": {"code": w.code}}), everyone(200), last=True)
    ],
    # Documents and passages
    ("POST", "/api/documents"): [Case(_new_upload, owner(202))],
    ("GET", "/api/documents"): [
        Case(to("/api/documents"), everyone(200), sees_a=True),
        Case(to("/api/documents?collection={course_a}"), read()),
    ],
    ("GET", "/api/documents/<document_id>"): [Case(to("/api/documents/{document}"), read())],
    ("PATCH", "/api/documents/<document_id>"): [
        Case(to("/api/documents/{document}", json={"title": "biologia.md"}), owner())
    ],
    ("DELETE", "/api/documents/<document_id>"): [Case(_disposable_document(), owner(204))],
    ("GET", "/api/documents/<document_id>/file"): [
        Case(to("/api/documents/{document}/file"), read())
    ],
    ("POST", "/api/documents/<document_id>/reindex"): [
        Case(_disposable_document("/reindex"), owner(202))
    ],
    ("GET", "/api/chunks/<chunk_id>"): [Case(to("/api/chunks/{chunk}"), read())],
    ("GET", "/api/chunks/<chunk_id>/source"): [Case(to("/api/chunks/{chunk}/source"), read())],
    # Search and chat
    ("POST", "/api/search"): [
        Case(to("/api/search", json={"query": QUESTION}), everyone(200), sees_a=True),
        Case(
            lambda w, a: ("/api/search", {"json": {"query": QUESTION, "collection": w.course_a}}),
            read(),
        ),
    ],
    ("POST", "/api/chat"): [
        Case(to("/api/chat", json={"message": QUESTION}), everyone(200), sees_a=True),
        Case(
            lambda w, a: ("/api/chat", {"json": {"message": QUESTION, "collection": w.course_a}}),
            read(),
        ),
    ],
    # A browser's own conversations
    ("GET", "/api/conversations"): [Case(to("/api/conversations"), everyone(200))],
    # Each browser's whole history (pass_a's holds the world's conversation: run after the rest)
    ("DELETE", "/api/conversations"): [Case(to("/api/conversations"), everyone(204), last=True)],
    ("GET", "/api/conversations/<conversation_id>"): [
        Case(to("/api/conversations/{conversation}"), own_browser(200))
    ],
    ("DELETE", "/api/conversations/<conversation_id>"): [
        Case(_disposable_conversation, own_browser(204))
    ],
    ("POST", "/api/feedback"): [
        Case(
            lambda w, a: ("/api/feedback", {"json": {"message_id": w.message, "rating": "up"}}),
            own_browser(201),
        )
    ],
    ("GET", "/api/insights"): [
        Case(to("/api/insights"), teachers()),
        Case(to("/api/insights?collection={course_a}"), owner()),
    ],
    # Study tools
    ("POST", "/api/collections/<collection_id>/study/generate"): [
        Case(to("/api/collections/{course_a}/study/generate", json={}), owner(202))
    ],
    ("GET", "/api/study/jobs/<job_id>"): [Case(to("/api/study/jobs/{job}"), owner())],
    ("GET", "/api/collections/<collection_id>/study/items"): [
        Case(to("/api/collections/{course_a}/study/items"), owner())
    ],
    ("PATCH", "/api/study/items/<item_id>"): [
        Case(to("/api/study/items/{flashcard}", json={"status": "approved"}), owner())
    ],
    ("POST", "/api/collections/<collection_id>/study/approve"): [
        Case(to("/api/collections/{course_a}/study/approve", json={}), owner())
    ],
    ("GET", "/api/collections/<collection_id>/study/export"): [
        Case(to("/api/collections/{course_a}/study/export?format=csv"), owner())
    ],
    ("GET", "/api/collections/<collection_id>/study/stats"): [
        Case(to("/api/collections/{course_a}/study/stats"), owner())
    ],
    ("GET", "/api/collections/<collection_id>/study/due"): [
        Case(to("/api/collections/{course_a}/study/due"), read())
    ],
    ("POST", "/api/study/items/<item_id>/review"): [
        Case(to("/api/study/items/{flashcard}/review", json={"grade": 3}), read())
    ],
    ("POST", "/api/study/items/<item_id>/answer"): [
        Case(to("/api/study/items/{quiz}/answer", json={"answer": "cloroplasto"}), read())
    ],
    ("DELETE", "/api/study/history"): [Case(to("/api/study/history"), everyone(204))],
    # Accounts
    ("GET", "/api/auth/session"): [Case(to("/api/auth/session"), everyone(200))],
    ("POST", "/api/auth/sign-in"): [
        Case(
            to("/api/auth/sign-in", json={"email": "ninguem@escola.edu.br", "password": "x" * 12}),
            everyone(401),
        )
    ],
    ("POST", "/api/auth/sign-out"): [Case(to("/api/auth/sign-out"), everyone(200), last=True)],
    ("POST", "/api/auth/accept"): [
        Case(to("/api/auth/accept", json={"token": "n" * 43, "password": PASSWORD}), everyone(404))
    ],
    # OIDC is not configured here: both answer 404 not_found:oidc to everyone
    ("GET", "/api/auth/oidc/start"): [Case(to("/api/auth/oidc/start"), everyone(404))],
    ("GET", "/api/auth/oidc/callback"): [
        Case(to("/api/auth/oidc/callback?code=x&state=y"), everyone(404))
    ],
    ("POST", "/api/auth/invitations"): [Case(_invite_teacher, admin_only(201))],
    ("POST", "/api/auth/resets"): [
        Case(to("/api/auth/resets", json={"email": "bruno@escola.edu.br"}), admin_only(201))
    ],
}


def _api_routes(app: Flask) -> set[tuple[str, str]]:
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods or ()
        if method not in {"HEAD", "OPTIONS"}
    }


def _shows_course_a(world: World, response: Any) -> bool:
    body = response.json
    if "collections" in body:
        return any(c["id"] == world.course_a for c in body["collections"])
    if "documents" in body:
        return any(d["collection"] == world.course_a for d in body["documents"])
    if "results" in body:
        return any(r["collection"] == world.course_a for r in body["results"])
    return any(c["document_id"] == world.document for c in body["citations"])


@pytest.mark.parametrize("visibility", ["turma", "aberto"])
def test_every_route_answers_each_viewer_as_its_course_allows(
    services: Services, visibility: str
) -> None:
    world = build_world(services, visibility)
    missing = _api_routes(world.app) - set(CASES)
    assert not missing, f"routes without a row in CASES: {sorted(missing)}"
    wrong: list[str] = []
    cells = [(key, case) for key, cases in CASES.items() for case in cases]
    for key, case in sorted(cells, key=lambda cell: cell[1].last):
        for actor in ACTORS:
            path, kwargs = case.request(world, actor)
            response = world.actors[actor].call(key[0], path, **kwargs)
            expected = case.expect(world, actor)
            if response.status_code != expected:
                wrong.append(f"{key[0]} {path} as {actor}: {response.status_code} != {expected}")
            elif case.sees_a and _shows_course_a(world, response) != (actor in world.readers()):
                wrong.append(f"{key[0]} {path} as {actor}: course A listed wrongly")
            elif expected == 404 and response.json["code"] == "not_found":
                wrong.append(f"{key[0]} {path} as {actor}: the route itself was not found")
    assert not wrong, "\n".join(wrong)


def test_a_teachers_cookie_write_needs_the_csrf_token_and_only_the_owner_sees_its_links(
    services: Services,
) -> None:
    world = build_world(services, "turma")
    teacher = world.actors["teacher_a"]
    bare = teacher.client.post(f"/api/collections/{world.course_a}/invitations", json={})
    assert bare.status_code == 401 and bare.json["code"] == "unauthorized:csrf"
    listed = teacher.call("GET", f"/api/collections/{world.course_a}/invitations").json
    codes = [i["code"] for i in listed["invitations"]]
    assert world.code in codes and all(i["path"].endswith(i["code"]) for i in listed["invitations"])
    mine = teacher.call("GET", "/api/collections").json["collections"]
    assert {c["id"]: c["owned"] for c in mine if c["id"] != "default"} == {world.course_a: True}
