"""Configuration from environment variables, with safe defaults for an embedded install."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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


def _whole_number(env: dict[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number, not {value!r}.")
    return int(value)


def _scaling(env: dict[str, str], app_env: str) -> dict[str, object]:
    """Settings for several workers and hosts: database pool, Redis key prefix, proxy, logs, static files."""
    log_format = env.get("LOG_FORMAT", "json" if app_env == "production" else "text").strip().lower()
    if log_format not in ("json", "text"):
        raise ConfigError(f"LOG_FORMAT must be json or text, not {log_format!r}.")
    prefix = env.get("REDIS_KEY_PREFIX", "feedback:")
    return {
        # Each gunicorn worker has its own pool: one connection per thread, one more for the
        # sign-in session store, a few spare.
        "DATABASE_POOL_SIZE": _whole_number(env, "DATABASE_POOL_SIZE", _whole_number(env, "GUNICORN_THREADS", 1) + 1),
        "DATABASE_MAX_OVERFLOW": _whole_number(env, "DATABASE_MAX_OVERFLOW", 2),
        "DATABASE_POOL_RECYCLE": _whole_number(env, "DATABASE_POOL_RECYCLE", 1800),
        "DATABASE_POOL_TIMEOUT": _whole_number(env, "DATABASE_POOL_TIMEOUT", 10),
        "DATABASE_CONNECT_TIMEOUT": _whole_number(env, "DATABASE_CONNECT_TIMEOUT", 5),
        # Several deployments (or a test) can share one Redis: each keeps to its own keys.
        "SESSION_REDIS_PREFIX": prefix,
        "RATELIMIT_KEY_PREFIX": prefix + "limits",
        # How many proxies in front set X-Forwarded-For/-Proto/-Host: their word is trusted, nobody else's.
        "PROXY_FIX_HOPS": _whole_number(env, "PROXY_FIX_HOPS", 1 if app_env == "production" else 0),
        "LOG_FORMAT": log_format,
        "LOG_LEVEL": env.get("LOG_LEVEL", "info").strip().upper() or "INFO",
        # Hashed static names (`make assets` writes them); in development files change under you, so not there.
        "STATIC_HASHED_NAMES": app_env != "development",
        "STATIC_MAX_AGE": 0 if app_env == "development" else 300,
    }


def engine_options(config: Mapping[str, Any]) -> dict[str, object]:
    """SQLAlchemy engine settings for the configured database: turn-taking connections for SQLite,
    pool sizes for PostgreSQL."""
    options: dict[str, object] = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    url = str(config.get("SQLALCHEMY_DATABASE_URI", ""))
    if url.startswith("sqlite"):
        from feedback_app.sqlite_settings import TakesTurnsToWrite

        # Saves wait their turn in order, not by sleeping and trying again (sqlite_settings.py).
        options["connect_args"] = {"factory": TakesTurnsToWrite, **dict(options.get("connect_args") or {})}  # type: ignore[call-overload]
    if url.startswith("postgresql"):
        options.setdefault("pool_size", config["DATABASE_POOL_SIZE"])
        options.setdefault("max_overflow", config["DATABASE_MAX_OVERFLOW"])
        options.setdefault("pool_recycle", config["DATABASE_POOL_RECYCLE"])  # before firewalls drop idle connections
        options.setdefault("pool_timeout", config["DATABASE_POOL_TIMEOUT"])
        # An unreachable database fails fast (and /healthz says so) instead of hanging a worker.
        options.setdefault("connect_args", {"connect_timeout": config["DATABASE_CONNECT_TIMEOUT"]})
    return options


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
        # The __Host- prefix makes browsers refuse the cookie unless it is Secure, for this host only
        # and for the whole site: no subdomain or plain-HTTP page can set or overwrite it.
        "SESSION_COOKIE_NAME": "__Host-session" if app_env == "production" else "session",
        # Sessions and sign-in throttling are kept in Redis when it is given (several app servers
        # share them); otherwise sessions go in the database and throttling counts in memory.
        "REDIS_URL": env.get("REDIS_URL") or None,
        "RATELIMIT_STORAGE_URI": env.get("REDIS_URL") or "memory://",
        **_field_keys(env, app_env),
        **_scaling(env, app_env),
    }


DEFAULTS: dict[str, object] = {
    "QUESTION_BANKS_DIR": str(PROJECT_ROOT / "question_banks"),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    # hide_parameters: a database error in the log shows the query, never the values in it.
    # Connections are checked before use only after sitting idle (connections.py), not every time.
    "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True},
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
    "WTF_CSRF_TIME_LIMIT": None,  # tied to the session instead: a long conversation must not fail on Finish
    "PERMANENT_SESSION_LIFETIME": 12 * 60 * 60,
    # Server-side sessions (feedback_app/auth/server_sessions.py), in seconds.
    "SESSION_IDLE_TIMEOUT": 30 * 60,
    "SESSION_ABSOLUTE_TIMEOUT": 12 * 60 * 60,
    "SESSION_TIMEOUT_WARNING": 5 * 60,  # the "Stay signed in" warning shows this long before
    "SESSION_TOUCH_INTERVAL": 60,  # last activity is written at most once a minute
    "REDIS_URL": None,
    # Sign-in throttling (feedback_app/auth/throttle.py). Only failed attempts count. The limit on
    # one account from one address is short, so nobody can lock a colleague out for long.
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_STRATEGY": "moving-window",
    "SIGN_IN_LIMIT_ACCOUNT_ADDRESS": "5 per 5 minutes",
    "SIGN_IN_LIMIT_ACCOUNT": "20 per 15 minutes",
    "SIGN_IN_LIMIT_ADDRESS": "100 per 15 minutes",
    "TOTP_ISSUER": "Feedback conversations",
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    **_scaling({}, "testing"),
}
