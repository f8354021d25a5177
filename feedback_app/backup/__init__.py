"""Backups: every table to one portable file, and back into an empty database (SQLite or PostgreSQL)."""

from feedback_app.backup.archive import BackupError, Manifest, create
from feedback_app.backup.restore import restore

__all__ = ["BackupError", "Manifest", "create", "restore"]
