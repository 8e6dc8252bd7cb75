"""Typed configuration: environment variables with the CRM_ prefix, nothing else."""

from __future__ import annotations

import secrets
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]
DEV_SECRET = "dev-insecure-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CRM_", env_file=".env", extra="ignore")

    env: str = Field("development", description="development | test | production")
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = REPO_ROOT / "var"
    database_url: str | None = None
    db_pool_size: int = 10
    db_max_overflow: int = 10
    # Off by default: a ping is a round trip on every checkout (~0.5 ms of a ~5 ms request). A
    # connection the database dropped fails its request with a 503, and SQLAlchemy then
    # discards the whole pool, so the next request reconnects.
    db_pool_pre_ping: bool = False
    redis_url: str | None = None
    frontend_dist: Path = REPO_ROOT / "frontend" / "dist"
    # Where customers open links the CRM hands out (quote pages); empty: links are relative (/q/…).
    public_base_url: str = ""

    secret_key: str = DEV_SECRET
    jwt_algorithm: str = "HS256"
    access_token_minutes: int = 15
    refresh_token_days: int = 30

    admin_email: str | None = None
    admin_password: str | None = None

    cors_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = 1_048_576
    upload_max_bytes: int = 25 * 1024 * 1024
    # Uploaded documents: `local` keeps them under files_dir (default <data_dir>/files), `s3` in a
    # bucket of any S3-compatible service.
    storage_backend: Literal["local", "s3"] = "local"
    files_dir: Path | None = None
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    s3_prefix: str = ""
    # Text of uploaded PDFs, DOCX and text files is extracted for search up to this size.
    extract_text_max_bytes: int = 50 * 1024 * 1024
    share_link_days: int = 7
    default_phone_region: str = "KR"
    base_currency: str = "KRW"
    # Quotes: a line discount above this percentage needs a manager's approval before sending.
    quote_discount_approval_percent: Decimal = Decimal("20")
    quote_valid_days: int = 30
    quote_link_days: int = 30
    public_rate_limit: str = "30/minute"
    # Public web-form submissions per IP and form.
    form_rate_limit: str = "10/minute"
    # Retrain the predictive lead-scoring model this often (hours); 0 turns the schedule off.
    scoring_retrain_hours: int = 24
    # Run the background worker loop inside the API process (embedded mode); the scaled
    # deployment turns this off and runs `crm worker` instead.
    embedded_worker: bool = True

    # Outgoing e-mail. Without a host, messages stay in the local mailbox (admins read it in the app).
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    mail_from: str = "CRM <crm@localhost>"
    # A TrueType/OpenType font with Hangul for quote PDFs; unset: a system Noto CJK / Nanum font if present.
    pdf_font_path: Path | None = None

    login_rate_limit: str = "5/minute"
    api_rate_limit: str = "600/minute"
    idempotency_ttl_hours: int = 24
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.env == "production" and (self.secret_key == DEV_SECRET or len(self.secret_key) < 32):
            raise ValueError("CRM_SECRET_KEY must be set to a random value of 32+ characters in production")
        return self

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+asyncpg://" + url.split("://", 1)[1]
            return url
        return f"sqlite+aiosqlite:///{self.data_dir / 'crm.sqlite3'}"

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    settings = Settings()
    if settings.secret_key == DEV_SECRET and settings.env == "development":
        # Embedded mode: a random key kept beside the data, so tokens survive restarts but no
        # two installations share a signing key.
        key_file = settings.data_dir / "secret.key"
        if not key_file.exists():
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        settings.secret_key = key_file.read_text().strip()
    return settings


def generate_password() -> str:
    return secrets.token_urlsafe(12)
