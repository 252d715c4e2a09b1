"""Vietnamese labels for the page: statuses, periods, metrics, decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.core.findings import RECIPIENT_LABELS

STATUS_LABELS = {
    "done": "Đã thực hiện",
    "in_progress": "Đang thực hiện",
    "not_done": "Chưa thực hiện",
    "planned": "Dự kiến",
}

PERIOD_LABELS = {
    "Q1": "Quý I",
    "Q2": "Quý II",
    "Q3": "Quý III",
    "Q4": "Quý IV",
    "6M": "6 tháng",
    "9M": "9 tháng",
    "Y": "Cả năm",
    "OTHER": "Chuyên đề",
}

#: Award keys of domain.md, in the order the page lists them.
AWARD_LABELS = {
    "huan_chuong": "Huân chương",
    "bang_khen_thu_tuong": "Bằng khen của Thủ tướng Chính phủ",
    "co_thi_dua_chinh_phu": "Cờ thi đua của Chính phủ",
    "bang_khen_tinh": "Bằng khen của Chủ tịch UBND tỉnh",
    "co_thi_dua_tinh": "Cờ thi đua của UBND tỉnh",
    "chien_si_thi_dua_tinh": "Chiến sĩ thi đua cấp tỉnh",
    "chien_si_thi_dua_co_so": "Chiến sĩ thi đua cơ sở",
    "giay_khen": "Giấy khen",
    "lao_dong_tien_tien": "Lao động tiên tiến",
    "tap_the_lao_dong_tien_tien": "Tập thể lao động tiên tiến",
    "tap_the_lao_dong_xuat_sac": "Tập thể lao động xuất sắc",
}


FIELD_LABELS = {"accept": "Xác nhận", "change": "Sửa", "reject": "Bác bỏ", "undo": "Hoàn tác"}

SOURCE_LABELS = {
    "machine": "Máy tìm thấy",
    "confirmed": "Người duyệt xác nhận",
    "changed": "Người duyệt đã sửa",
}

#: Reasons a reviewer can pick when rejecting or dismissing (kept in the correction's note).
REJECT_REASONS = (
    "Câu không nói về nhiệm vụ này",
    "Máy đọc sai chữ (OCR)",
    "Kế hoạch hoặc dự kiến, chưa làm",
    "Trùng với câu khác",
    "Số liệu đọc sai",
    "Không phải báo cáo của đơn vị",
)

ROLE_LABELS = {"reviewer": "Người duyệt", "admin": "Quản trị"}


def metric_choices() -> list[tuple[str, str]]:
    """Every metric key `<award>.<recipient>` with its Vietnamese label."""
    return [
        (f"{award}.{rec}", f"{label} – {rec_label}")
        for award, label in AWARD_LABELS.items()
        for rec, rec_label in RECIPIENT_LABELS.items()
    ]


def metric_label(metric: str | None) -> str:
    """'Bằng khen của Chủ tịch UBND tỉnh – tập thể' for 'bang_khen_tinh.tap_the'."""
    if not metric:
        return "(chưa rõ chỉ tiêu)"
    award, _, rec = metric.partition(".")
    return f"{AWARD_LABELS.get(award, award)} – {RECIPIENT_LABELS.get(rec, rec)}" if rec else AWARD_LABELS.get(award, award)


def status_label(status: str | None) -> str:
    """The Vietnamese name of a status."""
    return STATUS_LABELS.get(status or "", status or "—")


def period_label(kind: str | None) -> str:
    """The Vietnamese name of a period kind."""
    return PERIOD_LABELS.get(kind or "", kind or "—")


def date_vi(value: Any) -> str:
    """A date as dd/mm/yyyy (accepts a date, an ISO string or None)."""
    if value in (None, ""):
        return "—"
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def number_vi(value: Any) -> str:
    """A figure as Vietnamese writes it: 1.780, 11,9."""
    if value is None:
        return "—"
    v = float(value)
    if v.is_integer():
        return f"{int(v):,}".replace(",", ".")
    return f"{v:,.2f}".rstrip("0").replace(",", " ").replace(".", ",").replace(" ", ".")


def value_label(target: str, value: dict[str, Any] | None) -> str:
    """A correction's or machine's value in words: 'Đã thực hiện, 25/01/2022' or '5'."""
    if not value:
        return "(không có – đã bác bỏ)"
    if target == "figure":
        if value.get("proposal"):
            return f"đề nghị {number_vi(value.get('value'))} (không tính)"
        return number_vi(value.get("value"))
    parts = [status_label(value.get("status"))]
    if value.get("date"):
        parts.append(date_vi(value.get("date")))
    return ", ".join(parts)


def same_value(target: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> bool:
    """Whether a decision kept the value it was made on (history says "giữ nguyên", not "A → A")."""
    if not old or not new:
        return False
    keys = ("value",) if target == "figure" else ("status", "date")
    return all(old.get(k) == new.get(k) for k in keys if k in new)


def cell_label(row: int, col: int) -> str:
    """A table cell named the one way used everywhere, 1-based: 'hàng 3, cột 2' for grid (2, 1)."""
    return f"hàng {row + 1}, cột {col + 1}"


def place_label(page: int | None, row: int | None, col: int | None) -> str:
    """Where a finding is in its original, for history and lists: 'trang 2 · hàng 3, cột 2', '' when unknown."""
    parts = [f"trang {page}"] if page is not None else []
    if row is not None and col is not None:
        parts.append(cell_label(row, col))
    return " · ".join(parts)


def in_force_id(corrections: Any) -> int | None:
    """The id of the correction in force among one key's corrections (None: the machine's value)."""
    from thidua.models.corrections import without_undone

    alive = without_undone(corrections)
    return alive[-1].id if alive else None


def restored_label(target: str, new_value: dict[str, Any] | None, on_item: bool = True) -> str:
    """Where an undo took its key back to: the machine's value or the decision before."""
    restored = (new_value or {}).get("restored") or {}
    if not on_item:
        return "câu trở lại hàng chờ"
    if restored.get("source") == "correction":
        return f"quyết định trước đó (#{restored.get('correction_id')}): {value_label(target, restored.get('value'))}"
    value = restored.get("value")
    return "giá trị máy đọc" + (f": {value_label(target, value)}" if value else "")
