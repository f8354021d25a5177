"""Static files: content-hashed names cached for a year, compressed copies, served by WhiteNoise.

`make assets` runs `python -m feedback_app.static_files`, which copies the stylesheet, the scripts
and the pictures into static/build/ under names that carry a hash of their content
(`build/app.1a2b3c4d5e6f.css`), writes `static/build/manifest.json` (plain name -> hashed name), and
writes a gzip (and, when the Brotli package is installed, a brotli) copy of each text file there.
References between them ("/static/govuk/...js" inside app.js) are rewritten to the hashed names
first, so a script and what it imports change name together.

At run time `url_for('static', filename='build/app.css')` gives the hashed name from the manifest.
WhiteNoise serves a hashed name with `Cache-Control: public, max-age=31536000, immutable` (a new
release has new names, so browsers never need to ask again), picks the .br or .gz copy the browser
accepts, and serves the plain names with a short lifetime, so old links still work.

HTML pages are never compressed by the app: see docs/DEPLOYMENT.md ("Static files and caching")
for why (the BREACH attack on compressed pages that carry secrets).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import posixpath
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HASH_LENGTH = 12
BUILD = "build"
MANIFEST = f"{BUILD}/manifest.json"
ONE_YEAR = 365 * 24 * 60 * 60
# Which files get hashed names.
SOURCES: tuple[str, ...] = ("images/**/*", "govuk/*.js", "build/fonts/*", "build/app.css", "js/*.js")
COMPRESSIBLE = frozenset({".css", ".js", ".svg", ".json", ".txt", ".map"})
_REFERENCE = re.compile(r"/static/([A-Za-z0-9_./-]+)")
# url(...) in a stylesheet, relative to the stylesheet: url("fonts/x.woff2")
_RELATIVE_URL = re.compile(r"""url\((['"]?)(?![a-z]+:|/|#)([A-Za-z0-9_./-]+)\1\)""")
_HASHED = re.compile(r"\.[0-9a-f]{%d}\.[A-Za-z0-9]+$" % HASH_LENGTH)


def is_hashed(url: str) -> bool:
    """True for a name the build made: it changes whenever the content does."""
    return f"/{BUILD}/" in f"/{url.lstrip('/')}" and bool(_HASHED.search(url))


def hashed_name(name: str, content: bytes) -> str:
    """static-relative name -> its hashed name under build/ ("js/app.js" -> "build/js/app.<hash>.js")."""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    folder, _, file_name = name.rpartition("/")
    stem, dot, suffix = file_name.rpartition(".")
    stem, suffix = (stem, suffix) if dot else (file_name, "")
    hashed = f"{stem}.{digest}.{suffix}" if suffix else f"{stem}.{digest}"
    if not folder.startswith(BUILD):
        folder = f"{BUILD}/{folder}" if folder else BUILD
    return f"{folder}/{hashed}"


def _sources(static: Path) -> Iterator[str]:
    seen: set[str] = set()
    for pattern in SOURCES:
        for path in sorted(static.glob(pattern)):
            name = path.relative_to(static).as_posix()
            if path.is_file() and name not in seen and not is_hashed(name) and not name.endswith((".gz", ".br")):
                seen.add(name)
                yield name


def _rewrite_references(name: str, content: bytes, manifest: dict[str, str]) -> bytes:
    """Point "/static/x" in a stylesheet or script, and url("x") relative to a stylesheet, at x's
    hashed name (relative to where the hashed stylesheet itself is written)."""

    def swap(found: re.Match[str]) -> str:
        return "/static/" + manifest.get(found.group(1), found.group(1))

    text = _REFERENCE.sub(swap, content.decode("utf-8"))
    if name.endswith(".css"):
        here, there = posixpath.dirname(name), posixpath.dirname(hashed_name(name, b""))

        def swap_relative(found: re.Match[str]) -> str:
            target = posixpath.normpath(posixpath.join(here, found.group(2)))
            if target not in manifest:
                return found.group(0)
            return f"url({found.group(1)}{posixpath.relpath(manifest[target], there)}{found.group(1)})"

        text = _RELATIVE_URL.sub(swap_relative, text)
    return text.encode("utf-8")


def _write(path: Path, content: bytes) -> None:
    """Write atomically, so a server starting meanwhile never reads half a file."""
    if path.exists() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as file:
        file.write(content)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def _compressed_copies(path: Path) -> None:
    """path.gz and path.br beside it, when that makes the file meaningfully smaller."""
    content = path.read_bytes()
    copies = {".gz": gzip.compress(content, compresslevel=9, mtime=0)}
    try:
        import brotli

        copies[".br"] = brotli.compress(content, quality=11)
    except ImportError:  # Brotli is optional: gzip alone still works everywhere
        pass
    for ending, packed in copies.items():
        target = path.with_name(path.name + ending)
        if len(packed) < len(content) * 0.95:
            _write(target, packed)
        elif target.exists():
            target.unlink()


def build(static: Path) -> dict[str, str]:
    """Write hashed copies, their compressed copies and the manifest; remove stale hashed copies."""
    originals = {name: (static / name).read_bytes() for name in _sources(static)}

    def rewritten(name: str, names: dict[str, str]) -> bytes:
        content = originals[name]
        return _rewrite_references(name, content, names) if Path(name).suffix in (".css", ".js") else content

    # A file's name depends on the names of what it refers to: repeat until no name changes.
    manifest: dict[str, str] = {}
    for _ in range(len(originals) + 1):
        names = {name: hashed_name(name, rewritten(name, manifest)) for name in originals}
        if names == manifest:
            break
        manifest = names
    else:
        raise ValueError("static files refer to each other in a circle: they cannot be named by content")
    for name in originals:
        _write(static / manifest[name], rewritten(name, manifest))
    current = set(manifest.values())
    for path in (static / BUILD).rglob("*"):
        name = path.relative_to(static).as_posix()
        base = name.removesuffix(".gz").removesuffix(".br")
        if path.is_file() and is_hashed(base) and base not in current:
            path.unlink()
    for path in sorted((static / BUILD).rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE and path.name != "manifest.json":
            _compressed_copies(path)
    _write(static / MANIFEST, (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode())
    return manifest


def load_manifest(static: Path) -> dict[str, str]:
    """The manifest, keeping only entries whose hashed file is there; {} before the first build."""
    try:
        manifest = json.loads((static / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    return {name: hashed for name, hashed in manifest.items() if (static / hashed).is_file()}


def security_headers(*, production: bool) -> dict[str, str]:
    """The headers feedback_app/web.py gives every page, for files that never reach Flask (no
    nonce: a file has no inline code)."""
    headers = {
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if production:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return headers


def init_app(app: object) -> None:
    """Hashed names in url_for('static', ...) and WhiteNoise in front of the app."""
    from flask import Flask
    from whitenoise import WhiteNoise

    assert isinstance(app, Flask) and app.static_folder and app.static_url_path
    static = Path(app.static_folder)
    manifest = load_manifest(static) if app.config.get("STATIC_HASHED_NAMES", True) else {}
    app.extensions["static_manifest"] = manifest

    @app.url_defaults
    def hashed_static_name(endpoint: str, values: dict[str, object]) -> None:
        filename = values.get("filename")
        if endpoint == "static" and isinstance(filename, str) and filename in manifest:
            values["filename"] = manifest[filename]

    short = int(app.config.get("STATIC_MAX_AGE", 300))
    security = security_headers(production=app.config.get("APP_ENV") == "production")

    def headers(headers: object, path: str, url: str) -> None:
        for name, value in security.items():
            headers[name] = value  # type: ignore[index]
        if is_hashed(url):
            headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"  # type: ignore[index]
        else:
            headers["Cache-Control"] = f"public, max-age={short}"  # type: ignore[index]

    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(static),
        prefix=app.static_url_path,
        max_age=short,
        allow_all_origins=False,
        add_headers_function=headers,
    )


def main(argv: list[str]) -> None:
    static = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "static"
    manifest = build(static)
    print(f"{len(manifest)} static files hashed into {static / BUILD}; manifest {static / MANIFEST}")


if __name__ == "__main__":
    main(sys.argv[1:])
