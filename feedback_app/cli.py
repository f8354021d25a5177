"""Registers the app's command-line groups (the banks group is a plugin: see pyproject.toml)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from feedback_app.admin.cli import users
    from feedback_app.backup.cli import backup
    from feedback_app.coding.cli import coding
    from feedback_app.demo.cli import demo
    from feedback_app.privacy.cli import retention
    from feedback_app.reporting.briefing_cli import reports
    from feedback_app.reporting.cli import returns

    app.cli.add_command(users)
    app.cli.add_command(coding)
    app.cli.add_command(demo)
    app.cli.add_command(returns)
    app.cli.add_command(reports)
    app.cli.add_command(retention)
    app.cli.add_command(backup)
