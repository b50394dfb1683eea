"""One `Settings` class for the whole service; every value comes from an `ASN_` environment variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# A secret that ships in the repository is no secret: production refuses it.
DEFAULT_JWT_SECRET = "dev-only-insecure-secret-change-me"  # noqa: S105


class Settings(BaseSettings):
    # hide_input_in_errors: a refused setting must not echo a secret or a URL with a password in it.
    model_config = SettingsConfigDict(env_prefix="ASN_", env_file=None, extra="ignore", hide_input_in_errors=True)

    env: Literal["development", "test", "production"] = "development"
    database_url: SecretStr | None = None
    data_dir: Path = Path(".asn-data")
    auto_migrate: bool = True

    jwt_secret: SecretStr = SecretStr(DEFAULT_JWT_SECRET)
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    access_token_minutes: int = Field(15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(14, ge=1, le=365)
    admin_username: str | None = None
    admin_password: SecretStr | None = None

    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_body_bytes: int = 1024 * 1024
    max_import_bytes: int = 256 * 1024 * 1024
    feedback_rate_limit: str = "20/hour"
    rate_limit: str | None = None
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)

    abk_rounding: Literal["half_up", "ceil"] = "half_up"
    timezone: str = "Asia/Jakarta"
    retirement_age_jpt: int = 60
    retirement_age_ahli_utama: int = 65
    retirement_age_ahli_madya: int = 60
    retirement_age_default: int = 58

    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "json"

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        # Environment variables are plain strings; accept "a,b" as well as JSON lists.
        if isinstance(value, str) and not value.strip().startswith("["):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.env == "production":
            secret = self.jwt_secret.get_secret_value()
            if not secret or secret == DEFAULT_JWT_SECRET or len(secret) < 32:
                raise ValueError(
                    "ASN_JWT_SECRET must be set to a random value of at least 32 characters in production"
                )
            if self.database_url is None:
                raise ValueError("ASN_DATABASE_URL must be set in production (no embedded PostgreSQL)")
        return self

    @property
    def is_production(self) -> bool:
        return self.env == "production"


@lru_cache
def get_settings() -> Settings:
    return Settings()
