"""Builds the long-lived parts of the service once, from settings."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from functools import cached_property

from chatgepeto.embeddings.base import Embedder
from chatgepeto.embeddings.factory import build_embedder, build_query_embedder
from chatgepeto.generation.types import ChatModel
from chatgepeto.retrieval.index.base import SearchIndex
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.retriever import Retriever
from chatgepeto.services.access import CourseAccess, Viewer, store_resolvers
from chatgepeto.services.accounts import Accounts
from chatgepeto.services.catalogue import Catalogue
from chatgepeto.services.chat import ChatConfig, ChatService
from chatgepeto.services.classes import Classroom
from chatgepeto.services.conversations import Conversations
from chatgepeto.services.library import Library
from chatgepeto.services.oidc import OidcConfig, OidcSignIn
from chatgepeto.services.retention import ConversationRetention
from chatgepeto.services.sign_in_throttle import SignInThrottle
from chatgepeto.services.sources import Sources
from chatgepeto.services.study import Study
from chatgepeto.services.study_generation import Drafter, StudyLlmConfig
from chatgepeto.services.study_jobs import StudyJobRunner
from chatgepeto.services.token_budget import TokenBudgets, budgets_of
from chatgepeto.services.tutor import SearchHits, TutorModes
from chatgepeto.settings import Settings
from chatgepeto.storage.factory import build_store
from chatgepeto.storage.roles import Store
from chatgepeto.telemetry import emit_metrics


@dataclass
class Services:
    """The store, the embedder (loaded on first use) and the services built on them."""

    settings: Settings
    store: Store
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Services:
        """Open (and migrate) the configured store."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = build_store(settings.resolved_database_url)
        store.migrate()
        return cls(settings, store)

    @cached_property
    def embedder(self) -> Embedder:
        """The configured embedder; loaded lazily so processes that never search skip it."""
        with self._lock:
            return build_embedder(self.settings)

    @cached_property
    def query_embedder(self) -> Embedder:
        """The embedder questions go through: batched when concurrent, cached when repeated."""
        return build_query_embedder(self.embedder, self.settings)

    @cached_property
    def library(self) -> Library:
        """Collections and documents."""
        store = self.store
        return Library(
            store.courses,
            store.documents,
            store.passages,
            store.jobs,
            self.settings.max_upload_bytes,
        )

    @cached_property
    def conversations(self) -> Conversations:
        """Conversations, feedback and insights."""
        return Conversations(self.store.conversations, self.library)

    @cached_property
    def retention(self) -> ConversationRetention:
        """LGPD: conversations idle past their course's (or the deployment's) retention go."""
        return ConversationRetention(
            self.store.courses,
            self.store.conversations,
            self.settings.conversation_retention_days,
        )

    @cached_property
    def sources(self) -> Sources:
        """Cited passages in their pages (the source panel)."""
        return Sources(self.store.passages, self.store.documents)

    @cached_property
    def index(self) -> SearchIndex:
        """The lexical and vector indexes over the store's chunks."""
        return open_index(self.store)

    @cached_property
    def retriever(self) -> Retriever:
        """Hybrid retrieval over the index."""
        return Retriever(self.index, self.query_embedder)

    def _llm(self, timeout_s: float, max_tokens: int) -> ChatModel | None:
        if not self.settings.llm_api_key:
            return None
        from chatgepeto.generation.llm import OpenAICompatibleChat

        return OpenAICompatibleChat(
            self.settings.llm_api_key,
            self.settings.llm_base_url,
            self.settings.llm_model,
            timeout_s=timeout_s,
            max_tokens=max_tokens,
        )

    @cached_property
    def chat_model(self) -> ChatModel | None:
        """The LLM when a key is configured; None means extractive answers."""
        return self._llm(self.settings.llm_timeout_s, self.settings.llm_max_tokens)

    @cached_property
    def rewrite_model(self) -> ChatModel | None:
        """The LLM for follow-up rewrites: a short deadline and answer, else lexical."""
        return self._llm(self.settings.rewrite_timeout_s, self.settings.rewrite_max_tokens)

    @cached_property
    def client_id_key(self) -> bytes:
        """The key that signs client ids: configured, else generated once into the database."""
        if self.settings.client_id_signing_key:
            return self.settings.client_id_signing_key.encode()
        stored = self.store.ledger.ensure_secret("client_id_signing_key", secrets.token_hex(32))
        return bytes.fromhex(stored)

    @cached_property
    def accounts(self) -> Accounts:
        """Teacher accounts: invitations, passwords, sign-in (failures throttled)."""
        throttle = SignInThrottle(
            self.settings.redis_url or "memory://",
            self.settings.sign_in_account_limit,
            self.settings.sign_in_address_limit,
        )
        return Accounts(self.store.teachers, throttle)

    @cached_property
    def access(self) -> CourseAccess:
        """Who may see and change each course (issue 16)."""
        return CourseAccess(self.store.classes, store_resolvers(self.store))

    @cached_property
    def catalogue(self) -> Catalogue:
        """The courses, documents and insights a viewer may list; creations and uploads."""
        return Catalogue(self.access, self.library, self.conversations)

    @cached_property
    def classroom(self) -> Classroom:
        """Course visibility, student invitations and passes (issue 16)."""
        return Classroom(self.store.courses, self.store.classes)

    @cached_property
    def oidc(self) -> OidcSignIn:
        """Teachers' sign-in with the OIDC provider (Google, Microsoft), when configured."""
        return OidcSignIn(OidcConfig.from_settings(self.settings), self.store.teachers)

    @cached_property
    def chat(self) -> ChatService:
        """The grounded chat."""
        return ChatService(
            self.store.courses,
            self.store.conversations,
            self.retriever,
            self.chat_model,
            ChatConfig.from_settings(self.settings),
            metrics=emit_metrics,
            rewriter=self.rewrite_model,
            tutor=self.tutor,
        )

    @cached_property
    def tutor(self) -> TutorModes:
        """The teachers' tutor modes per course."""
        return TutorModes(self.store.courses)

    @cached_property
    def token_budgets(self) -> TokenBudgets | None:
        """The daily LLM token budgets in the database; None when every limit is 0."""
        return budgets_of(self.settings, self.store.ledger)

    @cached_property
    def study_model(self) -> ChatModel | None:
        """The LLM that drafts study items (a longer reply than an answer); None: offline."""
        return self._llm(self.settings.llm_timeout_s, self.settings.study_llm_max_tokens)

    @cached_property
    def drafter(self) -> Drafter:
        """Study item drafting: offline, or the LLM for a run's first passages, metered."""
        budgets = self.token_budgets
        return Drafter(
            self.store.study,
            self.retriever,
            self.study_model,
            None if budgets is None else budgets.for_course,
            StudyLlmConfig(max_passages=self.settings.study_llm_max_passages),
            self.settings.study_llm_max_tokens,
        )

    @cached_property
    def study(self) -> Study:
        """The question bank, its review, students' practice and exports (issue 18)."""
        store = self.store
        return Study(
            store.study,
            store.study_jobs,
            store.passages,
            self.library,
            self.retriever,
            self.tutor,
            drafter=self.drafter,
        )

    @cached_property
    def study_runner(self) -> StudyJobRunner:
        """What the worker runs a claimed study job with."""
        return StudyJobRunner(
            self.store.study_jobs,
            self.library,
            self.store.passages,
            self.drafter,
            self.settings.job_lease_s,
        )

    def search(
        self, query: str, collection_id: str | None, k: int, viewer: Viewer | None = None
    ) -> SearchHits:
        """Hybrid search over one course or every course the viewer may read (None: all),
        and the tutor mode it is in; an unknown or unseeable course is a 404."""
        if viewer is None:
            if collection_id is not None:
                self.library.require_collection(collection_id)
            scope = None if collection_id is None else frozenset({collection_id})
        else:
            scope = self.access.require_scope(viewer, collection_id)
        results = self.retriever.retrieve(query, scope, k)
        return SearchHits(results, self.tutor.mode_for(collection_id, scope))
