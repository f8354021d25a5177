"""The briefing's PDF: WeasyPrint lays out the print-only HTML, reading files under static/ only.

Kept apart from briefing.py so WeasyPrint (about 30 MB) is loaded by the first briefing, not by
every worker that starts.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from feedback_app.config import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"


class StaticOnlyFetcher(URLFetcher):
    """Serves files under static/ and refuses every other URL: a briefing never reaches the network."""

    def __init__(self, root: Path = STATIC_DIR) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"Briefings only use files under static/, not {url}")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ValueError(f"Briefings only use files under static/, not {url}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


def document(html: str) -> Document:
    """Lay out a briefing's HTML into pages (Document.pages), before writing the PDF."""
    return HTML(string=html, base_url=str(STATIC_DIR) + "/", url_fetcher=StaticOnlyFetcher()).render()
