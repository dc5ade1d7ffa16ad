"""What a viewer may list and add (issue 16): the courses and documents they may see, a
new course owned by its teacher, an upload into a course they own, the insights of the
courses they own. Item routes are guarded one by one (`CourseAccess.require`)."""

from __future__ import annotations

from dataclasses import dataclass

from chatgepeto.services.access import CLASS_ONLY, CourseAccess, Item, Viewer
from chatgepeto.services.conversations import Conversations, Insights
from chatgepeto.services.library import DEFAULT_COLLECTION, Library, UploadResult
from chatgepeto.storage.types import Collection, Document


@dataclass(frozen=True)
class CourseView:
    """A course as one viewer sees it: whether they may change it."""

    course: Collection
    owned: bool


class Catalogue:
    """The viewer-scoped lists and creations over the library."""

    def __init__(
        self, access: CourseAccess, library: Library, conversations: Conversations
    ) -> None:
        self._access = access
        self._library = library
        self._conversations = conversations

    def courses(self, viewer: Viewer) -> list[CourseView]:
        """The courses this viewer may see (an unseeable one is simply left out)."""
        scope, owned = self._access.scope(viewer), self._access.owned(viewer)
        return [
            CourseView(course, owned is None or course.id in owned)
            for course in self._library.list_collections()
            if scope is None or course.id in scope
        ]

    def create_course(
        self, viewer: Viewer, name: object, visibility: str = CLASS_ONLY
    ) -> Collection:
        """A new course, owned by the signed-in teacher who creates it."""
        return self._library.create_collection(name, viewer.teacher_id, visibility)

    def upload(
        self, viewer: Viewer, filename: str | None, data: bytes, collection_id: str | None
    ) -> UploadResult:
        """Store an upload into a course this viewer owns (404 for another's)."""
        course = collection_id or DEFAULT_COLLECTION
        self._access.require(viewer, Item.COURSE, course, write=True)
        return self._library.upload(filename, data, course)

    def documents(self, viewer: Viewer, collection_id: str | None) -> list[Document]:
        """Documents of one course this viewer may see (404 otherwise), or of all of them."""
        if collection_id is not None:
            self._access.require(viewer, Item.COURSE, collection_id)
            return self._library.list_documents(collection_id)
        scope = self._access.scope(viewer)
        return [
            d
            for d in self._library.list_documents(None)
            if scope is None or d.collection_id in scope
        ]

    def insights(self, viewer: Viewer, collection_id: str | None) -> Insights:
        """A course's insights (its owner's), or those of every course the teacher owns."""
        if collection_id is not None:
            self._access.require(viewer, Item.COURSE, collection_id, write=True)
        return self._conversations.insights(collection_id, self._access.owned(viewer))
