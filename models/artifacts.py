"""What the pipeline read of an original, kept beside it in the originals store.

The review page shows these and never reads an original again (no OCR, pdftoppm or
LibreOffice when a page is opened). Keys sit under the original's own folder of the store,
named by its SHA-256 like the original (`ab/cd/<sha256>/...`):

- `document.json`: the read Document (blocks, table cells, word and cell boxes), `Document.to_json`;
- `pages/<n>.jpg`: page images of PDFs and scans (extractors.pages), n from 1.

They are derived data: processing the same bytes again writes them again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from thidua.core.document import Document, SourceFormat

if TYPE_CHECKING:
    from thidua.models.originals import OriginalsStore

DOCUMENT = "document.json"


def artifact_key(sha256: str, name: str) -> str:
    """The store key of one artifact of the original with this hash."""
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}/{name}"


def page_key(sha256: str, page: int) -> str:
    """The store key of a page image."""
    from thidua.extractors.pages import IMAGE_SUFFIX

    return artifact_key(sha256, f"pages/{page}{IMAGE_SUFFIX}")


def keep_document(store: "OriginalsStore", sha256: str, doc: Document) -> None:
    """Keep the read document of an original."""
    data = json.dumps(doc.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    store.put_bytes(artifact_key(sha256, DOCUMENT), data)


def keep_pages(store: "OriginalsStore", sha256: str, original: Path, doc: Document, max_pages: int | None = None) -> int:
    """Render and keep the page images of a PDF or scan once (none for Word); the number kept.

    Pages already kept for these bytes are not rendered again. A missing pdftoppm or a render
    failure keeps none: the review page then shows the read text.
    """
    if doc.format not in (SourceFormat.PDF, SourceFormat.SCAN) or not doc.pages:
        return 0
    from thidua.extractors.pages import MAX_PAGE_IMAGES

    last = min(doc.pages, max_pages or MAX_PAGE_IMAGES)
    if store.exists(page_key(sha256, 1)) and store.exists(page_key(sha256, last)):
        return last
    import subprocess

    from thidua.core.errors import MissingToolError
    from thidua.extractors.pages import render_pages

    try:
        images = render_pages(original, last)
    except (MissingToolError, subprocess.SubprocessError, OSError):
        return 0
    for page, data in sorted(images.items()):
        store.put_bytes(page_key(sha256, page), data)
    return len(images)


def keep_read(store: "OriginalsStore", sha256: str, original: Path, doc: Document, max_pages: int | None = None) -> None:
    """Keep what the pipeline read of an original: the document and its page images."""
    keep_pages(store, sha256, original, doc, max_pages)
    keep_document(store, sha256, doc)


def kept_document(store: "OriginalsStore", sha256: str) -> Document | None:
    """The read document kept for an original, None when it was processed before these were kept."""
    data = store.get_bytes(artifact_key(sha256, DOCUMENT))
    if data is None:
        return None
    return Document.from_json(json.loads(data.decode("utf-8")))


def kept_page(store: "OriginalsStore", sha256: str, page: int) -> bytes | None:
    """A kept page image (JPEG bytes), None when there is none."""
    if page < 1:
        return None
    return store.get_bytes(page_key(sha256, page))
