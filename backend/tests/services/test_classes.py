"""Classes (issue 16) on SQLite and PostgreSQL: join codes, passes, revocation and expiry,
the course guard's scopes, search over a set of courses, and migration 0013 keeping every
existing course open and owned by the admin."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from api.course import BIOLOGY_MD, HISTORY_MD, index_all
from sqlalchemy import select, text, update

from chatgepeto.errors import AppError, NotFound
from chatgepeto.services.access import Item, Viewer
from chatgepeto.services.classes import ALPHABET, normalise_code
from chatgepeto.services.container import Services
from chatgepeto.storage import schema
from chatgepeto.storage.migrate import alembic_config

ADMIN = Viewer("admin-browser", admin=True)


def _teacher(services: Services, email: str) -> str:
    return services.accounts.invite(email, email.split("@")[0]).teacher.id


def test_join_codes_have_ten_symbols_of_a_32_symbol_alphabet_and_forgive_typing(
    services: Services,
) -> None:
    assert len(set(ALPHABET)) == 32 and not set("ILOU") & set(ALPHABET)
    course = services.library.create_collection("Biologia")
    codes = {services.classroom.invite(course.id, None).code for _ in range(50)}
    assert len(codes) == 50
    assert all(re.fullmatch(f"[{ALPHABET}]{{10}}", code) for code in codes)
    code = sorted(codes)[0]
    typed = f" {code[:5].lower()}-{code[5:]} ".replace("0", "o").replace("1", "l")
    assert normalise_code(typed) == code
    assert services.classroom.join(typed, "browser-1").id == course.id


def test_a_pass_opens_a_turma_course_and_revoking_its_link_closes_it(services: Services) -> None:
    owner = _teacher(services, "ana@escola.edu.br")
    course = services.library.create_collection("Biologia", owner)
    assert course.visibility == "turma" and course.id.startswith("biologia-")
    student, stranger = Viewer("aluno"), Viewer("outro")
    access = services.access
    assert not access.can_read(student, course.id)
    with pytest.raises(NotFound) as hidden:
        access.require(student, Item.COURSE, course.id)
    with pytest.raises(NotFound) as unknown:
        access.require(student, Item.COURSE, "nao-existe")
    assert hidden.value.code == unknown.value.code == "not_found:collection"

    link = services.classroom.invite(course.id, 30)
    services.classroom.join(link.code, student.client_id)
    services.classroom.join(link.code, student.client_id)  # twice: one pass
    assert access.can_read(student, course.id) and not access.can_read(stranger, course.id)
    assert [i.passes for i in services.classroom.invitations(course.id)] == [1]
    assert access.owns(Viewer("x", owner), course.id)
    assert not access.owns(Viewer("x", _teacher(services, "bia@escola.edu.br")), course.id)

    services.classroom.revoke(link.id)
    assert not access.can_read(student, course.id)
    with pytest.raises(AppError) as revoked:
        services.classroom.join(link.code, "novo")
    assert revoked.value.status == 410 and revoked.value.code == "gone:invitation_revoked"
    assert "Biologia" not in revoked.value.message and course.id not in revoked.value.message
    services.classroom.revoke(link.id)  # idempotent
    with pytest.raises(NotFound):
        services.classroom.join("ZZZZZZZZZZ", "novo")


def test_an_expired_link_is_gone_without_naming_the_course(services: Services) -> None:
    course = services.library.create_collection("Química")
    link = services.classroom.invite(course.id, 1)
    with services.store.engine.begin() as conn:
        conn.execute(
            update(schema.course_invitations).values(
                expires_at=datetime.now(UTC) - timedelta(minutes=1)
            )
        )
    with pytest.raises(AppError) as expired:
        services.classroom.preview(link.code)
    assert expired.value.status == 410 and expired.value.code == "gone:invitation_expired"
    assert "Química" not in expired.value.message
    for days in (0, 366):
        with pytest.raises(AppError, match="1 a 365"):
            services.classroom.invite(course.id, days)


def test_a_student_with_three_passes_searches_exactly_those_courses(services: Services) -> None:
    courses = [services.library.create_collection(f"Turma {n}") for n in range(4)]
    for n, course in enumerate(courses):
        text_ = BIOLOGY_MD if n % 2 == 0 else HISTORY_MD
        services.library.upload(
            f"aula{n}.md", text_.encode() + f"\n\nTurma {n}.".encode(), course.id
        )
    assert index_all(services) == 4
    student = Viewer("tres-passes")
    for course in courses[:3]:
        services.classroom.join(services.classroom.invite(course.id, None).code, student.client_id)
    scope = services.access.scope(student)
    assert scope == {"default", *(c.id for c in courses[:3])}  # `default` is aberto
    for query in ("fotossíntese cloroplastos", "independência do Brasil"):
        hits = services.search(query, None, 20, student).results
        assert hits and {h.collection_id for h in hits} <= {c.id for c in courses[:3]}
    everything = services.search("fotossíntese cloroplastos", None, 20, ADMIN).results
    assert courses[2].id in {h.collection_id for h in everything}
    assert courses[3].id not in {
        h.collection_id for h in services.search("independência", None, 20, student).results
    }
    with pytest.raises(NotFound):
        services.search("independência", courses[3].id, 5, student)


def test_visibility_and_retention_are_validated(services: Services) -> None:
    course = services.library.create_collection("Física")
    opened = services.classroom.set_access(course.id, "aberto", 30)
    assert (opened.visibility, opened.retention_days) == ("aberto", 30)
    assert services.access.can_read(Viewer("qualquer"), course.id)
    for visibility, days, code in (("publico", None, "visibility"), ("turma", 0, "retention")):
        with pytest.raises(AppError) as bad:
            services.classroom.set_access(course.id, visibility, days)
        assert bad.value.code == f"bad_request:{code}"


def test_migration_0013_opens_existing_courses_to_everyone_and_leaves_them_to_the_admin(
    services: Services,
) -> None:
    store = services.store
    store.courses.create_collection("historia", "História")
    document = services.library.upload("historia.md", HISTORY_MD.encode(), "historia").document
    assert index_all(services) == 1
    config = alembic_config(store.engine)
    command.downgrade(config, "0012")  # the database as it was before classes
    with store.engine.connect() as conn:
        assert "visibility" not in list(conn.execute(text("SELECT * FROM collections")).keys())
    command.upgrade(config, "head")
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.collections.c.id, schema.collections.c.visibility))
        assert {r.id: r.visibility for r in rows} == {"default": "aberto", "historia": "aberto"}
        assert conn.execute(select(schema.course_owners)).all() == []
    anyone, teacher = Viewer("qualquer"), Viewer("p", _teacher(services, "ana@escola.edu.br"))
    assert services.access.require(anyone, Item.DOCUMENT, document.id) == "historia"
    assert services.access.owns(ADMIN, "historia") and not services.access.owns(teacher, "historia")
    hits = services.search("independência", "historia", 3, anyone).results
    assert hits and hits[0].document_id == document.id


def test_a_question_without_a_course_is_in_the_strictest_mode_of_the_courses_it_reads(
    services: Services,
) -> None:
    exam = services.library.create_collection("Prova de biologia", visibility="aberto")
    closed = services.library.create_collection("Outra turma")  # turma: not the student's
    services.library.upload("bio.md", BIOLOGY_MD.encode(), exam.id)
    assert index_all(services) == 1
    student = Viewer("aluno")
    assert services.search("cloroplastos", None, 5, student).mode.value == "direto"
    services.tutor.set_mode(closed.id, "prova", None, None)  # a course the student cannot see
    assert services.search("cloroplastos", None, 5, student).mode.value == "direto"
    services.tutor.set_mode(exam.id, "prova", None, None)
    unnamed = services.search("cloroplastos", None, 5, student)
    assert unnamed.results and unnamed.mode.value == "prova"  # places only, as when named
    named = services.search("cloroplastos", exam.id, 5, student)
    assert named.results and named.mode.value == "prova"
