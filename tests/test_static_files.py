"""Static files: pages link content-hashed names, cached for a year; gzip and brotli when asked;
the plain names still work with a short lifetime; HTML is never compressed (BREACH)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from feedback_app import create_app
from feedback_app.config import PROJECT_ROOT
from feedback_app.static_files import MANIFEST, build, hashed_name, is_hashed, load_manifest
from tests.conftest import app_config

STATIC = PROJECT_ROOT / "static"
YEAR = "public, max-age=31536000, immutable"
HASHED_CSS = re.compile(r"^/static/build/app\.[0-9a-f]{12}\.css$")


@pytest.fixture(scope="module", autouse=True)
def built() -> dict[str, str]:
    """The build `make assets` runs (idempotent: the same content gives the same names)."""
    assert (STATIC / "build" / "app.css").is_file(), "static/build/app.css is missing: run `make assets`"
    return build(STATIC)


def links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def stylesheet(client) -> str:
    found = [url for url in links(client.get("/sign-in").get_data(as_text=True)) if url.endswith(".css")]
    assert len(found) == 1, f"expected one stylesheet, found {found}"
    return found[0]


def test_pages_link_hashed_names(app, client):
    urls = links(client.get("/sign-in").get_data(as_text=True))
    assert any(HASHED_CSS.match(url) for url in urls), f"no hashed stylesheet in {urls}"
    assert urls and all(is_hashed(url) for url in urls), f"a page links a plain name: {urls}"


def test_hashed_stylesheet_is_cached_for_a_year(app, client, built):
    url = stylesheet(client)
    assert url == "/static/" + built["build/app.css"]
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == YEAR
    assert response.headers.get("Content-Encoding") is None, "compressed though the client did not ask"
    assert response.data == (STATIC / built["build/app.css"]).read_bytes()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response.headers


def test_gzip_and_brotli_are_served_when_asked(app, client, built):
    url = stylesheet(client)
    plain = (STATIC / built["build/app.css"]).read_bytes()

    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert zipped.headers["Cache-Control"] == YEAR
    assert gzip.decompress(zipped.data) == plain
    assert len(zipped.data) < len(plain) / 4, f"gzip saves too little: {len(zipped.data)} of {len(plain)} bytes"

    squeezed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert squeezed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.data) == plain
    assert len(squeezed.data) < len(zipped.data)


def test_what_the_stylesheet_loads_is_hashed_too(app, client, built):
    css = client.get(stylesheet(client)).get_data(as_text=True)
    for found in re.findall(r'url\("?([^")]+)"?\)', css):
        if found.startswith(("data:", "#")) or "/govuk/images/" in found:  # GOV.UK's own, unused pictures
            continue
        url = found if found.startswith("/") else "/static/build/" + found
        assert is_hashed(url), f"the stylesheet loads {found} under a plain name"
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == YEAR, url


def test_old_plain_names_still_work_with_a_short_lifetime(app, client):
    for url in ("/static/build/app.css", "/static/js/app.js", "/static/govuk/govuk-frontend.min.js"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "public, max-age=300", f"{url}: {response.headers['Cache-Control']}"


def test_scripts_import_the_hashed_names_of_what_they_import(app, client, built):
    script = client.get("/static/" + built["js/app.js"]).get_data(as_text=True)
    imported = re.findall(r'from "(/static/[^"]+)"', script)
    assert imported == ["/static/" + built["govuk/govuk-frontend.min.js"]], imported
    response = client.get(imported[0])
    assert response.status_code == 200 and response.headers["Cache-Control"] == YEAR


def test_html_pages_are_never_compressed(app, client):
    """Compressed pages that carry a CSRF token or someone's words invite the BREACH attack."""
    response = client.get("/sign-in", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers.get("Content-Encoding") is None


def test_development_links_plain_names(database_url):
    development = create_app(app_config(database_url) | {"STATIC_HASHED_NAMES": False, "STATIC_MAX_AGE": 0})
    urls = links(development.test_client().get("/sign-in").get_data(as_text=True))
    assert "/static/build/app.css" in urls and not any(is_hashed(url) for url in urls)


def test_build_names_by_content_and_clears_the_old_names(tmp_path: Path):
    (tmp_path / "js").mkdir()
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "fonts").mkdir()
    (tmp_path / "build" / "fonts" / "face.woff2").write_bytes(b"wOF2 not really a font")
    (tmp_path / "build" / "app.css").write_text('@font-face { src: url("fonts/face.woff2") }\n' + "body { color: black; }\n" * 50)
    (tmp_path / "js" / "app.js").write_text('import "/static/js/other.js";\n' + "let x = 1;\n" * 50)
    (tmp_path / "js" / "other.js").write_text("export const y = 2;\n")

    first = build(tmp_path)
    assert build(tmp_path) == first, "building twice gave new names"
    assert load_manifest(tmp_path) == first
    hashed_app = (tmp_path / first["js/app.js"]).read_text()
    assert f'"/static/{first["js/other.js"]}"' in hashed_app, "the import was not rewritten to the hashed name"
    hashed_css = (tmp_path / first["build/app.css"]).read_text()
    assert f'url("{first["build/fonts/face.woff2"].removeprefix("build/")}")' in hashed_css, "the font's url was not rewritten"
    assert gzip.decompress((tmp_path / (first["build/app.css"] + ".gz")).read_bytes()).decode() == hashed_css
    assert not (tmp_path / (first["build/fonts/face.woff2"] + ".gz")).exists(), "a font was gzipped"
    assert not (tmp_path / (first["js/other.js"] + ".gz")).exists(), "a tiny file was compressed for nothing"

    (tmp_path / "js" / "other.js").write_text("export const y = 3;\n")
    second = build(tmp_path)
    assert second["js/other.js"] != first["js/other.js"]
    assert second["js/app.js"] != first["js/app.js"], "a script keeps its name though what it imports changed"
    assert not (tmp_path / first["js/other.js"]).exists() and not (tmp_path / first["js/app.js"]).exists()
    assert (tmp_path / MANIFEST).is_file()


def test_hashed_names():
    assert hashed_name("js/app.js", b"x") == f"build/js/app.{'2d711642b726'}.js"
    assert hashed_name("build/app.css", b"x").startswith("build/app.") and hashed_name("build/app.css", b"x").endswith(".css")
    assert hashed_name("govuk/govuk-frontend.min.js", b"x").startswith("build/govuk/govuk-frontend.min.")
    assert is_hashed("/static/build/js/app.0123456789ab.js")
    assert not is_hashed("/static/js/app.0123456789ab.js"), "only the build makes hashed names"
    assert not is_hashed("/static/build/app.css")
