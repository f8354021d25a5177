"""The MSP feedback app: create_app builds one app from configuration."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from feedback_app.config import DEFAULTS, PROJECT_ROOT, engine_options, from_environment


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. `config` overrides the environment (tests pass their own)."""
    app = Flask(
        __name__,
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.from_mapping(DEFAULTS)
    if config is None or "SECRET_KEY" not in config:
        app.config.from_mapping(from_environment())
    if config is not None:
        app.config.from_mapping(config)

    from feedback_app import log, log_json
    from feedback_app.models import encrypted

    log.install()  # every log line escaped: nothing from a request can forge a line
    log_json.init_app(app)  # JSON lines in production, one per request, with a request id
    # Refuses to start without encryption keys, or with a malformed one.
    cipher, index = encrypted.from_config(app.config)
    app.extensions[encrypted.CIPHER_EXTENSION] = cipher
    app.extensions[encrypted.INDEX_EXTENSION] = index

    from feedback_app import audit, auth, cli, errors, form_translations, parsed_once, question_banks, web
    from feedback_app.rubric.loader import load_rubric
    from feedback_app.extensions import babel, csrf, db, login_manager, migrate

    from feedback_app import sqlite_settings

    sqlite_settings.install()  # write-ahead log and a busy timeout on the embedded database
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)  # pool sizes for PostgreSQL
    db.init_app(app)
    from feedback_app import connections

    connections.init_app(app)  # PostgreSQL connections checked before use only after sitting idle
    from feedback_app.data import summaries

    summaries.install()  # conversation summaries follow every change a return counts
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=web.select_locale)
    from feedback_app import babel_domain

    babel_domain.install(babel, app)  # each request's catalogue found once, not per string
    login_manager.init_app(app)
    auth.init_login(login_manager)
    auth.init_app(app)  # server-side sessions, sign-in throttling, two-step set-up first

    # Refuses to start with an invalid question bank: the error names file, line and problem.
    banks_dir = Path(app.config["QUESTION_BANKS_DIR"])
    bank_files = [*banks_dir.glob("*.yaml"), *banks_dir.glob("*.yml"), *banks_dir.glob("*.json")]
    app.extensions["question_banks"] = parsed_once.parsed(
        "question_banks", bank_files, lambda: question_banks.load_directory(banks_dir)
    )
    app.extensions["rubric"] = parsed_once.parsed(
        "rubric", [banks_dir / "rubric.yaml", banks_dir / "rubric.schema.json"], lambda: load_rubric(banks_dir / "rubric.yaml")
    )

    from feedback_app.admin.audit_routes import bp as audit_trail_bp
    from feedback_app.admin.routes import bp as admin_bp
    from feedback_app.auth.routes import bp as auth_bp
    from feedback_app.banks.glossary import bp as glossary_bp
    from feedback_app.banks.glossary import glossary
    from feedback_app.banks.routes import bp as banks_bp
    from feedback_app.coding.routes import bp as coding_bp
    from feedback_app.conversations.routes import bp as conversations_bp
    from feedback_app.health import bp as health_bp
    from feedback_app.main.routes import bp as main_bp
    from feedback_app.reporting.routes import bp as reporting_bp

    for blueprint in (main_bp, auth_bp, admin_bp, banks_bp, conversations_bp, coding_bp, reporting_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(audit_trail_bp)
    app.register_blueprint(glossary_bp)
    app.register_blueprint(health_bp)

    web.init_app(app)
    audit.init_app(app)  # views of personal data are committed once the page is made
    errors.init_app(app)
    form_translations.init_app(app)  # WTForms' messages: each language's catalogue read once
    with app.app_context():
        glossary()  # the plain words, read now rather than by the first request that shows them
    cli.init_app(app)

    from werkzeug.middleware.proxy_fix import ProxyFix

    from feedback_app import static_files

    static_files.init_app(app)  # hashed names, long caching and compressed copies (WhiteNoise)
    if hops := int(app.config["PROXY_FIX_HOPS"]):  # the client's address and https, as the proxy saw them
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]
    return app
