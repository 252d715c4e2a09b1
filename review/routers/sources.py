"""The kept originals for logged-in reviewers: page images (rendered at processing time) and the file itself."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import FileResponse, Response
from sqlalchemy.orm import Session

from thidua.core.errors import ThiduaError
from thidua.models.artifacts import kept_page
from thidua.models.originals import OriginalsStore
from thidua.models.tables import SourceFile, User
from thidua.review.deps import current_user, db

router = APIRouter()

_MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
}
_MAX_ID = 2**31 - 1


def _source(s: Session, source_id: int) -> SourceFile:
    sf = s.get(SourceFile, source_id)
    if sf is None:
        raise HTTPException(404, "Không tìm thấy tệp này.")
    return sf


def _store(request: Request) -> OriginalsStore:
    return OriginalsStore.from_settings(request.app.state.settings)


@router.get("/sources/{source_id}/pages/{page}")
def page_image(
    request: Request,
    source_id: int = Path(..., ge=1, le=_MAX_ID),
    page: int = Path(..., ge=1, le=100000),
    user: User = Depends(current_user),
    s: Session = Depends(db),
) -> Response:
    """A page image kept when the file was processed; nothing is rendered here."""
    sf = _source(s, source_id)
    try:
        data = kept_page(_store(request), sf.sha256, page)
    except ThiduaError as exc:
        raise HTTPException(503, f"Không đọc được ảnh trang từ kho ({exc.reason}).") from None
    if data is None:
        raise HTTPException(404, f"Không có ảnh trang {page} của tệp này (tệp được xử lý trước khi lưu ảnh trang).")
    # Content-addressed: the image of these bytes never changes meaning; only a logged-in browser keeps it.
    return Response(data, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=86400"})


@router.get("/sources/{source_id}/original")
def download_original(
    request: Request, source_id: int = Path(..., ge=1, le=_MAX_ID), user: User = Depends(current_user), s: Session = Depends(db)
) -> Response:
    """The original file as the district sent it, under its original name."""
    sf = _source(s, source_id)
    try:
        path = _store(request).local_path(sf.stored_path)
    except ThiduaError as exc:
        raise HTTPException(404, f"Không tìm thấy bản gốc trong kho ({exc.reason}).") from None
    media = _MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    return FileResponse(path, media_type=media, filename=sf.original_name, headers={"Cache-Control": "private, no-store"})
