"""Who may see and change a course (issue 16): the one guard of every course route.

A course is `aberto` (anyone may read it, as before classes) or `turma` (only browsers
holding a pass, and its owners). The admin (ADMIN_TOKEN, or this machine when there is none)
reads and changes everything; a signed-in teacher changes only the courses they own. A
course one may not see is answered exactly like one that does not exist (404), so its
existence is not revealed; writes without any credential are refused earlier (401).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from chatgepeto.errors import AppError, NotFound
from chatgepeto.storage.roles import Classes, Store

OPEN, CLASS_ONLY = "aberto", "turma"
VISIBILITIES = (CLASS_ONLY, OPEN)


def check_visibility(visibility: str) -> str:
    """A course visibility, or a 400 that names both."""
    if visibility not in VISIBILITIES:
        raise AppError(
            "A visibilidade é 'turma' (só quem tem o link) ou 'aberto' (qualquer pessoa).",
            "bad_request:visibility",
        )
    return visibility


@dataclass(frozen=True)
class Viewer:
    """Who asks: the browser's signed client id, a signed-in teacher, the admin."""

    client_id: str
    teacher_id: str | None = None
    admin: bool = False


class Item(StrEnum):
    """What a route names, each resolved to the course it belongs to."""

    COURSE = "collection_id"
    DOCUMENT = "document_id"
    CHUNK = "chunk_id"
    STUDY_ITEM = "item_id"
    STUDY_JOB = "job_id"
    INVITATION = "invitation_id"


# Each resolver answers the item's course id, or None when there is no such item.
Resolvers = Mapping[Item, Callable[[str], str | None]]

# One answer for "no such item" and "not yours to see": the same status, code and words.
_MISSING = {
    Item.COURSE: ("A coleção '{id}' não existe.", "not_found:collection"),
    Item.DOCUMENT: ("O documento não existe (talvez tenha sido excluído).", "not_found:document"),
    Item.CHUNK: ("Trecho não encontrado (o documento pode ter sido excluído).", "not_found:chunk"),
    Item.STUDY_ITEM: ("Item de estudo não encontrado.", "not_found:study_item"),
    Item.STUDY_JOB: ("Geração de itens não encontrada.", "not_found:study_job"),
    Item.INVITATION: ("Este convite não existe.", "not_found:invitation"),
}


def missing(item: Item, item_id: str) -> NotFound:
    """The 404 of an item that does not exist, or that the viewer may not see."""
    message, code = _MISSING[item]
    return NotFound(message.format(id=item_id), code)


class CourseAccess:
    """Scopes and guards, from the classes' storage and the items' own lookups."""

    def __init__(self, classes: Classes, resolvers: Resolvers) -> None:
        self._classes = classes
        self._resolvers = resolvers

    def scope(self, viewer: Viewer) -> frozenset[str] | None:
        """The courses this viewer may read; None for every course (the admin)."""
        if viewer.admin:
            return None
        ids = self._classes.open_courses() | self._classes.pass_courses(viewer.client_id)
        if viewer.teacher_id is not None:
            ids |= self._classes.owned_courses(viewer.teacher_id)
        return frozenset(ids)

    def owned(self, viewer: Viewer) -> frozenset[str] | None:
        """The courses this viewer may change; None for every course (the admin)."""
        if viewer.admin:
            return None
        if viewer.teacher_id is None:
            return frozenset()
        return frozenset(self._classes.owned_courses(viewer.teacher_id))

    def owns(self, viewer: Viewer, course_id: str) -> bool:
        """Whether the viewer may change the course."""
        if viewer.admin:
            return True
        return viewer.teacher_id is not None and self._classes.is_owner(
            course_id, viewer.teacher_id
        )

    def can_read(self, viewer: Viewer, course_id: str) -> bool:
        """Whether the viewer may see the course's material, chat and study tools."""
        scope = self.scope(viewer)
        return scope is None or course_id in scope

    def require(self, viewer: Viewer, item: Item, item_id: str, write: bool = False) -> str:
        """The item's course id when the viewer may read it (or change it: `write`); else the
        same 404 as for an item that does not exist."""
        course_id = self._resolvers[item](item_id)
        if course_id is None:
            raise missing(item, item_id)
        allowed = self.owns(viewer, course_id) if write else self.can_read(viewer, course_id)
        if not allowed:
            raise missing(item, item_id)
        return course_id

    def require_scope(self, viewer: Viewer, course_id: str | None) -> frozenset[str] | None:
        """What a search or a question may read: the named course (404 if unseeable), or
        every course the viewer may see (None: all of them)."""
        if course_id is not None:
            self.require(viewer, Item.COURSE, course_id)
            return frozenset({course_id})
        return self.scope(viewer)


def store_resolvers(store: Store) -> Resolvers:
    """Each item's course, read from the store's roles."""

    def course(course_id: str) -> str | None:
        found = store.courses.get_collection(course_id)
        return None if found is None else found.id

    def document(document_id: str) -> str | None:
        found = store.documents.get_document(document_id)
        return None if found is None else found.collection_id

    def chunk(chunk_id: str) -> str | None:
        found = store.passages.get_chunk(chunk_id)
        return None if found is None else found.collection_id

    def study_item(item_id: str) -> str | None:
        found = store.study.get_item(item_id)
        return None if found is None else found.collection_id

    def study_job(job_id: str) -> str | None:
        if not (job_id.isascii() and job_id.isdigit()) or int(job_id) >= 2**31:
            return None
        found = store.study_jobs.get(int(job_id))
        return None if found is None else found.collection_id

    def invitation(invitation_id: str) -> str | None:
        found = store.classes.invitation(invitation_id)
        return None if found is None else found.course_id

    return {
        Item.COURSE: course,
        Item.DOCUMENT: document,
        Item.CHUNK: chunk,
        Item.STUDY_ITEM: study_item,
        Item.STUDY_JOB: study_job,
        Item.INVITATION: invitation,
    }
