"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`.

Each setting can be changed from the environment, so a council's IT team tunes it without code.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
# Two workers per core plus one: each worker is a process, so a slow request holds one worker only.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# One request at a time per worker (gunicorn's sync worker), and a worker takes the next only when
# it is free, so each request goes to the first free worker. A page is mostly Python work: threads
# in one worker share one interpreter lock, and a threaded worker keeps its clients' connections,
# so it queues their requests while another worker stands idle (bench/README.md has the figures).
# A sync worker needs a proxy in front that buffers slow clients (docs/DEPLOYMENT.md); with
# GUNICORN_THREADS above 1, workers use threads instead.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5  # threaded workers only
# Load the app once in the master, then fork the workers from it: a worker is ready the moment it
# starts (no second or two importing the app while requests queue), and the code the workers share
# is held in memory once. Restart the service (not HUP) to load new code.
preload_app = True


def _feedback_app(gunicorn_app):
    """The loaded Flask app, or None when it is not loaded yet or is not this app (the
    benchmark's plain page)."""
    app = getattr(gunicorn_app, "callable", None)
    return app if app is not None and "sqlalchemy" in getattr(app, "extensions", {}) else None


def when_ready(server):
    """In the master, once the app is loaded and before any worker is forked: compile the
    templates and set up the database mappings now, then leave everything made so far out of
    garbage collection, so the workers share it all instead of each copying what a collection
    touches."""
    if (app := _feedback_app(server.app)) is None:
        return
    import gc

    from sqlalchemy.orm import configure_mappers

    from feedback_app.web import compile_templates

    compiled = compile_templates(app)
    configure_mappers()
    gc.freeze()
    # A page makes tens of thousands of short-lived objects. Collecting the youngest after every
    # 700 new ones (Python's default) runs the collector dozens of times a page; after every
    # 20,000 it runs a few times, for a few per cent less CPU a page (bench/README.md).
    gc.set_threshold(20_000, 10, 10)
    server.log.info("Compiled %d templates before starting the workers", compiled)


def post_fork(server, worker):
    """Each worker opens its own database connections: any made before the fork belong to the master."""
    if (app := _feedback_app(worker.app)) is None:
        return
    from feedback_app.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


# Restart workers now and then, so slow memory growth never builds up.
max_requests = 2000
max_requests_jitter = 200
# No access log lines from gunicorn: the app writes its own structured logs without query strings.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# The app sits behind a load balancer that ends TLS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's own lines (workers starting and stopping, timeouts) as JSON like the app's, unless
# LOG_FORMAT=text (feedback_app/log_json.py).
_app_env = os.environ.get("APP_ENV", "production")
if os.environ.get("LOG_FORMAT", "json" if _app_env == "production" else "text").strip().lower() == "json":
    from feedback_app.log_json import gunicorn_logconfig

    logconfig_dict = gunicorn_logconfig(loglevel)
