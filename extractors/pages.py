"""Page images of a PDF for the review page: rendered once at processing time by pdftoppm.

Each page is scaled to fit `PAGE_PIXELS` (about 105 dpi for A4: a modest size whatever the
page's declared size, so a huge page cannot swamp memory) and kept as a grayscale JPEG. Word
boxes (core.document.Box) are fractions of the page, so they fit these images as they are.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from thidua.core.errors import MissingToolError

#: The longer side of a page image, in pixels.
PAGE_PIXELS = 1240
JPEG_QUALITY = 70
#: Pages of one file given an image at most (reports run to a few pages; the rest keep their text).
MAX_PAGE_IMAGES = 100
#: Seconds for rendering all pages of one file.
RENDER_TIMEOUT = 120
IMAGE_SUFFIX = ".jpg"
_PAGE_NO = re.compile(r"-(\d+)\.jpg$")


def render_pages(path: Path, last_page: int) -> dict[int, bytes]:
    """Pages 1..last_page as JPEG bytes by page number; MissingToolError without pdftoppm.

    A page pdftoppm cannot render is missing from the result (the review page then shows the
    read text only); a run over RENDER_TIMEOUT raises subprocess.TimeoutExpired.
    """
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise MissingToolError("chưa cài pdftoppm để dựng ảnh trang; hãy cài đặt: apt-get install poppler-utils", path, tool="poppler-utils")
    if last_page < 1:
        return {}
    with tempfile.TemporaryDirectory(prefix="thidua-pages-") as tmp:
        cmd = [
            pdftoppm, "-f", "1", "-l", str(last_page), "-scale-to", str(PAGE_PIXELS), "-gray",
            "-jpeg", "-jpegopt", f"quality={JPEG_QUALITY}", str(path), str(Path(tmp) / "p"),
        ]
        subprocess.run(cmd, capture_output=True, timeout=RENDER_TIMEOUT, stdin=subprocess.DEVNULL)
        out: dict[int, bytes] = {}
        for image in Path(tmp).iterdir():
            m = _PAGE_NO.search(image.name)
            if m:
                out[int(m.group(1))] = image.read_bytes()
        return out
