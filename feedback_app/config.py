"""Configuration from environment variables, with safe defaults for an embedded install."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"


class ConfigError(RuntimeError):
    """The app cannot start with this configuration."""


def _development_secret_key() -> str:
    """Make a secret key once and keep it in instance/, so sessions survive a restart."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _development_field_key(name: str) -> str:
    """Make an encryption or index key once and keep it in instance/, like the secret key.

    Development only: losing this file makes the words saved with it unreadable.
    """
    from feedback_app.models.encrypted import generate_key

    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / name
    if not key_file.exists():
        key_file.write_text(generate_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _field_keys(env: dict[str, str], app_env: str) -> dict[str, str]:
    """Keys for encryption at rest and the case reference index: from the environment, never the repository."""
    keys = {}
    for setting, file_name in (("FIELD_ENCRYPTION_KEYS", "field_encryption_key"), ("BLIND_INDEX_KEY", "blind_index_key")):
        value = env.get(setting, "").strip()
        if not value:
            if app_env != "development":
                raise ConfigError(
                    f"{setting} is not set. Make a key with `flask --app wsgi keys generate` and keep it in "
                    "your secrets manager (see docs/DEPLOYMENT.md), or set APP_ENV=development on your own machine."
                )
            value = _development_field_key(file_name)
        keys[setting] = value
    return keys


def _database_url(url: str | None) -> str:
    if not url:
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{INSTANCE_DIR / 'feedback.db'}"
    # Hosting platforms often hand out postgres:// URLs; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def from_environment(environ: dict[str, str] | None = None) -> dict[str, object]:
    """Build the app's settings from the environment (os.environ unless given)."""
    env = dict(os.environ if environ is None else environ)
    app_env = env.get("APP_ENV", "production")
    secret_key = env.get("SECRET_KEY")
    if not secret_key:
        if app_env != "development":
            raise ConfigError(
                "SECRET_KEY is not set. Set it to a long random value, or set APP_ENV=development "
                "on your own machine."
            )
        secret_key = _development_secret_key()
    return {
        "APP_ENV": app_env,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": _database_url(env.get("DATABASE_URL")),
        "QUESTION_BANKS_DIR": env.get("QUESTION_BANKS_DIR", str(PROJECT_ROOT / "question_banks")),
        "SESSION_COOKIE_SECURE": app_env == "production",
        **_field_keys(env, app_env),
    }


DEFAULTS: dict[str, object] = {
    "QUESTION_BANKS_DIR": str(PROJECT_ROOT / "question_banks"),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    # hide_parameters: a database error in the log shows the query, never the values in it.
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
    "WTF_CSRF_TIME_LIMIT": None,  # tied to the session instead: a long conversation must not fail on Finish
    "PERMANENT_SESSION_LIFETIME": 8 * 60 * 60,
    "MAX_CONTENT_LENGTH": 1024 * 1024,
}
